// Rendering generated values for each sink: PostgreSQL COPY text, SQL literals (PostgreSQL and
// MySQL), CSV. Times are epoch milliseconds (UTC) inside the generator.
import type { Value } from './expr';
import type { SinkColumn } from './types';

const TWO = Array.from({ length: 60 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const DAY = 86_400_000;
const days = new Map<number, string>();

/** YYYY-MM-DD of a UTC day number, computed once per day (times are formatted millions of times). */
function dayText(day: number): string {
  let s = days.get(day);
  if (s === undefined) {
    const d = new Date(day * DAY);
    s = `${String(d.getUTCFullYear()).padStart(4, '0')}-${TWO[d.getUTCMonth() + 1]}-${TWO[d.getUTCDate()]}`;
    if (days.size > 100_000) days.clear();
    days.set(day, s);
  }
  return s;
}

export function formatTime(ms: number, kind: string): string {
  const day = Math.floor(ms / DAY);
  const date = dayText(day);
  if (kind === 'date') return date;
  const secs = Math.floor((ms - day * DAY) / 1000);
  const time = `${TWO[Math.floor(secs / 3600)]}:${TWO[Math.floor(secs / 60) % 60]}:${TWO[secs % 60]}`;
  return kind === 'timestamptz' ? `${date} ${time}+00` : `${date} ${time}`;
}

/** The value as plain text (no quoting): what COPY, CSV and literals start from. */
export function plainText(v: Value, col: Pick<SinkColumn, 'kind' | 'scale'>, dialect: 'postgres' | 'mysql'): string {
  if (typeof v === 'number') {
    if (col.kind === 'date' || col.kind === 'timestamp' || col.kind === 'timestamptz') return formatTime(v, col.kind);
    if ((col.kind === 'decimal' || col.kind === 'money') && col.scale !== undefined) return v.toFixed(col.scale);
    return String(v);
  }
  if (typeof v === 'boolean') return dialect === 'mysql' ? (v ? '1' : '0') : v ? 't' : 'f';
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return '\\x' + Buffer.from(v).toString('hex');
  if (v && typeof v === 'object' && 'raw' in v) return String((v as { text: string }).text);
  return JSON.stringify(v);
}

function pgArray(items: Value[], col: SinkColumn): string {
  return '{' + items.map((i) => (i === null ? 'NULL' : '"' + plainText(i, col, 'postgres').replace(/["\\]/g, '\\$&') + '"')).join(',') + '}';
}

const COPY_SPECIAL = /[\\\t\n\r]/;

/** One COPY text-format field. */
export function copyField(v: Value, col: SinkColumn): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number' && (col.kind === 'int' || col.kind === 'float')) return String(v);
  const s = Array.isArray(v) ? pgArray(v as Value[], col) : plainText(v, col, 'postgres');
  return COPY_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

export function copyLine(row: Value[], cols: SinkColumn[]): string {
  let s = copyField(row[0]!, cols[0]!);
  for (let i = 1; i < row.length; i++) s += '\t' + copyField(row[i]!, cols[i]!);
  return s + '\n';
}

export function sqlLiteral(v: Value, col: SinkColumn, dialect: 'postgres' | 'mysql'): string {
  if (v === null || v === undefined) return 'NULL';
  if (v && typeof v === 'object' && 'raw' in v && !Array.isArray(v) && !(v instanceof Uint8Array)) return dialect === 'mysql' ? (v as { raw: string }).raw : quote((v as { text: string }).text, dialect);
  if (typeof v === 'boolean') return dialect === 'mysql' ? (v ? '1' : '0') : v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number' && !['date', 'timestamp', 'timestamptz'].includes(col.kind)) return plainText(v, col, dialect);
  if (v instanceof Uint8Array) return dialect === 'mysql' ? `X'${Buffer.from(v).toString('hex')}'` : `'\\x${Buffer.from(v).toString('hex')}'`;
  if (Array.isArray(v)) return quote(pgArray(v as Value[], col), dialect);
  return quote(plainText(v, col, dialect), dialect);
}

/** A text as a string literal of the dialect (MySQL escapes backslashes and NULs; PostgreSQL's standard strings do not). */
export function quote(s: string, dialect: 'postgres' | 'mysql'): string {
  if (dialect === 'mysql') return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\0/g, '\\0') + "'";
  return "'" + s.replace(/'/g, "''") + "'";
}

export function csvField(v: Value, col: SinkColumn, dialect: 'postgres' | 'mysql'): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? pgArray(v as Value[], col) : plainText(v, col, dialect);
  if (s === '') return '""';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function quoteIdent(name: string, dialect: 'postgres' | 'mysql'): string {
  return dialect === 'mysql' ? '`' + name.replace(/`/g, '``') + '`' : '"' + name.replace(/"/g, '""') + '"';
}

export function tableName(t: { schema: string; name: string }, dialect: 'postgres' | 'mysql'): string {
  return dialect === 'mysql' ? quoteIdent(t.name, dialect) : `${quoteIdent(t.schema, dialect)}.${quoteIdent(t.name, dialect)}`;
}
