// Pure parts of "Generate Mock Data…" (no vscode import, unit-tested): which tables to offer and
// preselect, and the row-count answer.
import type { SchemaModel } from '../schema-types';

export interface TableChoice {
  label: string;
  description?: string;
  picked: boolean;
}

/** Tables that can take rows, the one the command was started on (if any) preselected, else all. */
export function tableChoices(model: SchemaModel, preselect?: { schema?: string; table?: string }): TableChoice[] {
  const tables = model.tables.filter((t) => t.kind === 'table' || t.kind === 'partitioned_table');
  const multiSchema = new Set(tables.map((t) => t.schema)).size > 1;
  return tables.map((t) => ({
    label: multiSchema ? `${t.schema}.${t.name}` : t.name,
    description: `${t.columns.length} columns${t.foreignKeys.length ? `, ${t.foreignKeys.length} foreign keys` : ''}`,
    picked: preselect?.table ? t.name === preselect.table && (!preselect.schema || preselect.schema === t.schema) : true,
  }));
}

/** The row count typed by the person, or a message saying what is wrong. */
export function parseRowCount(text: string): { rows: number } | { error: string } {
  const t = text.trim().replace(/[_,\s]/g, '');
  if (!/^\d+$/.test(t)) return { error: 'a whole number of rows per table, e.g. 100' };
  const rows = Number(t);
  if (rows < 1) return { error: 'at least 1 row' };
  if (rows > 10_000_000) return { error: 'at most 10,000,000 rows per table from the editor (use the CLI for more)' };
  return { rows };
}
