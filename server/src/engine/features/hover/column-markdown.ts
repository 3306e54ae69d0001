// Markdown description of a column: type, nullability, default, identity/generated, key membership
// and comment. Used by hover and as completion documentation.
import type { SchemaIndex } from '../../schema/schema-index';
import type { ColumnInfo, TableInfo } from '../../schema/model';
import { code } from './markdown-code';

export function columnMarkdown(column: ColumnInfo, table: TableInfo, index: SchemaIndex): string {
  const q = (n: string) => index.dialect.quoteIfNeeded(n);
  const lines = [`**column** ${code(`${q(table.name)}.${q(column.name)}`)}`, '', `\`${column.dataType}\` ${column.nullable ? 'NULL' : 'NOT NULL'}`];
  const facts: string[] = [];
  if (column.identity) facts.push(`identity (generated ${column.identity === 'always' ? 'always' : 'by default'})`);
  if (column.generated) facts.push(`generated as \`${column.generated}\``);
  if (column.default !== undefined) facts.push(`default \`${column.default}\``);
  if (column.enumRef) {
    const e = index.findEnum(column.enumRef);
    if (e) facts.push(`enum: ${e.values.map((v) => `'${v}'`).join(', ')}`);
  }
  facts.push(...memberships(column, table));
  if (facts.length > 0) lines.push('', ...facts.map((f) => `- ${f}`));
  if (column.comment) lines.push('', column.comment);
  lines.push('', `in ${code(`${q(table.schema)}.${q(table.name)}`)}`);
  return lines.join('\n');
}

function memberships(column: ColumnInfo, table: TableInfo): string[] {
  const out: string[] = [];
  const pk = table.primaryKey;
  if (pk?.columns.includes(column.name)) out.push(pk.columns.length > 1 ? `part of the primary key (${pk.columns.join(', ')})` : 'primary key');
  for (const fk of table.foreignKeys) {
    const i = fk.columns.indexOf(column.name);
    if (i >= 0) out.push(`foreign key → \`${fk.refSchema}.${fk.refTable}\`.${fk.refColumns[i] ?? '?'} (\`${fk.name}\`)`);
  }
  for (const u of table.uniques) {
    if (u.columns.includes(column.name)) out.push(u.columns.length > 1 ? `part of unique (${u.columns.join(', ')})` : `unique (\`${u.name}\`)`);
  }
  return out;
}
