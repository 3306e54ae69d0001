// "Expand *": replaces `*` (or `t.*`) in a select list with the explicit column list of the sources
// in scope there, from the schema. Offered only when every source in scope is a table or view of the
// schema, so an expansion never silently drops or reorders a column: CTEs and derived tables are
// refused, because their output columns are only partly known here (an unnamed `count(*)` or an
// `o.*` mixed with other items would be lost or misplaced). Columns are qualified when several
// sources are in scope; `JOIN … USING` and NATURAL JOIN (a merged column) are refused.
import type { SchemaIndex } from '../../schema/schema-index';
import { resolveScope } from '../../sql/scope';
import { isIdentifier, isPunct, keywordOf, type Token } from '../../sql/tokens';
import { statementOf, type DocumentInput } from '../document-input';
import { resolveSources, sourceMatches, type Source } from '../sources';

export interface StarExpansion {
  /** The replaced text: `*` or `t.*`. */
  start: number;
  end: number;
  newText: string;
  /** Number of columns in the expansion. */
  columns: number;
  /** Each column of the expansion, in order: its name as written, type and table. */
  details: { name: string; dataType: string; nullable: boolean; table: string }[];
}

const BEFORE_STAR = new Set(['SELECT', 'DISTINCT', 'ALL']);

/** The expansion of the `*` at or next to `offset`, or undefined when there is none or a source's columns are unknown. */
export function expandStar(doc: DocumentInput, offset: number, index: SchemaIndex): StarExpansion | undefined {
  const statement = statementOf(doc, offset, index.dialect);
  const tokens = statement.tokens.filter((t) => t.kind !== 'comment');
  const k = tokens.findIndex((t) => t.text === '*' && t.start <= offset && offset <= t.end);
  if (k < 0) return undefined;
  const star = tokens[k];
  const qualifier = isPunct(tokens[k - 1], '.') && isIdentifier(tokens[k - 2]) ? tokens[k - 2] : undefined;
  const before = qualifier ? tokens[k - 3] : tokens[k - 1];
  // Only a select-list `*`: after SELECT / DISTINCT / ALL or a comma (not count(*), not a product).
  if (!(BEFORE_STAR.has(keywordOf(before)) || isPunct(before, ','))) return undefined;
  // `JOIN … USING (id)` and NATURAL JOIN give a merged column once under `*`: listing both would
  // change the result, so those statements are left alone.
  if (!qualifier && tokens.some((t) => keywordOf(t) === 'USING' || keywordOf(t) === 'NATURAL')) return undefined;
  const scope = resolveScope(statement.tokens, star.start, index.dialect);
  let sources = resolveSources(scope.tables, index);
  if (qualifier) sources = sources.filter((s) => sourceMatches(s, qualifier, index));
  if (sources.length === 0 || sources.some((s) => s.kind !== 'table' || s.columns.length === 0)) return undefined;
  const qualify = !qualifier && sources.length > 1;
  const details = sources.flatMap((s) =>
    [...s.columns]
      .sort((a, b) => (a.info?.ordinal ?? 0) - (b.info?.ordinal ?? 0))
      .map((c) => ({ name: column(s, c.name, qualify || !!qualifier, index), dataType: c.info?.dataType ?? '', nullable: c.info?.nullable ?? true, table: s.table ? `${s.table.schema}.${s.table.name}` : s.qualifier })),
  );
  return { start: qualifier ? qualifier.start : star.start, end: star.end, newText: details.map((d) => d.name).join(', '), columns: details.length, details };
}

function column(source: Source, name: string, qualified: boolean, index: SchemaIndex): string {
  const col = index.dialect.quoteIfNeeded(name);
  return qualified ? `${qualifierText(source.ref.alias ?? source.ref.name)}.${col}` : col;
}

function qualifierText(t: Token | undefined): string {
  return t ? t.text : '';
}
