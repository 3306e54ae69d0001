// The read-only statement path shared by the PostgreSQL and PGlite drivers. The caller has opened a
// transaction and rolls it back afterwards; this makes it read-only (enforced by the server, not by
// parsing), bounds it with statement_timeout, and reads at most maxRows + 1 rows through a cursor so
// a huge result never reaches the client.
import type { QueryOptions, QueryResult } from '../types';

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
  query(sql: string): Promise<{ fields: { name: string; dataTypeID: number }[]; rows: unknown[][] }>;
}

export async function runReadOnly(tx: TxSession, sql: string, options: QueryOptions, typeNames: TypeNameCache): Promise<QueryResult> {
  const maxRows = Math.max(0, Math.floor(options.maxRows ?? DEFAULT_MAX_ROWS));
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  const started = performance.now();
  await tx.exec('SET TRANSACTION READ ONLY');
  await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
  const statement = stripTrailingSemicolons(sql);
  let result: Awaited<ReturnType<TxSession['query']>>;
  if (returnsRowsThroughCursor(statement)) {
    await tx.query(`DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${statement}`);
    result = await tx.query(`FETCH FORWARD ${maxRows + 1} FROM ${CURSOR}`);
  } else {
    // SHOW, EXPLAIN, and anything else: run as is inside the read-only transaction (writes fail there).
    result = await tx.query(statement);
  }
  const truncated = result.rows.length > maxRows;
  const rows = (truncated ? result.rows.slice(0, maxRows) : result.rows).map((r) => r.map(normalizeValue));
  const types = await typeNames.resolve(result.fields.map((f) => f.dataTypeID), tx);
  return {
    fields: result.fields.map((f, i) => ({ name: f.name, dataType: types[i] })),
    rows,
    rowCount: rows.length,
    truncated,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Queries a cursor can run: SELECT, WITH, VALUES, TABLE (after comments and opening parentheses). */
export function returnsRowsThroughCursor(sql: string): boolean {
  const head = sql.replace(/^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  return /^(select|with|values|table)\b/i.test(head);
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
