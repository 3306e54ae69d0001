// A small expression tree for CHECK constraints, domain CHECKs and partial-index predicates, shared
// by both parsers (libpg-query for PostgreSQL, node-sql-parser for MySQL/MariaDB), and its evaluator
// with SQL's three-valued logic. The evaluator is the ground truth the generator checks rows with.
// Times are numbers: epoch milliseconds (UTC) for dates and timestamps.

export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Expr =
  | { k: 'col'; name: string }
  | { k: 'const'; v: Scalar }
  | { k: 'cmp'; op: CmpOp; l: Expr; r: Expr }
  | { k: 'and'; args: Expr[] }
  | { k: 'or'; args: Expr[] }
  | { k: 'not'; arg: Expr }
  | { k: 'in'; e: Expr; list: Expr[]; neg: boolean }
  | { k: 'between'; e: Expr; lo: Expr; hi: Expr; neg: boolean }
  | { k: 'like'; e: Expr; pattern: Expr; neg: boolean; ci: boolean }
  | { k: 'regex'; e: Expr; pattern: Expr; neg: boolean; ci: boolean }
  | { k: 'isnull'; e: Expr; neg: boolean }
  | { k: 'istrue'; e: Expr; value: boolean; neg: boolean }
  | { k: 'func'; name: string; args: Expr[] }
  | { k: 'arith'; op: '+' | '-' | '*' | '/' | '%' | '||'; l: Expr; r: Expr }
  | { k: 'cast'; e: Expr; to: string }
  | { k: 'unknown'; text: string };

export type Scalar = string | number | boolean | null;

/** Thrown while translating a parser's AST: the construct is outside what the generator models. */
export class Unmodelled extends Error {}

/** "now" for generated data and for CHECKs that call now(): fixed, so a seed always gives the same rows. */
export const MOCK_NOW = Date.UTC(2025, 0, 1);

const DAY = 86_400_000;

/** Interval text ('18 years', '1 day', '2 hours 30 minutes') in milliseconds (a year is 365.25 days). */
export function intervalMs(text: string): number | undefined {
  const units: Record<string, number> = { year: 365.25 * DAY, mon: 30 * DAY, month: 30 * DAY, week: 7 * DAY, day: DAY, hour: 3_600_000, min: 60_000, minute: 60_000, sec: 1000, second: 1000 };
  let total = 0;
  let found = false;
  for (const m of text.toLowerCase().matchAll(/(-?\d+(?:\.\d+)?)\s*([a-z]+)/g)) {
    const unit = m[2]!.replace(/s$/, '');
    const ms = units[unit];
    if (ms === undefined) return undefined;
    total += Number(m[1]) * ms;
    found = true;
  }
  return found ? total : undefined;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?([+-]\d{2}(:?\d{2})?|Z)?$/;

export function parseTime(s: string): number | undefined {
  if (!DATE_LIKE.test(s.trim())) return undefined;
  let iso = s.trim().replace(' ', 'T');
  if (!/[zZ]|[+-]\d{2}(:?\d{2})?$/.test(iso.slice(10))) iso += iso.length === 10 ? 'T00:00:00Z' : 'Z';
  else iso = iso.replace(/([+-]\d{2})$/, '$1:00');
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

export type Value = Scalar | Scalar[] | Record<string, unknown> | Uint8Array | RawSql;

/** A value the sink writes as SQL text, unquoted (MySQL geometry constructors). */
export interface RawSql {
  raw: string;
  /** Text form for files that cannot hold SQL (CSV). */
  text: string;
}

export type Row = Record<string, Value>;

/** SQL truth: true, false or null (unknown). `undefined` when the expression cannot be evaluated here. */
export type Truth = boolean | null | undefined;

export function evaluate(e: Expr, row: Row): Truth {
  const v = value(e, row);
  if (v === undefined) return undefined;
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return ['t', 'true', '1', 'y', 'yes', 'on'].includes(v.toLowerCase()) ? true : ['f', 'false', '0', 'n', 'no', 'off'].includes(v.toLowerCase()) ? false : undefined;
  return undefined;
}

/** A CHECK passes unless it is false (NULL passes, as in SQL). */
export function checkPasses(e: Expr, row: Row): boolean | undefined {
  const t = evaluate(e, row);
  return t === undefined ? undefined : t !== false;
}

type V = Scalar | undefined;

function scalarOf(v: Value | undefined): V {
  if (v === undefined || v === null) return v as V;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return undefined;
}

function value(e: Expr, row: Row): V {
  switch (e.k) {
    case 'col':
      return e.name in row ? scalarOf(row[e.name]) : undefined;
    case 'const':
      return e.v;
    case 'cast':
      return castValue(value(e.e, row), e.to);
    case 'cmp': {
      const [l, r] = [value(e.l, row), value(e.r, row)];
      if (l === undefined || r === undefined) return undefined;
      if (l === null || r === null) return null;
      const c = compare(l, r);
      if (c === undefined) return undefined;
      return e.op === '=' ? c === 0 : e.op === '<>' ? c !== 0 : e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : c >= 0;
    }
    case 'and': {
      let unknown = false;
      for (const a of e.args) {
        const t = evaluate(a, row);
        if (t === false) return false;
        if (t === undefined) return undefined;
        if (t === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const a of e.args) {
        const t = evaluate(a, row);
        if (t === true) return true;
        if (t === undefined) return undefined;
        if (t === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const t = evaluate(e.arg, row);
      return t === undefined || t === null ? t : !t;
    }
    case 'isnull': {
      const v = value(e.e, row);
      if (v === undefined) return e.e.k === 'col' && e.e.name in row ? !e.neg : undefined;
      return (v === null) !== e.neg;
    }
    case 'istrue': {
      const t = evaluate(e.e, row);
      if (t === undefined) return undefined;
      return (t === e.value) !== e.neg;
    }
    case 'in': {
      const v = value(e.e, row);
      if (v === undefined) return undefined;
      if (v === null) return null;
      let unknown = false;
      for (const item of e.list) {
        const w = value(item, row);
        if (w === undefined) return undefined;
        if (w === null) unknown = true;
        else if (compare(v, w) === 0) return !e.neg;
      }
      return unknown ? null : e.neg;
    }
    case 'between': {
      const [v, lo, hi] = [value(e.e, row), value(e.lo, row), value(e.hi, row)];
      if (v === undefined || lo === undefined || hi === undefined) return undefined;
      if (v === null || lo === null || hi === null) return null;
      const a = compare(v, lo);
      const b = compare(v, hi);
      if (a === undefined || b === undefined) return undefined;
      return (a >= 0 && b <= 0) !== e.neg;
    }
    case 'like': {
      const [v, p] = [value(e.e, row), value(e.pattern, row)];
      if (v === undefined || p === undefined) return undefined;
      if (v === null || p === null) return null;
      return likeRegex(String(p), e.ci).test(String(v)) !== e.neg;
    }
    case 'regex': {
      const [v, p] = [value(e.e, row), value(e.pattern, row)];
      if (v === undefined || p === undefined) return undefined;
      if (v === null || p === null) return null;
      const re = cachedRegex(String(p), e.ci);
      return re ? re.test(String(v)) !== e.neg : undefined;
    }
    case 'arith': {
      const [l, r] = [value(e.l, row), value(e.r, row)];
      if (l === undefined || r === undefined) return undefined;
      if (l === null || r === null) return null;
      if (e.op === '||') return String(l) + String(r);
      const [a, b] = [toNumber(l), toNumber(r)];
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? undefined : a / b;
        case '%':
          return b === 0 ? undefined : a % b;
      }
      return undefined;
    }
    case 'func':
      return callFunction(e.name, e.args.map((a) => value(a, row)));
    case 'unknown':
      return undefined;
  }
}

function toNumber(v: Scalar): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (/^\s*-?\d+(\.\d+)?(e-?\d+)?\s*$/i.test(v)) return Number(v);
    return parseTime(v);
  }
  return undefined;
}

/** Compares like SQL would after implicit casts: numbers (and times) numerically, text as text. */
export function compare(a: Scalar, b: Scalar): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const [x, y] = [toNumber(a), toNumber(b)];
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

function castValue(v: V, to: string): V {
  if (v === undefined || v === null) return v;
  const t = to.toLowerCase();
  if (/^(date|timestamp|timestamptz|datetime)/.test(t)) {
    if (typeof v === 'number') return t === 'date' ? Math.floor(v / DAY) * DAY : v;
    const ms = parseTime(String(v));
    return ms === undefined ? undefined : t === 'date' ? Math.floor(ms / DAY) * DAY : ms;
  }
  if (t === 'interval') return typeof v === 'number' ? v : intervalMs(String(v));
  if (/^(int|integer|smallint|bigint|int2|int4|int8|numeric|decimal|real|double|float|money)/.test(t)) return toNumber(v);
  if (/^(text|varchar|character|char|bpchar|citext|name)/.test(t)) return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
  if (/^bool/.test(t)) return typeof v === 'boolean' ? v : v === 't' || v === 'true' ? true : v === 'f' || v === 'false' ? false : undefined;
  return v;
}

function callFunction(name: string, args: V[]): V {
  if (args.some((a) => a === undefined)) {
    if (name !== 'coalesce') return undefined;
  }
  const a0 = args[0];
  switch (name) {
    case 'num_nonnulls':
      return args.filter((a) => a !== null).length;
    case 'num_nulls':
      return args.filter((a) => a === null).length;
    case 'position':
    case 'strpos':
      // PostgreSQL parses POSITION(sub IN s) as position(s, sub); strpos(s, sub) likewise. 1-based, 0 when absent.
      return a0 === null || args[1] === null ? null : String(a0).indexOf(String(args[1])) + 1;
    case 'locate':
      // MySQL LOCATE(sub, s).
      return a0 === null || args[1] === null ? null : String(args[1]).indexOf(String(a0)) + 1;
    case 'upper':
      return a0 === null ? null : String(a0).toUpperCase();
    case 'lower':
      return a0 === null ? null : String(a0).toLowerCase();
    case 'length':
    case 'char_length':
    case 'character_length':
      return a0 === null ? null : [...String(a0)].length;
    case 'octet_length':
      return a0 === null ? null : Buffer.byteLength(String(a0));
    case 'btrim':
    case 'trim':
      return a0 === null ? null : String(a0).trim();
    case 'ltrim':
      return a0 === null ? null : String(a0).trimStart();
    case 'rtrim':
      return a0 === null ? null : String(a0).trimEnd();
    case 'abs':
      return a0 === null ? null : Math.abs(toNumber(a0 as Scalar) ?? NaN);
    case 'coalesce':
      for (const a of args) {
        if (a === undefined) return undefined;
        if (a !== null) return a;
      }
      return null;
    case 'now':
    case 'current_timestamp':
    case 'localtimestamp':
    case 'statement_timestamp':
    case 'transaction_timestamp':
    case 'sysdate':
    case 'getdate':
      return MOCK_NOW;
    case 'json_valid':
      if (a0 === null) return null;
      try {
        JSON.parse(String(a0));
        return true;
      } catch {
        return false;
      }
    case 'current_date':
    case 'curdate':
      return Math.floor(MOCK_NOW / DAY) * DAY;
    default:
      return undefined;
  }
}

const likeCache = new Map<string, RegExp>();

export function likeRegex(pattern: string, ci: boolean): RegExp {
  const key = (ci ? 'i' : 's') + pattern;
  let re = likeCache.get(key);
  if (!re) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === '\\' && i + 1 < pattern.length) src += escapeRe(pattern[++i]!);
      else if (c === '%') src += '[\\s\\S]*';
      else if (c === '_') src += '[\\s\\S]';
      else src += escapeRe(c);
    }
    re = new RegExp(`^${src}$`, ci ? 'i' : '');
    likeCache.set(key, re);
  }
  return re;
}

const regexCache = new Map<string, RegExp | null>();

function cachedRegex(pattern: string, ci: boolean): RegExp | null {
  const key = (ci ? 'i' : 's') + pattern;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      // POSIX classes that JavaScript lacks, mapped to their ASCII meaning.
      const js = pattern.replace(/\[:alpha:\]/g, 'A-Za-z').replace(/\[:digit:\]/g, '0-9').replace(/\[:alnum:\]/g, 'A-Za-z0-9').replace(/\[:space:\]/g, '\\s').replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z');
      re = new RegExp(js, ci ? 'i' : '');
    } catch {
      re = null;
    }
    regexCache.set(key, re);
  }
  return re;
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Column names an expression reads. */
export function columnsOf(e: Expr, out = new Set<string>()): Set<string> {
  const visit = (x: Expr) => columnsOf(x, out);
  switch (e.k) {
    case 'col':
      out.add(e.name);
      break;
    case 'cmp':
    case 'arith':
      visit(e.l);
      visit(e.r);
      break;
    case 'and':
    case 'or':
      e.args.forEach(visit);
      break;
    case 'not':
      visit(e.arg);
      break;
    case 'in':
      visit(e.e);
      e.list.forEach(visit);
      break;
    case 'between':
      visit(e.e);
      visit(e.lo);
      visit(e.hi);
      break;
    case 'like':
    case 'regex':
      visit(e.e);
      visit(e.pattern);
      break;
    case 'isnull':
    case 'istrue':
    case 'cast':
      visit(e.e);
      break;
    case 'func':
      e.args.forEach(visit);
      break;
  }
  return out;
}

/** True when the tree contains a part the evaluator cannot compute. */
export function hasUnknown(e: Expr): boolean {
  if (e.k === 'unknown') return true;
  if (e.k === 'func' && callFunction(e.name, e.args.map(() => 1)) === undefined && !['coalesce'].includes(e.name)) return true;
  let found = false;
  const check = (x: Expr) => {
    if (!found && hasUnknown(x)) found = true;
  };
  switch (e.k) {
    case 'cmp':
    case 'arith':
      check(e.l);
      check(e.r);
      break;
    case 'and':
    case 'or':
      e.args.forEach(check);
      break;
    case 'not':
      check(e.arg);
      break;
    case 'in':
      check(e.e);
      e.list.forEach(check);
      break;
    case 'between':
      check(e.e);
      check(e.lo);
      check(e.hi);
      break;
    case 'like':
    case 'regex':
      check(e.e);
      check(e.pattern);
      break;
    case 'isnull':
    case 'istrue':
    case 'cast':
      check(e.e);
      break;
    case 'func':
      e.args.forEach(check);
      break;
  }
  return found;
}

/** The value of an expression that reads no column (a literal, a cast literal, now() - interval …). */
export function constantValue(e: Expr): Scalar | undefined {
  return value(e, {});
}

/** Replaces every part that reads no column with its value, once, so rows do not re-evaluate casts. */
export function foldConstants(e: Expr): Expr {
  if (e.k === 'const' || e.k === 'col' || e.k === 'unknown') return e;
  if (columnsOf(e).size === 0 && !hasUnknown(e)) {
    const v = constantValue(e);
    if (v !== undefined) return { k: 'const', v };
  }
  const f = foldConstants;
  switch (e.k) {
    case 'cmp':
    case 'arith':
      return { ...e, l: f(e.l), r: f(e.r) };
    case 'and':
    case 'or':
      return { ...e, args: e.args.map(f) };
    case 'not':
      return { ...e, arg: f(e.arg) };
    case 'in':
      return { ...e, e: f(e.e), list: e.list.map(f) };
    case 'between':
      return { ...e, e: f(e.e), lo: f(e.lo), hi: f(e.hi) };
    case 'like':
    case 'regex':
      return { ...e, e: f(e.e), pattern: f(e.pattern) };
    case 'isnull':
    case 'istrue':
    case 'cast':
      return { ...e, e: f(e.e) } as Expr;
    case 'func':
      return { ...e, args: e.args.map(f) };
  }
  return e;
}

/** The value of an expression over a row (undefined when it cannot be computed here). */
export function valueOf(e: Expr, row: Row): Scalar | undefined {
  return value(e, row);
}
