// Documentation of a completion item, computed when the editor shows it (completionItem/resolve)
// rather than for every item of every list.
import type { SchemaIndex } from '../../schema/schema-index';
import { columnMarkdown } from '../hover/column-markdown';
import { tableMarkdown } from '../hover/table-markdown';
import type { DocumentationKey } from './types';

export function resolveDocumentation(key: DocumentationKey, index: SchemaIndex): string | undefined {
  const table = index.findTable({ text: key.table, quoted: true }, { text: key.schema, quoted: true });
  if (!table) return undefined;
  if (key.kind === 'table') return tableMarkdown(table, index);
  const column = index.findColumn(table, { text: key.column, quoted: true });
  return column && columnMarkdown(column, table, index);
}

/** Reads a DocumentationKey back from the `data` of an LSP item (anything else gives undefined). */
export function documentationKeyFrom(value: unknown): DocumentationKey | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.schema !== 'string' || typeof v.table !== 'string') return undefined;
  if (v.kind === 'table') return { kind: 'table', schema: v.schema, table: v.table };
  if (v.kind === 'column' && typeof v.column === 'string') return { kind: 'column', schema: v.schema, table: v.table, column: v.column };
  return undefined;
}
