// Helpers over libpg-query's JSON AST: every node is `{ NodeType: { ...fields } }`. The AST is
// foreign JSON, so it is typed loosely here and read defensively everywhere.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function nodeType(n: Json): string | undefined {
  if (!n || typeof n !== 'object' || Array.isArray(n)) return undefined;
  const keys = Object.keys(n);
  return keys.length === 1 ? keys[0] : undefined;
}

/** Fields of a wrapped node when it has the given type. */
export function as(n: Json, type: string): Json | undefined {
  return n && typeof n === 'object' ? n[type] : undefined;
}

/** `[{String:{sval}}]` name lists (funcname, fields, names) as plain strings; `*` for A_Star. */
export function names(list: Json): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((x) => (x?.String ? String(x.String.sval ?? '') : x?.A_Star ? '*' : ''));
}

export function list(x: Json): Json[] {
  return Array.isArray(x) ? x : [];
}

export function constValue(n: Json): { kind: 'null' | 'number' | 'string' | 'bool' | 'bits'; text?: string; location?: number } | undefined {
  const c = as(n, 'A_Const');
  if (!c) return undefined;
  if (c.isnull) return { kind: 'null', location: c.location };
  if (c.ival !== undefined) return { kind: 'number', text: String(c.ival.ival ?? 0), location: c.location };
  if (c.fval !== undefined) return { kind: 'number', text: String(c.fval.fval), location: c.location };
  if (c.sval !== undefined) return { kind: 'string', text: String(c.sval.sval ?? ''), location: c.location };
  if (c.boolval !== undefined) return { kind: 'bool', location: c.location };
  if (c.bsval !== undefined) return { kind: 'bits', location: c.location };
  return undefined;
}
