// The live check on MySQL/MariaDB: a protocol-level prepare (COM_STMT_PREPARE through mysql2's
// connection.prepare) makes the server parse the statement and resolve its tables, columns and
// functions without executing it; the statement is then closed (unprepare also drops it from
// mysql2's per-connection cache, which would otherwise answer the next prepare of the same text
// without asking the server). Nothing runs: the protocol has no way to execute a statement but a
// later COM_STMT_EXECUTE, which is never sent. (A READ ONLY transaction cannot be used: MariaDB
// refuses to even prepare a write in one.) The server gives no error position, so the name it quotes, or the
// text after `near '…'` of a syntax error, is looked up in the statement to place the diagnostic.
import type { PoolConnection } from 'mysql2/promise';
import type { PrepareError } from '../types';

/**
 * SQLSTATE classes that object to the statement itself: syntax / access rule (unknown names,
 * permissions), data, cardinality (value count), ambiguity (23000 ER_NON_UNIQ_ERROR: nothing is
 * written at prepare time, so no constraint can fail), not supported. HY000 is left out: it also
 * means "this statement cannot be prepared" (ER_UNSUPPORTED_PS), which is no error of the statement.
 */
const OBJECTION = /^(42|22|21|23|0A)/;

/** Prepares and closes `sql` on `conn`; the server's objection, or undefined. Rejects when no answer comes in time. */
export async function prepareOnConnection(conn: PoolConnection, sql: string, timeoutMs: number): Promise<PrepareError | undefined> {
  const statement = sql.replace(/[\s;]+$/, '');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // A prepare has no server-side limit: a connection that does not answer is destroyed.
      conn.destroy();
      reject(Object.assign(new Error(`no answer to the prepare within ${timeoutMs} ms`), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' }));
    }, timeoutMs);
  });
  try {
    await Promise.race([conn.prepare(statement), deadline]);
    conn.unprepare(statement);
    return undefined;
  } catch (e) {
    const objection = mysqlObjection(e, statement);
    if (objection) return objection;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** The server's objection to `statement` from a mysql2 error, or undefined when it is not one. */
export function mysqlObjection(e: unknown, statement: string): PrepareError | undefined {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; errno?: unknown; sqlState?: unknown; sqlMessage?: unknown; message?: unknown };
  const sqlState = typeof err.sqlState === 'string' ? err.sqlState : '';
  if (typeof err.errno !== 'number' || !OBJECTION.test(sqlState)) return undefined;
  const message = typeof err.sqlMessage === 'string' ? err.sqlMessage : String(err.message ?? e);
  const code = typeof err.code === 'string' ? err.code : String(err.errno);
  const position = positionOf(code, message, statement);
  return { message, code, ...(position !== undefined ? { position } : {}) };
}

/** The name a message quotes, per error: the last part of a qualified name is what the statement spells. */
const QUOTED_NAME: Record<string, RegExp> = {
  ER_BAD_FIELD_ERROR: /^Unknown column '([^']+)'/,
  ER_NO_SUCH_TABLE: /^Table '([^']+)' doesn't exist/,
  ER_UNKNOWN_TABLE: /^Unknown table '([^']+)'/,
  ER_NON_UNIQ_ERROR: /^Column '([^']+)' in .* is ambiguous/,
  ER_SP_DOES_NOT_EXIST: /^FUNCTION (\S+) does not exist/,
  ER_TABLEACCESS_DENIED_ERROR: /for table [`']([^`']+)[`']/,
  ER_COLUMNACCESS_DENIED_ERROR: /for column '([^']+)'/,
};

/** 1-based position of what the message points at, or undefined (the diagnostic then covers the statement's first line). */
export function positionOf(code: string, message: string, statement: string): number | undefined {
  const masked = maskLiterals(statement);
  if (code === 'ER_PARSE_ERROR') {
    const m = /near '([\s\S]*)' at line (\d+)$/.exec(message);
    if (!m) return undefined;
    const lineStart = nthLineStart(statement, Number(m[2]));
    if (m[1] === '') return statement.length + 1; // at the end of the input, as PostgreSQL counts it
    const at = statement.indexOf(m[1], lineStart);
    return at < 0 ? undefined : at + 1;
  }
  const pattern = QUOTED_NAME[code];
  const name = pattern?.exec(message)?.[1]?.split('.').pop();
  if (!name) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`(?<![\\w$])\`?${escaped}\`?(?![\\w$])`, 'i').exec(masked);
  if (!found) return undefined;
  return found.index + (found[0].startsWith('`') ? 1 : 0) + 1;
}

function nthLineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return at;
    at = nl + 1;
  }
  return at;
}

/** The statement with string literals and comments blanked (same length), so a name is found only where it is code. */
function maskLiterals(sql: string): string {
  return sql.replace(/'(?:[^'\\]|\\[\s\S]|'')*'|"(?:[^"\\]|\\[\s\S]|"")*"|--[^\n]*|#[^\n]*|\/\*[\s\S]*?\*\//g, (m) => ' '.repeat(m.length));
}
