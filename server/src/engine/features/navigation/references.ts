// Find references within the document: an alias or CTE within its statement; a table or column in
// every statement of the document (each statement analysed with its own scope).
import type { SchemaIndex } from '../../schema/schema-index';
import { splitStatements, type StatementRange } from '../../sql/statement-splitter';
import { isIdentifier, type Token } from '../../sql/tokens';
import { SqlDocument } from '../../sql/sql-document';
import { statementOf, textOf, type DocumentInput } from '../document-input';
import { runAtOnce, runInSlices, type SliceOptions } from '../slices';
import { tokenName } from '../sources';
import { codeTokens, symbolAt, symbolOfToken, type NavSymbol } from './symbol-at';

export interface ReferenceRange {
  start: number;
  end: number;
}

export function references(doc: DocumentInput, offset: number, index: SchemaIndex, includeDeclaration = true): ReferenceRange[] {
  return runAtOnce(referenceSearch(doc, offset, index, includeDeclaration));
}

/**
 * references() in slices between the server's quiet turns, so a table or column named in thousands
 * of statements never holds the editor up; undefined when cancelled.
 */
export function referencesAsync(doc: DocumentInput, offset: number, index: SchemaIndex, opts: SliceOptions & { includeDeclaration?: boolean }): Promise<ReferenceRange[] | undefined> {
  return runInSlices(referenceSearch(doc, offset, index, opts.includeDeclaration ?? true), opts);
}

/** The search, one statement per step. */
function* referenceSearch(doc: DocumentInput, offset: number, index: SchemaIndex, includeDeclaration: boolean): Generator<void, ReferenceRange[]> {
  const statement = statementOf(doc, offset, index.dialect);
  const at = symbolAt(statement, offset, index);
  if (!at) return [];
  const target = at.symbol;
  const local = target.kind === 'alias' || target.kind === 'cte' || target.kind === 'virtual-column';
  const name = key(index, at.token);
  const out: ReferenceRange[] = [];
  // A column can only be named where its table is (in the statement's FROM, maybe inside a CTE).
  const names = target.kind === 'column' ? [tokenName(at.token), target.table.name] : [tokenName(at.token)];
  for (const st of local ? [statement] : statementsNaming(doc, index, names)) {
    const tokens = codeTokens(st);
    tokens.forEach((t, k) => {
      // Only tokens spelled like the target can name it; resolving each is the expensive part.
      if (!isIdentifier(t) || key(index, t) !== name) return;
      if (!includeDeclaration && isDeclaration(target, t)) return;
      const sym = symbolOfToken(st as StatementRange, tokens, k, index);
      if (sym && same(sym, target)) out.push({ start: t.start, end: t.end });
    });
    yield;
  }
  return out;
}

/**
 * The statements of the document whose text holds every one of `names` in any case (a superset of
 * those that can name the symbol): only these are lexed and resolved. From an SqlDocument's cached
 * boundaries, reading a slice per statement, so a 20k-line file is neither joined nor lexed whole.
 */
function* statementsNaming(doc: DocumentInput, index: SchemaIndex, names: string[]): Generator<StatementRange> {
  // A name with a quote character is written escaped (doubled) in the text: it is not looked for.
  const patterns = names.filter((n) => !/["`\]]/.test(n)).map((n) => new RegExp(n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
  const holds = (text: string) => patterns.every((p) => p.test(text));
  if (doc instanceof SqlDocument && doc.dialect.id === index.dialect.id) {
    for (const span of doc.statementSpans()) if (holds(doc.slice(span.from, span.semicolon ?? span.to))) yield doc.statementFrom(span.from, span.semicolon);
    return;
  }
  const text = textOf(doc);
  for (const st of splitStatements(text, index.dialect)) if (holds(text.slice(st.from, st.semicolon ?? st.end))) yield st;
}

function key(index: SchemaIndex, t: Token): string {
  return index.dialect.foldIdentifier(tokenName(t), t.kind === 'quoted');
}

function isDeclaration(s: NavSymbol, t: Token): boolean {
  return (s.kind === 'alias' && s.source.ref.alias === t) || (s.kind === 'cte' && s.cte.name === t);
}

function same(a: NavSymbol, b: NavSymbol): boolean {
  switch (a.kind) {
    case 'alias':
      return b.kind === 'alias' && a.source.ref.alias === b.source.ref.alias;
    case 'cte':
      return b.kind === 'cte' && a.cte.name === b.cte.name;
    case 'table':
      return b.kind === 'table' && a.table === b.table;
    case 'column':
      return b.kind === 'column' && a.table === b.table && a.column === b.column;
    case 'virtual-column':
      return b.kind === 'virtual-column' && a.name === b.name && (a.source.ref.cte?.name ?? a.source.ref.alias) === (b.source.ref.cte?.name ?? b.source.ref.alias);
  }
}
