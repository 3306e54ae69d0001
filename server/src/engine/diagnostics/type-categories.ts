// Coarse type families of schema columns, for the type-mismatch rule: only clashes the database
// itself rejects (or silently converts row by row) are reported, never "maybe" cases.
import type { ColumnInfo } from '../schema/model';

export type TypeCategory = 'number' | 'text' | 'uuid' | 'bool' | 'datetime';

export function typeCategory(col: ColumnInfo): TypeCategory | undefined {
  if (col.enumRef) return undefined;
  const t = col.dataType.toLowerCase().trim();
  if (/\[\]$/.test(t) || t.startsWith('array') || t.startsWith('_')) return undefined;
  if (/^(tinyint|smallint|mediumint|int|integer|bigint|int2|int4|int8|serial|bigserial|smallserial|numeric|decimal|real|double|float|float4|float8|money)\b/.test(t)) return 'number';
  if (/^(text|varchar|character varying|character|char|bpchar|nvarchar|nchar|ntext|citext|name|tinytext|mediumtext|longtext)\b/.test(t)) return 'text';
  if (/^(uuid|uniqueidentifier)\b/.test(t)) return 'uuid';
  if (/^(boolean|bool)\b/.test(t)) return 'bool';
  if (/^(date|datetime|datetime2|timestamp|timestamptz|time|timetz|interval|smalldatetime|datetimeoffset)\b/.test(t)) return 'datetime';
  return undefined;
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
const UUID_TEXT = /^\s*\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?\s*$/i;

/** Whether a literal can stand for a value of the category without an error or a silent cast. */
export function literalFits(cat: TypeCategory, kind: 'number' | 'string' | 'bool' | 'bits', text: string): boolean {
  switch (cat) {
    case 'number':
      return kind === 'number' || (kind === 'string' && NUMERIC_TEXT.test(text)) || kind === 'bits';
    case 'text':
      return kind === 'string';
    case 'uuid':
      return kind === 'string' && UUID_TEXT.test(text);
    case 'bool':
      return kind === 'bool' || kind === 'string';
    case 'datetime':
      return kind === 'string';
  }
}

/** Column-to-column comparisons the database rejects (PostgreSQL: "operator does not exist"). */
export function categoriesClash(a: TypeCategory, b: TypeCategory): boolean {
  if (a === b) return false;
  // date/time compared with text is rejected too, but text columns holding dates are common in
  // legacy schemas where the intent is clear; only the unambiguous clashes are reported.
  const pair = new Set([a, b]);
  return pair.has('uuid') || pair.has('bool') || (pair.has('number') && (pair.has('text') || pair.has('datetime')));
}
