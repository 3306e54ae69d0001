// MySQL/MariaDB migration statements. Objects of the migrated database are named unqualified (the
// migration runs in that database, whatever it is called); view text loses the database qualifiers
// MySQL prints into it. No online forms beyond what InnoDB does itself (ALGORITHM=INPLACE is chosen
// by the server when possible).
import type { ColumnInfo, ForeignKey, IndexInfo } from '../schema/model';
import { indexBody } from './differs/constraints';
import type { PlannedChange } from './types';

const ACTION: Record<ForeignKey['onDelete'], string> = { no_action: 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', set_null: 'SET NULL', set_default: 'SET DEFAULT' };

export function myIdent(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}

export function myLiteral(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

export function mysqlStatements(p: PlannedChange, database: string): string[] {
  const q = (schema: string, name: string) => (schema === database ? myIdent(name) : `${myIdent(schema)}.${myIdent(name)}`);
  const qt = (t: { schema: string; name: string }) => q(t.schema, t.name);
  const unqualify = (sql: string) => sql.split(myIdent(database) + '.').join('');
  const c = p.change;
  switch (c.kind) {
    case 'create_schema':
      return [`CREATE DATABASE ${myIdent(c.schema)}`];
    case 'drop_schema':
      return [`DROP DATABASE ${myIdent(c.schema)}`];
    case 'create_table': {
      const lines = c.table.columns.map(columnDefinition);
      if (c.table.primaryKey) lines.push(`PRIMARY KEY (${c.table.primaryKey.columns.map(myIdent).join(', ')})`);
      for (const ch of c.table.checks) lines.push(`CONSTRAINT ${myIdent(ch.name)} CHECK (${ch.expression})`);
      const out = [`CREATE TABLE ${qt(c.table)} (\n  ${lines.join(',\n  ')}\n)${c.table.comment ? ` COMMENT = ${myLiteral(c.table.comment)}` : ''}`];
      for (const i of c.table.indexes) if (!i.primary) out.push(createIndex(qt(c.table), i));
      return out;
    }
    case 'rename_table':
      return [`RENAME TABLE ${qt(c.from)} TO ${qt(c.to)}`];
    case 'drop_table':
      return [`DROP TABLE ${qt(c.table)}`];
    case 'add_column':
      return [`ALTER TABLE ${qt(c.table)} ADD COLUMN ${columnDefinition(c.column)}`];
    case 'rename_column':
      return [`ALTER TABLE ${qt(c.table)} RENAME COLUMN ${myIdent(c.from)} TO ${myIdent(c.to)}`];
    case 'alter_column':
      if (c.fields.length === 1 && c.fields[0] === 'default')
        return [`ALTER TABLE ${qt(c.table)} ALTER COLUMN ${myIdent(c.to.name)} ${c.to.default !== undefined ? `SET DEFAULT ${c.to.default}` : 'DROP DEFAULT'}`];
      return [`ALTER TABLE ${qt(c.table)} MODIFY COLUMN ${columnDefinition(c.to)}`];
    case 'drop_column':
      return [`ALTER TABLE ${qt(c.table)} DROP COLUMN ${myIdent(c.column.name)}`];
    case 'add_primary_key':
      return [`ALTER TABLE ${qt(c.table)} ADD PRIMARY KEY (${c.key.columns.map(myIdent).join(', ')})`];
    case 'drop_primary_key':
      return [`ALTER TABLE ${qt(c.table)} DROP PRIMARY KEY`];
    case 'add_unique':
      return [`ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${myIdent(c.key.name)} UNIQUE (${c.key.columns.map(myIdent).join(', ')})`];
    case 'drop_unique':
      return [`DROP INDEX ${myIdent(c.key.name)} ON ${qt(c.table)}`];
    case 'add_check':
      return [`ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${myIdent(c.check.name)} CHECK (${c.check.expression})`];
    case 'drop_check':
      return [`ALTER TABLE ${qt(c.table)} DROP CONSTRAINT ${myIdent(c.check.name)}`];
    case 'add_foreign_key':
      return [`ALTER TABLE ${qt(c.table)} ADD CONSTRAINT ${myIdent(c.fk.name)} ${foreignKeyClause(c.fk, q)}`];
    case 'drop_foreign_key':
      return [`ALTER TABLE ${qt(c.table)} DROP FOREIGN KEY ${myIdent(c.fk.name)}`];
    case 'create_index':
      return [createIndex(qt(c.table), c.index)];
    case 'drop_index':
      return [`DROP INDEX ${myIdent(c.index.name)} ON ${qt(c.table)}`];
    case 'create_view':
      return [`CREATE VIEW ${qt(c.view)} AS ${unqualify((c.view.viewDefinition ?? '').trim())}`];
    case 'drop_view':
      return [`DROP VIEW ${qt(c.view)}`];
    case 'set_comment':
      return c.target.type === 'table' ? [`ALTER TABLE ${q(c.target.schema, c.target.name)} COMMENT = ${myLiteral(c.comment ?? '')}`] : [];
    case 'create_routine':
    case 'replace_routine':
      return [];
    case 'drop_routine':
      return [`DROP ${c.routine.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${qt(c.routine)}`];
    default:
      return [];
  }
}

/** Why a change has no MySQL statement, when it has none. */
export function mysqlUnsupported(p: PlannedChange): string | undefined {
  const c = p.change;
  if (c.kind === 'create_routine' || c.kind === 'replace_routine') return 'MySQL routine bodies are not in the snapshot: write CREATE FUNCTION/PROCEDURE by hand';
  if (c.kind === 'set_comment' && c.target.type !== 'table') return `MySQL has no comments on ${c.target.type.replace('_', ' ')}s`;
  if (c.kind === 'create_index' && c.index.columns.includes('(expression)') && !c.index.definition) return 'expression index parts are not in the snapshot';
  if (['create_enum', 'add_enum_value', 'change_enum', 'drop_enum', 'create_sequence', 'alter_sequence', 'set_sequence_owner', 'drop_sequence'].includes(c.kind))
    return 'not generated for MySQL/MariaDB';
  return undefined;
}

function columnDefinition(c: ColumnInfo): string {
  let def = `${myIdent(c.name)} ${c.dataType}`;
  if (c.collation) def += ` COLLATE ${c.collation}`;
  if (c.generated) def += ` GENERATED ALWAYS AS (${c.generated})`;
  if (!c.generated) def += c.nullable ? ' NULL' : ' NOT NULL';
  if (c.default !== undefined && !c.generated) def += ` DEFAULT ${c.default}`;
  if (c.onUpdate) def += ` ON UPDATE ${c.onUpdate}`;
  if (c.identity) def += ' AUTO_INCREMENT';
  if (c.comment) def += ` COMMENT ${myLiteral(c.comment)}`;
  return def;
}

function foreignKeyClause(fk: ForeignKey, q: (schema: string, name: string) => string): string {
  return `FOREIGN KEY (${fk.columns.map(myIdent).join(', ')}) REFERENCES ${q(fk.refSchema, fk.refTable)} (${fk.refColumns.map(myIdent).join(', ')}) ON DELETE ${ACTION[fk.onDelete]} ON UPDATE ${ACTION[fk.onUpdate]}`;
}

function createIndex(table: string, i: IndexInfo): string {
  const kind = i.unique ? 'UNIQUE ' : i.method === 'fulltext' ? 'FULLTEXT ' : i.method === 'spatial' ? 'SPATIAL ' : '';
  const parts = i.definition ? indexBody(i.definition) : `(${i.columns.map(myIdent).join(', ')})`;
  return `CREATE ${kind}INDEX ${myIdent(i.name)} ON ${table} ${parts}`;
}
