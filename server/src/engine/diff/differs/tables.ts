// Tables and views matched by qualified name. A new table brings its keys, checks and indexes with
// it (its foreign keys are added after every table exists); a table present on both sides is
// compared column by column and constraint by constraint; a view is compared by its text.
import type { SchemaModel, TableInfo } from '../../schema/model';
import { isViewKind, sqlText, tableKey } from '../normalize';
import type { Change } from '../types';
import { diffColumns } from './columns';
import { diffConstraints } from './constraints';

export function diffTables(from: SchemaModel, to: SchemaModel): Change[] {
  const changes: Change[] = [];
  const before = new Map(from.tables.map((t) => [tableKey(t), t]));
  const after = new Map(to.tables.map((t) => [tableKey(t), t]));
  for (const t of to.tables) {
    const old = before.get(tableKey(t));
    if (old && isViewKind(old) === isViewKind(t) && (!isViewKind(t) || old.kind === t.kind)) {
      changes.push(...(isViewKind(t) ? diffView(old, t) : diffTable(old, t)));
      continue;
    }
    if (old) changes.push(isViewKind(old) ? { kind: 'drop_view', view: old } : { kind: 'drop_table', table: old });
    changes.push(...createRelation(t));
  }
  for (const t of from.tables) if (!after.has(tableKey(t))) changes.push(isViewKind(t) ? { kind: 'drop_view', view: t } : { kind: 'drop_table', table: t });
  return changes;
}

function createRelation(t: TableInfo): Change[] {
  if (isViewKind(t)) {
    const out: Change[] = [{ kind: 'create_view', view: t }];
    if (t.comment) out.push({ kind: 'set_comment', target: { type: t.kind === 'view' ? 'view' : 'materialized_view', schema: t.schema, name: t.name }, comment: t.comment });
    for (const index of t.indexes) out.push({ kind: 'create_index', table: t, index });
    return out;
  }
  const out: Change[] = [{ kind: 'create_table', table: t }];
  for (const fk of t.foreignKeys) out.push({ kind: 'add_foreign_key', table: t, fk });
  return out;
}

function diffTable(from: TableInfo, to: TableInfo): Change[] {
  const changes = [...diffColumns(from, to), ...diffConstraints(from, to)];
  if ((from.comment ?? '') !== (to.comment ?? '')) changes.push({ kind: 'set_comment', target: { type: 'table', schema: to.schema, name: to.name }, comment: to.comment });
  return changes;
}

function diffView(from: TableInfo, to: TableInfo): Change[] {
  const changes: Change[] = [];
  if (sqlText(from.viewDefinition) !== sqlText(to.viewDefinition)) {
    changes.push({ kind: 'drop_view', view: from }, ...createRelation(to));
    return changes;
  }
  if ((from.comment ?? '') !== (to.comment ?? '')) changes.push({ kind: 'set_comment', target: { type: to.kind === 'view' ? 'view' : 'materialized_view', schema: to.schema, name: to.name }, comment: to.comment });
  if (to.kind === 'materialized_view') changes.push(...diffConstraints(from, to).filter((c) => c.kind === 'create_index' || c.kind === 'drop_index'));
  return changes;
}
