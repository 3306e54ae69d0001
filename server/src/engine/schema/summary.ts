// A short, human-readable summary of a SchemaModel (CLI output, demo, logs).
import type { SchemaModel, TableKind } from './model';

export function summarizeModel(model: SchemaModel): string {
  const count = (kind: TableKind) => model.tables.filter((t) => t.kind === kind).length;
  const columns = model.tables.reduce((n, t) => n + t.columns.length, 0);
  const fks = model.tables.reduce((n, t) => n + t.foreignKeys.length, 0);
  const lines = [
    `${model.database} (${model.serverVersion ?? model.dialect})`,
    `  schemas: ${model.schemas.map((s) => s.name).join(', ') || '(none)'}`,
    `  tables: ${count('table') + count('partitioned_table')}, views: ${count('view')}, materialized views: ${count('materialized_view')}`,
    `  columns: ${columns}, foreign keys: ${fks}, enums: ${model.enums.length}, routines: ${model.routines.length}`,
  ];
  return lines.join('\n');
}
