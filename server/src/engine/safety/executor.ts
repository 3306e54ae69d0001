// Runs SQL safely: the firewall checks every statement first (nothing runs if any is refused), then
// each statement goes to the driver in its own read-only transaction (DatabaseDriver.queryReadOnly),
// with the row limit and timeout; every statement is written to the audit log.
//
// Writable mode sends writes to DatabaseDriver.execute (one committed statement, same limits; the
// driver refuses it on a connection not configured with readOnly: false); reads still go through
// queryReadOnly. A cancelled run (options.signal) runs no further statement.
import type { DialectId } from '../schema/model';
import { errorMessage, isDriverError, type DriverErrorKind } from '../drivers/errors';
import type { DatabaseDriver, QueryOptions, QueryResult } from '../drivers/types';
import type { AuditLog } from './audit';
import { confirmationsFor, isWrite } from './confirm-policy';
import { checkSql, checkStatements, formatRefusal } from './firewall';
import { functionSafetyFor, type FunctionSafety } from './function-safety';
import { maskSecrets } from './mask';
import type { ClassifiedStatement, Confirmation, FirewallMode, FirewallVerdict, Refusal } from './types';

/** Every driver can write now (DatabaseDriver.execute); kept as a name for existing callers. */
export type WriteCapableDriver = DatabaseDriver;

export interface RunSqlOptions {
  driver: WriteCapableDriver;
  /** Display name of the connection (audit log). */
  connectionName: string;
  databaseUser?: string;
  /** Defaults to the driver's dialect. */
  dialect?: DialectId;
  sql: string;
  mode: FirewallMode;
  maxRows?: number;
  timeoutMs?: number;
  audit?: AuditLog;
  /**
   * Writable mode: asked once with every destructive statement before anything runs; resolve true to
   * go on. Without it, destructive statements are refused.
   */
  confirm?: (items: Confirmation[]) => boolean | Promise<boolean>;
  /** Called once when the firewall has passed, before the first statement runs (e.g. connect). */
  prepare?: () => Promise<void>;
  /** Writable mode: every write needs a confirmation, not only destructive ones (a `production` connection). */
  confirmAllWrites?: boolean;
  /** Aborted: no further statement starts; the one running is the caller's to cancel (driver.cancel()). */
  signal?: AbortSignal;
  /**
   * Read-only mode: functions (name or schema.name) the user vouches for although the catalog does not
   * show them to be read-only (schemawise.safety.allowedFunctions, `--allow-function`). The deny-list
   * still wins.
   */
  allowedFunctions?: readonly string[];
}

export interface StatementRun {
  index: number;
  text: string;
  kind: ClassifiedStatement['kind'];
  status: 'ok' | 'error' | 'skipped';
  result?: QueryResult;
  /** Masked error message. */
  error?: string;
  errorKind?: DriverErrorKind;
  durationMs?: number;
}

export type RunSqlResult =
  | { status: 'refused'; verdict: FirewallVerdict; refusals: Refusal[]; message: string }
  | {
      status: 'completed' | 'failed';
      verdict: FirewallVerdict;
      statements: StatementRun[];
      message?: string;
      /** A write lost its connection after it was sent: it may have been applied (say so; never retry blindly). */
      outcomeUnknown?: boolean;
    };

export async function runSql(options: RunSqlOptions): Promise<RunSqlResult> {
  const { driver, mode } = options;
  const dialect = options.dialect ?? driver.dialect;
  // A driver without a server-side timeout (PGlite) cannot stop a statement that only waits.
  const verdict = await checkSql(options.sql, dialect, mode, { serverSideTimeout: driver.serverSideTimeout !== false });
  const refusals = [...verdict.refusals];
  const confirmations = confirmationsFor(verdict, { confirmAllWrites: options.confirmAllWrites });
  if (refusals.length === 0 && confirmations.length > 0) {
    const ok = options.confirm ? await options.confirm(confirmations) : false;
    if (!ok)
      refusals.push(...confirmations.map((c): Refusal => ({ index: c.index, preview: c.preview, rule: 'not-confirmed', reason: `${c.reason}; not confirmed` })));
  }
  if (refusals.length > 0) {
    for (const r of refusals) {
      const s = verdict.statements.find((x) => x.index === r.index);
      await options.audit?.record({ ...auditBase(options, dialect), statement: r.index, text: s?.text ?? options.sql, outcome: 'refused', rule: r.rule, reason: r.reason });
    }
    return { status: 'refused', verdict, refusals, message: refusals.map(formatRefusal).join('\n') };
  }

  try {
    await options.prepare?.();
  } catch (e) {
    // A connection that cannot be made is audited too: someone tried to run this.
    await auditFailure(options, dialect, `connection failed: ${maskSecrets(errorMessage(e))}`);
    throw e;
  }
  if (mode === 'read-only' && options.driver.routineCatalog) {
    // What the statements call and read, checked against the database's own functions and views.
    let routines: FunctionSafety;
    try {
      routines = functionSafetyFor(await options.driver.routineCatalog({ timeoutMs: options.timeoutMs }), options.allowedFunctions ?? []);
    } catch (e) {
      const message = `could not read the database's functions and views, which read-only mode needs to check what the SQL calls: ${maskSecrets(errorMessage(e))}`;
      await auditFailure(options, dialect, message);
      return { status: 'failed', verdict, statements: verdict.statements.map(skipped), message };
    }
    const checked = checkStatements(verdict.statements, mode, { serverSideTimeout: driver.serverSideTimeout !== false, routines });
    if (checked.refusals.length > 0) {
      for (const r of checked.refusals) {
        const s = checked.statements.find((x) => x.index === r.index);
        await options.audit?.record({ ...auditBase(options, dialect), statement: r.index, text: s?.text ?? options.sql, outcome: 'refused', rule: r.rule, reason: r.reason });
      }
      return { status: 'refused', verdict: checked, refusals: checked.refusals, message: checked.refusals.map(formatRefusal).join('\n') };
    }
  }
  const runs: StatementRun[] = [];
  let failed = false;
  for (const s of verdict.statements) {
    if (failed || options.signal?.aborted) {
      runs.push(skipped(s));
      continue;
    }
    const run = await runOne(options, s, dialect);
    runs.push(run);
    failed = run.status === 'error';
  }
  const firstError = runs.find((r) => r.status === 'error');
  const cancelled = options.signal?.aborted === true;
  const unknown = firstError?.errorKind === 'outcome_unknown';
  return {
    status: failed || cancelled ? 'failed' : 'completed',
    verdict,
    statements: runs,
    message: unknown
      ? `statement ${firstError.index}: outcome unknown, it may have been applied: ${firstError.error}`
      : firstError
        ? `statement ${firstError.index} failed: ${firstError.error}`
        : cancelled
          ? 'cancelled; the remaining statements were not run'
          : undefined,
    ...(unknown ? { outcomeUnknown: true } : {}),
  };
}

/** A statement that the read-only path can run: every statement in read-only mode, reads otherwise. */
export function runsReadOnly(s: ClassifiedStatement): boolean {
  return !isWrite(s);
}

async function runOne(options: RunSqlOptions, s: ClassifiedStatement, dialect: DialectId): Promise<StatementRun> {
  const queryOptions: QueryOptions = { maxRows: options.maxRows, timeoutMs: options.timeoutMs, signal: options.signal };
  const started = performance.now();
  try {
    const result =
      options.mode === 'read-only' || runsReadOnly(s) ? await options.driver.queryReadOnly(s.text, queryOptions) : await options.driver.execute(s.text, queryOptions);
    const durationMs = performance.now() - started;
    await options.audit?.record({ ...auditBase(options, dialect), statement: s.index, text: s.text, rows: result.rowCount, durationMs, outcome: 'ok' });
    return { index: s.index, text: s.text, kind: s.kind, status: 'ok', result, durationMs };
  } catch (e) {
    const durationMs = performance.now() - started;
    const error = maskSecrets(errorMessage(e));
    const errorKind = isDriverError(e) ? e.kind : undefined;
    // The audit says what is known: an error, a write that may have been applied, or a run stopped before it started.
    const outcome = errorKind === 'outcome_unknown' ? 'unknown' : errorKind === 'cancelled' ? 'cancelled' : 'error';
    await options.audit?.record({ ...auditBase(options, dialect), statement: s.index, text: s.text, durationMs, outcome, reason: error });
    return { index: s.index, text: s.text, kind: s.kind, status: 'error', error, errorKind, durationMs };
  }
}

/** One audit line for the whole input when it could not be run at all (statement 0). */
async function auditFailure(options: RunSqlOptions, dialect: DialectId, reason: string): Promise<void> {
  await options.audit?.record({ ...auditBase(options, dialect), statement: 0, text: options.sql, outcome: 'error', reason }).catch(() => undefined);
}

function skipped(s: ClassifiedStatement): StatementRun {
  return { index: s.index, text: s.text, kind: s.kind, status: 'skipped' };
}

function auditBase(options: RunSqlOptions, dialect: DialectId) {
  return { connection: options.connectionName, user: options.databaseUser, mode: options.mode, dialect };
}
