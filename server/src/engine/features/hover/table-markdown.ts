// Markdown description of a table or view: kind, comment, row estimate, columns, keys and indexes.
// Used by hover and as completion documentation.
import type { SchemaIndex } from '../../schema/schema-index';
import type { TableInfo, TableKind } from '../../schema/model';
import { code } from './markdown-code';

const KIND_LABEL: Record<TableKind, string> = {
  table: 'table',
  partitioned_table: 'partitioned table',
  view: 'view',
  materialized_view: 'materialized view',
  foreign_table: 'foreign table',
};

/** Columns listed before the summary is cut (a hover must stay readable). */
const MAX_COLUMNS = 25;

export function tableMarkdown(table: TableInfo, index: SchemaIndex): string {
  const q = (n: string) => index.dialect.quoteIfNeeded(n);
  const lines: string[] = [`**${KIND_LABEL[table.kind]}** ${code(`${q(table.schema)}.${q(table.name)}`)}`];
  if (table.comment) lines.push('', table.comment);
  if (table.rowEstimate !== undefined && table.rowEstimate >= 0) lines.push('', `~${formatCount(table.rowEstimate)} rows (estimate)`);

  const pk = new Set(table.primaryKey?.columns ?? []);
  const fkCols = new Set(table.foreignKeys.flatMap((f) => f.columns));
  const shown = table.columns.slice(0, MAX_COLUMNS).map((c) => {
    const tags = [pk.has(c.name) ? 'PK' : '', fkCols.has(c.name) ? 'FK' : '', c.nullable ? '' : 'NOT NULL'].filter(Boolean).join(', ');
    return `| \`${c.name}\` | ${escapeCell(c.dataType)} | ${tags} |`;
  });
  lines.push('', '| column | type | |', '| --- | --- | --- |', ...shown);
  if (table.columns.length > MAX_COLUMNS) lines.push('', `…and ${table.columns.length - MAX_COLUMNS} more columns`);

  if (table.primaryKey) lines.push('', `**Primary key** \`${table.primaryKey.name}\` (${table.primaryKey.columns.join(', ')})`);
  if (table.foreignKeys.length > 0) {
    lines.push('', '**References**');
    for (const fk of table.foreignKeys)
      lines.push(`- (${fk.columns.join(', ')}) → \`${fk.refSchema}.${fk.refTable}\` (${fk.refColumns.join(', ')})${actions(fk.onDelete, fk.onUpdate)}`);
  }
  const incoming = index.incomingForeignKeys(table);
  if (incoming.length > 0) {
    lines.push('', '**Referenced by**');
    for (const { table: from, fk } of incoming) lines.push(`- \`${from.schema}.${from.name}\` (${fk.columns.join(', ')})`);
  }
  const indexes = table.indexes.filter((i) => !i.primary);
  if (indexes.length > 0) {
    lines.push('', '**Indexes**');
    for (const i of indexes)
      lines.push(`- \`${i.name}\`${i.unique ? ' unique' : ''}${i.method && i.method !== 'btree' ? ` ${i.method}` : ''} (${i.columns.join(', ')})${i.predicate ? ` WHERE ${i.predicate}` : ''}`);
  }
  return lines.join('\n');
}

function actions(onDelete: string, onUpdate: string): string {
  const parts = [onDelete !== 'no_action' ? `ON DELETE ${onDelete.replace('_', ' ').toUpperCase()}` : '', onUpdate !== 'no_action' ? `ON UPDATE ${onUpdate.replace('_', ' ').toUpperCase()}` : ''];
  const text = parts.filter(Boolean).join(', ');
  return text ? ` — ${text}` : '';
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
