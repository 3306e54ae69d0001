// Existing indexes worth dropping, each a candidate only (the advisor never drops anything):
// duplicates (same method, key and predicate as another), redundant prefixes (a non-unique b-tree
// whose key is the leading part of another b-tree's key), and unused ones (no scan since the
// statistics were reset, pg_stat_user_indexes). Indexes behind PRIMARY KEY / UNIQUE are never
// proposed: they enforce a rule, not only speed. Also: write activity per table, for the write
// overhead note of a suggestion.
import type { IndexInfo, SchemaModel, TableInfo } from '../schema/model';
import { qualifiedName } from '../schema/model';
import { normalizePart } from './candidates';
import { quoteIdent } from './query-facts';
import type { DropCandidate } from './types';

/** An index counts as unused only once its table has been scanned at least this often (any way). */
export const MIN_TABLE_SCANS_FOR_UNUSED = 50;

export interface IndexUsage {
  /** "schema.table.index" → scans */
  scans: Map<string, number>;
  /** "schema.table" → scans of the table (sequential + index) */
  tableScans: Map<string, number>;
  bytes: Map<string, number>;
  statsReset?: string;
}

export const INDEX_USAGE_SQL = `SELECT s.schemaname AS schema, s.relname AS table_name, s.indexrelname AS name, s.idx_scan::float8 AS scans,
  pg_relation_size(s.indexrelid)::float8 AS bytes,
  (SELECT coalesce(t.seq_scan, 0) + coalesce(t.idx_scan, 0) FROM pg_stat_user_tables t WHERE t.relid = s.relid)::float8 AS table_scans,
  (SELECT stats_reset::text FROM pg_stat_database WHERE datname = current_database()) AS stats_reset
FROM pg_stat_user_indexes s`;

export function indexUsageFrom(rows: Record<string, unknown>[]): IndexUsage {
  const u: IndexUsage = { scans: new Map(), tableScans: new Map(), bytes: new Map() };
  for (const r of rows) {
    const key = `${String(r.schema)}.${String(r.table_name)}.${String(r.name)}`;
    u.scans.set(key, Number(r.scans ?? 0));
    u.tableScans.set(`${String(r.schema)}.${String(r.table_name)}`, Number(r.table_scans ?? 0));
    if (r.bytes !== null && r.bytes !== undefined) u.bytes.set(key, Number(r.bytes));
    if (r.stats_reset) u.statsReset = String(r.stats_reset);
  }
  return u;
}

export function dropCandidates(model: SchemaModel, usage: IndexUsage | undefined): DropCandidate[] {
  const dropSql = model.dialect === 'mysql' ? (t: TableInfo, i: IndexInfo) => `ALTER TABLE ${bq(t.schema)}.${bq(t.name)} DROP INDEX ${bq(i.name)}` : (t: TableInfo, i: IndexInfo) => `DROP INDEX CONCURRENTLY ${quoteIdent(t.schema)}.${quoteIdent(i.name)}`;
  const out: DropCandidate[] = [];
  for (const t of model.tables) {
    if (t.kind !== 'table' && t.kind !== 'partitioned_table' && t.kind !== 'materialized_view') continue;
    const flagged = new Set<string>();
    const idx = t.indexes;
    for (const a of idx) {
      if (a.primary || a.unique || enforcesConstraint(t, a)) continue;
      const twin = idx.find((b) => b !== a && sameIndex(a, b) && (b.unique || b.primary || b.name < a.name));
      if (twin) {
        out.push(drop(dropSql, t, a, 'duplicate', `same ${a.method ?? 'btree'} key (${a.columns.join(', ')})${a.predicate ? ` and predicate` : ''} as ${twin.name}`, usage));
        flagged.add(a.name);
        continue;
      }
      const longer = idx.find((b) => b !== a && isBtree(a) && isBtree(b) && samePredicate(a, b) && isStrictPrefix(a.columns, b.columns));
      if (longer) {
        out.push(drop(dropSql, t, a, 'redundant', `its key (${a.columns.join(', ')}) is the leading part of ${longer.name} (${longer.columns.join(', ')}), which serves the same lookups`, usage));
        flagged.add(a.name);
      }
    }
    if (!usage) continue;
    for (const a of idx) {
      if (flagged.has(a.name) || a.primary || a.unique || enforcesConstraint(t, a)) continue;
      const scans = usage.scans.get(`${t.schema}.${t.name}.${a.name}`);
      const tableScans = usage.tableScans.get(`${t.schema}.${t.name}`) ?? 0;
      // A table nobody has read yet says nothing about its indexes (fresh database, reset statistics).
      if (scans === 0 && tableScans >= MIN_TABLE_SCANS_FOR_UNUSED) {
        const since = usage.statsReset ? ` since the statistics were reset (${usage.statsReset.slice(0, 19)})` : '';
        out.push(drop(dropSql, t, a, 'unused', `0 scans of this index while the table was scanned ${Math.round(tableScans).toLocaleString('en-US')} times${since}; check replicas and rare jobs before dropping`, usage));
      }
    }
  }
  return out;
}

function drop(dropSql: (t: TableInfo, i: IndexInfo) => string, t: TableInfo, i: IndexInfo, kind: DropCandidate['kind'], detail: string, usage: IndexUsage | undefined): DropCandidate {
  const d: DropCandidate = { table: qualifiedName(t), index: i.name, kind, detail, sql: dropSql(t, i) };
  const bytes = usage?.bytes.get(`${t.schema}.${t.name}.${i.name}`);
  if (bytes !== undefined) d.bytes = bytes;
  return d;
}

function bq(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

function enforcesConstraint(t: TableInfo, i: IndexInfo): boolean {
  return t.uniques.some((u) => u.name === i.name) || t.primaryKey?.name === i.name;
}

function isBtree(i: IndexInfo): boolean {
  return (i.method ?? 'btree') === 'btree';
}

function samePredicate(a: IndexInfo, b: IndexInfo): boolean {
  return normalizePart(a.predicate ?? '') === normalizePart(b.predicate ?? '');
}

function sameIndex(a: IndexInfo, b: IndexInfo): boolean {
  return (a.method ?? 'btree') === (b.method ?? 'btree') && samePredicate(a, b) && a.columns.length === b.columns.length && a.columns.every((c, k) => normalizePart(c) === normalizePart(b.columns[k]));
}

function isStrictPrefix(short: string[], long: string[]): boolean {
  return short.length < long.length && short.every((c, k) => normalizePart(c) === normalizePart(long[k]));
}

export interface TableWrites {
  writes: number;
  reads: number;
  indexes: number;
}

export const TABLE_WRITES_SQL = `SELECT s.schemaname AS schema, s.relname AS table_name,
  (s.n_tup_ins + s.n_tup_upd + s.n_tup_del)::float8 AS writes,
  (coalesce(s.seq_scan, 0) + coalesce(s.idx_scan, 0))::float8 AS reads,
  (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid)::int AS indexes
FROM pg_stat_user_tables s`;

export function tableWritesFrom(rows: Record<string, unknown>[]): Map<string, TableWrites> {
  return new Map(rows.map((r) => [`${String(r.schema)}.${String(r.table_name)}`, { writes: Number(r.writes ?? 0), reads: Number(r.reads ?? 0), indexes: Number(r.indexes ?? 0) }]));
}

/**
 * A note when a table gets more rows written than it gets read operations (scans; building an index
 * also counts as one): every extra index slows each of those writes.
 */
export function writeNote(w: TableWrites | undefined): string | undefined {
  if (!w || w.writes < 1000 || w.writes <= w.reads) return undefined;
  return `write-heavy table: ${fmt(w.writes)} rows written vs ${fmt(w.reads)} reads (table and index scans) since the statistics were reset; every INSERT (and each UPDATE of an indexed column) also updates this index, and the table already has ${w.indexes} index${w.indexes === 1 ? '' : 'es'}`;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
