// Sort order of grid rows by one column, as a permutation (the rows themselves never move). NULLs
// go last in both directions, numbers (and numeric text such as bigint/numeric values) compare as
// numbers, everything else as text in a natural, case-insensitive order.
import type { CellValue } from './protocol';

export type SortDirection = 'asc' | 'desc';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function sortKey(v: CellValue): number | string | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return NUMERIC.test(v.trim()) ? Number(v) : v;
  return JSON.stringify(v);
}

export function compareCells(a: CellValue, b: CellValue): number {
  return compareKeys(sortKey(a), sortKey(b));
}

function compareKeys(x: number | string | null, y: number | string | null): number {
  if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'number') return -1; // numbers before text in a mixed column
  if (typeof y === 'number') return 1;
  return collator.compare(x, y);
}

/** Row indexes in display order; stable, so equal values keep the server's order. */
export function sortedOrder(rows: CellValue[][], column: number, direction: SortDirection): Uint32Array {
  // Keys once per row, not once per comparison: 100k rows sort in well under a second.
  const keys = rows.map((r) => sortKey(r[column] ?? null));
  const order = Array.from({ length: rows.length }, (_, i) => i);
  const sign = direction === 'asc' ? 1 : -1;
  order.sort((i, j) => {
    const a = keys[i]!;
    const b = keys[j]!;
    // NULLs last whatever the direction.
    if (a === null || b === null) return a === b ? i - j : a === null ? 1 : -1;
    return sign * compareKeys(a, b) || i - j;
  });
  return Uint32Array.from(order);
}
