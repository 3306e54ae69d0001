// Whether changing a column's type can only widen it (every old value fits the new type unchanged).
// Anything not known to widen counts as narrowing: a migration may then lose data or fail, so the
// change is destructive. Conservative on purpose.
import type { DialectId } from '../schema/model';

const INTEGER_RANK: Record<string, number> = {
  tinyint: 1, smallint: 2, int2: 2, mediumint: 3, integer: 4, int: 4, int4: 4, bigint: 5, int8: 5,
};
const TEXT_RANK: Record<string, number> = { tinytext: 1, text: 2, mediumtext: 3, longtext: 4 };
const FLOAT_RANK: Record<string, number> = { real: 1, float: 1, float4: 1, 'double precision': 2, double: 2, float8: 2 };

interface ParsedType {
  base: string;
  args: number[];
  unsigned: boolean;
}

function parse(type: string): ParsedType {
  const t = type.trim().toLowerCase();
  const unsigned = /\bunsigned\b/.test(t);
  const m = /^([a-z ]+?)\s*(?:\(([\d,\s]+)\))?(\s+unsigned)?(\s+zerofill)?$/.exec(t);
  if (!m) return { base: t, args: [], unsigned };
  return { base: m[1]!.trim(), args: m[2] ? m[2].split(',').map((x) => Number(x.trim())) : [], unsigned };
}

const VARCHAR = new Set(['character varying', 'varchar', 'varbinary']);

export function isWidening(fromType: string, toType: string, dialect: DialectId): boolean {
  const a = parse(fromType);
  const b = parse(toType);
  if (a.base === b.base && a.args.join() === b.args.join() && a.unsigned === b.unsigned) return true;
  if (INTEGER_RANK[a.base] && INTEGER_RANK[b.base]) {
    if (a.unsigned && !b.unsigned) return INTEGER_RANK[b.base]! > INTEGER_RANK[a.base]!;
    if (!a.unsigned && b.unsigned) return false;
    return INTEGER_RANK[b.base]! >= INTEGER_RANK[a.base]!;
  }
  if (FLOAT_RANK[a.base] && FLOAT_RANK[b.base]) return FLOAT_RANK[b.base]! >= FLOAT_RANK[a.base]!;
  if (VARCHAR.has(a.base) && VARCHAR.has(b.base)) return b.args.length === 0 || (a.args.length > 0 && b.args[0]! >= a.args[0]!);
  if ((VARCHAR.has(a.base) || a.base === 'character' || a.base === 'char') && b.base === 'text') return dialect === 'postgres' || (a.args[0] ?? 0) <= 16383;
  if (TEXT_RANK[a.base] && TEXT_RANK[b.base]) return TEXT_RANK[b.base]! >= TEXT_RANK[a.base]!;
  if (a.base === 'varchar' && TEXT_RANK[b.base]) return true;
  if ((a.base === 'numeric' || a.base === 'decimal') && a.base === b.base) {
    if (b.args.length === 0) return dialect === 'postgres';
    const [p1 = 0, s1 = 0] = a.args;
    const [p2 = 0, s2 = 0] = b.args;
    return s2 >= s1 && p2 - s2 >= p1 - s1;
  }
  return false;
}

/** PostgreSQL changes a varchar's length limit upwards (or to text) without rewriting the table. */
export function isMetadataOnly(fromType: string, toType: string): boolean {
  const a = parse(fromType);
  const b = parse(toType);
  return VARCHAR.has(a.base) && (b.base === 'text' || (VARCHAR.has(b.base) && isWidening(fromType, toType, 'postgres')));
}
