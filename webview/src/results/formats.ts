// Cell text and the copy/export formats of the results grid. Pure functions (no DOM), shared by the
// grid, the clipboard and "Export…", and unit-tested directly. NULL is not a string: CSV writes it as
// an empty field (an empty string is ""), JSON as null, Markdown and the grid as NULL in their own way.
import type { CellValue, CopyFormat, GridColumn } from './protocol';

/** How a non-NULL value reads in a cell: objects and arrays as compact JSON. */
export function cellText(v: CellValue): string {
  if (v === null) return 'NULL';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function toCsv(columns: GridColumn[], rows: CellValue[][]): string {
  const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const value = (v: CellValue) => (v === null ? '' : v === '' ? '""' : esc(cellText(v)));
  return [columns.map((c) => esc(c.name)).join(','), ...rows.map((r) => r.map(value).join(','))].join('\r\n') + '\r\n';
}

/** An array of objects keyed by column name; a repeated name gets a suffix (`id`, `id_2`). */
export function toJson(columns: GridColumn[], rows: CellValue[][]): string {
  const keys = uniqueNames(columns.map((c) => c.name));
  return JSON.stringify(rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null]))), null, 2) + '\n';
}

/** A GitHub table: pipes and line breaks escaped, NULL in italics so it differs from the text "NULL". */
export function toMarkdown(columns: GridColumn[], rows: CellValue[][]): string {
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  const value = (v: CellValue) => (v === null ? '*NULL*' : esc(cellText(v)));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(columns.map((c) => esc(c.name) || ' ')), line(columns.map(() => '---')), ...rows.map((r) => line(r.map(value)))].join('\n') + '\n';
}

export function formatRows(format: CopyFormat, columns: GridColumn[], rows: CellValue[][]): string {
  return format === 'csv' ? toCsv(columns, rows) : format === 'json' ? toJson(columns, rows) : toMarkdown(columns, rows);
}

export const FORMAT_EXTENSIONS: Record<CopyFormat, string> = { csv: 'csv', json: 'json', markdown: 'md' };

function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const count = (seen.get(n) ?? 0) + 1;
    seen.set(n, count);
    return count === 1 ? n : `${n}_${count}`;
  });
}
