// Semantic classes of the names in a SQL document, so themes can tell tables, columns, aliases,
// CTEs, functions and parameters apart (the TextMate grammar keeps colouring the rest: keywords,
// strings, numbers, comments). Each identifier is resolved with the statement's scope, as
// go-to-definition does; only statements overlapping [from, to) are analysed.
import type { SchemaIndex } from '../../schema/schema-index';
import { SqlDocument } from '../../sql/sql-document';
import { ownCopy } from '../../sql/text-buffer';
import type { StatementRange } from '../../sql/statement-splitter';
import { statementsIn, type DocumentInput } from '../document-input';
import { isIdentifier, isPunct, type Token } from '../../sql/tokens';
import { codeTokens, symbolOfToken } from '../navigation/symbol-at';

export type SemanticClass = 'table' | 'column' | 'alias' | 'cte' | 'function' | 'parameter';

export const SEMANTIC_CLASSES: readonly SemanticClass[] = ['table', 'column', 'alias', 'cte', 'function', 'parameter'];

// Keywords written with parentheses after them that are not function calls.
const NOT_CALLS = new Set(['EXISTS', 'IN', 'ANY', 'SOME', 'ALL', 'VALUES', 'VALUE', 'AS', 'ON', 'USING', 'OVER', 'FILTER', 'WITHIN', 'INTO', 'TABLE', 'LATERAL', 'AND', 'OR', 'NOT', 'WHERE', 'SELECT', 'FROM', 'JOIN', 'BY', 'SET', 'RETURNING']);

export interface SemanticToken {
  start: number;
  end: number;
  kind: SemanticClass;
}

export function semanticTokens(doc: DocumentInput, index: SchemaIndex, from = 0, to = Number.MAX_SAFE_INTEGER): SemanticToken[] {
  const out: SemanticToken[] = [];
  const push = (t: SemanticToken) => {
    if (!(t.end < from || t.start > to)) out.push(t);
  };
  if (doc instanceof SqlDocument && doc.dialect.id === index.dialect.id) {
    // Each statement's classes are remembered by its text (per schema): after a keystroke only the
    // statement typed in is classified again, the rest of the screen comes from the memo.
    const memo = memoOf(index);
    for (const span of doc.spansIn(from, to)) {
      const end = span.semicolon ?? span.to;
      const key = doc.slice(span.from, end);
      let classes = memo.get(key);
      if (!classes) {
        classes = classify(doc.statementFrom(span.from, span.semicolon), index).map((t) => ({ ...t, start: t.start - span.from, end: t.end - span.from }));
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(ownCopy(key), classes);
      }
      for (const t of classes) push({ kind: t.kind, start: t.start + span.from, end: t.end + span.from });
    }
    return out;
  }
  for (const st of statementsIn(doc, index.dialect, from, to)) for (const t of classify(st, index)) push(t);
  return out;
}

/** Statement texts remembered per schema before the memo starts over. */
const MEMO_LIMIT = 5000;
const memos = new WeakMap<SchemaIndex, Map<string, SemanticToken[]>>();

function memoOf(index: SchemaIndex): Map<string, SemanticToken[]> {
  let memo = memos.get(index);
  if (!memo) memos.set(index, (memo = new Map()));
  return memo;
}

/** The classes of every name in one statement (document offsets). */
function classify(st: StatementRange, index: SchemaIndex): SemanticToken[] {
  const out: SemanticToken[] = [];
  const tokens = codeTokens(st);
  tokens.forEach((t, k) => {
    const kind = classOf(st, tokens, k, t, index);
    if (kind) out.push({ start: t.start, end: t.end, kind });
  });
  return out;
}

function classOf(st: Parameters<typeof symbolOfToken>[0], tokens: Token[], k: number, t: Token, index: SchemaIndex): SemanticClass | undefined {
  if (t.kind === 'param') return 'parameter';
  if (!isIdentifier(t)) return undefined;
  // Keywords are words too: only names that resolve (or call syntax) are classified.
  const sym = symbolOfToken(st, tokens, k, index);
  if (sym) {
    if (sym.kind === 'virtual-column') return 'column';
    return sym.kind;
  }
  if (t.kind === 'word' && isPunct(tokens[k + 1], '(') && !isPunct(tokens[k - 1], '.') && !NOT_CALLS.has(t.text.toUpperCase())) return 'function';
  return undefined;
}
