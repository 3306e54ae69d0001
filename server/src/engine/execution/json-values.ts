// Cell values as plain JSON for the LSP and the results grid: drivers return Dates, Buffers, bigints
// and parsed json/arrays; the wire carries only null, strings, numbers, booleans, arrays and objects.
export type CellValue = null | string | number | boolean | CellValue[] | { [key: string]: CellValue };

const MAX_DEPTH = 32;

export function toCellValue(v: unknown, depth = 0): CellValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      // NaN and ±Infinity (PostgreSQL float 'NaN') have no JSON form: keep them as text.
      return Number.isFinite(v) ? v : String(v);
    case 'bigint':
      return v.toString();
    case 'object':
      break;
    default:
      return String(v);
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
  if (v instanceof Uint8Array) return '\\x' + Buffer.from(v).toString('hex');
  if (depth >= MAX_DEPTH) return JSON.stringify(v) ?? String(v);
  if (Array.isArray(v)) return v.map((x) => toCellValue(x, depth + 1));
  const out: { [key: string]: CellValue } = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toCellValue(x, depth + 1);
  return out;
}
