// The OUTPUT clause of INSERT/UPDATE/DELETE, which node-sql-parser's TransactSQL grammar rejects.
// It is blanked out (same length, so every offset still holds) for the parser, and its
// `inserted.col` / `deleted.col` references are kept to be checked against the target table.
import { getDialect } from '../../../sql/dialect';
import { tokenize } from '../../../sql/tokenizer';
import type { Token } from '../../../sql/tokens';
import type { Span } from '../locator';

export interface OutputRef {
  pseudo: 'inserted' | 'deleted';
  column: string;
  /** The column part. */
  span: Span;
}

/** Where the clause ends (at depth 0): the statement's next clause. */
const NEXT_CLAUSE = new Set(['VALUES', 'SELECT', 'DEFAULT', 'EXEC', 'EXECUTE', 'FROM', 'WHERE', 'OPTION', 'WITH']);
const DML = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(INSERT|UPDATE|DELETE)\b/i;

/** The statement with its OUTPUT clauses blanked, or undefined when it has none. */
export function blankOutputClauses(sql: string): { text: string; refs: OutputRef[] } | undefined {
  const kind = DML.exec(sql)?.[1]?.toUpperCase();
  if (!kind) return undefined;
  const tokens = tokenize(sql, getDialect('mssql')).filter((t) => t.kind !== 'comment');
  const chars = sql.split('');
  const refs: OutputRef[] = [];
  let depth = 0;
  let found = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    if (depth !== 0 || !isWord(t, 'OUTPUT')) continue;
    let j = i + 1;
    let d = 0;
    let into = false;
    for (; j < tokens.length; j++) {
      const u = tokens[j];
      if (isPunct(u, '(')) d++;
      else if (isPunct(u, ')')) d--;
      if (d < 0 || (d === 0 && (isPunct(u, ';') || (u.kind === 'word' && NEXT_CLAUSE.has(u.text.toUpperCase()))))) break;
      if (d === 0 && isWord(u, 'INTO')) into = true;
      const ref = !into && pseudoRef(tokens, j, kind);
      if (ref) refs.push(ref);
    }
    const end = j < tokens.length ? tokens[j].start : sql.length;
    for (let c = t.start; c < end; c++) if (chars[c] !== '\n' && chars[c] !== '\r') chars[c] = ' ';
    found = true;
    i = j - 1;
  }
  return found ? { text: chars.join(''), refs } : undefined;
}

/** `inserted.col` / `deleted.col` starting at tokens[j], when valid for the statement kind. */
function pseudoRef(tokens: Token[], j: number, kind: string): OutputRef | undefined {
  const p = tokens[j];
  const col = tokens[j + 2];
  if (p.kind !== 'word' || !isPunct(tokens[j + 1], '.') || !col || (col.kind !== 'word' && col.kind !== 'quoted')) return undefined;
  if (isPunct(tokens[j - 1], '.') || isPunct(tokens[j + 3], '.')) return undefined;
  const pseudo = p.text.toLowerCase();
  const allowed = kind === 'INSERT' ? pseudo === 'inserted' : kind === 'DELETE' ? pseudo === 'deleted' : pseudo === 'inserted' || pseudo === 'deleted';
  if (!allowed) return undefined;
  return { pseudo: pseudo as OutputRef['pseudo'], column: col.kind === 'quoted' ? (col.value ?? '') : col.text, span: { start: col.start, end: col.end } };
}

function isPunct(t: Token | undefined, ch: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.text === ch;
}

function isWord(t: Token | undefined, w: string): boolean {
  return t !== undefined && t.kind === 'word' && t.text.toUpperCase() === w;
}
