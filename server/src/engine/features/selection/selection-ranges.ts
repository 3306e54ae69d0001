// Expand selection for SQL: word → list item (expression between commas) → clause (SELECT …, FROM …,
// WHERE …) → the contents of the enclosing parentheses → the parenthesised group → … outward → the
// statement → the statement with its `;`. Each range strictly contains the previous one.
import type { Dialect } from '../../sql/dialect';
import { statementOf, type DocumentInput } from '../document-input';
import { isPunct, keywordOf, type Token } from '../../sql/tokens';

export interface Span {
  start: number;
  end: number;
}

const CLAUSES = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'FETCH', 'WINDOW', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'ON', 'USING', 'SET', 'VALUES', 'RETURNING', 'UNION', 'INTERSECT', 'EXCEPT', 'WITH', 'INSERT', 'UPDATE', 'DELETE', 'INTO']);
// Words that continue the clause keyword before them (LEFT JOIN, GROUP BY, UNION ALL).
const CONTINUES = new Set(['JOIN', 'OUTER', 'BY', 'ALL', 'INTO']);

/** Innermost first; empty when the offset is not in a statement. */
export function selectionRanges(doc: DocumentInput, offset: number, dialect: Dialect): Span[] {
  const st = statementOf(doc, offset, dialect);
  const tokens = st.tokens.filter((t) => t.kind !== 'comment');
  if (tokens.length === 0) return [];
  const out: Span[] = [];
  const push = (s: Span) => {
    const last = out.at(-1);
    if (s.start <= s.end && s.start <= offset && offset <= s.end && (!last || (s.start <= last.start && s.end >= last.end && (s.start < last.start || s.end > last.end)))) out.push(s);
  };
  const at = tokens.findIndex((t) => t.start <= offset && offset <= t.end);
  if (at >= 0) push({ start: tokens[at].start, end: tokens[at].end });
  // Containers: the enclosing parenthesised groups, innermost first, then the statement.
  const pairs = matchParens(tokens);
  const containers = pairs.filter(([o, c]) => tokens[o].end <= offset && offset <= tokens[c].start).sort((a, b) => b[0] - a[0]);
  for (const [o, c] of containers) {
    inner(tokens, o + 1, c, offset, push);
    if (o + 1 < c) push({ start: tokens[o + 1].start, end: tokens[c - 1].end });
    push({ start: tokens[o].start, end: tokens[c].end });
  }
  inner(tokens, 0, tokens.length, offset, push);
  push({ start: tokens[0].start, end: tokens.at(-1)!.end });
  if (st.semicolon !== undefined) push({ start: tokens[0].start, end: st.semicolon + 1 });
  return out;
}

/** The list item and the clause around `offset` among tokens[from, to) at their own depth. */
function inner(tokens: Token[], from: number, to: number, offset: number, push: (s: Span) => void): void {
  const top: number[] = [];
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    if (depth === 0) top.push(i);
    if (isPunct(tokens[i], ')')) depth--;
  }
  // Clause boundaries: clause keywords at this depth (a continuing word stays with its keyword).
  const starts = top.filter((i, n) => CLAUSES.has(keywordOf(tokens[i])) && !(CONTINUES.has(keywordOf(tokens[i])) && n > 0 && CLAUSES.has(keywordOf(tokens[top[n - 1]]))));
  let clauseStart = from;
  let clauseEnd = to;
  for (const i of starts) {
    if (tokens[i].start <= offset) clauseStart = i;
    else {
      clauseEnd = i;
      break;
    }
  }
  // The list item: between commas at this depth inside the clause (after its keywords).
  let itemStart = clauseStart;
  while (itemStart < clauseEnd && CLAUSES.has(keywordOf(tokens[itemStart]))) itemStart++;
  let itemEnd = clauseEnd;
  for (const i of top) {
    if (i < itemStart || i >= clauseEnd || !isPunct(tokens[i], ',')) continue;
    if (tokens[i].end <= offset) itemStart = i + 1;
    else {
      itemEnd = i;
      break;
    }
  }
  if (itemStart < itemEnd) push({ start: tokens[itemStart].start, end: tokens[itemEnd - 1].end });
  if (clauseStart < clauseEnd) push({ start: tokens[clauseStart].start, end: tokens[clauseEnd - 1].end });
}

function matchParens(tokens: Token[]): [number, number][] {
  const open: number[] = [];
  const pairs: [number, number][] = [];
  tokens.forEach((t, i) => {
    if (isPunct(t, '(')) open.push(i);
    else if (isPunct(t, ')') && open.length > 0) pairs.push([open.pop()!, i]);
  });
  return pairs;
}
