// Runs SQL from an editor on the session's connection: the mode comes from the connection
// (read-only unless readOnly: false), writes that need a confirmation come back as
// 'needs-confirmation' with a token until the caller sends that token back, and every statement goes
// through the safety executor (firewall, read-only sessions, limits, audit log).
import { createHash } from 'node:crypto';
import type { ConnectionConfig, DatabaseDriver } from '../drivers/types';
import type { AuditLog } from '../safety/audit';
import { confirmationsFor, isProductionConnection } from '../safety/confirm-policy';
import { runSql, type StatementRun } from '../safety/executor';
import { checkSql, preview } from '../safety/firewall';
import type { FirewallMode } from '../safety/types';
import { toCellValue } from './json-values';
import type { ResultSet, RunConnection, RunOutcome } from './types';

export interface RunTarget {
  driver: DatabaseDriver;
  config: ConnectionConfig;
}

export interface RunRequestOptions {
  target: RunTarget;
  sql: string;
  maxRows?: number;
  timeoutMs?: number;
  audit?: AuditLog;
  /** The token of an earlier 'needs-confirmation' answer for this same SQL: the user said yes. */
  confirmToken?: string;
  /** Aborted by cancelQuery: no further statement starts (the running one is cancelled by the driver). */
  signal?: AbortSignal;
  /** schemawise.safety.allowedFunctions. */
  allowedFunctions?: readonly string[];
}

const USER_LOOKUP_MS = 3000;

export function runConnection(config: ConnectionConfig): RunConnection {
  const mode: FirewallMode = config.readOnly === false ? 'writable' : 'read-only';
  return { name: config.name, mode, production: isProductionConnection(config.tags) };
}

/** Binds a confirmation to what was confirmed: the connection, the mode, the operation and the exact SQL. */
export function confirmationToken(connection: RunConnection, operation: string, sql: string): string {
  return createHash('sha256').update(`${connection.name}\0${connection.mode}\0${operation}\0${sql}`, 'utf8').digest('hex').slice(0, 32);
}

export async function runRequest(o: RunRequestOptions): Promise<RunOutcome> {
  const { driver, config } = o.target;
  const connection = runConnection(config);
  const token = confirmationToken(connection, 'run', o.sql);
  if (connection.mode === 'writable') {
    const verdict = await checkSql(o.sql, driver.dialect, 'writable');
    const items = verdict.refusals.length > 0 ? [] : confirmationsFor(verdict, { confirmAllWrites: connection.production });
    if (items.length > 0 && o.confirmToken !== token) return { status: 'needs-confirmation', connection, items, token };
  }
  // Only for the audit line: never worth waiting on a stalled network for.
  let late: (v: undefined) => void = () => undefined;
  const giveUp = new Promise<undefined>((r) => (late = r));
  const timer = setTimeout(() => late(undefined), USER_LOOKUP_MS);
  const user = await Promise.race([driver.currentUser().catch(() => undefined), giveUp]);
  clearTimeout(timer);
  const outcome = await runSql({
    driver,
    connectionName: config.name,
    databaseUser: user,
    sql: o.sql,
    mode: connection.mode,
    maxRows: o.maxRows,
    timeoutMs: o.timeoutMs,
    audit: o.audit,
    confirmAllWrites: connection.production,
    // Reached only when confirmations exist; the token proves the user saw these very statements.
    confirm: () => o.confirmToken === token,
    signal: o.signal,
    allowedFunctions: o.allowedFunctions,
  });
  if (outcome.status === 'refused') return { status: 'refused', connection, refusals: outcome.refusals, message: outcome.message };
  const cancelled = o.signal?.aborted === true;
  const notRun = outcome.statements.filter((s) => s.status === 'skipped').length;
  return {
    status: cancelled ? 'cancelled' : outcome.status,
    connection,
    results: outcome.statements.map((s) => resultSet(s, cancelled)),
    // The cancelled statement says "cancelled" itself; the run-level message only adds what the
    // tabs cannot say on their own: that later statements never started.
    message: cancelled
      ? notRun > 0
        ? `Cancelled by the user; the ${notRun === 1 ? 'statement' : `${notRun} statements`} after the cancelled one ${notRun === 1 ? 'was' : 'were'} not run.`
        : undefined
      : outcome.message,
  };
}

function resultSet(s: StatementRun, cancelled: boolean): ResultSet {
  const r = s.result;
  return {
    statement: s.index,
    preview: preview(s.text),
    kind: s.kind,
    status: s.status,
    columns: r?.fields.map((f) => ({ name: f.name, type: f.dataType })) ?? [],
    rows: r?.rows.map((row) => row.map((v) => toCellValue(v))) ?? [],
    rowCount: r?.rowCount ?? 0,
    truncated: r?.truncated ?? false,
    durationMs: Math.round((s.durationMs ?? r?.durationMs ?? 0) * 10) / 10,
    notices: r?.notices ?? [],
    error: s.status === 'error' && cancelled ? 'Cancelled by the user.' : s.error,
    errorKind: s.errorKind,
  };
}
