// Runs one user statement on a pooled connection so that it cannot write and cannot run away:
//   SET SESSION <read-only flag>, sql_select_limit, <statement timeout>   (one round trip)
//   START TRANSACTION READ ONLY; <statement>; ROLLBACK
// START TRANSACTION READ ONLY alone is not enough: DDL commits implicitly and would then run, so the
// session flag (tx_read_only / transaction_read_only) is set too, which refuses DDL as well.
// Rows are streamed; sql_select_limit stops the server after maxRows + 1 rows of a SELECT without its
// own LIMIT, and rows past the cap are dropped as they arrive, so a result is never held in full.
import type { Connection as CoreConnection } from 'mysql2';
import type { FieldPacket, PoolConnection, QueryError, RowDataPacket } from 'mysql2/promise';
import type { QueryOptions, QueryResult } from '../types';

export interface MysqlFlavor {
  isMariaDb: boolean;
}

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The SET statement that arms the session for one read-only call. */
export function armSessionSql(flavor: MysqlFlavor, maxRows: number, timeoutMs: number): string {
  const limit = Math.max(1, Math.floor(maxRows) + 1);
  const parts = [flavor.isMariaDb ? 'tx_read_only = 1' : 'transaction_read_only = 1', `sql_select_limit = ${limit}`];
  // MariaDB: seconds (fractional) for every statement; MySQL: milliseconds, SELECT only.
  parts.push(flavor.isMariaDb ? `max_statement_time = ${(timeoutMs / 1000).toFixed(3)}` : `max_execution_time = ${Math.ceil(timeoutMs)}`);
  return `SET SESSION ${parts.join(', ')}`;
}

/**
 * The SET statement for a write on a writable connection: the session flag off again (a pooled
 * connection keeps it from an earlier read-only call) and the statement timeout; no row limit, which
 * would also cap INSERT … SELECT on some versions.
 */
export function armWriteSessionSql(flavor: MysqlFlavor, timeoutMs: number): string {
  const flag = flavor.isMariaDb ? 'tx_read_only = 0' : 'transaction_read_only = 0';
  const timeout = flavor.isMariaDb ? `max_statement_time = ${(timeoutMs / 1000).toFixed(3)}` : `max_execution_time = ${Math.ceil(timeoutMs)}`;
  return `SET SESSION ${flag}, sql_select_limit = DEFAULT, ${timeout}`;
}

/** SHOW WARNINGS after a statement that raised some, as "Level code: message" lines (at most 50). */
export async function warningsOf(conn: PoolConnection, result: { warningCount?: number }): Promise<string[]> {
  if (!result.warningCount) return [];
  const [rows] = await conn.query<RowDataPacket[]>('SHOW WARNINGS LIMIT 50');
  return rows.map((r) => `${String(r.Level)} ${String(r.Code)}: ${String(r.Message)}`);
}

export function disarmSessionSql(flavor: MysqlFlavor): string {
  return `SET SESSION sql_select_limit = DEFAULT, ${flavor.isMariaDb ? 'max_statement_time = 0' : 'max_execution_time = 0'}`;
}

/**
 * Streams `sql` on `conn` (already armed, inside the read-only transaction). A client-side deadline a
 * little after the server's own limit covers statements the server timeout does not apply to.
 */
export function streamRows(conn: PoolConnection, sql: string, options: QueryOptions): Promise<Omit<QueryResult, 'durationMs'> & { warningCount?: number }> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, rejectOnce) => {
    // A query streamed without a callback does not hear of a dropped socket (mysql2 tells only the
    // connection), so the connection's own 'error'/'end' events settle the promise too.
    const core = conn.connection as unknown as NodeJS.EventEmitter;
    const lost = (e?: unknown) => reject(e ?? Object.assign(new Error('connection closed by the server'), { code: 'PROTOCOL_CONNECTION_LOST' }));
    // Backstop for statements the server-side limit does not cover (MySQL applies it to SELECT only):
    // the connection is destroyed, which stops the statement and frees the socket.
    const deadline = setTimeout(() => {
      reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }));
      conn.destroy();
    }, timeoutMs + 2000);
    const cleanup = () => {
      clearTimeout(deadline);
      core.off('error', lost);
      core.off('end', lost);
    };
    const reject = (e: unknown) => {
      cleanup();
      rejectOnce(e);
    };
    core.once('error', lost);
    core.once('end', lost);
    const rows: unknown[][] = [];
    let fields: { name: string; dataType?: string }[] = [];
    let seen = 0;
    let affected: number | undefined;
    let warningCount = 0;
    // The callback-style connection under the promise wrapper streams rows as events.
    const q = (conn.connection as unknown as CoreConnection).query({ sql, rowsAsArray: true });
    q.on('fields', (f: FieldPacket[] | undefined) => {
      if (f && fields.length === 0) fields = f.map((x) => ({ name: x.name, dataType: typeName(x) }));
    });
    q.on('result', (row: unknown) => {
      if (Array.isArray(row)) {
        seen++;
        if (rows.length < maxRows) rows.push(row);
      } else if (row && typeof row === 'object' && 'affectedRows' in row) {
        affected = Number((row as { affectedRows: number }).affectedRows);
        warningCount += Number((row as { warningStatus?: number }).warningStatus ?? 0);
      }
    });
    q.on('error', (e: QueryError) => reject(e));
    q.on('end', () => {
      cleanup();
      resolve({ fields, rows, rowCount: fields.length ? rows.length : (affected ?? 0), truncated: seen > maxRows, warningCount });
    });
  });
}

function typeName(f: FieldPacket): string | undefined {
  const t = (f as { type?: number; columnType?: number }).columnType ?? f.type;
  return t === undefined ? undefined : (MYSQL_TYPES[t] ?? String(t));
}

// Wire type codes (mysql2 constants/types.js) for the common cases.
const MYSQL_TYPES: Record<number, string> = {
  0: 'decimal', 1: 'tinyint', 2: 'smallint', 3: 'int', 4: 'float', 5: 'double', 7: 'timestamp', 8: 'bigint', 9: 'mediumint',
  10: 'date', 11: 'time', 12: 'datetime', 13: 'year', 15: 'varchar', 16: 'bit', 245: 'json', 246: 'decimal', 247: 'enum',
  248: 'set', 249: 'tinyblob', 250: 'mediumblob', 251: 'longblob', 252: 'blob', 253: 'varchar', 254: 'char', 255: 'geometry',
};
