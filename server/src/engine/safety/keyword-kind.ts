// A statement's kind guessed from its leading keywords, for statements the parser does not
// understand. Only used to explain a refusal better ("EXEC … could not be parsed") and to ask for
// confirmation in writable mode; an unparsed statement is never allowed in read-only mode.
import type { Token } from './lexer';
import type { StatementKind } from './types';

const BY_FIRST_WORD: Record<string, StatementKind> = {
  select: 'select',
  values: 'select',
  table: 'select',
  explain: 'explain',
  describe: 'show',
  desc: 'show',
  show: 'show',
  insert: 'insert',
  replace: 'insert',
  update: 'update',
  delete: 'delete',
  merge: 'merge',
  upsert: 'insert',
  create: 'ddl',
  alter: 'ddl',
  drop: 'ddl',
  truncate: 'ddl',
  comment: 'ddl',
  rename: 'ddl',
  grant: 'dcl',
  revoke: 'dcl',
  deny: 'dcl',
  begin: 'transaction',
  start: 'transaction',
  commit: 'transaction',
  rollback: 'transaction',
  savepoint: 'transaction',
  release: 'transaction',
  abort: 'transaction',
  end: 'transaction',
  xa: 'transaction',
  set: 'session',
  reset: 'session',
  use: 'session',
  discard: 'session',
  declare: 'session',
  fetch: 'session',
  move: 'session',
  close: 'session',
  open: 'session',
  deallocate: 'session',
  handler: 'session',
  waitfor: 'session',
  call: 'execute',
  do: 'execute',
  exec: 'execute',
  execute: 'execute',
  prepare: 'execute',
  copy: 'copy',
  bulk: 'copy',
  lock: 'lock',
  unlock: 'lock',
  listen: 'notify',
  notify: 'notify',
  unlisten: 'notify',
  vacuum: 'maintenance',
  analyze: 'maintenance',
  analyse: 'maintenance',
  optimize: 'maintenance',
  repair: 'maintenance',
  check: 'maintenance',
  checksum: 'maintenance',
  checkpoint: 'maintenance',
  reindex: 'maintenance',
  cluster: 'maintenance',
  refresh: 'maintenance',
  flush: 'maintenance',
  purge: 'maintenance',
  kill: 'maintenance',
  shutdown: 'maintenance',
  dbcc: 'maintenance',
  backup: 'maintenance',
  restore: 'maintenance',
  reconfigure: 'maintenance',
  install: 'maintenance',
  uninstall: 'maintenance',
  change: 'maintenance',
};

export function kindFromKeywords(tokens: readonly Token[]): StatementKind {
  const words = leadingWords(tokens, 2).map((w) => w.toLowerCase());
  const first = words[0];
  if (!first) return 'unknown';
  // LOAD DATA / LOAD XML bulk-load a file; PostgreSQL LOAD loads a shared library.
  if (first === 'load') return words[1] === 'data' || words[1] === 'xml' ? 'copy' : 'execute';
  // A leading WITH may head a SELECT or a data change: only the parser can tell.
  if (first === 'with') return 'unknown';
  return BY_FIRST_WORD[first] ?? 'unknown';
}

/** The first `count` words of a statement, skipping opening parentheses: `(SELECT …)`. */
export function leadingWords(tokens: readonly Token[], count: number): string[] {
  const words: string[] = [];
  for (const t of tokens) {
    if (words.length >= count) break;
    if (t.type === 'punct' && t.text === '(' && words.length === 0) continue;
    if (t.type !== 'word') break;
    words.push(t.text);
  }
  return words;
}

/** "DELETE", "CREATE TABLE", "EXEC": leading keywords for messages. */
export function verbOf(tokens: readonly Token[]): string {
  const words = leadingWords(tokens, 2);
  const first = words[0]?.toUpperCase() ?? '';
  const twoWordVerbs = new Set(['CREATE', 'ALTER', 'DROP', 'LOAD', 'LOCK', 'BULK', 'COMMENT', 'SECURITY', 'REFRESH', 'START', 'SET', 'SHOW']);
  return twoWordVerbs.has(first) && words[1] ? `${first} ${words[1].toUpperCase()}` : first;
}
