// The shape checks of a parsed snapshot, beyond its header: how deep it nests (a file nested
// 100,000 levels deep parses, then overflows the stack of whatever walks it: JSON.stringify when the
// LSP sends it, a feature reading it) and that every entry the features read is an object with the
// fields they rely on. Each problem names its place (`tables[3].columns[2]`), found without recursion.

/** Deeper than any real snapshot (about 6 levels): refused before anything walks the data. */
export const MAX_SNAPSHOT_DEPTH = 64;

/**
 * The first place nested deeper than `max`, or undefined. Iterative (safe on any depth), and the path
 * is kept only along the current branch: a 5,000-table model is checked in a few ms, without a
 * string per node.
 */
export function tooDeep(root: unknown, max = MAX_SNAPSHOT_DEPTH): string | undefined {
  if (typeof root !== 'object' || root === null) return undefined;
  if (max <= 0) return '(top level)';
  interface Frame {
    value: Record<string, unknown> | unknown[];
    keys: string[] | undefined;
    next: number;
  }
  const frame = (value: object): Frame => (Array.isArray(value) ? { value, keys: undefined, next: 0 } : { value: value as Record<string, unknown>, keys: Object.keys(value), next: 0 });
  const frames: Frame[] = [frame(root)];
  /** path[k]: the key leading from frames[k] to frames[k + 1]. */
  const path: (string | number)[] = [];
  while (frames.length > 0) {
    const f = frames[frames.length - 1]!;
    const size = f.keys ? f.keys.length : (f.value as unknown[]).length;
    if (f.next >= size) {
      frames.pop();
      path.length = Math.max(0, frames.length - 1);
      continue;
    }
    const key = f.keys ? f.keys[f.next]! : f.next;
    f.next++;
    const child = f.keys ? (f.value as Record<string, unknown>)[key as string] : (f.value as unknown[])[key as number];
    if (typeof child !== 'object' || child === null) continue;
    path.length = frames.length - 1;
    path.push(key);
    if (frames.length >= max) return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
    frames.push(frame(child));
  }
  return undefined;
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

/** Required fields of each list's entries: name → 'string' | 'array' | 'boolean'. */
const REQUIRED: Record<string, Record<string, 'string' | 'array'>> = {
  schemas: { name: 'string' },
  columns: { name: 'string', dataType: 'string' },
  foreignKeys: { columns: 'array', refTable: 'string', refColumns: 'array' },
  uniques: { columns: 'array' },
  indexes: { name: 'string', columns: 'array' },
  checks: { expression: 'string' },
  enums: { schema: 'string', name: 'string', values: 'array' },
  routines: { schema: 'string', name: 'string', params: 'array' },
};

/** The first problem in the lists of a snapshot whose header is already checked, or undefined. */
export function shapeProblem(data: Rec): string | undefined {
  for (const list of ['schemas', 'enums', 'routines'] as const) {
    const p = entriesProblem(data[list] as unknown[], list, REQUIRED[list]!);
    if (p) return p;
  }
  const tables = data.tables as unknown[];
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i];
    const at = `tables[${i}]`;
    if (!isRecord(t) || typeof t.name !== 'string' || typeof t.schema !== 'string' || !Array.isArray(t.columns)) return `${at} needs "schema", "name" and "columns"`;
    for (const f of ['foreignKeys', 'uniques', 'checks', 'indexes'] as const) {
      if (t[f] === undefined || t[f] === null) t[f] = [];
      else if (!Array.isArray(t[f])) return `${at}.${f} must be an array, not ${kindOf(t[f])}`;
    }
    for (const list of ['columns', 'foreignKeys', 'uniques', 'checks', 'indexes'] as const) {
      const p = entriesProblem(t[list] as unknown[], `${at}.${list}`, REQUIRED[list]!);
      if (p) return p;
    }
    if (t.primaryKey !== undefined && t.primaryKey !== null && !(isRecord(t.primaryKey) && Array.isArray(t.primaryKey.columns))) return `${at}.primaryKey needs "columns"`;
  }
  return undefined;
}

function entriesProblem(list: unknown[], at: string, fields: Record<string, 'string' | 'array'>): string | undefined {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!isRecord(e)) return `${at}[${i}] must be an object, not ${kindOf(e)}`;
    for (const [f, kind] of Object.entries(fields)) {
      const v = e[f];
      const ok = kind === 'array' ? Array.isArray(v) : typeof v === kind;
      if (!ok) return `${at}[${i}].${f} must be ${kind === 'array' ? 'an array' : `a ${kind}`}, not ${kindOf(v)}`;
    }
  }
  return undefined;
}
