// Adapters from a database driver to the pipeline's callbacks: EXPLAIN (never executed: it runs
// inside the driver's read-only transaction, which is rolled back), value probes for the offline
// translator, and sample-value lookups for prompts (off unless enabled).
import type { DatabaseDriver } from '../drivers/types';
import type { ColumnInfo, DialectId, TableInfo } from '../schema/model';
import { getDialect } from '../sql/dialect';
import type { SampleValueSource } from './linking/link-schema';
import type { ValueProbe } from './types';
import type { ExplainCheck } from './validate';

type Query = DatabaseDriver['queryReadOnly'];

export function explainWith(query: Query, timeoutMs = 5000): ExplainCheck {
  return async (sql) => {
    try {
      await query(`EXPLAIN ${sql}`, { maxRows: 200, timeoutMs });
      return undefined;
    } catch (e) {
      return ((e as Error)?.message ?? String(e)).split('\n')[0];
    }
  };
}

function qualified(dialect: DialectId, schema: string, table: string): string {
  const d = getDialect(dialect);
  return schema ? `${d.quoteIfNeeded(schema)}.${d.quoteIfNeeded(table)}` : d.quoteIfNeeded(table);
}

function literal(dialect: DialectId, v: string): string {
  const body = dialect === 'mysql' ? v.replace(/\\/g, '\\\\') : v;
  return `'${body.replace(/'/g, "''")}'`;
}

export function valueProbeWith(query: Query, dialect: DialectId, timeoutMs = 3000): ValueProbe {
  const d = getDialect(dialect);
  return async (schema, table, column, value) => {
    const where = `${d.quoteIfNeeded(column)} = ${literal(dialect, value)}`;
    const from = qualified(dialect, schema, table);
    const sql = dialect === 'mssql' ? `SELECT TOP 1 1 FROM ${from} WHERE ${where}` : `SELECT 1 FROM ${from} WHERE ${where} LIMIT 1`;
    const r = await query(sql, { maxRows: 1, timeoutMs });
    return r.rows.length > 0;
  };
}

export function sampleValuesWith(query: Query, dialect: DialectId, timeoutMs = 3000): SampleValueSource {
  const d = getDialect(dialect);
  const asText = dialect === 'mysql' ? 'CHAR' : dialect === 'mssql' ? 'NVARCHAR(4000)' : 'TEXT';
  return async (t: TableInfo, c: ColumnInfo, hints) => {
    if (hints.length === 0) return [];
    const col = d.quoteIfNeeded(c.name);
    const list = hints.slice(0, 20).map((h) => literal(dialect, h.toLowerCase())).join(', ');
    const body = `${col} FROM ${qualified(dialect, t.schema, t.name)} WHERE LOWER(CAST(${col} AS ${asText})) IN (${list})`;
    const sql = dialect === 'mssql' ? `SELECT DISTINCT TOP 5 ${body}` : `SELECT DISTINCT ${body} LIMIT 5`;
    const r = await query(sql, { maxRows: 5, timeoutMs });
    return r.rows.map((row) => String(row[0]));
  };
}
