// Optional live check (off by default): ask the database to PREPARE — never execute — each DML
// statement, on a read-only session, and turn its errors (type errors, permissions, anything the
// snapshot cannot know) into diagnostics. The caller supplies the `prepare` callback (a driver
// method, DatabaseDriver.prepare: PostgreSQL/PGlite `PREPARE x AS …; DEALLOCATE x` in a READ ONLY
// transaction, MySQL/MariaDB a protocol-level prepare that is closed unexecuted), debounces it, and
// merges the result with the static diagnostics (server/src/lsp/diagnostics-handler.ts).
import type { PrepareError } from '../drivers/types';
import type { DialectId } from '../schema/model';
import { errorRange } from './pg/parser';
import { effectiveSeverity } from './rules';
import { splitStatements } from './splitter';
import type { Diagnostic, DiagnosticsConfig } from './types';
import { ownCopy } from '../sql/text-buffer';

// One definition of the database's objection, shared with the drivers that implement prepare().
export type { PrepareError };

/** Prepares (never executes) one statement; resolves undefined when the database accepts it. */
export type PrepareCallback = (sql: string) => Promise<PrepareError | undefined>;

const PREPARABLE = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(SELECT|INSERT|UPDATE|DELETE|WITH|VALUES|TABLE)\b/i;

export interface LiveCheckOptions {
  config?: DiagnosticsConfig;
  /** Per-document cache statement text → result, kept by the caller between runs. */
  cache?: Map<string, PrepareError | null>;
  /** Give up on a statement after this long (default 2000 ms). */
  timeoutMs?: number;
}

export async function liveCheck(text: string, dialect: DialectId, prepare: PrepareCallback, options: LiveCheckOptions = {}): Promise<Diagnostic[]> {
  const severity = effectiveSeverity('live-check', options.config);
  if (severity === 'off') return [];
  const out: Diagnostic[] = [];
  for (const stmt of splitStatements(text, dialect)) {
    if (!PREPARABLE.test(stmt.text)) continue;
    let err = options.cache?.get(stmt.text);
    if (err === undefined) {
      const res = await withTimeout(prepare(stmt.text), options.timeoutMs ?? 2000);
      if (res === NO_ANSWER) continue; // not cached: asked again on the next run
      err = res ?? null;
      options.cache?.set(ownCopy(stmt.text), err);
    }
    if (!err) continue;
    const at = err.position !== undefined && err.position > 0 ? Math.min(err.position - 1, stmt.text.length) : 0;
    const span = err.position !== undefined ? errorRange(stmt.text, at) : { start: 0, end: Math.min(stmt.text.length, stmt.text.indexOf('\n') < 0 ? stmt.text.length : stmt.text.indexOf('\n')) };
    out.push({
      range: { start: stmt.start + span.start, end: stmt.start + span.end },
      severity,
      code: 'live-check',
      message: `${err.message}${err.code ? ` (${err.code})` : ''}`,
      source: 'schemawise',
    });
  }
  return out;
}

const NO_ANSWER = Symbol('no answer');

/** A prepare that hangs or fails (connection lost) yields no diagnostic rather than a false one. */
async function withTimeout(p: Promise<PrepareError | undefined>, ms: number): Promise<PrepareError | undefined | typeof NO_ANSWER> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<typeof NO_ANSWER>((resolve) => (timer = setTimeout(() => resolve(NO_ANSWER), ms)))]);
  } catch {
    return NO_ANSWER;
  } finally {
    clearTimeout(timer);
  }
}
