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

/** True when the group opened at tokens[open] holds a query: `(SELECT`, `(WITH`, `(VALUES`, `((SELECT`. */
export function isSubqueryGroup(tokens: Token[], open: number): boolean {
  let i = open + 1;
  while (isPunct(tokens[i], '(')) i++;
  const kw = keywordOf(tokens[i]);
  return kw === 'SELECT' || kw === 'WITH' || kw === 'VALUES' || kw === 'TABLE';
}
