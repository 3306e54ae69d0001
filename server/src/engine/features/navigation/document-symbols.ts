// Document outline: one symbol per statement (named by its first words and main table), with the
// CTEs of a WITH as children.
import type { Dialect } from '../../sql/dialect';
import { matchParens } from '../../sql/paren-groups';
import { SqlDocument } from '../../sql/sql-document';
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

/** Per document (and dialect): statement text → its symbol, offsets relative to the statement's span (null: none). */
const remembered = new WeakMap<SqlDocument, { dialect: string; byText: Map<string, DocumentSymbol | null> }>();

/**
 * The outline. Editors ask again after every edit: for an SqlDocument each statement's symbol is
 * remembered by its text, so a keystroke in a 20k-line script lexes the statement it changed, not
 * the file (which took 100–300 ms).
 */
export function documentSymbols(doc: DocumentInput, dialect: Dialect): DocumentSymbol[] {
  if (!(doc instanceof SqlDocument) || doc.dialect.id !== dialect.id) {
    return splitStatements(textOf(doc), dialect).flatMap((st) => statementSymbol(st.tokens, dialect) ?? []);
  }
  const previous = remembered.get(doc);
  const old = previous?.dialect === dialect.id ? previous.byText : undefined;
  const byText = new Map<string, DocumentSymbol | null>();
  const out: DocumentSymbol[] = [];
  for (const span of doc.statementSpans()) {
    const key = doc.slice(span.from, span.semicolon ?? span.to);
    let symbol = byText.get(key) ?? old?.get(key);
    if (symbol === undefined) symbol = shifted(statementSymbol(doc.statementFrom(span.from, span.semicolon).tokens, dialect), -span.from);
    byText.set(key, symbol);
    if (symbol) out.push(shifted(symbol, span.from)!);
  }
  remembered.set(doc, { dialect: dialect.id, byText });
  return out;
}

function shifted(s: DocumentSymbol | null, by: number): DocumentSymbol | null {
  if (!s) return null;
  return { ...s, start: s.start + by, end: s.end + by, selectionStart: s.selectionStart + by, selectionEnd: s.selectionEnd + by, children: s.children.map((c) => shifted(c, by)!) };
}

/** One statement's symbol (document offsets of its tokens), or null for a statement of comments only. */
function statementSymbol(all: Token[], dialect: Dialect): DocumentSymbol | null {
  const tokens = all.filter((t) => t.kind !== 'comment');
  if (tokens.length === 0) return null;
  const scanner = new BlockScanner(tokens, matchParens(tokens), dialect);
  const info = scanner.scan(0, tokens.length);
  const verb = mainVerb(tokens);
  const target = info.refs.find((r) => r.name && r.kind === 'table' && !info.ctes.some((c) => c.name.text === r.name!.text));
  const children = info.ctes.map((c): DocumentSymbol => {
    const close = c.bodyOpen !== undefined ? closeOf(tokens, c.bodyOpen) : c.name;
    return { name: tokenName(c.name), kind: 'cte', detail: 'CTE', start: c.name.start, end: close.end, selectionStart: c.name.start, selectionEnd: c.name.end, children: [] };
  });
  const name = `${verb}${target?.name ? ` ${target.schema ? tokenName(target.schema) + '.' : ''}${tokenName(target.name)}` : ''}`;
  return { name, kind: 'statement', detail: verb, start: tokens[0].start, end: tokens[tokens.length - 1].end, selectionStart: tokens[0].start, selectionEnd: tokens[0].end, children };
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
