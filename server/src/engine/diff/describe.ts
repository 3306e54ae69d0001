// One readable line per change, for the text and markdown reports and the comments in migrations.
import { tableKey } from './normalize';
import type { Change, CommentTarget } from './types';

export function describeChange(c: Change): string {
  switch (c.kind) {
    case 'create_schema':
      return `create schema ${c.schema}`;
    case 'drop_schema':
      return `drop schema ${c.schema}`;
    case 'create_enum':
      return `create enum ${c.enum.schema}.${c.enum.name} (${c.enum.values.join(', ')})`;
    case 'add_enum_value':
      return `add value '${c.value}' to enum ${c.enum.schema}.${c.enum.name}`;
    case 'change_enum':
      return `change enum ${c.from.schema}.${c.from.name}: ${c.from.values.join(', ')} → ${c.to.values.join(', ')}`;
    case 'drop_enum':
      return `drop enum ${c.enum.schema}.${c.enum.name}`;
    case 'create_sequence':
      return `create sequence ${c.sequence.schema}.${c.sequence.name}`;
    case 'alter_sequence':
      return `alter sequence ${c.to.schema}.${c.to.name}`;
    case 'set_sequence_owner':
      return `sequence ${c.sequence.schema}.${c.sequence.name} owned by ${c.sequence.ownedBy ?? 'none'}`;
    case 'drop_sequence':
      return `drop sequence ${c.sequence.schema}.${c.sequence.name}`;
    case 'create_table':
      return `create table ${tableKey(c.table)} (${c.table.columns.length} columns)`;
    case 'rename_table':
      return `rename table ${tableKey(c.from)} → ${tableKey(c.to)}`;
    case 'drop_table':
      return `drop table ${tableKey(c.table)}`;
    case 'add_column':
      return `add column ${tableKey(c.table)}.${c.column.name} ${c.column.dataType}${c.column.nullable ? '' : ' not null'}`;
    case 'rename_column':
      return `rename column ${tableKey(c.table)}.${c.from} → ${c.to}`;
    case 'alter_column':
      return `alter column ${tableKey(c.table)}.${c.to.name}: ${c.fields.map((f) => fieldChange(c.from, c.to, f)).join('; ')}`;
    case 'drop_column':
      return `drop column ${tableKey(c.table)}.${c.column.name}`;
    case 'add_primary_key':
      return `add primary key ${c.key.name} on ${tableKey(c.table)} (${c.key.columns.join(', ')})`;
    case 'drop_primary_key':
      return `drop primary key ${c.key.name} on ${tableKey(c.table)}`;
    case 'add_unique':
      return `add unique ${c.key.name} on ${tableKey(c.table)} (${c.key.columns.join(', ')})`;
    case 'drop_unique':
      return `drop unique ${c.key.name} on ${tableKey(c.table)}`;
    case 'add_check':
      return `add check ${c.check.name} on ${tableKey(c.table)}: ${c.check.expression}`;
    case 'drop_check':
      return `drop check ${c.check.name} on ${tableKey(c.table)}`;
    case 'add_foreign_key':
      return `add foreign key ${c.fk.name} on ${tableKey(c.table)} (${c.fk.columns.join(', ')}) → ${c.fk.refSchema}.${c.fk.refTable} (${c.fk.refColumns.join(', ')})`;
    case 'drop_foreign_key':
      return `drop foreign key ${c.fk.name} on ${tableKey(c.table)}`;
    case 'create_index':
      return `create ${c.index.unique ? 'unique ' : ''}index ${c.index.name} on ${tableKey(c.table)} (${c.index.columns.join(', ')})`;
    case 'drop_index':
      return `drop index ${c.index.name} on ${tableKey(c.table)}`;
    case 'create_view':
      return `create ${c.view.kind === 'materialized_view' ? 'materialized view' : 'view'} ${tableKey(c.view)}`;
    case 'drop_view':
      return `drop ${c.view.kind === 'materialized_view' ? 'materialized view' : 'view'} ${tableKey(c.view)}`;
    case 'create_routine':
      return `create ${c.routine.kind} ${c.routine.schema}.${c.routine.name}`;
    case 'replace_routine':
      return `replace ${c.to.kind} ${c.to.schema}.${c.to.name}`;
    case 'drop_routine':
      return `drop ${c.routine.kind} ${c.routine.schema}.${c.routine.name}`;
    case 'set_comment':
      return `${c.comment ? 'set' : 'remove'} comment on ${targetName(c.target)}`;
  }
}

function fieldChange(a: import('../schema/model').ColumnInfo, b: import('../schema/model').ColumnInfo, f: string): string {
  switch (f) {
    case 'type':
      return `type ${a.dataType} → ${b.dataType}`;
    case 'default':
      return `default ${a.default ?? 'none'} → ${b.default ?? 'none'}`;
    case 'nullable':
      return b.nullable ? 'drop not null' : 'set not null';
    case 'identity':
      return `identity ${a.identity ?? 'none'} → ${b.identity ?? 'none'}`;
    case 'generated':
      return `generated ${a.generated ?? 'none'} → ${b.generated ?? 'none'}`;
    case 'collation':
      return `collation ${a.collation ?? 'default'} → ${b.collation ?? 'default'}`;
    case 'on_update':
      return `on update ${a.onUpdate ?? 'none'} → ${b.onUpdate ?? 'none'}`;
    default:
      return 'comment';
  }
}

export function targetName(t: CommentTarget): string {
  if (t.type === 'schema') return `schema ${t.name}`;
  return `${t.type.replace('_', ' ')} ${t.schema}.${t.name}`;
}
