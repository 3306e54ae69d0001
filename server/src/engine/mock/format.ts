// Rendering generated values for each sink: PostgreSQL COPY text, SQL literals (PostgreSQL and
// MySQL), CSV. Times are epoch milliseconds (UTC) inside the generator.
import type { Value } from './expr';
import type { SinkColumn } from './types';

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

export function formatTime(ms: number, kind: string): string {
  const d = new Date(ms);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (kind === 'date') return date;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
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

/** One COPY text-format field. */
export function copyField(v: Value, col: SinkColumn): string {
  if (v === null || v === undefined) return '\\N';
  const s = Array.isArray(v) ? pgArray(v as Value[], col) : plainText(v, col, 'postgres');
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export function copyLine(row: Value[], cols: SinkColumn[]): string {
  let s = '';
  for (let i = 0; i < row.length; i++) s += (i ? '\t' : '') + copyField(row[i]!, cols[i]!);
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

function quote(s: string, dialect: 'postgres' | 'mysql'): string {
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
