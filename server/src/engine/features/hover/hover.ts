// Hover at a document offset: a table (or alias, or CTE) name shows the table; a column name — bare,
// `alias.column` or `schema.table.column` — shows the column of the right table in scope; a schema
// name shows the schema. Pure: (text, offset, schema) → markdown and the range it describes.
import type { SchemaIndex } from '../../schema/schema-index';
import type { TableInfo } from '../../schema/model';
import { namePart } from '../../sql/names';
import { resolveScope, type Scope } from '../../sql/scope';
import { statementOf, type DocumentInput } from '../document-input';
import { functionMarkdown } from './function-markdown';
import { isIdentifier, isPunct, type Token } from '../../sql/tokens';
import { findColumn, resolveSources, sourceMatches, tokenName, type Source } from '../sources';
import { columnMarkdown } from './column-markdown';
import { tableMarkdown } from './table-markdown';

export interface HoverResult {
  markdown: string;
  /** Offsets of the identifier described. */
  start: number;
  end: number;
}

export function hover(doc: DocumentInput, offset: number, index: SchemaIndex): HoverResult | undefined {
  const statement = statementOf(doc, offset, index.dialect);
  const tokens = statement.tokens.filter((t) => t.kind !== 'comment');
  const at = tokens.findIndex((t) => isIdentifier(t) && t.start <= offset && offset < t.end);
  const k = at >= 0 ? at : tokens.findIndex((t) => isIdentifier(t) && t.end === offset);
  if (k < 0) return undefined;
  const token = tokens[k];
  const scope = resolveScope(statement.tokens, token.start, index.dialect);
  const sources = resolveSources(scope.tables, index);
  const markdown = describe(tokens, k, scope, sources, index);
  return markdown ? { markdown, start: token.start, end: token.end } : undefined;
}

function describe(tokens: Token[], k: number, scope: Scope, sources: Source[], index: SchemaIndex): string | undefined {
  const token = tokens[k];
  // A call: `name(` or `schema.name(` (also a set-returning function in FROM).
  if (isPunct(tokens[k + 1], '(')) {
    const q = qualifierBefore(tokens, k);
    const md = functionMarkdown(index, namePart(token), q.length > 0 ? namePart(q[q.length - 1]) : undefined);
    if (md) return md;
  }
  // A table reference's own tokens: its schema, name or alias.
  for (const s of sources) {
    const r = s.ref;
    if (r.schema === token) return schemaMarkdown(token, index);
    if (r.name === token) return sourceMarkdown(s, index);
    if (r.alias === token) return aliasMarkdown(s, index);
  }
  for (const c of scope.ctes) if (c.name === token) return cteMarkdown(c.name, c.columns.names.map(tokenName));

  const before = qualifierBefore(tokens, k);
  const hasNext = isPunct(tokens[k + 1], '.') && isIdentifier(tokens[k + 2]);
  if (before.length === 0 && hasNext) {
    // `alias.` / `table.` / `schema.` on the left of a dot.
    const source = sources.find((s) => sourceMatches(s, token, index));
    if (source) return source.ref.alias ? aliasMarkdown(source, index) : sourceMarkdown(source, index);
    if (index.hasSchema(namePart(token))) return schemaMarkdown(token, index);
    const table = index.findTable(namePart(token));
    return table && tableMarkdown(table, index);
  }
  if (before.length === 1) {
    const source = sources.find((s) => sourceMatches(s, before[0], index));
    if (source) return columnOf(source, token, index);
    if (hasNext || index.hasSchema(namePart(before[0]))) {
      const table = index.findTable(namePart(token), namePart(before[0]));
      if (table) return tableMarkdown(table, index);
    }
    const table = index.findTable(namePart(before[0]));
    return table && columnInTable(table, token, index);
  }
  if (before.length >= 2) {
    const table = index.findTable(namePart(before[before.length - 1]), namePart(before[before.length - 2]));
    return table && columnInTable(table, token, index);
  }
  // A bare name: a column of a table in scope (own query block first), else a table.
  for (const s of sources) {
    const md = columnOf(s, token, index);
    if (md) return md;
  }
  const table = index.findTable(namePart(token));
  return table && tableMarkdown(table, index);
}

/** Identifiers before tokens[k] joined by dots: `a.b.|c` → [a, b]. */
function qualifierBefore(tokens: Token[], k: number): Token[] {
  const out: Token[] = [];
  let j = k;
  while (isPunct(tokens[j - 1], '.') && isIdentifier(tokens[j - 2])) {
    out.unshift(tokens[j - 2]);
    j -= 2;
  }
  return out;
}

function columnOf(source: Source, token: Token, index: SchemaIndex): string | undefined {
  const col = findColumn(source, token, index);
  if (!col) return undefined;
  if (col.info && col.table) return columnMarkdown(col.info, col.table, index);
  return `**column** \`${col.name}\`\n\nfrom ${source.kind === 'cte' ? 'CTE' : 'subquery'} \`${source.qualifier}\``;
}

function columnInTable(table: TableInfo, token: Token, index: SchemaIndex): string | undefined {
  const c = index.findColumn(table, namePart(token));
  return c && columnMarkdown(c, table, index);
}

function sourceMarkdown(source: Source, index: SchemaIndex): string | undefined {
  if (source.table) return tableMarkdown(source.table, index);
  if (source.kind === 'cte' || source.kind === 'derived')
    return cteMarkdown(source.ref.alias ?? source.ref.name, source.columns.map((c) => c.name), source.kind);
  return undefined;
}

function aliasMarkdown(source: Source, index: SchemaIndex): string | undefined {
  const body = sourceMarkdown(source, index);
  const target = source.table ? `${source.table.schema}.${source.table.name}` : source.kind === 'cte' ? `CTE ${tokenName(source.ref.name)}` : 'subquery';
  const head = source.ref.pseudo ? `**excluded**: the row proposed for insertion into \`${target}\`` : `**alias** \`${source.qualifier}\` → \`${target}\``;
  return body ? `${head}\n\n---\n\n${body}` : head;
}

function cteMarkdown(name: Token | undefined, columns: string[], kind: 'cte' | 'derived' = 'cte'): string {
  const title = kind === 'cte' ? 'common table expression' : 'subquery';
  return `**${title}** \`${tokenName(name)}\`${columns.length ? `\n\ncolumns: ${columns.map((c) => `\`${c}\``).join(', ')}` : ''}`;
}

function schemaMarkdown(token: Token, index: SchemaIndex): string | undefined {
  const key = index.dialect.foldIdentifier(tokenName(token), token.kind === 'quoted');
  const info = index.model.schemas.find((s) => index.dialect.catalogKey(s.name) === key);
  const name = info?.name ?? index.schemaNames().find((s) => index.dialect.catalogKey(s) === key);
  if (!name) return undefined;
  const tables = index.tablesOf(name);
  const views = tables.filter((t) => t.kind === 'view' || t.kind === 'materialized_view').length;
  return [`**schema** \`${name}\``, info?.comment ? `\n${info.comment}` : '', `\n${tables.length - views} tables, ${views} views`].join('\n');
}
