// Snippets where they save typing: `INSERT INTO t |` gets the column list of the columns that have no
// default (the ones the INSERT must name) with a VALUES placeholder per column, and one with every
// column.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import { RANK, type CompletionItem } from './types';
import type { CompletionRequest } from './request';

export function insertSnippetItems(req: CompletionRequest, table: TableInfo): CompletionItem[] {
  const q = (s: string) => req.index.dialect.quoteIfNeeded(s);
  const required = table.columns.filter(needsValue);
  const build = (cols: ColumnInfo[], label: string, n: number): CompletionItem => ({
    label,
    kind: 'snippet',
    detail: `INSERT INTO ${table.name}: ${cols.length} columns`,
    documentation: `\`\`\`sql\n(${cols.map((c) => q(c.name)).join(', ')})\nVALUES (${cols.map((c) => c.name).join(', ')})\n\`\`\``,
    insertText: `(${cols.map((c) => q(c.name)).join(', ')}) VALUES (${cols.map((c, i) => `\${${i + 1}:${snippetEscape(c.name)}}`).join(', ')})$0`,
    snippet: true,
    sortText: `${RANK.snippet}${n}`,
    filterText: '(',
  });
  const items = [build(required, '(columns without defaults) VALUES (…)', 0)];
  if (required.length !== table.columns.length) items.push(build(table.columns, '(all columns) VALUES (…)', 1));
  return items;
}

/** A column an INSERT has to give a value for: no default, not identity, not generated. */
export function needsValue(c: ColumnInfo): boolean {
  return c.default === undefined && c.identity === undefined && c.generated === undefined;
}

function snippetEscape(s: string): string {
  return s.replace(/[$}\\]/g, (ch) => '\\' + ch);
}
