// The query firewall: turns classified statements into a verdict. Read-only mode allows only an
// allow-list of statement kinds and refuses side-effect functions and forms; writable mode allows
// writes but lists the destructive ones so the caller can ask for confirmation. The database session
// (a read-only transaction, see docs/safety.md) is the second line of defence, not this file alone.
import type { DialectId } from '../schema/model';
import { classifySql } from './classify';
import { deniedFunction, isWaitFunction } from './deny-lists';
import { maskSecrets } from './mask';
import type { FunctionSafety } from './function-safety';
import type { ClassifiedStatement, Confirmation, FirewallMode, FirewallOptions, FirewallRule, FirewallVerdict, Refusal, StatementKind } from './types';

/** Statement kinds that only read. EXPLAIN is allowed when it does not execute a write. */
const READ_ONLY_KINDS: ReadonlySet<StatementKind> = new Set(['select', 'explain', 'show']);

const KIND_LABEL: Record<StatementKind, string> = {
  select: 'a query',
  explain: 'an EXPLAIN',
  show: 'a SHOW',
  insert: 'a data change (insert)',
  update: 'a data change (update)',
  delete: 'a data change (delete)',
  merge: 'a data change (merge)',
  ddl: 'a schema change',
  dcl: 'a permission change',
  transaction: 'transaction control, which would end the read-only transaction',
  session: 'a session change',
  execute: 'procedural or dynamic code the firewall cannot inspect',
  copy: 'a bulk copy to or from files or programs',
  lock: 'an explicit lock',
  notify: 'a notification channel operation',
  maintenance: 'a maintenance or administration command',
  unknown: 'a statement of unknown kind',
};

export async function checkSql(sql: string, dialect: DialectId, mode: FirewallMode, options: FirewallOptions = {}): Promise<FirewallVerdict> {
  return checkStatements(await classifySql(sql, dialect), mode, options);
}

export function checkStatements(statements: ClassifiedStatement[], mode: FirewallMode, options: FirewallOptions = {}): FirewallVerdict {
  const refusals: Refusal[] = [];
  const confirmations: Confirmation[] = [];
  if (statements.length === 0) refusals.push({ index: 0, preview: '', rule: 'empty', reason: 'no SQL statement found (only whitespace or comments)' });
  for (const s of statements) {
    if (s.text.includes('\0')) {
      // In every mode: the PostgreSQL parser stops reading at a NUL, so the verdict would be about a
      // shorter statement than the one sent, and no server accepts one in the statement text anyway.
      refusals.push({ index: s.index, preview: preview(s.text), rule: 'nul-character', reason: NUL_REASON });
      continue;
    }
    const wait = options.serverSideTimeout === false ? unboundedWait(s) : undefined;
    if (wait) {
      // In writable mode too: a confirmation cannot make a hang of the language server acceptable.
      refusals.push({ index: s.index, preview: preview(s.text), rule: 'unbounded-wait', reason: wait });
      continue;
    }
    if (mode === 'read-only') {
      const found = readOnlyViolation(s) ?? (options.routines ? routineViolation(s, options.routines) : undefined);
      if (found) refusals.push({ index: s.index, preview: preview(s.text), rule: found[0], reason: found[1] });
    } else {
      const why = confirmationReason(s);
      if (why) confirmations.push({ index: s.index, preview: preview(s.text), reason: why });
    }
  }
  return { mode, statements, refusals, confirmations };
}

const NUL_REASON = 'contains a NUL character (\\0, byte 0), which is not SQL text: the firewall cannot check what follows it and the server would reject it; remove it (binary data?)';

type Violation = [FirewallRule, string];

function readOnlyViolation(s: ClassifiedStatement): Violation | undefined {
  const verb = s.verb || 'this statement';
  if (s.executableComments > 0)
    return ['executable-comment', 'contains a MySQL executable comment (/*! … */), whose content the server runs but the firewall cannot check'];
  if (s.tooDeep) return ['unparseable', `${s.parseError}; statements the firewall cannot analyse are refused in read-only mode`];
  if (!s.parsed && !s.lexicalRead) {
    const guess = s.kind !== 'unknown' && !READ_ONLY_KINDS.has(s.kind) ? ` (it looks like ${KIND_LABEL[s.kind]})` : '';
    return ['unparseable', `could not be parsed as ${dialectName(s.dialect)}${s.parseError ? `: ${s.parseError}` : ''}${guess}; statements the firewall cannot analyse are refused in read-only mode`];
  }
  if (s.statementCount > 1)
    return ['multiple-statements', `holds ${s.statementCount} statements without a ';' between them; separate them with ';' so each can be checked`];
  if (!READ_ONLY_KINDS.has(s.kind))
    return ['not-read-only-kind', `${verb} is ${KIND_LABEL[s.kind]}; read-only mode allows only SELECT, VALUES, TABLE, SHOW and EXPLAIN`];
  if (s.explain?.analyze && !READ_ONLY_KINDS.has(s.explain.inner))
    return ['explain-analyze-write', `EXPLAIN ANALYZE executes the ${s.explain.innerVerb || 'explained'} statement, which is ${KIND_LABEL[s.explain.inner]}; use EXPLAIN without ANALYZE`];
  if (s.explain && !READ_ONLY_KINDS.has(s.explain.inner) && !['insert', 'update', 'delete', 'merge', 'ddl'].includes(s.explain.inner))
    return ['not-read-only-kind', `EXPLAIN of ${KIND_LABEL[s.explain.inner]} is not allowed in read-only mode`];
  if (s.nestedWrites.length > 0) return ['hidden-write', `${s.nestedWrites[0]} writes data (a data-modifying statement hidden in a query)`];
  if (s.selectInto) return ['select-into', `SELECT … ${s.selectInto} writes its result (a new table, a file or variables)`];
  if (s.lockingClause) return ['locking-read', `${s.lockingClause} takes row locks; remove the locking clause to read`];
  for (const f of s.functions) {
    const why = deniedFunction(s.dialect, f);
    if (why) return ['side-effect-function', `calls ${f}(), which ${why}; such functions are refused in read-only mode`];
  }
  if (s.assignsVariables) return ['variable-assignment', 'assigns session variables (@x := …), which outlive the statement'];
  return undefined;
}

/** A function, view or operator the statement uses that is not known to be read-only, with the path to it. */
function routineViolation(s: ClassifiedStatement, routines: FunctionSafety): Violation | undefined {
  const tail = 'read-only mode refuses functions not known to be read-only; if it only reads, list it in schemawise.safety.allowedFunctions (CLI: --allow-function)';
  for (const f of s.functions) {
    const u = routines.functionUse(f);
    if (u) return ['unsafe-function', `calls ${u.path}: ${u.reason}; ${tail}`];
  }
  const relations = s.dialect === 'mysql' ? lexicalNames(s) : (s.relations ?? []);
  for (const r of relations) {
    const u = routines.relationUse(r);
    if (u) return ['unsafe-function', `reads ${u.path}: ${u.reason}; ${tail}`];
  }
  for (const o of s.operators ?? []) {
    const u = routines.operatorUse(o);
    if (u) return ['unsafe-function', `uses operator ${o}, which runs ${u.path}: ${u.reason}; ${tail}`];
  }
  return undefined;
}

/** MySQL: every name in the statement (a superset of the tables and views it reads). */
function lexicalNames(s: ClassifiedStatement): string[] {
  return [...new Set((s.tokens ?? []).filter((t) => t.type === 'word' || t.type === 'quoted').map((t) => t.text.toLowerCase()))];
}

/** Why a statement would wait with nothing to stop it, on a connection without a server-side timeout. */
function unboundedWait(s: ClassifiedStatement): string | undefined {
  if (s.kind === 'explain' && !s.explain?.analyze) return undefined; // EXPLAIN only plans: nothing waits
  const fn = s.functions.find((f) => isWaitFunction(s.dialect, f));
  if (!fn) return undefined;
  return `calls ${fn}(), which only waits, and this connection cannot limit or interrupt a running statement (PGlite runs inside the language server's process and ignores statement_timeout and cancel requests): the server would hang until it returns`;
}

function confirmationReason(s: ClassifiedStatement): string | undefined {
  if (s.destructive) return s.destructive;
  if (!s.parsed && s.kind !== 'select' && s.kind !== 'show') return `could not be analysed (${s.parseError ?? 'parse error'}); check it before running`;
  const fn = s.functions.find((f) => deniedFunction(s.dialect, f));
  if (fn) return `calls ${fn}(), which ${deniedFunction(s.dialect, fn)}`;
  return undefined;
}

function dialectName(d: DialectId): string {
  return d === 'postgres' ? 'PostgreSQL' : d === 'mysql' ? 'MySQL/MariaDB' : 'T-SQL';
}

/** First words of a statement for messages: one line, at most 60 characters, secrets masked. */
export function preview(text: string): string {
  // Control characters (a NUL, binary garbage) are shown as � rather than written to a terminal.
  const flat = maskSecrets(text).replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '\ufffd').trim();
  return flat.length > 60 ? flat.slice(0, 57) + '…' : flat;
}

/** "statement 2 (DROP TABLE x): refused by rule not-read-only-kind: …" */
export function formatRefusal(r: Refusal): string {
  const where = r.index === 0 ? 'input' : `statement ${r.index} (${r.preview})`;
  return `${where}: refused [${r.rule}]: ${r.reason}`;
}
