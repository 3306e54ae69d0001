// Whether a template holds a whole statement or a fragment composed into a query elsewhere
// (`sql\`AND age > ${min}\``, drizzle's `sql\`${users.id} = 1\``). Fragments get completion and hover
// but no diagnostics: they are not meant to parse on their own, and a false error in every
// fragment would teach users to ignore the real ones.

const STATEMENT_START = new Set(
  [
    'select', 'with', 'insert', 'update', 'delete', 'merge', 'upsert', 'replace', 'values', 'table',
    'create', 'alter', 'drop', 'truncate', 'rename', 'comment', 'grant', 'revoke',
    'begin', 'start', 'commit', 'rollback', 'savepoint', 'release', 'set', 'reset', 'show', 'use',
    'explain', 'analyze', 'analyse', 'vacuum', 'reindex', 'cluster', 'refresh', 'lock', 'call', 'do',
    'copy', 'prepare', 'execute', 'exec', 'deallocate', 'declare', 'listen', 'notify', 'unlisten',
    'describe', 'desc', 'load', 'handler', 'optimize', 'repair', 'checksum', 'flush', 'kill',
    'if', 'print', 'raiserror', 'throw', 'waitfor', 'go', 'discard', 'checkpoint', 'security', 'import',
  ],
);

/** The statement words a typo of which still marks a statement (`SELEC 1` must get its syntax error). */
const MAIN_STATEMENTS = ['select', 'insert', 'update', 'delete', 'create', 'alter', 'merge', 'with', 'values', 'drop'];

/**
 * True when the SQL's first word (after blanks, comments and opening parentheses) starts a
 * statement, or is one edit away from a main statement word and followed by a blank (a typo, not a
 * function call or a column).
 */
export function isWholeStatement(sql: string): boolean {
  const rest = sql.replace(/^(?:\s+|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*/, '');
  const m = /^([A-Za-z_]+)(\s|$)?/.exec(rest);
  if (!m) return false;
  const word = m[1]!.toLowerCase();
  if (STATEMENT_START.has(word)) return true;
  return m[2] !== undefined && word.length >= 4 && MAIN_STATEMENTS.some((k) => oneEditApart(word, k));
}

/** Levenshtein distance exactly 1 or an adjacent transposition. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
