// The read-only statement path shared by the PostgreSQL and PGlite drivers. The caller has opened a
// transaction and rolls it back afterwards; this makes it read-only (enforced by the server, not by
// parsing), bounds it with statement_timeout, and reads at most maxRows + 1 rows through a cursor so
// a huge result never reaches the client. The write path (execute) and EXPLAIN share the same
// transaction set-up; the caller commits a write and always rolls back an EXPLAIN.
import type { ExplainOptions, ExplainResult, QueryOptions, QueryResult } from '../types';

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_TIMEOUT_MS = 30_000;
const CURSOR = 'schemawise_ro';

/** One open transaction on one connection. */
export interface TxSession {
  /** Runs control statements (SET ...). */
  exec(sql: string): Promise<void>;
  /**
   * Runs exactly one statement with the extended protocol (which refuses several statements, so a
   * "; COMMIT; DELETE ..." suffix can never escape the transaction), rows as arrays.
   */
  query(sql: string): Promise<{ fields: { name: string; dataTypeID: number }[]; rows: unknown[][]; affected?: number | null }>;
  /**
   * Runs one statement and returns at most `cap` rows, the cap enforced by the protocol (node-postgres:
   * the Execute row limit). Absent: the statement goes through a cursor (cursorQuery).
   */
  queryCapped?(sql: string, cap: number): Promise<{ fields: { name: string; dataTypeID: number }[]; rows: unknown[][]; affected?: number | null; suspended: boolean }>;
}

export function runReadOnly(tx: TxSession, sql: string, options: QueryOptions, typeNames: TypeNameCache): Promise<QueryResult> {
  return runInTransaction(tx, sql, options, typeNames, true);
}

/**
 * One statement in the caller's open transaction. Read-only: SET TRANSACTION READ ONLY first. Rows are
 * capped at maxRows + 1 by the protocol or a cursor in both modes, so a huge result never arrives.
 */
export async function runInTransaction(tx: TxSession, sql: string, options: QueryOptions, typeNames: TypeNameCache, readOnly: boolean): Promise<QueryResult> {
  const maxRows = Math.max(0, Math.floor(options.maxRows ?? DEFAULT_MAX_ROWS));
  const started = performance.now();
  await armTransaction(tx, options.timeoutMs, readOnly);
  const statement = stripTrailingSemicolons(sql);
  // The row cap is structural, never a guess from the text: the protocol's row limit where the
  // connection has one, otherwise a cursor. Writes too: a RETURNING of a million rows stays capped.
  const result = tx.queryCapped ? await tx.queryCapped(statement, maxRows + 1) : await cursorQuery(tx, statement, maxRows + 1);
  const truncated = result.rows.length > maxRows;
  const rows = (truncated ? result.rows.slice(0, maxRows) : result.rows).map((r) => r.map(normalizeValue));
  const types = await typeNames.resolve(result.fields.map((f) => f.dataTypeID), tx);
  return {
    fields: result.fields.map((f, i) => ({ name: f.name, dataType: types[i] })),
    rows,
    rowCount: result.fields.length > 0 || readOnly ? rows.length : (result.affected ?? 0),
    truncated,
    durationMs: Math.round(performance.now() - started),
  };
}

async function armTransaction(tx: TxSession, timeout: number | undefined, readOnly: boolean): Promise<void> {
  const timeoutMs = Math.max(1, Math.floor(timeout ?? DEFAULT_TIMEOUT_MS));
  if (readOnly) await tx.exec('SET TRANSACTION READ ONLY');
  await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
}

/**
 * EXPLAIN (FORMAT JSON [, ANALYZE, BUFFERS]) of one statement in the caller's transaction, which the
 * caller always rolls back. Read-only unless `allowWrites` (the driver allows that only on a writable
 * connection), so EXPLAIN ANALYZE of a write fails on the server instead of executing it.
 */
export async function explainInTransaction(tx: TxSession, sql: string, options: ExplainOptions): Promise<ExplainResult> {
  const started = performance.now();
  const analyze = options.analyze === true;
  await armTransaction(tx, options.timeoutMs, !(analyze && options.allowWrites === true));
  const r = await tx.query(`EXPLAIN (FORMAT JSON${analyze ? ', ANALYZE, BUFFERS' : ''}) ${stripTrailingSemicolons(sql)}`);
  const cell = r.rows[0]?.[0];
  const plan: unknown = typeof cell === 'string' ? JSON.parse(cell) : cell;
  return { format: 'postgres-json', plan, analyzed: analyze, durationMs: Math.round(performance.now() - started) };
}

/**
 * At most `cap` rows through a cursor, for connections without a protocol-level row limit (PGlite).
 * Statements a cursor cannot hold (SHOW, EXPLAIN: short outputs; writes with RETURNING) are told
 * apart by the server refusing the DECLARE (inside a savepoint), not by reading the text.
 */
export async function cursorQuery(tx: TxSession, statement: string, cap: number): Promise<Awaited<ReturnType<TxSession['query']>>> {
  await tx.exec('SAVEPOINT schemawise_cursor');
  try {
    await tx.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${statement}`);
  } catch (e) {
    if (!isSyntaxError(e)) throw e;
    await tx.exec('ROLLBACK TO SAVEPOINT schemawise_cursor');
    return tx.query(statement);
  }
  const r = await tx.query(`FETCH FORWARD ${Math.max(1, Math.floor(cap))} FROM ${CURSOR}`);
  await tx.exec(`CLOSE ${CURSOR}`);
  return r;
}

/**
 * What DECLARE … CURSOR FOR answers for a statement that is not a plain query: 42601 syntax_error
 * (SHOW, EXPLAIN, INSERT …) or 0A000 feature_not_supported (a data-modifying WITH).
 */
function isSyntaxError(e: unknown): boolean {
  const code = (e as { code?: string } | undefined)?.code;
  return code === '42601' || code === '0A000';
}

function stripTrailingSemicolons(sql: string): string {
  return sql.replace(/[\s;]+$/, '');
}

/** JSON-safe cell values: bigint becomes text (as node-postgres returns int8), bytes become \x hex. */
function normalizeValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return '\\x' + Buffer.from(v).toString('hex');
  return v;
}

// Type names of result columns, as format_type prints them. Common built-ins are known up front;
// others are looked up once per connection lifetime in the transaction that needs them.
const BUILTIN_TYPES: Record<number, string> = {
  16: 'boolean', 17: 'bytea', 18: '"char"', 19: 'name', 20: 'bigint', 21: 'smallint', 23: 'integer', 25: 'text', 26: 'oid',
  114: 'json', 142: 'xml', 700: 'real', 701: 'double precision', 1042: 'character', 1043: 'character varying', 1082: 'date',
  1083: 'time without time zone', 1114: 'timestamp without time zone', 1184: 'timestamp with time zone', 1186: 'interval',
  1266: 'time with time zone', 1700: 'numeric', 2950: 'uuid', 3802: 'jsonb', 1009: 'text[]', 1007: 'integer[]', 1016: 'bigint[]',
};

export class TypeNameCache {
  private readonly names = new Map<number, string>(Object.entries(BUILTIN_TYPES).map(([k, v]) => [Number(k), v]));

  async resolve(oids: number[], tx: TxSession): Promise<(string | undefined)[]> {
    const missing = [...new Set(oids.filter((o) => Number.isInteger(o) && o > 0 && !this.names.has(o)))];
    if (missing.length) {
      const r = await tx.query(`SELECT oid::int8::text, format_type(oid, NULL) FROM pg_type WHERE oid IN (${missing.join(',')})`);
      for (const [oid, name] of r.rows) this.names.set(Number(oid), String(name));
    }
    return oids.map((o) => this.names.get(o));
  }
}
