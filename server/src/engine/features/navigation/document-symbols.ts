// Document outline: one symbol per statement (named by its first words and main table), with the
// CTEs of a WITH as children.
import type { Dialect } from '../../sql/dialect';
import { matchParens } from '../../sql/paren-groups';
import { splitStatements } from '../../sql/statement-splitter';
import { BlockScanner } from '../../sql/table-refs';
import { keywordOf, type Token } from '../../sql/tokens';
import { textOf, type DocumentInput } from '../document-input';
import { tokenName } from '../sources';

export interface DocumentSymbol {
  name: string;
  kind: 'statement' | 'cte';
  /** Upper-case first keyword of a statement (SELECT, INSERT, CREATE, …). */
  detail?: string;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
  children: DocumentSymbol[];
}

export function documentSymbols(doc: DocumentInput, dialect: Dialect): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const st of splitStatements(textOf(doc), dialect)) {
    const tokens = st.tokens.filter((t) => t.kind !== 'comment');
    if (tokens.length === 0) continue;
    const scanner = new BlockScanner(tokens, matchParens(tokens), dialect);
    const info = scanner.scan(0, tokens.length);
    const verb = mainVerb(tokens);
    const target = info.refs.find((r) => r.name && r.kind === 'table' && !info.ctes.some((c) => c.name.text === r.name!.text));
    const children = info.ctes.map((c): DocumentSymbol => {
      const close = c.bodyOpen !== undefined ? closeOf(tokens, c.bodyOpen) : c.name;
      return { name: tokenName(c.name), kind: 'cte', detail: 'CTE', start: c.name.start, end: close.end, selectionStart: c.name.start, selectionEnd: c.name.end, children: [] };
    });
    const name = `${verb}${target?.name ? ` ${target.schema ? tokenName(target.schema) + '.' : ''}${tokenName(target.name)}` : ''}`;
    out.push({ name, kind: 'statement', detail: verb, start: tokens[0].start, end: tokens[tokens.length - 1].end, selectionStart: tokens[0].start, selectionEnd: tokens[0].end, children });
  }
  return out;
}

/** The statement's verb, skipping a leading WITH …: `WITH x AS (…) SELECT` → SELECT. */
function mainVerb(tokens: Token[]): string {
  const first = keywordOf(tokens[0]) || tokens[0].text;
  if (first !== 'WITH') return first;
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(keywordOf(t))) return keywordOf(t);
  }
  return 'WITH';
}

function closeOf(tokens: Token[], open: number): Token {
  const close = matchParens(tokens).get(open);
  return tokens[Math.min(close ?? tokens.length - 1, tokens.length - 1)] ?? tokens[open];
}
