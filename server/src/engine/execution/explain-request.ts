// "Explain" and "Explain Analyze" of one statement. EXPLAIN only plans, so it is allowed for reads and
// for data changes (INSERT/UPDATE/DELETE/MERGE). EXPLAIN ANALYZE executes the statement: a read runs
// in the read-only transaction; a data change only on a writable connection, after a confirmation,
// in a transaction that is rolled back. Everything else is refused with the firewall's reason.
import { errorMessage, isDriverError } from '../drivers/errors';
import { classifySql } from '../safety/classify';
import { checkStatements, formatRefusal, preview } from '../safety/firewall';
import { functionSafetyFor } from '../safety/function-safety';
import { maskSecrets } from '../safety/mask';
import type { AuditLog } from '../safety/audit';
import type { ClassifiedStatement, Refusal } from '../safety/types';
import { planTree } from './plan-tree';
import { confirmationToken, runConnection, type RunTarget } from './run-request';
import type { ExplainOutcome, RunConnection } from './types';

export interface ExplainRequestOptions {
  target: RunTarget;
  sql: string;
  analyze: boolean;
  timeoutMs?: number;
  audit?: AuditLog;
  confirmToken?: string;
  /** Aborted when the user cancels: a statement stopped then is reported cancelled, not timed out. */
  signal?: AbortSignal;
  /** schemawise.safety.allowedFunctions (EXPLAIN ANALYZE executes the statement). */
  allowedFunctions?: readonly string[];
}

const DATA_CHANGES = new Set(['insert', 'update', 'delete', 'merge']);

export async function explainRequest(o: ExplainRequestOptions): Promise<ExplainOutcome> {
  try {
    return await explainChecked(o);
  } catch (e) {
    // Cancelled while the catalog check (or anything before the EXPLAIN) was running.
    if (o.signal?.aborted) return { status: 'cancelled', connection: runConnection(o.target.config), message: `EXPLAIN${o.analyze ? ' ANALYZE' : ''} was cancelled; nothing was changed` };
    throw e;
  }
}

async function explainChecked(o: ExplainRequestOptions): Promise<ExplainOutcome> {
  const { driver, config } = o.target;
  if (o.signal?.aborted) throw new Error('cancelled');
  const connection = runConnection(config);
  const refuse = (reason: string, index = 1, text = o.sql): ExplainOutcome => {
    const r: Refusal = { index, preview: preview(text), rule: 'not-read-only-kind', reason };
    return { status: 'refused', connection, refusals: [r], message: formatRefusal(r) };
  };
  if (!driver.explain) return refuse(`EXPLAIN is not available for ${driver.kind} connections`, 0);
  const statements = await classifySql(o.sql, driver.dialect);
  if (statements.length !== 1) return refuse(statements.length === 0 ? 'no SQL statement to explain' : `explain takes one statement, got ${statements.length}; put the cursor on one`, 0);
  const s = statements[0]!;
  if (s.kind === 'explain') return refuse('this is an EXPLAIN already; run it instead', 1, s.text);

  // EXPLAIN ANALYZE executes the statement: without a server-side timeout (PGlite) a pg_sleep would
  // freeze the server, so the firewall's timeout-dependent rules apply to it.
  // It also runs every function the statement reaches, so they are checked against the catalog.
  const routines = o.analyze && driver.routineCatalog ? functionSafetyFor(await driver.routineCatalog(), o.allowedFunctions ?? []) : undefined;
  const verdict = checkStatements([s], 'read-only', o.analyze ? { serverSideTimeout: driver.serverSideTimeout !== false, routines } : {});
  const readSafe = verdict.refusals.length === 0;
  const plansOnly = isPlannableWrite(s);
  if (!readSafe && !plansOnly) return { status: 'refused', connection, refusals: verdict.refusals, message: verdict.refusals.map(formatRefusal).join('\n') };
  let allowWrites = false;
  if (o.analyze && !readSafe) {
    if (connection.mode !== 'writable')
      return refuse(`EXPLAIN ANALYZE executes the ${s.verb}; connection "${connection.name}" is read-only, so only EXPLAIN (without ANALYZE) is possible`, 1, s.text);
    const token = confirmationToken(connection, 'explain-analyze', o.sql);
    if (o.confirmToken !== token)
      return {
        status: 'needs-confirmation',
        connection,
        token,
        items: [{ index: 1, preview: preview(s.text), reason: `EXPLAIN ANALYZE executes the ${s.verb} (in a transaction that is rolled back; triggers, sequences and other side effects still happen)` }],
      };
    allowWrites = true;
  }
  return runExplain(o, s, connection, allowWrites);
}

/** A data change without side-effect functions or hidden extras: EXPLAIN without ANALYZE only plans it. */
function isPlannableWrite(s: ClassifiedStatement): boolean {
  if (!s.parsed || !DATA_CHANGES.has(s.kind) || s.executableComments > 0 || s.statementCount > 1) return false;
  const rest = checkStatements([s], 'read-only').refusals.filter((r) => r.rule !== 'not-read-only-kind' && r.rule !== 'hidden-write');
  return rest.length === 0;
}

async function runExplain(o: ExplainRequestOptions, s: ClassifiedStatement, connection: RunConnection, allowWrites: boolean): Promise<ExplainOutcome> {
  const { driver } = o.target;
  const text = `EXPLAIN${o.analyze ? ' ANALYZE' : ''} ${s.text}`;
  // Only EXPLAIN ANALYZE executes the statement, so only it is audited.
  const user = o.analyze ? await driver.currentUser().catch(() => undefined) : undefined;
  const audit = (outcome: 'ok' | 'error', extra: { durationMs?: number; reason?: string }) =>
    o.audit?.record({ connection: connection.name, user, mode: connection.mode, dialect: driver.dialect, statement: 1, text, outcome, ...extra }).catch(() => undefined);
  try {
    const result = await driver.explain!(s.text, { analyze: o.analyze, allowWrites, timeoutMs: o.timeoutMs, signal: o.signal });
    if (o.analyze) await audit('ok', { durationMs: result.durationMs });
    return { status: 'ok', connection, preview: preview(s.text), analyzed: result.analyzed, plan: planTree(result), raw: result.plan, format: result.format, durationMs: result.durationMs };
  } catch (e) {
    // PostgreSQL reports a cancel and a statement_timeout with the same code: the signal tells them apart.
    const cancelled = o.signal?.aborted === true;
    const message = cancelled ? 'cancelled by the user' : maskSecrets(errorMessage(e));
    if (o.analyze) await audit('error', { reason: message });
    if (cancelled) return { status: 'cancelled', connection, message: `EXPLAIN${o.analyze ? ' ANALYZE' : ''} was cancelled; nothing was changed` };
    return { status: 'failed', connection, message, errorKind: isDriverError(e) ? e.kind : undefined };
  }
}
