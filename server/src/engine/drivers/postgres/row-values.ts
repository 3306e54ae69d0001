// Catalog rows come from two clients (node-postgres and PGlite) that parse values slightly
// differently (json as text or object, arrays, bigint). These readers accept either form.

export type Row = Record<string, unknown>;

export function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  return typeof v === 'string' ? v : String(v);
}

/** A non-empty string or undefined (catalogs use '' for "none" in several places). */
export function text(v: unknown): string | undefined {
  const s = str(v);
  return s === undefined || s === '' ? undefined : s;
}

export function num(v: unknown): number | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function bool(v: unknown): boolean {
  return v === true || v === 't' || v === 'true';
}

/** A JSON value selected with json_agg/to_json: an already-parsed value or its text. */
export function json<T>(v: unknown): T | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return JSON.parse(v) as T;
  return v as T;
}

export function stringArray(v: unknown): string[] {
  const a = json<unknown[]>(v);
  return Array.isArray(a) ? a.map((x) => String(x)) : [];
}
