// Builds the schema explorer's nodes from a SchemaModel as plain descriptors (no `vscode` import, so
// the whole tree shape is unit-tested): connection → schema → Tables / Views → table → Columns, Keys,
// Indexes. Children are thunks, so a large catalog only pays for the branches a person opens.
import type { ColumnInfo, ForeignKey, IndexInfo, SchemaModel, TableInfo } from '../schema-types';

export type SchemaNodeKind = 'connection' | 'schema' | 'folder' | 'table' | 'column' | 'key' | 'index';

/** What a node points at, for context-menu commands (open ERD, select rows, …). */
export interface NodeTarget {
  schema?: string;
  table?: string;
  column?: string;
}

export interface SchemaNode {
  /** Unique and stable across refreshes, so the tree keeps its expansion state. */
  id: string;
  kind: SchemaNodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  /** Codicon id, e.g. "table". */
  icon: string;
  /** TreeItem.contextValue, for `view/item/context` menus. */
  contextValue: string;
  target?: NodeTarget;
  /** Leaf when undefined. */
  children?: () => SchemaNode[];
  /** Shown expanded the first time. */
  expanded?: boolean;
}

/** How the connection is labelled at the root: the settings name, not anything secret. */
export interface ConnectionHeader {
  name: string;
  dialect: string;
  readOnly: boolean;
}

const VIEW_KINDS: ReadonlySet<TableInfo['kind']> = new Set(['view', 'materialized_view']);
const KIND_LABEL: Record<TableInfo['kind'], string | undefined> = {
  table: undefined,
  partitioned_table: 'partitioned',
  view: undefined,
  materialized_view: 'materialized',
  foreign_table: 'foreign',
};

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
const seg = (s: string) => encodeURIComponent(s);
const list = (cols: string[]) => `(${cols.join(', ')})`;

/**
 * `changed`: "schema.table" of tables that differ from the committed snapshot
 * (.schemawise/schema/<connection>.json); they are marked in the tree.
 */
export function connectionNode(conn: ConnectionHeader, model: SchemaModel, changed?: ReadonlySet<string>): SchemaNode {
  const id = `conn:${seg(conn.name)}`;
  const access = conn.readOnly ? 'read-only' : 'writable';
  return {
    id,
    kind: 'connection',
    label: conn.name,
    description: `${conn.dialect} · ${access}`,
    tooltip: [`${conn.name} (${access})`, `Database: ${model.database}`, model.serverVersion, `Schema captured ${model.capturedAt}`]
      .filter(Boolean)
      .join('\n'),
    icon: 'database',
    contextValue: 'schemawise.connection',
    children: () => schemaNodes(id, model, changed),
    expanded: true,
  };
}

/** Schemas in search-path order first, then by name; a schema only known from its tables still shows. */
export function schemaNodes(parentId: string, model: SchemaModel, changed?: ReadonlySet<string>): SchemaNode[] {
  const comments = new Map(model.schemas.map((s) => [s.name, s.comment]));
  const names = new Set([...model.schemas.map((s) => s.name), ...model.tables.map((t) => t.schema)]);
  const rank = (n: string) => {
    const i = model.searchPath.indexOf(n);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const ordered = [...names].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return ordered.map((name) => {
    const id = `${parentId}/s:${seg(name)}`;
    const tables = model.tables.filter((t) => t.schema === name);
    return {
      id,
      kind: 'schema',
      label: name,
      description: tables.length === 0 ? 'empty' : undefined,
      tooltip: comments.get(name) ?? undefined,
      icon: 'symbol-namespace',
      contextValue: 'schemawise.schema',
      target: { schema: name },
      children: tables.length ? () => schemaFolders(id, tables, changed) : undefined,
      expanded: ordered.length === 1,
    };
  });
}

function schemaFolders(parentId: string, tables: TableInfo[], changed?: ReadonlySet<string>): SchemaNode[] {
  const plain = tables.filter((t) => !VIEW_KINDS.has(t.kind)).sort(byName);
  const views = tables.filter((t) => VIEW_KINDS.has(t.kind)).sort(byName);
  const folders: SchemaNode[] = [];
  if (plain.length) folders.push(folder(`${parentId}/tables`, 'Tables', plain.length, () => plain.map((t) => tableNode(`${parentId}/tables`, t, changed))));
  if (views.length) folders.push(folder(`${parentId}/views`, 'Views', views.length, () => views.map((t) => tableNode(`${parentId}/views`, t, changed))));
  return folders;
}

function folder(id: string, label: string, count: number, children: () => SchemaNode[]): SchemaNode {
  return { id, kind: 'folder', label, description: String(count), icon: 'folder', contextValue: `schemawise.folder.${label.toLowerCase()}`, children };
}

export function tableNode(parentId: string, t: TableInfo, changed?: ReadonlySet<string>): SchemaNode {
  const id = `${parentId}/t:${seg(t.name)}`;
  const isView = VIEW_KINDS.has(t.kind);
  const isChanged = changed?.has(`${t.schema}.${t.name}`) ?? false;
  const details = [isChanged ? 'changed since snapshot' : undefined, KIND_LABEL[t.kind], t.rowEstimate !== undefined && t.rowEstimate >= 0 ? `~${t.rowEstimate.toLocaleString('en-US')} rows` : undefined];
  return {
    id,
    kind: 'table',
    label: t.name,
    description: details.filter(Boolean).join(' · ') || undefined,
    tooltip: [`${t.schema}.${t.name} (${t.kind.replace('_', ' ')}, ${t.columns.length} columns)`, t.comment, isChanged ? 'Differs from the committed snapshot in .schemawise/schema/.' : undefined]
      .filter(Boolean)
      .join('\n\n'),
    icon: isChanged ? 'diff-modified' : isView ? 'eye' : 'table',
    contextValue: isView ? 'schemawise.view' : 'schemawise.table',
    target: { schema: t.schema, table: t.name },
    children: () => tableFolders(id, t),
  };
}

function tableFolders(tableId: string, t: TableInfo): SchemaNode[] {
  const out = [folder(`${tableId}/columns`, 'Columns', t.columns.length, () => columnNodes(`${tableId}/columns`, t))];
  const keys = keyNodes(`${tableId}/keys`, t);
  if (keys.length) out.push(folder(`${tableId}/keys`, 'Keys', keys.length, () => keys));
  if (t.indexes.length) out.push(folder(`${tableId}/indexes`, 'Indexes', t.indexes.length, () => [...t.indexes].sort(byName).map((i) => indexNode(`${tableId}/indexes`, i))));
  return out;
}

export function columnNodes(parentId: string, t: TableInfo): SchemaNode[] {
  return [...t.columns].sort((a, b) => a.ordinal - b.ordinal).map((c) => columnNode(parentId, t, c));
}

export function columnNode(parentId: string, t: TableInfo, c: ColumnInfo): SchemaNode {
  const pk = t.primaryKey?.columns.includes(c.name) ?? false;
  const fks = t.foreignKeys.filter((fk) => fk.columns.includes(c.name));
  const markers = [pk ? 'PK' : undefined, fks.length ? 'FK' : undefined, !c.nullable && !pk ? 'NOT NULL' : undefined].filter(Boolean);
  const details = [
    `${c.name} ${c.dataType}${c.nullable ? '' : ' NOT NULL'}`,
    pk ? 'Primary key' : undefined,
    ...fks.map((fk) => `References ${fkTarget(fk, c.name)}`),
    c.identity ? `Identity (generated ${c.identity.replace('_', ' ')})` : undefined,
    c.generated ? `Generated as ${c.generated}` : undefined,
    c.default !== undefined ? `Default ${c.default}` : undefined,
  ].filter(Boolean);
  return {
    id: `${parentId}/c:${seg(c.name)}`,
    kind: 'column',
    label: c.name,
    description: [c.dataType, ...markers].join(' · '),
    // The comment leads: it is what a person hovers a column for.
    tooltip: [c.comment, details.join('\n')].filter(Boolean).join('\n\n'),
    icon: pk ? 'key' : fks.length ? 'references' : 'symbol-field',
    contextValue: 'schemawise.column',
    target: { schema: t.schema, table: t.name, column: c.name },
  };
}

/** "public.language(language_id)": the referenced column matching `column`, or the whole key. */
function fkTarget(fk: ForeignKey, column?: string): string {
  const i = column === undefined ? -1 : fk.columns.indexOf(column);
  const cols = i >= 0 && fk.refColumns[i] !== undefined ? [fk.refColumns[i]] : fk.refColumns;
  return `${fk.refSchema}.${fk.refTable}${list(cols)}`;
}

export function keyNodes(parentId: string, t: TableInfo): SchemaNode[] {
  const target = { schema: t.schema, table: t.name };
  const out: SchemaNode[] = [];
  if (t.primaryKey) {
    const pk = t.primaryKey;
    out.push({ id: `${parentId}/pk:${seg(pk.name)}`, kind: 'key', label: pk.name, description: `PRIMARY KEY ${list(pk.columns)}`, tooltip: `Primary key ${pk.name} on ${list(pk.columns)}`, icon: 'key', contextValue: 'schemawise.primaryKey', target });
  }
  for (const fk of [...t.foreignKeys].sort(byName)) {
    const to = fkTarget(fk);
    const actions = `ON UPDATE ${fk.onUpdate.replace('_', ' ').toUpperCase()}, ON DELETE ${fk.onDelete.replace('_', ' ').toUpperCase()}`;
    out.push({ id: `${parentId}/fk:${seg(fk.name)}`, kind: 'key', label: fk.name, description: `${list(fk.columns)} → ${to}`, tooltip: `Foreign key ${fk.name}: ${list(fk.columns)} references ${to}\n${actions}`, icon: 'references', contextValue: 'schemawise.foreignKey', target: { schema: fk.refSchema, table: fk.refTable } });
  }
  for (const u of [...t.uniques].sort(byName)) {
    out.push({ id: `${parentId}/uq:${seg(u.name)}`, kind: 'key', label: u.name, description: `UNIQUE ${list(u.columns)}`, tooltip: `Unique constraint ${u.name} on ${list(u.columns)}`, icon: 'symbol-constant', contextValue: 'schemawise.uniqueKey', target });
  }
  return out;
}

export function indexNode(parentId: string, i: IndexInfo): SchemaNode {
  const flags = [i.primary ? 'primary' : i.unique ? 'unique' : undefined, i.method, i.predicate ? 'partial' : undefined].filter(Boolean);
  return {
    id: `${parentId}/i:${seg(i.name)}`,
    kind: 'index',
    label: i.name,
    description: [list(i.columns), ...flags].join(' · '),
    tooltip: [i.definition ?? `${i.unique ? 'UNIQUE ' : ''}INDEX ${i.name} ${list(i.columns)}`, i.predicate ? `WHERE ${i.predicate}` : undefined].filter(Boolean).join('\n'),
    icon: 'list-ordered',
    contextValue: 'schemawise.index',
  };
}
