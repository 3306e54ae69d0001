// SchemaModel (with effective descriptions) → the pages of the documentation: index, one page per
// table/view, ERD pages for schemas too big for one diagram, enums, routines and the glossary.
import { buildErdGraph, type ErdGraph } from '../erd';
import { qualifiedName, routineSignature, type ForeignKey, type SchemaModel, type TableInfo } from '../schema/model';
import { coverageOf } from './coverage';
import { graphLookup, keysOnly, mermaid, neighbourhoodDiagram, splitByNeighbourhood, type GraphLookup } from './erd-parts';
import { formatBytes, formatCount, percent } from './format';
import type { Glossary } from './glossary';
import { code, em, joined, link, strong, text, type Block, type Cell, type Inline, type Page } from './page';
import { assignTablePages, cmp, compareTables, safeSegment, tableKey } from './paths';

export interface PageOptions {
  /** Show row estimates and sizes (they change with the data; off keeps Git diffs to structure). */
  stats: boolean;
}

interface Ctx {
  model: SchemaModel;
  pages: Map<string, string>;
  tables: Map<string, TableInfo>;
  children: Map<string, { table: TableInfo; fk: ForeignKey }[]>;
  glossary: Glossary;
  termAnchors: string[];
  graph: GraphLookup;
  options: PageOptions;
}

const KIND_LABEL: Record<TableInfo['kind'], string> = {
  table: 'table',
  partitioned_table: 'partitioned table',
  view: 'view',
  materialized_view: 'materialized view',
  foreign_table: 'foreign table',
};

export function buildPages(model: SchemaModel, glossary: Glossary, options: PageOptions): Page[] {
  const sorted = [...model.tables].sort(compareTables);
  const pageFiles = assignTablePages(sorted, '');
  const tables = new Map(sorted.map((t) => [tableKey(t), t]));
  const children = new Map<string, { table: TableInfo; fk: ForeignKey }[]>();
  for (const t of sorted)
    for (const fk of t.foreignKeys) {
      const parent = findTable(tables, fk.refSchema, fk.refTable);
      if (!parent) continue;
      const k = tableKey(parent);
      const list = children.get(k);
      if (list) list.push({ table: t, fk });
      else children.set(k, [{ table: t, fk }]);
    }
  const graph = buildErdGraph({ ...model, tables: sorted }, { includeViews: true });
  const ctx: Ctx = { model, pages: pageFiles, tables, children, glossary, termAnchors: termAnchors(glossary), graph: graphLookup(graph), options };
  const pages: Page[] = [];
  const erdPages = new Map<string, Page>();
  for (const schema of schemaNames(model)) {
    const g = keysOnly(filterSchema(graph, schema));
    const tablesOnly = { ...g, nodes: g.nodes.filter((n) => n.kind !== 'view' && n.kind !== 'materialized_view') };
    const onlyTables = { ...tablesOnly, edges: tablesOnly.edges };
    if (onlyTables.nodes.length === 0) continue;
    erdPages.set(schema, erdPage(ctx, schema, onlyTables));
  }
  pages.push(indexPage(ctx, erdPages));
  for (const p of erdPages.values()) if (p.path) pages.push(p);
  for (const t of sorted) pages.push(tablePage(ctx, t));
  if (model.enums.length || (model.domains?.length ?? 0)) pages.push(typesPage(ctx));
  if (model.routines.length) pages.push(routinesPage(ctx));
  pages.push(glossaryPage(ctx));
  return pages;
}

function schemaNames(model: SchemaModel): string[] {
  return [...new Set([...model.schemas.map((s) => s.name), ...model.tables.map((t) => t.schema)])].sort(cmp);
}

function filterSchema(graph: ErdGraph, schema: string): ErdGraph {
  const nodes = graph.nodes.filter((n) => n.schema === schema);
  const ids = new Set(nodes.map((n) => n.id));
  return { ...graph, schemas: [schema], nodes, edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

function findTable(tables: Map<string, TableInfo>, schema: string, name: string): TableInfo | undefined {
  return tables.get(`${schema}.${name}`);
}

const tableLink = (ctx: Ctx, key: string, label = key): Inline => (ctx.pages.has(key) ? link(label, ctx.pages.get(key)!, undefined, true) : code(label));

// ---------------------------------------------------------------------------------------------- index

/** Part of the index for a schema: an inline diagram when it fits, else a page of neighbourhoods. */
function erdPage(ctx: Ctx, schema: string, graph: ErdGraph): Page {
  const parts = splitByNeighbourhood(graph);
  if (parts.length === 1) return { path: '', title: schema, blocks: [{ b: 'erd', mermaid: mermaid(parts[0]!.graph), tables: parts[0]!.graph.nodes.map((n) => n.id) }] };
  const path = `erd/${safeSegment(schema)}`;
  const blocks: Block[] = [
    { b: 'h', level: 1, content: [text('ERD of schema '), code(schema)] },
    { b: 'p', content: [link('← Index', 'index')] },
    {
      b: 'p',
      content: [
        text(`${graph.nodes.length} tables are too many for one readable diagram, so they are drawn in ${parts.length} parts: each part is a hub table and its neighbourhood; links between parts are listed under each diagram.`),
      ],
    },
  ];
  parts.forEach((p, i) => {
    const title = p.hub ? [text(`Part ${i + 1}: around `), code(p.hub)] : [text(`Part ${i + 1}: ${p.graph.edges.length ? 'small groups' : 'tables without foreign keys'}`)];
    blocks.push({ b: 'h', level: 2, content: title });
    blocks.push({ b: 'p', content: [text('Tables: '), ...joined(p.graph.nodes.map((n) => n.id).sort(cmp).map((id) => [tableLink(ctx, id)]))] });
    blocks.push({ b: 'erd', mermaid: mermaid(p.graph), tables: p.graph.nodes.map((n) => n.id) });
    if (p.crossLinks.length) blocks.push({ b: 'p', content: [em('Links to other parts:'), text(' ' + p.crossLinks.join('; '))] });
  });
  return { path, title: `ERD of ${schema}`, blocks };
}

function indexPage(ctx: Ctx, erds: Map<string, Page>): Page {
  const m = ctx.model;
  const cov = coverageOf(m);
  const blocks: Block[] = [
    { b: 'h', level: 1, content: [text('Database '), code(m.database)] },
    { b: 'p', content: [text(`Dialect: ${dialectLabel(m.dialect)}. ${m.tables.length} tables and views in ${schemaNames(m).length} schema(s).`)] },
    { b: 'h', level: 2, content: [text('Documentation coverage')] },
    {
      b: 'table',
      head: ['Objects', 'Described', 'Total', 'Coverage'],
      rows: [
        [[text('Tables and views')], [text(String(cov.tablesDescribed))], [text(String(cov.tables))], [text(percent(cov.tablesDescribed, cov.tables))]],
        [[text('Columns')], [text(String(cov.columnsDescribed))], [text(String(cov.columns))], [text(percent(cov.columnsDescribed, cov.columns))]],
      ],
    },
  ];
  const other: Inline[][] = [];
  if (m.enums.length || m.domains?.length) other.push([link('Enums and domains', 'types')]);
  if (m.routines.length) other.push([link('Routines', 'routines')]);
  other.push([link('Glossary', 'glossary')]);
  blocks.push({ b: 'p', content: [text('See also: '), ...joined(other)] });
  for (const schema of schemaNames(m)) {
    const info = m.schemas.find((s) => s.name === schema);
    blocks.push({ b: 'h', level: 2, content: [text('Schema '), code(schema)] });
    if (info?.comment) blocks.push({ b: 'p', content: [text(info.comment)] });
    const tables = m.tables.filter((t) => t.schema === schema).sort(compareTables);
    if (tables.length === 0) {
      blocks.push({ b: 'p', content: [em('No tables or views.')] });
      continue;
    }
    const head = ['Name', 'Kind', 'Description', ...(ctx.options.stats ? ['Rows (estimate)', 'Size'] : [])];
    blocks.push({
      b: 'table',
      head,
      rows: tables.map((t) => [
        [tableLink(ctx, tableKey(t), t.name)],
        [text(KIND_LABEL[t.kind])],
        t.comment ? [text(firstLine(t.comment))] : [],
        ...(ctx.options.stats ? [[text(t.rowEstimate === undefined ? '' : formatCount(t.rowEstimate))], [text(t.sizeBytes === undefined ? '' : formatBytes(t.sizeBytes))]] : []),
      ]),
    });
    const erd = erds.get(schema);
    if (erd) {
      blocks.push({ b: 'h', level: 3, content: [text('Entity-relationship diagram')] });
      if (erd.path) blocks.push({ b: 'p', content: [text('This schema is drawn in parts by neighbourhood: '), link(erd.title, erd.path)] });
      else blocks.push(...erd.blocks);
    }
  }
  return { path: 'index', title: `Database ${m.database}`, blocks };
}

function dialectLabel(d: string): string {
  return d === 'postgres' ? 'PostgreSQL' : d === 'mysql' ? 'MySQL/MariaDB' : d === 'mssql' ? 'SQL Server' : d;
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/)[0]!.trim();
  return line.length > 200 ? line.slice(0, 199) + '…' : line;
}

// ---------------------------------------------------------------------------------------------- table

function tablePage(ctx: Ctx, t: TableInfo): Page {
  const key = tableKey(t);
  const path = ctx.pages.get(key)!;
  const blocks: Block[] = [
    { b: 'h', level: 1, content: [text(`${capitalize(KIND_LABEL[t.kind])} `), code(key)] },
    { b: 'p', content: [link('← Index', 'index'), text(' · '), link('Glossary', 'glossary')] },
    { b: 'p', content: t.comment ? [text(t.comment)] : [em('No description.')] },
  ];
  if (ctx.options.stats && (t.rowEstimate !== undefined || t.sizeBytes !== undefined)) {
    const facts: string[] = [];
    if (t.rowEstimate !== undefined) facts.push(`about ${formatCount(t.rowEstimate)} rows`);
    if (t.sizeBytes !== undefined) facts.push(`${formatBytes(t.sizeBytes)} on disk`);
    blocks.push({ b: 'p', content: [text(capitalize(facts.join(', ')) + '.')] });
  }
  blocks.push(...columnsSection(ctx, t));
  blocks.push(...constraintsSection(t));
  blocks.push(...foreignKeySection(ctx, t));
  if (t.indexes.length) {
    blocks.push({ b: 'h', level: 2, content: [text('Indexes')] });
    blocks.push({
      b: 'table',
      head: ['Name', 'Columns', 'Unique', 'Method', 'Definition'],
      rows: [...t.indexes].sort((a, b) => cmp(a.name, b.name)).map((i) => [
        [code(i.name)],
        joined(i.columns.map((c) => [code(c)])),
        [text(i.primary ? 'primary' : i.unique ? 'yes' : '')],
        [text(i.method ?? '')],
        [code(i.definition ?? (i.predicate ? `WHERE ${i.predicate}` : ''))],
      ]),
    });
  }
  if (t.triggers?.length) {
    blocks.push({ b: 'h', level: 2, content: [text('Triggers')] });
    blocks.push({
      b: 'table',
      head: ['Name', 'Timing', 'Events', 'Level', 'Definition', 'Description'],
      rows: [...t.triggers].sort((a, b) => cmp(a.name, b.name)).map((tr) => [
        [code(tr.name)],
        [text(tr.timing.replace(/_/g, ' '))],
        [text(tr.events.join(', '))],
        [text(tr.level ?? '')],
        [code(tr.definition ?? '')],
        [text(tr.comment ?? '')],
      ]),
    });
  }
  if (t.viewDefinition) {
    blocks.push({ b: 'h', level: 2, content: [text('Definition')] });
    blocks.push({ b: 'code', text: t.viewDefinition, lang: 'sql' });
  }
  if (t.viewDependencies?.length) {
    blocks.push({ b: 'h', level: 2, content: [text('Reads from')] });
    blocks.push({ b: 'list', items: [...t.viewDependencies].sort(cmp).map((d) => [tableLink(ctx, d)]) });
  }
  const terms = ctx.glossary.byTable.get(key) ?? [];
  if (terms.length) {
    blocks.push({ b: 'h', level: 2, content: [text('Glossary terms')] });
    blocks.push({ b: 'p', content: joined(terms.map((i) => [link(ctx.glossary.entries[i]!.term, 'glossary', ctx.termAnchors[i])])) });
  }
  const erd = neighbourhoodDiagram(ctx.graph, key);
  if (erd && (ctx.graph.adj.get(key)?.length ?? 0) > 0) {
    blocks.push({ b: 'h', level: 2, content: [text('Entity-relationship diagram')] });
    if (erd.omitted) blocks.push({ b: 'p', content: [em(`${erd.omitted} more related tables are not drawn; see the foreign keys above.`)] });
    blocks.push({ b: 'erd', mermaid: erd.text, tables: [key] });
  }
  return { path, title: key, blocks };
}

function columnsSection(ctx: Ctx, t: TableInfo): Block[] {
  const pk = new Set(t.primaryKey?.columns ?? []);
  const uniques = [...t.uniques.map((u) => u.columns), ...t.indexes.filter((i) => i.unique && !i.primary && !i.predicate).map((i) => i.columns)];
  const unique = new Set(uniques.filter((u) => u.length === 1).map((u) => u[0]!));
  const parents = new Map<string, Inline[][]>();
  for (const fk of t.foreignKeys)
    fk.columns.forEach((c, i) => {
      const target = `${fk.refSchema}.${fk.refTable}`;
      const entry: Inline[] = [tableLink(ctx, target), text('.'), code(fk.refColumns[i] ?? '')];
      const list = parents.get(c);
      if (list) list.push(entry);
      else parents.set(c, [entry]);
    });
  const referencedBy = new Map<string, Inline[][]>();
  for (const { table, fk } of ctx.children.get(tableKey(t)) ?? [])
    fk.refColumns.forEach((c, i) => {
      const entry: Inline[] = [tableLink(ctx, tableKey(table)), text('.'), code(fk.columns[i] ?? '')];
      const list = referencedBy.get(c);
      if (list) list.push(entry);
      else referencedBy.set(c, [entry]);
    });
  const rows: Cell[][] = [...t.columns]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((c) => {
      const keys = [pk.has(c.name) && 'PK', parents.has(c.name) && 'FK', unique.has(c.name) && 'UK'].filter(Boolean).join(' ');
      const type = c.dataType + (c.identity ? identityLabel(ctx.model.dialect, c.identity) : '') + (c.generated ? ` (generated: ${c.generated})` : '');
      return [
        [code(c.name)],
        [code(type)],
        [text(c.nullable ? 'yes' : 'no')],
        [code(c.default ?? '')],
        keys ? [strong(keys)] : [],
        joined(parents.get(c.name) ?? []),
        joined(referencedBy.get(c.name) ?? []),
        c.comment ? [text(c.comment)] : [],
      ];
    });
  return [
    { b: 'h', level: 2, content: [text('Columns')] },
    { b: 'table', head: ['Name', 'Type', 'Nullable', 'Default', 'Keys', 'References', 'Referenced by', 'Description'], rows },
  ];
}

function identityLabel(dialect: string, identity: 'always' | 'by_default'): string {
  if (dialect === 'mysql') return ' (auto_increment)';
  if (dialect === 'mssql') return ' (identity)';
  return ` (identity ${identity === 'always' ? 'always' : 'by default'})`;
}

function constraintsSection(t: TableInfo): Block[] {
  const rows: Cell[][] = [];
  if (t.primaryKey) rows.push([[code(t.primaryKey.name)], [text('primary key')], [code(`PRIMARY KEY (${t.primaryKey.columns.join(', ')})`)]]);
  for (const u of [...t.uniques].sort((a, b) => cmp(a.name, b.name))) rows.push([[code(u.name)], [text('unique')], [code(`UNIQUE (${u.columns.join(', ')})`)]]);
  for (const c of [...t.checks].sort((a, b) => cmp(a.name, b.name))) rows.push([[code(c.name)], [text('check')], [code(c.expression)]]);
  for (const fk of [...t.foreignKeys].sort((a, b) => cmp(a.name, b.name)))
    rows.push([[code(fk.name)], [text('foreign key')], [code(`FOREIGN KEY (${fk.columns.join(', ')}) REFERENCES ${fk.refSchema}.${fk.refTable} (${fk.refColumns.join(', ')})`)]]);
  if (rows.length === 0) return [];
  return [{ b: 'h', level: 2, content: [text('Constraints')] }, { b: 'table', head: ['Name', 'Type', 'Definition'], rows }];
}

function foreignKeySection(ctx: Ctx, t: TableInfo): Block[] {
  const out: Block[] = [];
  const action = (a: string) => a.replace(/_/g, ' ');
  if (t.foreignKeys.length) {
    out.push({ b: 'h', level: 2, content: [text('Foreign keys (parents)')] });
    out.push({
      b: 'table',
      head: ['Name', 'Columns', 'References', 'On update', 'On delete'],
      rows: [...t.foreignKeys].sort((a, b) => cmp(a.name, b.name)).map((fk) => [
        [code(fk.name)],
        joined(fk.columns.map((c) => [code(c)])),
        [tableLink(ctx, `${fk.refSchema}.${fk.refTable}`), text(' ('), ...joined(fk.refColumns.map((c) => [code(c)])), text(')')],
        [text(action(fk.onUpdate))],
        [text(action(fk.onDelete) + (fk.deferrable ? (fk.initiallyDeferred ? ', deferrable initially deferred' : ', deferrable') : ''))],
      ]),
    });
  }
  const children = ctx.children.get(tableKey(t)) ?? [];
  if (children.length) {
    out.push({ b: 'h', level: 2, content: [text('Referenced by (children)')] });
    out.push({
      b: 'table',
      head: ['Table', 'Columns', 'Constraint'],
      rows: [...children]
        .sort((a, b) => compareTables(a.table, b.table) || cmp(a.fk.name, b.fk.name))
        .map(({ table, fk }) => [[tableLink(ctx, tableKey(table))], joined(fk.columns.map((c) => [code(c)])), [code(fk.name)]]),
    });
  }
  return out;
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

// ------------------------------------------------------------------------------ enums, routines

function typesPage(ctx: Ctx): Page {
  const m = ctx.model;
  const blocks: Block[] = [{ b: 'h', level: 1, content: [text('Enums and domains')] }, { b: 'p', content: [link('← Index', 'index')] }];
  if (m.enums.length) {
    blocks.push({ b: 'h', level: 2, content: [text('Enums')] });
    blocks.push({
      b: 'table',
      head: ['Name', 'Values', 'Description'],
      rows: [...m.enums].sort(compareTables).map((e) => [[code(qualifiedName(e))], joined(e.values.map((v) => [code(v)])), [text(e.comment ?? '')]]),
    });
  }
  if (m.domains?.length) {
    blocks.push({ b: 'h', level: 2, content: [text('Domains')] });
    blocks.push({
      b: 'table',
      head: ['Name', 'Base type', 'Nullable', 'Default', 'Checks', 'Description'],
      rows: [...m.domains].sort(compareTables).map((d) => [
        [code(qualifiedName(d))],
        [code(d.baseType)],
        [text(d.nullable ? 'yes' : 'no')],
        [code(d.default ?? '')],
        joined(d.checks.map((c) => [code(c.expression)])),
        [text(d.comment ?? '')],
      ]),
    });
  }
  return { path: 'types', title: 'Enums and domains', blocks };
}

function routinesPage(ctx: Ctx): Page {
  const m = ctx.model;
  const blocks: Block[] = [{ b: 'h', level: 1, content: [text('Routines')] }, { b: 'p', content: [link('← Index', 'index')] }];
  const routines = [...m.routines].sort((a, b) => compareTables(a, b) || cmp(routineSignature(a), routineSignature(b)));
  blocks.push({
    b: 'table',
    head: ['Schema', 'Signature', 'Kind', 'Language', 'Volatility', 'Security', 'Description'],
    rows: routines.map((r) => [
      [code(r.schema)],
      [code(routineSignature(r))],
      [text(r.kind)],
      [text(r.language ?? '')],
      [text(r.volatility ?? '')],
      [text(r.securityDefiner === undefined ? '' : r.securityDefiner ? 'definer' : 'invoker')],
      [text(r.comment ?? '')],
    ]),
  });
  const withBody = routines.filter((r) => r.definition);
  if (withBody.length) {
    blocks.push({ b: 'h', level: 2, content: [text('Definitions')] });
    for (const r of withBody) {
      blocks.push({ b: 'h', level: 3, content: [code(`${r.schema}.${routineSignature(r)}`)] });
      blocks.push({ b: 'code', text: r.definition!, lang: 'sql' });
    }
  }
  return { path: 'routines', title: 'Routines', blocks };
}

// ------------------------------------------------------------------------------------------ glossary

/** Heading anchors as GitHub computes them (lower case, punctuation dropped, repeats numbered). */
function termAnchors(glossary: Glossary): string[] {
  const used = new Map<string, number>();
  return glossary.entries.map((e) => {
    const base = githubAnchor(e.term) || 'term';
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}

export function githubAnchor(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

const MAX_USAGES = 40;

function glossaryPage(ctx: Ctx): Page {
  const g = ctx.glossary;
  const blocks: Block[] = [
    { b: 'h', level: 1, content: [text('Glossary')] },
    { b: 'p', content: [link('← Index', 'index')] },
  ];
  const defined = g.entries.map((e, i) => ({ e, i })).filter(({ e }) => e.origin === 'glossary');
  const harvested = g.entries.map((e, i) => ({ e, i })).filter(({ e }) => e.origin !== 'glossary');
  blocks.push({ b: 'h', level: 2, content: [text('Business terms')] });
  if (defined.length === 0) blocks.push({ b: 'p', content: [em('No terms yet: add them to .schemawise/glossary.yml (term, definition, synonyms, appliesTo).')] });
  for (const { e, i } of defined) {
    blocks.push({ b: 'h', level: 3, content: [text(e.term)], id: ctx.termAnchors[i]! });
    blocks.push({ b: 'p', content: e.definition ? [text(e.definition)] : [em('No definition.')] });
    if (e.synonyms.length) blocks.push({ b: 'p', content: [strong('Synonyms:'), text(' ' + e.synonyms.join(', '))] });
    blocks.push(usageBlock(ctx, e.usages));
    if (e.unresolved.length) blocks.push({ b: 'p', content: [strong('Not found in this database:'), text(' '), ...joined(e.unresolved.map((u) => [code(u)]))] });
  }
  blocks.push({ b: 'h', level: 2, content: [text('Candidate terms')] });
  blocks.push({ b: 'p', content: [text('Harvested from table names, abbreviations in names and acronyms in comments. Promote the useful ones to .schemawise/glossary.yml with a definition.')] });
  for (const { e, i } of harvested) {
    blocks.push({ b: 'h', level: 3, content: [text(e.term)], id: ctx.termAnchors[i]! });
    const origin = e.origin === 'abbreviation' ? [text('Abbreviation of '), strong(e.expansion ?? ''), text('.')] : [em(`From ${e.origin}.`)];
    blocks.push({ b: 'p', content: origin });
    blocks.push(usageBlock(ctx, e.usages));
  }
  return { path: 'glossary', title: 'Glossary', blocks };
}

function usageBlock(ctx: Ctx, usages: { table: string; column?: string }[]): Block {
  if (usages.length === 0) return { b: 'p', content: [em('Not used in any table or column name.')] };
  const shown = usages.slice(0, MAX_USAGES).map((u) => (u.column ? [tableLink(ctx, u.table), text('.'), code(u.column)] : [tableLink(ctx, u.table)]));
  const more = usages.length > MAX_USAGES ? [text(` and ${usages.length - MAX_USAGES} more`)] : [];
  return { b: 'p', content: [strong('Used in:'), text(' '), ...joined(shown), ...more] };
}
