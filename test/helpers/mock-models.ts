// Small table builders for mock-data unit tests: a column, a public table (ordinals from the order
// of its columns) and a foreign key.
import type { ColumnInfo, TableInfo } from '../../server/src/engine/schema/model';

export function col(name: string, dataType: string, extra: Partial<ColumnInfo> = {}): ColumnInfo {
  return { name, ordinal: 0, dataType, nullable: true, ...extra };
}

export function table(name: string, columns: ColumnInfo[], extra: Partial<TableInfo> = {}): TableInfo {
  columns.forEach((c, i) => (c.ordinal = i + 1));
  return { schema: 'public', name, kind: 'table', columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...extra };
}

export const fk = (name: string, columns: string[], refTable: string, refColumns: string[]) => ({ name, columns, refSchema: 'public', refTable, refColumns, onUpdate: 'no_action' as const, onDelete: 'no_action' as const });
