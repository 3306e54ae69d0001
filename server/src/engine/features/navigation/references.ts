// Find references within the document: an alias or CTE within its statement; a table or column in
// every statement of the document (each statement analysed with its own scope).
import type { SchemaIndex } from '../../schema/schema-index';
import { splitStatements, type StatementRange } from '../../sql/statement-splitter';
import { isIdentifier, type Token } from '../../sql/tokens';
import { statementOf, textOf, type DocumentInput } from '../document-input';
import { tokenName } from '../sources';
import { codeTokens, symbolAt, symbolOfToken, type NavSymbol } from './symbol-at';

export interface ReferenceRange {
  start: number;
  end: number;
}

export function references(doc: DocumentInput, offset: number, index: SchemaIndex, includeDeclaration = true): ReferenceRange[] {
  const statement = statementOf(doc, offset, index.dialect);
  const at = symbolAt(statement, offset, index);
  if (!at) return [];
  const target = at.symbol;
  const local = target.kind === 'alias' || target.kind === 'cte' || target.kind === 'virtual-column';
  const statements = local ? [statement] : splitStatements(textOf(doc), index.dialect);
  const name = key(index, at.token);
  const out: ReferenceRange[] = [];
  for (const st of statements) {
    const tokens = codeTokens(st);
    tokens.forEach((t, k) => {
      // Only tokens spelled like the target can name it; resolving each is the expensive part.
      if (!isIdentifier(t) || key(index, t) !== name) return;
      if (!includeDeclaration && isDeclaration(target, t)) return;
      const sym = symbolOfToken(st as StatementRange, tokens, k, index);
      if (sym && same(sym, target)) out.push({ start: t.start, end: t.end });
    });
  }
  return out;
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
