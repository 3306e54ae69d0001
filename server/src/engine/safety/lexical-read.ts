// A conservative lexical proof that a MySQL/MariaDB statement only reads, for statements that
// node-sql-parser (not the server's grammar) rejects: SHOW CREATE DATABASE, JSON_TABLE, DIV, MOD, <=>,
// RLIKE, LIMIT ROWS EXAMINED, … The proof works on the tokens of our lexer, which follows the server's
// own comment and whitespace rules (lexer.ts), so it sees what the server will run:
//   - the statement starts like a read: SELECT, WITH, VALUES, SHOW, DESCRIBE/DESC, EXPLAIN (or "(" SELECT);
//   - no word anywhere can start or smuggle in anything else: no INTO/OUTFILE, no statement keyword
//     that writes, locks, changes the session or calls code (a function of the same name, such as
//     REPLACE(…), INSERT(…) or TRUNCATE(…), is a call, not a statement);
//   - the firewall's usual checks still follow: executable comments, locking clauses, `:=`, and every
//     function-call-shaped name against the deny-list and the database's stored functions.
// The read-only session (read-only flag + START TRANSACTION READ ONLY) stays underneath. Anything the
// proof is unsure about stays refused as unparseable.
import type { Token } from './lexer';
import type { StatementKind } from './types';

const HEADS: Record<string, StatementKind> = {
  select: 'select',
  with: 'select',
  values: 'select',
  show: 'show',
  describe: 'show',
  desc: 'show',
  explain: 'explain',
};

/** Words that never appear in a pure read, except as a function name directly followed by "(". */
const FORBIDDEN = new Set([
  'into', 'outfile', 'dumpfile', 'insert', 'update', 'delete', 'replace', 'merge', 'upsert', 'create', 'drop', 'alter',
  'truncate', 'rename', 'grant', 'revoke', 'call', 'do', 'handler', 'load', 'lock', 'unlock', 'execute', 'prepare', 'deallocate',
  'flush', 'kill', 'shutdown', 'install', 'uninstall', 'purge', 'reset', 'change', 'start', 'begin', 'commit', 'rollback',
  'savepoint', 'release', 'xa', 'optimize', 'repair', 'analyze', 'procedure', 'share', 'nowait', 'locked', 'binlog', 'cache',
  'import', 'backup', 'restore', 'signal', 'resignal', 'open', 'close', 'next', 'previous', 'setval', 'nextval', 'lastval',
  'sql_log_bin',
]);

/** The kind a lexically proven read has, or why the proof does not hold. */
export function lexicalReadProof(tokens: readonly Token[]): { kind: StatementKind } | { reason: string } {
  let k = 0;
  while (tokens[k]?.type === 'punct' && tokens[k]!.text === '(') k++;
  const head = tokens[k];
  if (!head || head.type !== 'word') return { reason: 'it does not start with a keyword' };
  const kind = HEADS[head.text.toLowerCase()];
  if (!kind) return { reason: `it starts with ${head.text.toUpperCase()}, not with a read` };
  if (k > 0 && kind !== 'select') return { reason: 'only a query may start with "("' };
  // SHOW only reads, and its own words (SHOW CREATE DATABASE, SHOW PROCEDURE STATUS, SHOW OPEN
  // TABLES) are not statements; only a WHERE condition holds expressions, which are checked.
  const from = kind === 'show' && head.text.toLowerCase() === 'show' ? whereIndex(tokens) : 0;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'word') continue;
    const w = t.text.toLowerCase();
    const next = tokens[i + 1];
    const isCall = next !== undefined && next.text === '(' && next.type === 'punct';
    if (FORBIDDEN.has(w) && !isCall) return { reason: `it contains ${t.text.toUpperCase()}` };
    // SET only inside CHARACTER SET / CHARSET names: `CAST(x AS CHAR CHARACTER SET utf8mb4)`.
    if (w === 'set' && tokens[i - 1]?.text.toLowerCase() !== 'character') return { reason: 'it contains SET' };
    if (w === 'for' && next && ['update', 'share'].includes(next.text.toLowerCase())) return { reason: `it contains FOR ${next.text.toUpperCase()}` };
  }
  // `@x := …` assigns a session variable.
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.text === ':' && tokens[i + 1]!.text === '=') return { reason: 'it assigns a variable (:=)' };
  }
  return { kind };
}

function whereIndex(tokens: readonly Token[]): number {
  const i = tokens.findIndex((t) => t.type === 'word' && t.text.toLowerCase() === 'where');
  return i === -1 ? tokens.length : i;
}
