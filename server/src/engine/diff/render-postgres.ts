// PostgreSQL migration statements for planned changes. Online-safe forms on existing tables:
// CREATE INDEX CONCURRENTLY, unique/primary keys attached USING INDEX built concurrently, checks and
// foreign keys ADDed NOT VALID then VALIDATEd, SET NOT NULL behind a validated CHECK (no full scan
// under an exclusive lock). The statements run one at a time, outside a transaction.
import type { ColumnInfo, ForeignKey, IndexInfo, RoutineInfo, SequenceInfo, TableInfo } from '../schema/model';
import type { PlannedChange, CommentTarget } from './types';
import { tableKey } from './normalize';

const RESERVED = new Set(
  'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation column concurrently constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign freeze from full grant group having ilike in initially inner intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on only or order outer overlaps placing primary references returning right select session_user similar some symmetric system_user table tablesample then to trailing true union unique user using variadic verbose when where window with'.split(' '),
);

export function pgIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function q(schema: string, name: string): string {
  return `${pgIdent(schema)}.${pgIdent(name)}`;
}

const qt = (t: { schema: string; name: string }) => q(t.schema, t.name);

export function pgLiteral(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const ACTION: Record<ForeignKey['onDelete'], string> = { no_action: 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', set_null: 'SET NULL', set_default: 'SET DEFAULT' };

export function postgresStatements(p: PlannedChange): string[] {
  const c = p.change;
  const online = !p.onNewTable;
  switch (c.kind) {
    case 'create_schema':
      return [`CREATE SCHEMA ${pgIdent(c.schema)}`];
    case 'drop_schema':
      return [`DROP SCHEMA ${pgIdent(c.schema)}`];
    case 'create_enum':
      return [`CREATE TYPE ${qt(c.enum)} AS ENUM (${c.enum.values.map(pgLiteral).join(', ')})`];
    case 'add_enum_value':
      return [`ALTER TYPE ${qt(c.enum)} ADD VALUE ${pgLiteral(c.value)}${c.before !== undefined ? ` BEFORE ${pgLiteral(c.before)}` : c.after !== undefined ? ` AFTER ${pgLiteral(c.after)}` : ''}`];
    case 'change_enum':
      return [];
    case 'drop_enum':
      return [`DROP TYPE ${qt(c.enum)}`];
    case 'create_sequence':
      return [`CREATE SEQUENCE ${qt(c.sequence)}${sequenceOptions(c.sequence)}`];
    case 'alter_sequence':
      return [`ALTER SEQUENCE ${qt(c.to)}${sequenceOptions(c.to)}`];
    case 'set_sequence_owner':
      return [`ALTER SEQUENCE ${qt(c.sequence)} OWNED BY ${c.sequence.ownedBy ? c.sequence.ownedBy.split('.').map(pgIdent).join('.') : 'NONE'}`];
    case 'drop_sequence':
      return [`DROP SEQUENCE IF EXISTS ${qt(c.sequence)}`];
    case 'create_table':
      return createTable(c.table);
    case 'rename_table': {
      const out: string[] = [];
      if (c.from.schema !== c.to.schema) out.push(`ALTER TABLE ${qt(c.from)} SET SCHEMA ${pgIdent(c.to.schema)}`);
      if (c.from.name !== c.to.name) out.push(`ALTER TABLE ${q(c.to.schema, c.from.name)} RENAME TO ${pgIdent(c.to.name)}`);
      return out;
    }
    case 'drop_table':
      return [`DROP TABLE ${qt(c.table)}`];
    case 'add_column': {
      const out = [`ALTER TABLE ${qt(c.table)} ADD COLUMN ${columnDefinition(c.column)}`];
      if (c.column.comment) out.push(`COMMENT ON COLUMN ${qt(c.table)}.${pgIdent(c.column.name)} IS ${pgLiteral(c.column.comment)}`);
      return out;
    }
    case 'rename_column':
      return [`ALTER TABLE ${qt(c.table)} RENAME COLUMN ${pgIdent(c.from)} TO ${pgIdent(c.to)}`];
    case 'alter_column':
      return alterColumn(c.table, c.from, c.to, c.fields, online);
    case 'drop_column':
      return [`ALTER TABLE ${qt(c.table)} DROP COLUMN ${pgIdent(c.column.name)}`];
    case 'add_primary_key':
    case 'add_unique': {
      const what = c.kind === 'add_primary_key' ? 'PRIMARY KEY' : 'UNIQUE';
      const cols = c.key.columns.map(pgIdent).join(', ');
      if (!online) return [`ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${pgIdent(c.key.name)} ${what} (${cols})`];
      return [
        `CREATE UNIQUE INDEX CONCURRENTLY ${pgIdent(c.key.name)} ON ${qt(c.table)} (${cols})`,
        `ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${pgIdent(c.key.name)} ${what} USING INDEX ${pgIdent(c.key.name)}`,
      ];
    }
    case 'drop_primary_key':
    case 'drop_unique':
      return [`ALTER TABLE ${qt(c.table)} DROP CONSTRAINT ${pgIdent(c.key.name)}`];
    case 'add_check':
      if (!online) return [`ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${pgIdent(c.check.name)} CHECK (${c.check.expression})`];
      return [
        `ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${pgIdent(c.check.name)} CHECK (${c.check.expression}) NOT VALID`,
        `ALTER TABLE ${qt(c.table)} VALIDATE CONSTRAINT ${pgIdent(c.check.name)}`,
      ];
    case 'drop_check':
      return [`ALTER TABLE ${qt(c.table)} DROP CONSTRAINT ${pgIdent(c.check.name)}`];
    case 'add_foreign_key': {
      const add = `ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${pgIdent(c.fk.name)} ${foreignKeyClause(c.fk)}`;
      if (!online) return [add];
      return [`${add} NOT VALID`, `ALTER TABLE ${qt(c.table)} VALIDATE CONSTRAINT ${pgIdent(c.fk.name)}`];
    }
    case 'drop_foreign_key':
      return [`ALTER TABLE ${qt(c.table)} DROP CONSTRAINT ${pgIdent(c.fk.name)}`];
    case 'create_index':
      return [createIndex(c.table, c.index, online && c.table.kind !== 'materialized_view')];
    case 'drop_index':
      return [`DROP INDEX CONCURRENTLY IF EXISTS ${q(c.table.schema, c.index.name)}`];
    case 'create_view':
      return [
        `CREATE ${c.view.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : 'VIEW'} ${qt(c.view)} AS\n${(c.view.viewDefinition ?? '').trim().replace(/;\s*$/, '')}`,
      ];
    case 'drop_view':
      return [`DROP ${c.view.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : 'VIEW'} ${qt(c.view)}`];
    case 'create_routine':
      return createRoutine(c.routine);
    case 'replace_routine': {
      const out: string[] = [];
      if ((c.from.returnType ?? '') !== (c.to.returnType ?? '')) out.push(dropRoutine(c.from));
      out.push(...createRoutine(c.to, (c.from.comment ?? '') !== (c.to.comment ?? '')));
      return out;
    }
    case 'drop_routine':
      return [dropRoutine(c.routine)];
    case 'set_comment':
      return [`COMMENT ON ${commentTarget(c.target)} IS ${c.comment ? pgLiteral(c.comment) : 'NULL'}`];
  }
}

function sequenceOptions(s: SequenceInfo): string {
  const parts: string[] = [];
  if (s.dataType) parts.push(`AS ${s.dataType}`);
  if (s.increment) parts.push(`INCREMENT BY ${s.increment}`);
  if (s.minValue) parts.push(`MINVALUE ${s.minValue}`);
  if (s.maxValue) parts.push(`MAXVALUE ${s.maxValue}`);
  if (s.start) parts.push(`START WITH ${s.start}`);
  parts.push(s.cycle ? 'CYCLE' : 'NO CYCLE');
  return ' ' + parts.join(' ');
}

function columnDefinition(c: ColumnInfo): string {
  let def = `${pgIdent(c.name)} ${c.dataType}`;
  if (c.collation) def += ` COLLATE ${c.collation}`;
  if (c.generated) def += ` GENERATED ALWAYS AS (${c.generated}) STORED`;
  else if (c.identity) def += ` GENERATED ${c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
  else if (c.default !== undefined) def += ` DEFAULT ${c.default}`;
  if (!c.nullable) def += ' NOT NULL';
  return def;
}

function foreignKeyClause(fk: ForeignKey): string {
  let s = `FOREIGN KEY (${fk.columns.map(pgIdent).join(', ')}) REFERENCES ${q(fk.refSchema, fk.refTable)} (${fk.refColumns.map(pgIdent).join(', ')})`;
  if (fk.onUpdate !== 'no_action') s += ` ON UPDATE ${ACTION[fk.onUpdate]}`;
  if (fk.onDelete !== 'no_action') s += ` ON DELETE ${ACTION[fk.onDelete]}`;
  if (fk.deferrable) s += ` DEFERRABLE${fk.initiallyDeferred ? ' INITIALLY DEFERRED' : ''}`;
  return s;
}

function createIndex(t: TableInfo, i: IndexInfo, concurrently: boolean): string {
  const def = i.definition ?? `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${pgIdent(i.name)} ON ${qt(t)}${i.method ? ` USING ${i.method}` : ''} (${i.columns.join(', ')})${i.predicate ? ` WHERE ${i.predicate}` : ''}`;
  return concurrently ? def.replace(/^CREATE (UNIQUE )?INDEX /i, (_m, u: string | undefined) => `CREATE ${u ?? ''}INDEX CONCURRENTLY `) : def;
}

function createTable(t: TableInfo): string[] {
  if (t.kind === 'partitioned_table' || t.kind === 'foreign_table') return [];
  const lines = t.columns.map(columnDefinition);
  if (t.primaryKey) lines.push(`CONSTRAINT ${pgIdent(t.primaryKey.name)} PRIMARY KEY (${t.primaryKey.columns.map(pgIdent).join(', ')})`);
  for (const u of t.uniques) lines.push(`CONSTRAINT ${pgIdent(u.name)} UNIQUE (${u.columns.map(pgIdent).join(', ')})`);
  for (const ch of t.checks) lines.push(`CONSTRAINT ${pgIdent(ch.name)} CHECK (${ch.expression})`);
  const out = [`CREATE TABLE ${qt(t)} (\n  ${lines.join(',\n  ')}\n)`];
  for (const i of t.indexes) out.push(createIndex(t, i, false));
  if (t.comment) out.push(`COMMENT ON TABLE ${qt(t)} IS ${pgLiteral(t.comment)}`);
  for (const c of t.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${qt(t)}.${pgIdent(c.name)} IS ${pgLiteral(c.comment)}`);
  return out;
}

function alterColumn(t: TableInfo, from: ColumnInfo, to: ColumnInfo, fields: string[], online: boolean): string[] {
  const at = `ALTER TABLE ${qt(t)} ALTER COLUMN ${pgIdent(to.name)}`;
  const out: string[] = [];
  const retype = fields.includes('type') || fields.includes('collation');
  const defaultChanges = fields.includes('default') || (retype && from.default !== undefined);
  if (defaultChanges && from.default !== undefined) out.push(`${at} DROP DEFAULT`);
  if (fields.includes('identity') && from.identity) out.push(`${at} DROP IDENTITY`);
  if (fields.includes('generated') && from.generated && !to.generated) out.push(`${at} DROP EXPRESSION`);
  if (retype) out.push(`${at} TYPE ${to.dataType}${to.collation ? ` COLLATE ${to.collation}` : ''} USING ${pgIdent(to.name)}::${to.dataType}`);
  if (fields.includes('identity') && to.identity) out.push(`${at} ADD GENERATED ${to.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (fields.includes('nullable')) {
    if (to.nullable) out.push(`${at} DROP NOT NULL`);
    else if (!online) out.push(`${at} SET NOT NULL`);
    else {
      const check = pgIdent(`${to.name}_not_null`.slice(0, 63));
      out.push(
        `ALTER TABLE ${qt(t)} ADD CONSTRAINT ${check} CHECK (${pgIdent(to.name)} IS NOT NULL) NOT VALID`,
        `ALTER TABLE ${qt(t)} VALIDATE CONSTRAINT ${check}`,
        `${at} SET NOT NULL`,
        `ALTER TABLE ${qt(t)} DROP CONSTRAINT ${check}`,
      );
    }
  }
  if (defaultChanges && to.default !== undefined) out.push(`${at} SET DEFAULT ${to.default}`);
  if (fields.includes('comment')) out.push(`COMMENT ON COLUMN ${qt(t)}.${pgIdent(to.name)} IS ${to.comment ? pgLiteral(to.comment) : 'NULL'}`);
  return out;
}

function routineSignature(r: RoutineInfo): string {
  const inputs = r.params.filter((p) => p.mode !== 'out' && p.mode !== 'table').map((p) => (p.mode === 'variadic' ? `VARIADIC ${p.type}` : p.type));
  return `${qt(r)}(${inputs.join(', ')})`;
}

function routineWord(r: RoutineInfo): string {
  return r.kind === 'procedure' ? 'PROCEDURE' : r.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
}

function createRoutine(r: RoutineInfo, withComment = true): string[] {
  if (!r.definition) return [];
  const out = [r.definition.trim().replace(/;\s*$/, '')];
  if (withComment && r.comment !== undefined) out.push(`COMMENT ON ${routineWord(r)} ${routineSignature(r)} IS ${pgLiteral(r.comment)}`);
  return out;
}

function dropRoutine(r: RoutineInfo): string {
  return `DROP ${routineWord(r)} ${routineSignature(r)}`;
}

function commentTarget(t: CommentTarget): string {
  switch (t.type) {
    case 'schema':
      return `SCHEMA ${pgIdent(t.name)}`;
    case 'type':
      return `TYPE ${q(t.schema, t.name)}`;
    case 'materialized_view':
      return `MATERIALIZED VIEW ${q(t.schema, t.name)}`;
    default:
      return `${t.type.toUpperCase()} ${q(t.schema, t.name)}`;
  }
}

/** Statements that explain why nothing can be generated for a change (aggregates, partitions…). */
export function postgresUnsupported(p: PlannedChange): string | undefined {
  const c = p.change;
  if ((c.kind === 'create_routine' && !c.routine.definition) || (c.kind === 'replace_routine' && !c.to.definition))
    return `no definition of this ${c.kind === 'create_routine' ? c.routine.kind : c.to.kind} in the snapshot (aggregates, or a snapshot from an older Schemawise)`;
  if (c.kind === 'create_table' && (c.table.kind === 'partitioned_table' || c.table.kind === 'foreign_table')) return `${c.table.kind.replace('_', ' ')} ${tableKey(c.table)} is not generated; create it by hand`;
  if (c.kind === 'alter_column' && c.fields.includes('generated') && c.to.generated) return 'PostgreSQL cannot change a generated expression in place: drop and add the column';
  return undefined;
}
