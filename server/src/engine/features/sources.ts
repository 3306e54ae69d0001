// Turns the table references in scope at a cursor into "sources" with columns: real tables looked up
// in the SchemaIndex, CTEs and derived tables with the columns their select lists produce. Shared
// by completion and hover.
import type { SchemaIndex } from '../schema/schema-index';
import type { ColumnInfo, TableInfo } from '../schema/model';
import { namePart } from '../sql/names';
import type { OutputColumns, ScopedTableRef, TableRef } from '../sql/scope';
import type { Token } from '../sql/tokens';

export interface SourceColumn {
  name: string;
  /** Catalog information when the column belongs to a real table. */
  info?: ColumnInfo;
  table?: TableInfo;
}

export interface Source {
  ref: ScopedTableRef;
  /** What qualifies its columns in SQL: the alias, else the table name as written. */
  qualifier: string;
  /** The real table, when the reference resolves to one. */
  table?: TableInfo;
  /** 'cte' and 'derived' sources have virtual columns. */
  kind: 'table' | 'cte' | 'derived' | 'unknown';
  columns: SourceColumn[];
}

/** Remembered per refs array (one scope's tables) and schema: a statement's names resolve against the same sources. */
const resolved = new WeakMap<ScopedTableRef[], { index: SchemaIndex; sources: Source[] }>();

export function resolveSources(refs: ScopedTableRef[], index: SchemaIndex): Source[] {
  const known = resolved.get(refs);
  if (known?.index === index) return known.sources;
  const sources = refs.map((ref) => resolveSource(ref, index));
  resolved.set(refs, { index, sources });
  return sources;
}

function resolveSource(ref: ScopedTableRef, index: SchemaIndex): Source {
  const qualifier = tokenName(ref.alias ?? ref.name);
  if (ref.cte) return { ref, qualifier, kind: 'cte', columns: outputColumns(ref.cte.columns, index) };
  if (ref.kind === 'derived' && ref.derived) return { ref, qualifier, kind: 'derived', columns: outputColumns(ref.derived, index) };
  const table = ref.kind === 'table' ? lookupTable(ref, index) : undefined;
  if (!table) return { ref, qualifier, kind: 'unknown', columns: [] };
  return { ref, qualifier, table, kind: 'table', columns: table.columns.map((c) => ({ name: c.name, info: c, table })) };
}

export function lookupTable(ref: TableRef, index: SchemaIndex): TableInfo | undefined {
  if (!ref.name) return undefined;
  return index.findTable(namePart(ref.name), ref.schema && namePart(ref.schema));
}

function outputColumns(out: OutputColumns, index: SchemaIndex): SourceColumn[] {
  const cols: SourceColumn[] = out.names.map((t) => ({ name: tokenName(t) }));
  for (const star of out.stars) {
    const table = lookupTable(star, index);
    if (table) cols.push(...table.columns.map((c) => ({ name: c.name, info: c, table })));
  }
  return cols;
}

/** Identifier text as the user means it: quoted names exact, unquoted as written. */
export function tokenName(t: Token | undefined): string {
  if (!t) return '';
  return t.kind === 'quoted' ? (t.value ?? '') : t.text;
}

/** Does an identifier token name this source (its alias, or its table name when it has none)? */
export function sourceMatches(source: Source, name: Token, index: SchemaIndex): boolean {
  const key = (t: Token) => index.dialect.foldIdentifier(tokenName(t), t.kind === 'quoted');
  const own = source.ref.alias ?? source.ref.name;
  return own !== undefined && key(own) === key(name);
}

export function findColumn(source: Source, name: Token, index: SchemaIndex): SourceColumn | undefined {
  const want = index.dialect.foldIdentifier(tokenName(name), name.kind === 'quoted');
  return source.columns.find((c) => (c.info ? index.dialect.catalogKey(c.name) : index.dialect.foldIdentifier(c.name, false)) === want);
}
