// Builds a SchemaModel from the PostgreSQL catalogs with one bulk query per object kind, all sent at
// once. Shared by the PostgreSQL and PGlite drivers: `run` is the only thing that differs.
import {
  emptyModel,
  type CheckConstraint,
  type ColumnInfo,
  type DomainInfo,
  type EnumInfo,
  type ForeignKey,
  type IndexInfo,
  type KeyConstraint,
  type ReferentialAction,
  type RoutineInfo,
  type RoutineKind,
  type RoutineParam,
  type SchemaInfo,
  type SchemaModel,
  type SequenceInfo,
  type TableInfo,
  type TableKind,
} from '../../schema/model';
import type { IntrospectOptions } from '../types';
import { CATALOG_QUERIES, type CatalogQueryName } from './catalog-queries';
import { addPostgresDocsDetails } from './docs-details';
import { bool, json, num, str, stringArray, text, type Row } from './row-values';

/**
 * Runs one catalog query. With `onRow`, a client that can stream hands each row to it as it arrives
 * and resolves `[]`, so the rows never pile up (75,000 column rows of a 5,000-table database); one
 * that cannot resolves the rows as usual and the caller hands them over itself.
 */
export type RunCatalogQuery = (sql: string, onRow?: (row: Record<string, unknown>) => void) => Promise<Record<string, unknown>[]>;

/** Catalog queries only some callers ask for (IntrospectOptions). */
const OPTIONAL_QUERIES: Partial<Record<CatalogQueryName, keyof IntrospectOptions>> = { tableSizes: 'tableSizes' };

/**
 * Phase 1: what completion needs (tables, views, their columns, enums, routines, the search path).
 * Phase 2: the rest, read after phase 1 so that the two do not share the server's CPU (the preview
 * comes first), and applied query by query as each arrives so that their rows are not all alive at once.
 */
const PREVIEW_QUERIES = ['server', 'schemas', 'relations', 'columns', 'enums', 'routines'] as const satisfies readonly CatalogQueryName[];
const COMPLETING_QUERIES = ['columnDefaults', 'constraints', 'indexes', 'viewDependencies', 'sequences', 'domains', 'columnDomains', 'triggers', 'tableSizes'] as const satisfies readonly CatalogQueryName[];
type CompletingQuery = (typeof COMPLETING_QUERIES)[number];

/**
 * Number of round trips one introspection makes without optional details (a constant: it does not
 * grow with the schema); `tableSizes` adds one.
 */
export const INTROSPECTION_QUERY_COUNT = Object.keys(CATALOG_QUERIES).length - Object.keys(OPTIONAL_QUERIES).length;

/**
 * Two phases (IntrospectOptions.onPreview): the preview — schemas, tables and columns, enums,
 * routines — is handed to `onPreview` as soon as it is assembled, then completed in place with
 * constraints, indexes, view dependencies, sequences, domains and triggers. Without `onPreview` both
 * phases' queries are sent at once.
 */
export async function introspectPostgres(run: RunCatalogQuery, database: string, options: IntrospectOptions = {}): Promise<SchemaModel> {
  const completing = COMPLETING_QUERIES.filter((n) => {
    const flag = OPTIONAL_QUERIES[n];
    return !flag || options[flag] === true;
  });
  const startCompleting = () => {
    const pending = new Map<CompletingQuery, Promise<Row[]>>();
    for (const n of completing) {
      const p = run(CATALOG_QUERIES[n]);
      p.catch(() => undefined); // awaited below; a failure of phase 1 must not leave it unhandled
      pending.set(n, p);
    }
    return pending;
  };
  let pending = options.onPreview ? undefined : startCompleting();
  const wanted = options.schemas?.length ? new Set(options.schemas) : undefined;
  const keep = (r: Row) => !wanted || wanted.has(String(r.schema ?? r.name));
  // The column rows (the bulk) become columns as they arrive; the other rows of phase 1 live only
  // inside this expression. The server reads phase 2 while this process assembles the preview.
  const columns = new ColumnCollector();
  const { model, tables, withExpressions } = assemblePreview(await readPreviewRows(run, columns, () => (pending ??= startCompleting())), columns, database, keep);
  options.onPreview?.(model);

  const inFlight = pending ?? startCompleting();
  const rowsOf = async (n: CompletingQuery): Promise<Row[]> => {
    const p = inFlight.get(n);
    inFlight.delete(n);
    return p ? await p : [];
  };
  const tableOf = (r: Row) => tables.get(tableKey(r.schema, r.table_name));
  addExpressions(withExpressions, await rowsOf('columnDefaults'), tableOf);
  for (const r of await rowsOf('constraints')) {
    const t = tableOf(r);
    if (t) addConstraint(t, r);
  }
  for (const r of await rowsOf('indexes')) tableOf(r)?.indexes.push(toIndex(r));
  for (const r of await rowsOf('viewDependencies')) {
    const t = tableOf(r);
    if (t) (t.viewDependencies ??= []).push(String(r.depends_on));
  }
  model.sequences = (await rowsOf('sequences')).filter(keep).map(toSequence);
  addDomains(model, await rowsOf('domains'), await rowsOf('columnDomains'), keep, tableOf);
  addPostgresDocsDetails(model, { triggers: await rowsOf('triggers'), tableSizes: await rowsOf('tableSizes') });
  return model;
}

type PreviewRows = Record<(typeof PREVIEW_QUERIES)[number], Row[]>;

/**
 * Phase 1's rows by query, except the column rows, which go to `columns` one by one (streamed where
 * the client can); `answered` runs as soon as all have arrived.
 */
async function readPreviewRows(run: RunCatalogQuery, columns: ColumnCollector, answered: () => void): Promise<PreviewRows> {
  const add = (r: Row) => columns.add(r);
  const results = await Promise.all(
    PREVIEW_QUERIES.map(async (n) => {
      if (n !== 'columns') return run(CATALOG_QUERIES[n]);
      for (const r of await run(CATALOG_QUERIES[n], add)) add(r);
      return [];
    }),
  );
  answered();
  return Object.fromEntries(PREVIEW_QUERIES.map((n, i) => [n, results[i]])) as PreviewRows;
}

/**
 * Columns made as their rows arrive, by table oid (the tables may not be known yet: relations.sql
 * runs alongside). node-postgres makes a new string per row and field: 75,000 columns share a few
 * hundred names and types, so one copy of each is kept.
 */
class ColumnCollector {
  readonly byRelid = new Map<number, ColumnInfo[]>();
  private readonly shared = new Map<string, string>();

  add(r: Row): void {
    const c = toColumn(r, this.intern(r.name), this.intern(r.data_type));
    const relid = Number(r.relid);
    const list = this.byRelid.get(relid);
    if (list) list.push(c);
    else this.byRelid.set(relid, [c]);
  }

  private intern(v: unknown): string {
    const s = String(v);
    const known = this.shared.get(s);
    if (known !== undefined) return known;
    this.shared.set(s, s);
    return s;
  }
}

const tableKey = (schema: unknown, table: unknown) => `${String(schema)}\u0000${String(table)}`;

/** The model of phase 1 and its tables by schema and name (phase 2 attaches to them). */
function assemblePreview(
  rows: PreviewRows,
  columns: ColumnCollector,
  database: string,
  keep: (r: Row) => boolean,
): { model: SchemaModel; tables: Map<string, TableInfo>; withExpressions: ColumnInfo[] } {
  const server = rows.server[0] ?? {};
  const model = emptyModel('postgres', database || str(server.database) || '', stringArray(server.search_path));
  const version = text(server.server_version);
  if (version) model.serverVersion = `PostgreSQL ${version.split(' ')[0]}`;
  model.schemas = rows.schemas.filter(keep).map(toSchema);
  model.enums = rows.enums.filter(keep).map(toEnum);
  model.routines = rows.routines.filter(keep).map(toRoutine);
  const enumNames = new Set(model.enums.map((e) => `${e.schema}.${e.name}`));
  const tables = new Map<string, TableInfo>();
  const withExpressions: ColumnInfo[] = [];
  for (const r of rows.relations) {
    if (!keep(r)) continue;
    const t = toTable(r);
    tables.set(tableKey(t.schema, t.name), t);
    t.columns = columns.byRelid.get(Number(r.relid)) ?? [];
    // columns.sql leaves the order to us (see there).
    t.columns.sort((a, b) => a.ordinal - b.ordinal);
    for (const c of t.columns) {
      if (c.enumRef !== undefined && !enumNames.has(c.enumRef)) delete c.enumRef;
      if (c.default !== undefined || c.generated !== undefined) withExpressions.push(c);
    }
  }
  columns.byRelid.clear();
  model.tables = [...tables.values()];
  return { model, tables, withExpressions };
}

function toSchema(r: Row): SchemaInfo {
  const s: SchemaInfo = { name: String(r.name) };
  setIf(s, 'comment', text(r.comment));
  setIf(s, 'owner', text(r.owner));
  return s;
}

const TABLE_KINDS: Record<string, TableKind> = { r: 'table', p: 'partitioned_table', v: 'view', m: 'materialized_view', f: 'foreign_table' };

function toTable(r: Row): TableInfo {
  const t: TableInfo = {
    schema: String(r.schema),
    name: String(r.name),
    kind: TABLE_KINDS[String(r.relkind)] ?? 'table',
    columns: [],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  };
  setIf(t, 'comment', text(r.comment));
  const tuples = num(r.reltuples);
  // Views have no statistics, and reltuples = -1 means "never analysed" (0 before PostgreSQL 14).
  if (tuples !== undefined && tuples >= 0 && (t.kind === 'table' || t.kind === 'partitioned_table' || t.kind === 'materialized_view'))
    t.rowEstimate = tuples;
  setIf(t, 'viewDefinition', text(r.view_definition)?.trim());
  return t;
}

/** A column of a row of columns.sql; `enumRef` is kept only if the enum is in the model (assemblePreview checks). */
function toColumn(r: Row, name: string, dataType: string): ColumnInfo {
  const c: ColumnInfo = {
    name,
    ordinal: num(r.ordinal) ?? 0,
    dataType,
    nullable: bool(r.nullable),
  };
  // The expressions' text comes in phase 2 (column-defaults.sql); until then the preview says only
  // that there is one (PENDING_EXPRESSION), which is what completion asks (INSERT snippets). The keys
  // are set here, in the model's usual order, so that snapshots and schema.json keep their key order.
  const generated = bool(r.has_default) && text(r.generated) !== undefined;
  if (bool(r.has_default) && !generated) c.default = PENDING_EXPRESSION;
  const identity = text(r.identity);
  if (identity === 'a') c.identity = 'always';
  else if (identity === 'd') c.identity = 'by_default';
  if (generated) c.generated = PENDING_EXPRESSION;
  setIf(c, 'comment', text(r.comment));
  setIf(c, 'collation', text(r.collation));
  setIf(c, 'enumRef', text(r.enum_ref));
  return c;
}

/** Stands for a default or generation expression whose text phase 2 reads; never left in a complete model. */
const PENDING_EXPRESSION = '';

/**
 * Replaces the preview's pending expressions by their text, in place (the key keeps its position); a
 * column whose default went between the phases loses it.
 */
function addExpressions(pending: ColumnInfo[], rows: Row[], tableOf: (r: Row) => TableInfo | undefined): void {
  for (const r of rows) {
    const t = tableOf(r);
    const name = String(r.name);
    const col = t?.columns.find((c) => c.name === name);
    if (!col) continue;
    setIf(col, 'default', text(r.default_expr));
    setIf(col, 'generated', text(r.generated_expr));
  }
  for (const c of pending) {
    if (c.default === PENDING_EXPRESSION) delete c.default;
    if (c.generated === PENDING_EXPRESSION) delete c.generated;
  }
}

const ACTIONS: Record<string, ReferentialAction> = { a: 'no_action', r: 'restrict', c: 'cascade', n: 'set_null', d: 'set_default' };

function addConstraint(t: TableInfo, r: Row): void {
  const name = String(r.name);
  const columns = stringArray(r.columns);
  switch (str(r.contype)) {
    case 'p':
      t.primaryKey = { name, columns } satisfies KeyConstraint;
      break;
    case 'u':
      t.uniques.push({ name, columns });
      break;
    case 'c':
      t.checks.push({ name, expression: str(r.check_expr) ?? '' } satisfies CheckConstraint);
      break;
    case 'f':
      t.foreignKeys.push({
        name,
        columns,
        refSchema: String(r.ref_schema),
        refTable: String(r.ref_table),
        refColumns: stringArray(r.ref_columns),
        onUpdate: ACTIONS[String(r.on_update)] ?? 'no_action',
        onDelete: ACTIONS[String(r.on_delete)] ?? 'no_action',
      } satisfies ForeignKey);
      if (bool(r.deferrable)) {
        const fk = t.foreignKeys[t.foreignKeys.length - 1]!;
        fk.deferrable = true;
        fk.initiallyDeferred = bool(r.initially_deferred);
      }
      break;
  }
}

function toIndex(r: Row): IndexInfo {
  const i: IndexInfo = {
    name: String(r.name),
    columns: stringArray(r.columns),
    unique: bool(r.is_unique),
    primary: bool(r.is_primary),
  };
  setIf(i, 'method', text(r.method));
  setIf(i, 'predicate', text(r.predicate));
  setIf(i, 'definition', text(r.definition));
  return i;
}

function toEnum(r: Row): EnumInfo {
  const e: EnumInfo = { schema: String(r.schema), name: String(r.name), values: stringArray(r.labels) };
  setIf(e, 'comment', text(r.comment));
  return e;
}

const ROUTINE_KINDS: Record<string, RoutineKind> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' };
const PARAM_MODES: Record<string, RoutineParam['mode']> = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' };

function toRoutine(r: Row): RoutineInfo {
  const raw = json<{ name?: string | null; type: string; mode: string }[]>(r.params) ?? [];
  const params: RoutineParam[] = raw.map((p) => {
    const param: RoutineParam = { type: p.type, mode: PARAM_MODES[p.mode] ?? 'in', hasDefault: false };
    setIf(param, 'name', text(p.name));
    return param;
  });
  // pronargdefaults counts the trailing *input* arguments that have a default.
  let defaults = num(r.n_defaults) ?? 0;
  for (let i = params.length - 1; i >= 0 && defaults > 0; i--) {
    if (params[i].mode === 'out' || params[i].mode === 'table') continue;
    params[i].hasDefault = true;
    defaults--;
  }
  const routine: RoutineInfo = { schema: String(r.schema), name: String(r.name), kind: ROUTINE_KINDS[String(r.prokind)] ?? 'function', params };
  setIf(routine, 'returnType', text(r.return_type));
  setIf(routine, 'language', text(r.language));
  setIf(routine, 'comment', text(r.comment));
  setIf(routine, 'volatility', VOLATILITY[String(r.volatility)]);
  routine.securityDefiner = bool(r.security_definer);
  setIf(routine, 'definition', text(r.definition)?.trim());
  return routine;
}

const VOLATILITY: Record<string, RoutineInfo['volatility']> = { i: 'immutable', s: 'stable', v: 'volatile' };

function toSequence(r: Row): SequenceInfo {
  const s: SequenceInfo = { schema: String(r.schema), name: String(r.name) };
  setIf(s, 'dataType', text(r.data_type));
  setIf(s, 'start', text(r.start_value));
  setIf(s, 'increment', text(r.increment));
  setIf(s, 'minValue', text(r.min_value));
  setIf(s, 'maxValue', text(r.max_value));
  s.cycle = bool(r.cycle);
  setIf(s, 'ownedBy', text(r.owned_by));
  return s;
}

/** Domains and the columns typed with them (DEFERRABLE foreign keys come with constraints.sql). */
function addDomains(model: SchemaModel, domains: Row[], columnDomains: Row[], keep: (r: Row) => boolean, tableOf: (r: Row) => TableInfo | undefined): void {
  model.domains = domains.filter(keep).map((r) => {
    const d: DomainInfo = {
      schema: String(r.schema),
      name: String(r.name),
      baseType: String(r.base_type),
      nullable: bool(r.nullable),
      checks: (json<{ name: string; expression: string }[]>(r.checks) ?? []).map((c) => ({ name: c.name, expression: c.expression })),
    };
    setIf(d, 'default', text(r.default_expr));
    setIf(d, 'comment', text(r.comment));
    return d;
  });
  for (const r of columnDomains) {
    const col = tableOf(r)?.columns.find((c) => c.name === String(r.name));
    if (col) col.domainRef = String(r.domain_ref);
  }
}

/** Sets an optional property only when there is a value, so snapshots carry no `null`/`undefined` keys. */
function setIf<T extends object, K extends keyof T>(target: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) target[k] = v;
}
