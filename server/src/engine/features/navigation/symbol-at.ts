// What the identifier at a cursor names, for go-to-definition and find-references: an alias of the
// statement, a CTE, a real table, or a column (of a table or of a CTE/subquery).
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { namePart } from '../../sql/names';
import { resolveScope, type CteDef } from '../../sql/scope';
import type { StatementRange } from '../../sql/statement-splitter';
import { isIdentifier, isPunct, type Token } from '../../sql/tokens';
import { findColumn, resolveSources, sourceMatches, type Source } from '../sources';

export type NavSymbol =
  | { kind: 'alias'; token: Token; source: Source }
  | { kind: 'cte'; cte: CteDef }
  | { kind: 'table'; table: TableInfo }
  | { kind: 'column'; table: TableInfo; column: ColumnInfo }
  | { kind: 'virtual-column'; source: Source; name: string };

export interface SymbolAt {
  token: Token;
  symbol: NavSymbol;
}

/** Tokens of a statement without comments (positions in the document). */
export function codeTokens(statement: StatementRange): Token[] {
  return statement.tokens.filter((t) => t.kind !== 'comment');
}

export function identifierAt(tokens: Token[], offset: number): number {
  const at = tokens.findIndex((t) => isIdentifier(t) && t.start <= offset && offset < t.end);
  return at >= 0 ? at : tokens.findIndex((t) => isIdentifier(t) && t.end === offset);
}

export function symbolAt(statement: StatementRange, offset: number, index: SchemaIndex): SymbolAt | undefined {
  const tokens = codeTokens(statement);
  const k = identifierAt(tokens, offset);
  if (k < 0) return undefined;
  const symbol = symbolOfToken(statement, tokens, k, index);
  return symbol && { token: tokens[k], symbol };
}

export function symbolOfToken(statement: StatementRange, tokens: Token[], k: number, index: SchemaIndex): NavSymbol | undefined {
  const token = tokens[k];
  const scope = resolveScope(statement.tokens, token.start, index.dialect);
  const sources = resolveSources(scope.tables, index);
  for (const c of scope.ctes) if (c.name === token) return { kind: 'cte', cte: c };
  for (const s of sources) {
    if (s.ref.alias === token) return { kind: 'alias', token, source: s };
    if (s.ref.name === token) return s.ref.cte ? { kind: 'cte', cte: s.ref.cte } : s.table ? { kind: 'table', table: s.table } : undefined;
  }
  const before: Token[] = [];
  for (let j = k; isPunct(tokens[j - 1], '.') && isIdentifier(tokens[j - 2]); j -= 2) before.unshift(tokens[j - 2]);
  const hasNext = isPunct(tokens[k + 1], '.') && isIdentifier(tokens[k + 2]);
  if (before.length === 0 && hasNext) {
    const source = sources.find((s) => sourceMatches(s, token, index));
    if (source) return sourceSymbol(source);
    const table = index.findTable(namePart(token));
    return table && { kind: 'table', table };
  }
  if (before.length === 1) {
    const source = sources.find((s) => sourceMatches(s, before[0], index));
    if (source) return columnSymbol(source, token, index);
    const table = hasNext ? index.findTable(namePart(token), namePart(before[0])) : index.findTable(namePart(before[0]));
    if (hasNext) return table && { kind: 'table', table };
    const column = table && index.findColumn(table, namePart(token));
    return column && { kind: 'column', table: table!, column };
  }
  if (before.length >= 2) {
    const table = index.findTable(namePart(before[before.length - 1]), namePart(before[before.length - 2]));
    const column = table && index.findColumn(table, namePart(token));
    return column && { kind: 'column', table: table!, column };
  }
  for (const s of sources) {
    const sym = columnSymbol(s, token, index);
    if (sym) return sym;
  }
  if (isPunct(tokens[k + 1], '(')) return undefined;
  const table = index.findTable(namePart(token));
  return table && { kind: 'table', table };
}

/** `alias.` names the alias; `table.` (no alias) names the table or CTE. */
function sourceSymbol(source: Source): NavSymbol | undefined {
  if (source.ref.alias) return { kind: 'alias', token: source.ref.alias, source };
  if (source.ref.cte) return { kind: 'cte', cte: source.ref.cte };
  return source.table && { kind: 'table', table: source.table };
}

function columnSymbol(source: Source, token: Token, index: SchemaIndex): NavSymbol | undefined {
  const col = findColumn(source, token, index);
  if (!col) return undefined;
  if (col.info && col.table) return { kind: 'column', table: col.table, column: col.info };
  return { kind: 'virtual-column', source, name: col.name };
}
