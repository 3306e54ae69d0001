// The value domain of one column: what the type allows, narrowed by the single-column parts of the
// CHECKs (ranges, BETWEEN, IN, <>, LIKE, regex, length) and by the mock.yml override, plus the
// generator that draws a non-null value from it. A domain is data; `drawValue` interprets it.
import type { Scalar, Value } from './expr';
import { MOCK_NOW } from './expr';
import type { TypeSpec } from './column-type';
import { fromLike, fromRegex } from './patterns';
import { seededUuid, type Random } from './random';
import type { Semantic } from './semantic';

export interface ValueDomain {
  column: string;
  type: TypeSpec;
  /** Bounds for numbers and times (times in epoch ms), inclusive. */
  min?: number;
  max?: number;
  /** A finite list of allowed values (enum, IN list, fixed list from mock.yml). */
  values?: Scalar[];
  /** Values excluded by `<>` / NOT IN. */
  excluded?: Set<string>;
  like?: string;
  regex?: string;
  minLength?: number;
  maxLength?: number;
  semantic?: Semantic;
  /** Pool of realistic strings (faker), when a semantic or an override applies. */
  pool?: string[];
  /** Generic words for text without a semantic. */
  words: string[];
  /** 'uniform' (default) or 'skewed' (a few values are frequent) for numbers and list picks. */
  distribution?: 'uniform' | 'skewed' | 'normal';
}

const DAY = 86_400_000;

/** Distinct non-null values the domain can produce (Infinity when large). */
export function domainSize(d: ValueDomain): number {
  if (d.values) return d.values.length - (d.excluded?.size ?? 0);
  switch (d.type.kind) {
    case 'bool':
      return 2;
    case 'enum':
      return d.type.set ? 2 ** (d.type.values?.length ?? 0) - 1 : (d.type.values?.length ?? 0);
    case 'int':
    case 'year':
      return d.min !== undefined && d.max !== undefined ? Math.max(0, Math.floor(d.max) - Math.ceil(d.min) + 1) : Infinity;
    case 'decimal':
    case 'money':
      return d.min !== undefined && d.max !== undefined ? Math.max(0, Math.round((d.max - d.min) * 10 ** (d.type.scale ?? 0)) + 1) : Infinity;
    case 'date':
      return d.min !== undefined && d.max !== undefined ? Math.max(0, Math.floor((d.max - d.min) / DAY) + 1) : Infinity;
    case 'text': {
      const len = d.maxLength ?? d.type.length;
      if (d.like || d.regex) return Infinity;
      return len !== undefined && len < 8 ? 36 ** len : Infinity;
    }
    case 'bit':
      return 2 ** Math.min(d.type.length ?? 1, 40);
    default:
      return Infinity;
  }
}

/** Every value of a small finite domain, in order (for drawing without replacement). */
export function enumerateDomain(d: ValueDomain, limit: number): Scalar[] | undefined {
  const size = domainSize(d);
  if (size > limit) return undefined;
  if (d.values) return d.values.filter((v) => !d.excluded?.has(String(v)));
  switch (d.type.kind) {
    case 'bool':
      return [false, true];
    case 'enum':
      return d.type.set ? undefined : d.type.values;
    case 'int':
    case 'year': {
      const out: number[] = [];
      for (let v = Math.ceil(d.min!); v <= d.max!; v++) if (!d.excluded?.has(String(v))) out.push(v);
      return out;
    }
    case 'date': {
      const out: number[] = [];
      for (let v = d.min!; v <= d.max!; v += DAY) out.push(v);
      return out;
    }
    case 'text': {
      const len = d.maxLength ?? d.type.length ?? 0;
      const out: string[] = [];
      for (let i = 0; i < size && out.length < limit; i++) out.push(base36(i, len));
      return out;
    }
    default:
      return undefined;
  }
}

export function base36(i: number, width: number): string {
  return i.toString(36).padStart(width, '0').slice(-width);
}

function pickFrom<T>(items: readonly T[], rng: Random, dist: ValueDomain['distribution']): T {
  if (dist === 'skewed') {
    const u = rng.next();
    return items[Math.min(items.length - 1, Math.floor(u * u * items.length))]!;
  }
  return items[Math.floor(rng.next() * items.length)]!;
}

function numberIn(min: number, max: number, rng: Random, dist: ValueDomain['distribution']): number {
  let u = rng.next();
  if (dist === 'skewed') u = u * u;
  else if (dist === 'normal') u = (rng.next() + rng.next() + rng.next() + u) / 4;
  return min + u * (max - min);
}

/** Default ranges by meaning, used when neither the schema nor mock.yml says more. */
function numericDefaults(d: ValueDomain): [number, number] {
  switch (d.semantic) {
    case 'price':
      return [1, 500];
    case 'quantity':
      return [1, 50];
    case 'age':
      return [18, 90];
    case 'latitude':
      return [-90, 90];
    case 'longitude':
      return [-180, 180];
    case 'percent':
      return [0, 100];
    default:
      return d.type.kind === 'year' ? [1970, 2024] : [1, 1000];
  }
}

export function effectiveRange(d: ValueDomain): [number, number] {
  const [dlo, dhi] = numericDefaults(d);
  const tmin = d.type.min ?? -Infinity;
  const tmax = d.type.max ?? Infinity;
  let lo = d.min ?? Math.max(dlo, tmin);
  let hi = d.max ?? Math.min(dhi, tmax);
  if (d.min !== undefined && d.max === undefined) hi = Math.min(tmax, Math.max(lo + (dhi - dlo), lo));
  if (d.max !== undefined && d.min === undefined) lo = Math.max(tmin, Math.min(hi - (dhi - dlo), hi));
  lo = Math.max(lo, tmin);
  hi = Math.min(hi, tmax);
  return [lo, hi];
}

export function timeRange(d: ValueDomain): [number, number] {
  const lo = d.min ?? (d.semantic === 'birth_date' ? Date.UTC(1950, 0, 1) : MOCK_NOW - 5 * 365 * DAY);
  const hi = d.max ?? (d.semantic === 'birth_date' ? Date.UTC(2004, 11, 31) : MOCK_NOW);
  if (d.min !== undefined && d.max === undefined) return [lo, Math.max(lo, lo + 5 * 365 * DAY)];
  if (d.max !== undefined && d.min === undefined) return [Math.min(hi, hi - 5 * 365 * DAY), hi];
  return [lo, hi];
}

/** A non-null value from the domain. `index` is the row number (for unique suffixes). */
export function drawValue(d: ValueDomain, rng: Random, index: number): Value {
  if (d.values && d.values.length > 0) {
    for (let tries = 0; tries < 20; tries++) {
      const v = pickFrom(d.values, rng, d.distribution);
      if (!d.excluded?.has(String(v))) return v;
    }
  }
  const t = d.type;
  if (t.element) {
    const n = rng.int(0, 3);
    const inner: ValueDomain = { ...d, type: t.element };
    const out: Scalar[] = [];
    for (let i = 0; i < n; i++) out.push(drawValue(inner, rng, index) as Scalar);
    return out;
  }
  switch (t.kind) {
    case 'int':
    case 'year': {
      const [lo, hi] = effectiveRange(d);
      for (let tries = 0; tries < 20; tries++) {
        const v = Math.round(numberIn(Math.ceil(lo), Math.floor(hi), rng, d.distribution));
        if (!d.excluded?.has(String(v))) return v;
      }
      return Math.ceil(lo);
    }
    case 'decimal':
    case 'money': {
      const [lo, hi] = effectiveRange(d);
      const f = 10 ** (t.scale ?? 0);
      const v = Math.round(numberIn(lo, hi, rng, d.distribution) * f) / f;
      return Math.min(Math.max(v, Math.ceil(lo * f) / f), Math.floor(hi * f) / f);
    }
    case 'float': {
      const [lo, hi] = effectiveRange(d);
      return Math.round(numberIn(lo, hi, rng, d.distribution) * 10000) / 10000;
    }
    case 'bool':
      return rng.next() < 0.5;
    case 'date': {
      const [lo, hi] = timeRange(d);
      return Math.floor(numberIn(Math.ceil(lo / DAY), Math.floor(hi / DAY), rng, d.distribution) + 0.5) * DAY;
    }
    case 'timestamp':
    case 'timestamptz': {
      const [lo, hi] = timeRange(d);
      return Math.floor(numberIn(lo, hi, rng, d.distribution) / 1000) * 1000;
    }
    case 'time': {
      const s = rng.int(0, 86399);
      return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
    }
    case 'interval':
      return `${rng.int(1, 90)} days`;
    case 'uuid':
      return seededUuid(rng);
    case 'json':
      return JSON.stringify({ id: index + 1, tag: rng.pick(d.words), score: rng.int(0, 100) });
    case 'bytes': {
      const n = Math.min(t.length ?? 16, 16);
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
      return b;
    }
    case 'inet':
      return `${rng.int(1, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 'tsvector':
      return [rng.pick(d.words), rng.pick(d.words), rng.pick(d.words)].map((w) => w.replace(/[^a-z]/gi, '').toLowerCase() || 'word').join(' ');
    case 'xml':
      return `<item id="${index + 1}">${rng.pick(d.words).replace(/[<&>]/g, '')}</item>`;
    case 'bit': {
      let s = '';
      for (let i = 0; i < (t.length ?? 1); i++) s += rng.next() < 0.5 ? '0' : '1';
      return s;
    }
    case 'geometry': {
      const x = (rng.next() * 360 - 180).toFixed(4);
      const y = (rng.next() * 180 - 90).toFixed(4);
      return { raw: `ST_GeomFromText('POINT(${x} ${y})')`, text: `POINT(${x} ${y})` };
    }
    case 'enum': {
      const values = t.values ?? [];
      if (t.set) return values.filter(() => rng.next() < 0.4).join(',') || (values[0] ?? '');
      return pickFrom(values, rng, d.distribution);
    }
    case 'text':
      return drawText(d, rng);
    default:
      return null;
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function drawText(d: ValueDomain, rng: Random): string {
  const limit = Math.min(d.maxLength ?? Infinity, d.type.length ?? Infinity);
  let s: string | undefined;
  if (d.like) s = fromLike(d.like, rng, d.words);
  else if (d.regex) s = fromRegex(d.regex, rng);
  if (s === undefined) {
    if (d.pool) s = pickFrom(d.pool, rng, d.distribution);
    else if (d.type.fixed || limit <= 4) {
      const n = Math.max(d.minLength ?? 1, Math.min(limit, d.type.fixed ? limit : rng.int(1, limit)));
      s = '';
      for (let i = 0; i < n; i++) s += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[rng.int(0, 25)];
    } else {
      const words = rng.int(1, 4);
      const parts: string[] = [];
      for (let i = 0; i < words; i++) parts.push(rng.pick(d.words));
      s = parts.join(' ');
      s = s[0]!.toUpperCase() + s.slice(1);
    }
  }
  if (s.length > limit) s = s.slice(0, limit).trimEnd() || s.slice(0, limit);
  if (d.minLength && s.length < d.minLength) s = s.padEnd(d.minLength, 'x');
  return s;
}

/** Makes a drawn value unique by appending the row number, keeping it inside the length limit. */
export function withUniqueSuffix(d: ValueDomain, v: string, index: number): string {
  const limit = Math.min(d.maxLength ?? Infinity, d.type.length ?? Infinity);
  const suffix = String(index + 1);
  if (limit < 8) return base36(index, Math.max(1, Math.min(limit, 8)));
  if (d.semantic === 'email') {
    const at = v.indexOf('@');
    if (at > 0) {
      const out = `${v.slice(0, at)}${suffix}${v.slice(at)}`;
      if (out.length <= limit) return out;
    }
  }
  const room = limit - suffix.length - 1;
  return `${room < v.length ? v.slice(0, Math.max(0, room)) : v}-${suffix}`;
}
