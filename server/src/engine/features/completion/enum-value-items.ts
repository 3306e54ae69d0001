// Enum values where a value of an enum column is expected: `o.status = |`, `status <> '|`,
// `o.status IN ('pending', |`. Offered quoted, as string literals of the dialect, first in the list;
// inside an opened string the item replaces the whole literal. Hover lists the same values.
import type { ColumnInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { isIdentifier, isPunct, keywordOf, type Token } from '../../sql/tokens';
import { findColumn, sourceMatches, type Source } from '../sources';
import { RANK, type CompletionItem } from './types';

const COMPARISONS = new Set(['=', '<>', '!=']);

export interface EnumValueCompletion {
  items: CompletionItem[];
  /** What the items replace: the string literal being typed, or nothing at the cursor. */
  replaceStart: number;
  replaceEnd: number;
  /** Text typed inside the quote (matched against the values). */
  prefix: string;
}

/**
 * Enum values for the cursor, or undefined when the cursor is not where a value of an enum column
 * goes. `tokens` are the statement's tokens; `sources` the tables in scope at the cursor.
 */
export function enumValueCompletion(tokens: Token[], offset: number, sources: Source[], index: SchemaIndex): EnumValueCompletion | undefined {
  const code = tokens.filter((t) => t.kind !== 'comment');
  let i = code.findIndex((t) => t.end >= offset);
  if (i < 0) i = code.length;
  let literal: Token | undefined;
  const at = code[i];
  if (at && at.kind === 'string' && at.start < offset && (offset < at.end || at.unterminated)) literal = at;
  else if (at && at.start < offset && !isIdentifier(at)) return undefined; // in a number, an operator…
  // Everything before the literal or the word being typed.
  const before = code.slice(0, i);
  const column = comparedColumn(before, sources, index);
  const e = column?.enumRef ? index.findEnum(column.enumRef) : undefined;
  if (!e) return undefined;
  const prefix = literal ? literal.text.slice(1, offset - literal.start) : '';
  const items = e.values.map((v, n) => {
    const text = `'${v.replace(/'/g, "''")}'`;
    return { label: text, kind: 'enum-value' as const, detail: `${e.schema}.${e.name}`, insertText: text, sortText: `${RANK.enumValue}${String(n).padStart(4, '0')}`, filterText: v };
  });
  return { items, replaceStart: literal ? literal.start : offset, replaceEnd: literal ? (literal.unterminated ? offset : literal.end) : offset, prefix };
}

/** The column compared with the value at the end of `tokens`: `col =`, `q.col <>`, `col IN (…,`. */
function comparedColumn(tokens: Token[], sources: Source[], index: SchemaIndex): ColumnInfo | undefined {
  let j = tokens.length - 1;
  const last = tokens[j];
  if (last && last.kind === 'operator' && COMPARISONS.has(last.text)) j--;
  else if (isPunct(last, '(') || isPunct(last, ',')) {
    // Inside an IN list: back over earlier values to `col IN (`.
    while (j >= 0 && !isPunct(tokens[j], '(')) {
      const t = tokens[j]!;
      if (!(t.kind === 'string' || isPunct(t, ','))) return undefined;
      j--;
    }
    if (keywordOf(tokens[j - 1]) !== 'IN') return undefined;
    j -= 2;
    if (keywordOf(tokens[j]) === 'NOT') j--;
  } else return undefined;
  const name = tokens[j];
  if (!isIdentifier(name)) return undefined;
  const qualifier = isPunct(tokens[j - 1], '.') && isIdentifier(tokens[j - 2]) ? tokens[j - 2] : undefined;
  const candidates = qualifier ? sources.filter((s) => sourceMatches(s, qualifier, index)) : sources.filter((s) => s.ref.level === 0);
  for (const s of candidates) {
    const c = findColumn(s, name, index);
    if (c?.info) return c.info;
  }
  return undefined;
}
