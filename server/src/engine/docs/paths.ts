// Where each generated page goes. File names must be safe on every file system the docs are cloned
// to: no characters Windows refuses, no device names (CON, NUL, COM1 …), no two names that differ
// only in case (macOS and Windows would merge them). Assignment is deterministic: tables are taken
// in sorted order and a clash gets a numbered suffix.
import type { TableInfo } from '../schema/model';

const RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

export function safeSegment(s: string): string {
  let out = s.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+(?=.)/, (m) => m);
  if (!out || /^[._]+$/.test(out)) out = '_' + out;
  if (RESERVED.test(out)) out += '_';
  return out.slice(0, 120);
}

export function tableKey(t: { schema: string; name: string }): string {
  return `${t.schema}.${t.name}`;
}

/** Page path of every table, relative to the docs folder, e.g. "tables/public.customer.md". */
export function assignTablePages(tables: readonly TableInfo[], ext = '.md'): Map<string, string> {
  const sorted = [...tables].sort(compareTables);
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const t of sorted) {
    const base = `${safeSegment(t.schema)}.${safeSegment(t.name)}`;
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}-${i}`;
    used.add(name.toLowerCase());
    out.set(tableKey(t), `tables/${name}${ext}`);
  }
  return out;
}

export function schemaErdPage(schema: string, ext = '.md'): string {
  return `erd/${safeSegment(schema)}${ext}`;
}

export function compareTables(a: { schema: string; name: string }, b: { schema: string; name: string }): number {
  return cmp(a.schema, b.schema) || cmp(a.name, b.name);
}

/** Code-point order: the same on every machine and locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Relative link from one generated page to another (both relative to the docs folder). */
export function relativeLink(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return '../'.repeat(a.length - common) + b.slice(common).join('/');
}
