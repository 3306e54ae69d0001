// Columns of a table present on both sides: added, dropped, and changed field by field.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { Change, ColumnField } from '../types';

export function diffColumns(from: TableInfo, to: TableInfo): Change[] {
  const changes: Change[] = [];
  const before = new Map(from.columns.map((c) => [c.name, c]));
  const after = new Map(to.columns.map((c) => [c.name, c]));
  for (const c of to.columns) {
    const old = before.get(c.name);
    if (!old) {
      changes.push({ kind: 'add_column', table: to, column: c });
      continue;
    }
    const fields = changedFields(old, c);
    if (fields.length) changes.push({ kind: 'alter_column', table: to, from: old, to: c, fields });
  }
  for (const c of from.columns) if (!after.has(c.name)) changes.push({ kind: 'drop_column', table: from, column: c });
  return changes;
}

export function changedFields(a: ColumnInfo, b: ColumnInfo): ColumnField[] {
  const fields: ColumnField[] = [];
  if (a.dataType !== b.dataType) fields.push('type');
  if ((a.default ?? '') !== (b.default ?? '')) fields.push('default');
  if (a.nullable !== b.nullable) fields.push('nullable');
  if ((a.identity ?? '') !== (b.identity ?? '')) fields.push('identity');
  if ((a.generated ?? '') !== (b.generated ?? '')) fields.push('generated');
  if ((a.collation ?? '') !== (b.collation ?? '')) fields.push('collation');
  if ((a.comment ?? '') !== (b.comment ?? '')) fields.push('comment');
  if ((a.onUpdate ?? '') !== (b.onUpdate ?? '')) fields.push('on_update');
  return fields;
}
