// Turns generated rows into INSERT statements. Values stay typed until here so the generators never
// think about quoting; PostgreSQL casts the quoted literals to the column types (numeric, date,
// timestamptz, enum, jsonb) because multi-row VALUES in an INSERT take the target column types.

export type SqlValue = string | number | boolean | null | { json: unknown };

export interface TableRows {
  /** Schema-qualified table name, e.g. 'sales.orders'. */
  table: string;
  columns: string[];
  rows: SqlValue[][];
  /** Needed when the table's identity column is GENERATED ALWAYS and we still supply it (we never do). */
  overridingSystemValue?: boolean;
}

/** Rows per INSERT statement: big enough to be fast, small enough to keep each parse cheap. */
const ROWS_PER_INSERT = 1000;

export function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`sample data: non-finite number ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return quote(value);
  return quote(JSON.stringify(value.json));
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Integer cents as a numeric literal text: 123456 -> '1234.56'. */
export function money(cents: number): string {
  if (!Number.isInteger(cents)) throw new Error(`sample data: cents must be an integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function insertStatements(data: TableRows): string[] {
  const out: string[] = [];
  for (const row of data.rows) {
    if (row.length !== data.columns.length) {
      throw new Error(`sample data: ${data.table} row has ${row.length} values for ${data.columns.length} columns`);
    }
  }
  const head = `INSERT INTO ${data.table} (${data.columns.join(', ')})${data.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES\n`;
  for (let i = 0; i < data.rows.length; i += ROWS_PER_INSERT) {
    const chunk = data.rows.slice(i, i + ROWS_PER_INSERT);
    out.push(head + chunk.map((row) => `(${row.map(literal).join(', ')})`).join(',\n') + ';');
  }
  return out;
}
