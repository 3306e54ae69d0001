// Matching parentheses of a token list, tolerant of half-typed SQL: an unclosed `(` extends to the
// end, a stray `)` is ignored.
import { isPunct, keywordOf, type Token } from './tokens';

/** openIndex → index of the matching `)` (tokens.length when unclosed). */
export function matchParens(tokens: Token[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (isPunct(t, '(')) stack.push(i);
    else if (isPunct(t, ')') && stack.length > 0) pairs.set(stack.pop()!, i);
  });
  for (const open of stack) pairs.set(open, tokens.length);
  return pairs;
}

/** For each token array: index of the first token after the run of `(` that starts at i. */
const runEnds = new WeakMap<Token[], Int32Array>();

/**
 * True when the group opened at tokens[open] holds a query: `(SELECT`, `(WITH`, `(VALUES`, `((SELECT`.
 * Constant time per call: the end of each run of `(` is computed once per token array, so asking
 * for every `(` of `select ((((…` stays linear (scanning each run again made it quadratic).
 */
export function isSubqueryGroup(tokens: Token[], open: number): boolean {
  let ends = runEnds.get(tokens);
  if (!ends || ends.length !== tokens.length + 1) {
    ends = new Int32Array(tokens.length + 1);
    ends[tokens.length] = tokens.length;
    for (let i = tokens.length - 1; i >= 0; i--) ends[i] = isPunct(tokens[i], '(') ? ends[i + 1]! : i;
    runEnds.set(tokens, ends);
  }
  const kw = keywordOf(tokens[ends[open + 1] ?? open + 1]);
  return kw === 'SELECT' || kw === 'WITH' || kw === 'VALUES' || kw === 'TABLE';
}
