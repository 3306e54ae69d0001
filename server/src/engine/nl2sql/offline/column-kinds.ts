// What the offline translator knows about columns and periods, from the schema alone: which
// columns can hold a named value, which column a table is dated by, which one an adjective implies
// ("longest" → length), which columns name a group, and the bounds of a year or a day.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import { isTextType, labelColumns } from '../linking/link-schema';
import { stem } from '../words';
import type { ColumnRef } from './query-plan';
import type { QToken } from './question-tokens';
import { IMPLIED_COLUMN } from './vocabulary';

const PLACE_WORDS = ['country', 'state', 'province', 'region', 'city', 'district', 'location', 'place'];
const EXCLUDED_TEXT = /(^|_)(id|email|phone|fax|password|url|description|address|postal|zip)($|_)/i;

/**
 * Text columns that might hold a named value, most likely first: place columns for "in/from X",
 * name columns of related tables for "by X", then name columns, then other short text columns.
 */
export function valueCandidates(root: TableInfo, reachable: TableInfo[], distance: (t: TableInfo) => number, prep: string): ColumnRef[] {
  const text = (t: TableInfo) => t.columns.filter((c) => isTextType(c.dataType) && !c.enumRef && !EXCLUDED_TEXT.test(c.name));
  const placeRank = (c: ColumnInfo) => PLACE_WORDS.findIndex((w) => new RegExp(`(^|_)${w}($|_)`, 'i').test(c.name));
  const out: ColumnRef[] = [];
  const add = (refs: ColumnRef[]) => refs.forEach((r) => out.some((x) => x.column === r.column) || out.push(r));
  const all = reachable.flatMap((t) => text(t).map((column) => ({ table: t, column })));
  if (prep === 'in' || prep === 'from') add(all.filter((r) => placeRank(r.column) >= 0).sort((a, b) => placeRank(a.column) - placeRank(b.column) || distance(a.table) - distance(b.table)));
  const labels = reachable.flatMap((t) => labelColumns(t).filter((c) => text(t).includes(c)).map((column) => ({ table: t, column })));
  if (prep === 'by') add(labels.filter((r) => r.table !== root));
  add(labels);
  add(all);
  return out;
}

export function coerce(text: string, c: ColumnInfo): string | number {
  return isNumericType(c.dataType) && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The numeric column an adjective implies ("longest" → length), best name first. */
export function impliedColumn(t: TableInfo, kind: 'length' | 'price'): ColumnInfo | undefined {
  for (const word of IMPLIED_COLUMN[kind]) {
    const c = t.columns.find((x) => isNumericType(x.dataType) && new RegExp(`(^|_)${word}($|_)`, 'i').test(x.name));
    if (c) return c;
  }
  return undefined;
}

/** Columns that show which group a row is: a name or title, a unique code, else the key. */
export function groupLabels(t: TableInfo): ColumnInfo[] {
  const labels = labelColumns(t);
  const own = stem(t.name.toLowerCase());
  const unique = (c: ColumnInfo) => t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c.name);
  // orders.ship_name does not name an order; genre.name, customers.company_name, country.country do.
  const strong = (c: ColumnInfo) => {
    const n = c.name.toLowerCase();
    return /^(name|title|full_?name|first_?name|last_?name|company_?name)$/.test(n) || n === own || n === `${own}_name` || n === `${own}name` || unique(c);
  };
  return labels.some(strong) ? labels : [];
}

export function isNumericType(t: string): boolean {
  return /int|numeric|decimal|real|double|float|money|number|serial/i.test(t);
}

export function isDateType(t: string): boolean {
  return /date|time/i.test(t) && !/interval/i.test(t);
}

/** The column a table is dated by: its own date column, not bookkeeping like last_update. */
export function dateColumn(t: TableInfo): ColumnInfo | undefined {
  const dated = t.columns.filter((c) => isDateType(c.dataType));
  const real = dated.filter((c) => !/(last_?update|updated|modified|changed)/i.test(c.name));
  const pool = real.length > 0 ? real : dated;
  return pool.find((c) => /date|created|time/i.test(c.name)) ?? pool[0];
}

export function periodStart(t: QToken): string | undefined {
  if (t.kind === 'date') return t.raw;
  if (t.kind === 'number' && /^(19|20)\d\d$/.test(t.raw)) return `${t.raw}-01-01`;
  return undefined;
}

/** Exclusive end of a period that includes the whole day (or year) named. */
export function periodEnd(t: QToken | undefined): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'date') {
    const d = new Date(t.raw + 'T00:00:00Z');
    if (Number.isNaN(d.getTime())) return undefined;
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }
  if (t.kind === 'number' && /^(19|20)\d\d$/.test(t.raw)) return `${Number(t.raw) + 1}-01-01`;
  return undefined;
}
