// The preview as result sets for the results grid: one tab per table, the first rows as text.
import type { ResultSet } from '../execution/types';
import type { PreviewTable } from './job';

export function previewResultSets(preview: PreviewTable[], columnTypes: (table: string, column: string) => string | undefined): ResultSet[] {
  return preview.map((t, i) => ({
    statement: i + 1,
    preview: t.table,
    kind: 'select',
    status: 'ok',
    columns: t.columns.map((name) => ({ name, type: columnTypes(t.table, name) })),
    rows: t.rows,
    rowCount: t.rows.length,
    truncated: false,
    durationMs: 0,
    notices: [],
  }));
}
