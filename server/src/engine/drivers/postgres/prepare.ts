// The live check's PREPARE, shared by the PostgreSQL and PGlite drivers: PostgreSQL parses, resolves
// names and types, and checks permissions of a statement it is asked to PREPARE, but runs nothing.
// It happens in the caller's transaction (always rolled back), made READ ONLY and bounded by
// statement_timeout; the prepared statement is deallocated at once, since PREPARE is not undone by
// ROLLBACK and the name would otherwise clash with the next check on this pooled connection.
import type { PrepareError, PrepareOptions } from '../types';
import type { TxSession } from './read-only';

export const PREPARE_NAME = 'schemawise_live_check';
const PREFIX = `PREPARE ${PREPARE_NAME} AS `;
export const DEFAULT_PREPARE_TIMEOUT_MS = 2000;

/**
 * SQLSTATE classes that are the database's objection to the statement itself: feature not supported,
 * cardinality, data exceptions (a literal of the wrong type), invalid schema name, syntax / access
 * rule (unknown names, operators, permissions). Anything else (connection, timeout, resources) means
 * the question could not be asked, and is thrown.
 */
const OBJECTION = /^(0A|21|22|3F|42)/;
/** Parameters ($1) without a type: a limit of the check, not an error of the statement. */
const UNJUDGEABLE = new Set(['42P18']);

/** PREPAREs `sql` in the open transaction `tx` and deallocates it; the database's objection or undefined. */
export async function prepareInTransaction(tx: TxSession, sql: string, options: PrepareOptions = {}): Promise<PrepareError | undefined> {
  const timeoutMs = Math.max(1, Math.floor(options.timeoutMs ?? DEFAULT_PREPARE_TIMEOUT_MS));
  await tx.exec('SET TRANSACTION READ ONLY');
  await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
  const statement = sql.replace(/[\s;]+$/, '');
  try {
    // tx.query uses the extended protocol: `…; DROP TABLE t` cannot ride along as a second command.
    await tx.query(PREFIX + statement);
  } catch (e) {
    const objection = objectionOf(e);
    if (objection === 'unjudgeable') return undefined;
    if (objection) return objection;
    throw e;
  }
  await tx.exec(`DEALLOCATE ${PREPARE_NAME}`);
  return undefined;
}

function objectionOf(e: unknown): PrepareError | 'unjudgeable' | undefined {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; message?: unknown; position?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  if (!/^[0-9A-Z]{5}$/.test(code) || !OBJECTION.test(code)) return undefined;
  if (UNJUDGEABLE.has(code)) return 'unjudgeable';
  // PostgreSQL counts characters in the text it was sent, from 1: make it relative to the statement.
  const sent = Number(err.position);
  const position = Number.isFinite(sent) && sent > PREFIX.length ? sent - PREFIX.length : undefined;
  return { message: typeof err.message === 'string' ? err.message : String(e), code, ...(position !== undefined ? { position } : {}) };
}
