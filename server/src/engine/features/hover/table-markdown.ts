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

/**
 * Kept compact: an editor's hover is about 250 px high before it scrolls (VS Code: a quarter of the
 * editor), so single-column foreign keys sit in the column table and the other sections are one
 * paragraph each (issue 20: `track`'s hover was cut off after its eighth column).
 */
export function tableMarkdown(table: TableInfo, index: SchemaIndex): string {
  const q = (n: string) => index.dialect.quoteIfNeeded(n);
  const rows = table.rowEstimate !== undefined && table.rowEstimate >= 0 ? ` · ~${formatCount(table.rowEstimate)} rows (estimate)` : '';
  const lines: string[] = [`**${KIND_LABEL[table.kind]}** ${code(`${q(table.schema)}.${q(table.name)}`)}${rows}`];
  if (table.comment) lines.push('', table.comment);

  const pk = new Set(table.primaryKey?.columns ?? []);
  const singleFk = new Map(table.foreignKeys.filter((f) => f.columns.length === 1).map((f) => [f.columns[0]!, f]));
  const compositeFkCols = new Set(table.foreignKeys.filter((f) => f.columns.length > 1).flatMap((f) => f.columns));
  const shown = table.columns.slice(0, MAX_COLUMNS).map((c) => {
    const fk = singleFk.get(c.name);
    const tags = [
      pk.has(c.name) ? 'PK' : '',
      fk ? `FK → \`${fk.refSchema === table.schema ? '' : `${q(fk.refSchema)}.`}${q(fk.refTable)}.${q(fk.refColumns[0]!)}\`` : compositeFkCols.has(c.name) ? 'FK' : '',
      c.nullable ? '' : 'NOT NULL',
    ].filter(Boolean).join(', ');
    return `| \`${c.name}\` | ${escapeCell(c.dataType)} | ${tags} |`;
  });
  lines.push('', '| column | type | |', '| --- | --- | --- |', ...shown);
  if (table.columns.length > MAX_COLUMNS) lines.push('', `…and ${table.columns.length - MAX_COLUMNS} more columns`);

  const keys: string[] = [];
  if (table.primaryKey) keys.push(`**Primary key** \`${table.primaryKey.name}\` (${table.primaryKey.columns.join(', ')})`);
  const composite = table.foreignKeys.filter((f) => f.columns.length > 1 || f.onDelete !== 'no_action' || f.onUpdate !== 'no_action');
  if (composite.length > 0)
    keys.push(`**References** ${composite.map((fk) => `(${fk.columns.join(', ')}) → \`${fk.refSchema}.${fk.refTable}\` (${fk.refColumns.join(', ')})${actions(fk.onDelete, fk.onUpdate)}`).join('; ')}`);
  const incoming = index.incomingForeignKeys(table);
  if (incoming.length > 0) keys.push(`**Referenced by** ${incoming.map(({ table: from, fk }) => `\`${from.schema}.${from.name}\` (${fk.columns.join(', ')})`).join(', ')}`);
  const indexes = table.indexes.filter((i) => !i.primary);
  if (indexes.length > 0)
    keys.push(
      `**Indexes** ${indexes.map((i) => `\`${i.name}\`${i.unique ? ' unique' : ''}${i.method && i.method !== 'btree' ? ` ${i.method}` : ''} (${i.columns.join(', ')})${i.predicate ? ` WHERE ${i.predicate}` : ''}`).join(', ')}`,
    );
  for (const k of keys) lines.push('', k);
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
