// Existing keys of parents that a run does not generate, read through the driver's read-only session
// (queryReadOnly: a read-only transaction that is always rolled back). Bounded and cheap on big
// tables: no ORDER BY random(), no full scan.
//   PostgreSQL: the catalog's row estimate (pg_class.reltuples) picks between a plain LIMIT (small
//   tables: every key) and TABLESAMPLE SYSTEM (p) REPEATABLE (seed), which reads only p% of the
//   table's pages, with p chosen to give about three times the bound. An estimate that lies (the
//   sample comes back empty) falls back to the plain LIMIT.
//   MySQL/MariaDB: no TABLESAMPLE; a plain LIMIT reads the first keys in the order the engine
//   scans (an index or the clustered primary key): cheap, but the oldest rows of a big table.
// Identifiers are quoted with the dialect's quoting, numbers are the only other thing in the SQL.
import type { DatabaseDriver } from '../../drivers/types';
import type { SchemaModel, TableInfo } from '../../schema/model';
import { parseColumnType, type TypeSpec } from '../column-type';
import type { Value } from '../expr';
import { quote, quoteIdent, tableName } from '../format';
import type { ParentKeyRequest, ParentKeySample, ParentKeySource } from '../types';

const TIMEOUT_MS = 30_000;
/** TABLESAMPLE only when the estimate exceeds the bound this many times (smaller tables: read them with LIMIT). */
const SAMPLE_ABOVE = 4;
/** Pages sampled for about this many times the bound, so the LIMIT is usually reached. */
const OVERSAMPLE = 3;

export class DriverParentKeySampler implements ParentKeySource {
  private readonly dialect: 'postgres' | 'mysql';

  constructor(
    private readonly driver: Pick<DatabaseDriver, 'queryReadOnly'>,
    dialect: SchemaModel['dialect'],
  ) {
    if (dialect !== 'postgres' && dialect !== 'mysql') throw new Error(`existing parent keys are read from PostgreSQL and MySQL/MariaDB only, not ${dialect}`);
    this.dialect = dialect;
  }

  async sampleKeys(r: ParentKeyRequest): Promise<ParentKeySample> {
    const estimatedRows = await this.estimate(r.parent);
    const sample = this.dialect === 'postgres' && estimatedRows !== undefined && estimatedRows > SAMPLE_ABOVE * r.limit;
    let method = sample ? `TABLESAMPLE SYSTEM (${percent(r.limit, estimatedRows!)}%)` : undefined;
    let rows = await this.read(r, sample ? estimatedRows : undefined);
    if (rows.length === 0 && sample) {
      method = 'LIMIT (the sample found no rows: the row estimate is stale)';
      rows = await this.read(r, undefined);
    }
    const bounded = sample || rows.length >= r.limit;
    method ??= !bounded ? 'LIMIT (the whole table)' : this.dialect === 'postgres' ? 'LIMIT (the first rows the scan returns)' : 'LIMIT (the first keys in index order: MySQL/MariaDB has no TABLESAMPLE)';
    const tuples = distinctSorted(rows.map((row) => row.map((v, i) => keyValue(v, this.typeOf(r.parent, r.columns[i]!)))));
    const parentEmpty = tuples.length === 0 && (r.unreferencedBy ? !(await this.anyKey(r)) : true);
    return { tuples, parentEmpty, bounded, estimatedRows, method };
  }

  async existingKeys(r: { table: TableInfo; columns: string[]; limit: number }): Promise<{ tuples: Value[][]; bounded: boolean }> {
    const d = this.dialect;
    const q = (c: string) => quoteIdent(c, d);
    const cols = r.columns.map((c, i) => (d === 'postgres' ? `t.${q(c)}::text AS k${i}` : `CAST(t.${q(c)} AS CHAR) AS k${i}`)).join(', ');
    const sql = `SELECT ${cols} FROM ${tableName(r.table, d)} AS t WHERE ${r.columns.map((c) => `t.${q(c)} IS NOT NULL`).join(' AND ')} LIMIT ${Math.max(1, Math.floor(r.limit))}`;
    const rows = (await this.driver.queryReadOnly(sql, { maxRows: r.limit, timeoutMs: TIMEOUT_MS })).rows;
    return { tuples: rows.map((row) => row.map((v, i) => keyValue(v, this.typeOf(r.table, r.columns[i]!)))), bounded: rows.length >= r.limit };
  }

  private typeOf(t: TableInfo, column: string): TypeSpec {
    return parseColumnType(t.columns.find((c) => c.name === column)?.dataType ?? 'text', this.dialect);
  }

  /** The catalog's row estimate (no scan); undefined when the catalog has none (never analysed, partitioned). */
  private async estimate(t: TableInfo): Promise<number | undefined> {
    const sql =
      this.dialect === 'postgres'
        ? `SELECT c.reltuples::float8 AS n FROM pg_catalog.pg_class c WHERE c.oid = to_regclass(${quote(tableName(t, 'postgres'), 'postgres')})`
        : `SELECT TABLE_ROWS AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${quote(t.name, 'mysql')}`;
    const res = await this.driver.queryReadOnly(sql, { maxRows: 1, timeoutMs: TIMEOUT_MS });
    const n = Number(res.rows[0]?.[0]);
    return res.rows.length && Number.isFinite(n) && n > 0 ? n : undefined;
  }

  private async read(r: ParentKeyRequest, sampleOf: number | undefined): Promise<unknown[][]> {
    const d = this.dialect;
    const q = (c: string) => quoteIdent(c, d);
    const cols = r.columns.map((c, i) => (d === 'postgres' ? `p.${q(c)}::text AS k${i}` : `CAST(p.${q(c)} AS CHAR) AS k${i}`)).join(', ');
    const where = r.columns.map((c) => `p.${q(c)} IS NOT NULL`);
    if (r.unreferencedBy) {
      const on = r.unreferencedBy.columns.map((c, i) => `c.${q(c)} = p.${q(r.columns[i]!)}`).join(' AND ');
      // A correlated probe per sampled row (the child's columns are a unique key, so indexed): NOT
      // EXISTS would let the planner hash the whole child table for an anti-join.
      where.push(`(SELECT 1 FROM ${tableName(r.unreferencedBy.table, d)} AS c WHERE ${on} LIMIT 1) IS NULL`);
    }
    const sample = sampleOf !== undefined ? ` TABLESAMPLE SYSTEM (${percent(r.limit, sampleOf)}) REPEATABLE (${r.seed % 2_147_483_647})` : '';
    const sql = `SELECT ${cols} FROM ${tableName(r.parent, d)} AS p${sample} WHERE ${where.join(' AND ')} LIMIT ${Math.max(1, Math.floor(r.limit))}`;
    const res = await this.driver.queryReadOnly(sql, { maxRows: r.limit, timeoutMs: TIMEOUT_MS });
    return res.rows;
  }

  /** Does the parent have any row with a whole key (ignoring which ones the child references)? */
  private async anyKey(r: ParentKeyRequest): Promise<boolean> {
    const d = this.dialect;
    const sql = `SELECT 1 FROM ${tableName(r.parent, d)} AS p WHERE ${r.columns.map((c) => `p.${quoteIdent(c, d)} IS NOT NULL`).join(' AND ')} LIMIT 1`;
    return (await this.driver.queryReadOnly(sql, { maxRows: 1, timeoutMs: TIMEOUT_MS })).rows.length > 0;
  }
}

function percent(limit: number, estimated: number): string {
  return Math.min(100, Math.max(0.0001, (100 * OVERSAMPLE * limit) / estimated)).toFixed(4).replace(/\.?0+$/, '');
}

/** A key read as text, as the generator holds values of that type (numbers, epoch ms, booleans, text). */
export function keyValue(v: unknown, type: TypeSpec): Value {
  if (v === null || v === undefined) return null;
  const s = v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v);
  switch (type.kind) {
    case 'int':
    case 'year': {
      const n = Number(s);
      return Number.isSafeInteger(n) ? n : s;
    }
    case 'decimal':
    case 'money':
    case 'float': {
      const n = Number(s);
      // Keep the text when a number would round it (long numerics): the database parses it back.
      return Number.isFinite(n) && String(n) === s ? n : s;
    }
    case 'bool':
      return s === 't' || s === 'true' || s === '1';
    default:
      // Text, uuids, and dates/times too: the database's own text reads back exactly (fractions of a second included).
      return s;
  }
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Distinct tuples in a stable order: the same keys give the same draws, whatever order the scan returned them in. */
export function distinctSorted(tuples: Value[][]): Value[][] {
  const seen = new Set<string>();
  const out: Value[][] = [];
  for (const t of tuples) {
    const id = t.map((v) => (typeof v === 'string' ? 's' : 'n') + String(v)).join('\u0001');
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(t);
  }
  return out.sort((a, b) => {
    for (let i = 0; i < a.length; i++) {
      const c = compareValues(a[i]!, b[i]!);
      if (c) return c;
    }
    return 0;
  });
}
