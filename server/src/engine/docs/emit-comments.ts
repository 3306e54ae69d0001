// `--emit-comments`: the statements that push docs.yml descriptions into the database as comments,
// in the connection's dialect, for a person to review and apply. Only descriptions that differ from
// the database's current comment are emitted. Nothing here runs SQL.
import type { ColumnInfo, DialectId, SchemaModel, TableInfo } from '../schema/model';
import type { TableDocOverride } from '../workspace/docs-file';
import { resolveTable } from './overrides';
import { compareTables, tableKey } from './paths';

export interface EmittedComments {
  sql: string;
  count: number;
  warnings: string[];
}

export interface EmitOptions {
  /** MySQL/MariaDB: "schema.table.column" → column definition from SHOW CREATE TABLE (mysql-column-definitions.ts). */
  mysqlColumnDefinitions?: ReadonlyMap<string, string>;
}

/** The tables whose columns need a MySQL MODIFY COLUMN (to read their SHOW CREATE TABLE first). */
export function tablesNeedingColumnDefinitions(model: SchemaModel, overrides: readonly TableDocOverride[]): TableInfo[] {
  if (model.dialect !== 'mysql') return [];
  const out = new Set<TableInfo>();
  for (const o of overrides) {
    const t = resolveTable(model.tables, o.table);
    if (typeof t !== 'string' && t.kind === 'table' && Object.keys(o.columns).length) out.add(t);
  }
  return [...out].sort(compareTables);
}

export function emitComments(model: SchemaModel, overrides: readonly TableDocOverride[], options: EmitOptions = {}): EmittedComments {
  const statements: string[] = [];
  const warnings: string[] = [];
  const wanted: { t: TableInfo; table?: string; columns: { c: ColumnInfo; text: string }[] }[] = [];
  for (const o of overrides) {
    const t = resolveTable(model.tables, o.table);
    if (typeof t === 'string') {
      warnings.push(`${o.source}: ${t}`);
      continue;
    }
    const entry = { t, columns: [] as { c: ColumnInfo; text: string }[] } as (typeof wanted)[number];
    if (o.description !== undefined && o.description !== (t.comment ?? '')) entry.table = o.description;
    for (const [name, d] of Object.entries(o.columns)) {
      const c = t.columns.find((x) => x.name === name) ?? t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!c) warnings.push(`${o.columnSources?.[name] ?? o.source}: ${tableKey(t)} has no column "${name}"`);
      else if (d !== (c.comment ?? '')) entry.columns.push({ c, text: d });
    }
    if (entry.table !== undefined || entry.columns.length) wanted.push(entry);
  }
  wanted.sort((a, b) => compareTables(a.t, b.t));
  for (const w of wanted) {
    if (w.table !== undefined) statements.push(...tableComment(model.dialect, w.t, w.table, warnings));
    for (const { c, text } of w.columns.sort((a, b) => a.c.ordinal - b.c.ordinal)) statements.push(...columnComment(model.dialect, w.t, c, text, warnings, options));
  }
  const header = [
    `-- Comments from .schemawise/docs.yml for ${model.database} (${model.dialect}).`,
    '-- Review before applying: Schemawise does not run these statements.',
  ];
  if (model.dialect === 'mysql') header.push('-- MySQL/MariaDB set a column comment by restating the column (MODIFY COLUMN), here as SHOW CREATE TABLE printed it.');
  return { sql: [...header, ...statements].join('\n') + '\n', count: statements.length, warnings };
}

function tableComment(dialect: DialectId, t: TableInfo, text: string, warnings: string[]): string[] {
  switch (dialect) {
    case 'postgres': {
      const kind = t.kind === 'view' ? 'VIEW' : t.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : t.kind === 'foreign_table' ? 'FOREIGN TABLE' : 'TABLE';
      return [`COMMENT ON ${kind} ${pgName(t.schema)}.${pgName(t.name)} IS ${pgString(text)};`];
    }
    case 'mysql':
      if (t.kind === 'view') {
        warnings.push(`${tableKey(t)}: MySQL/MariaDB views cannot carry a comment; skipped`);
        return [];
      }
      return [`ALTER TABLE ${myName(t.schema)}.${myName(t.name)} COMMENT = ${myString(text)};`];
    case 'mssql':
      return [msProperty(t.schema, t.kind === 'view' ? 'VIEW' : 'TABLE', t.name, undefined, text)];
  }
}

function columnComment(dialect: DialectId, t: TableInfo, c: ColumnInfo, text: string, warnings: string[], options: EmitOptions): string[] {
  switch (dialect) {
    case 'postgres':
      return [`COMMENT ON COLUMN ${pgName(t.schema)}.${pgName(t.name)}.${pgName(c.name)} IS ${pgString(text)};`];
    case 'mysql': {
      if (t.kind === 'view') {
        warnings.push(`${tableKey(t)}.${c.name}: MySQL/MariaDB view columns cannot carry a comment; skipped`);
        return [];
      }
      const definition = options.mysqlColumnDefinitions?.get(`${tableKey(t)}.${c.name}`);
      if (!definition) {
        // Restating a column from the model could drop ON UPDATE, CHARACTER SET, INVISIBLE …
        warnings.push(`${tableKey(t)}.${c.name}: the column's full definition is unknown (a snapshot, not a live database); skipped rather than risk changing the column`);
        return [];
      }
      return [`ALTER TABLE ${myName(t.schema)}.${myName(t.name)} MODIFY COLUMN ${myName(c.name)} ${definition} COMMENT ${myString(text)};`];
    }
    case 'mssql':
      return [msProperty(t.schema, t.kind === 'view' ? 'VIEW' : 'TABLE', t.name, c.name, text)];
  }
}

const pgName = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);
const pgString = (s: string) => (s.includes('\\') ? `E'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${s.replace(/'/g, "''")}'`);
const myName = (s: string) => '`' + s.replace(/`/g, '``') + '`';
const myString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const msString = (s: string) => `N'${s.replace(/'/g, "''")}'`;

/** Adds the MS_Description property, or updates it when it already exists. */
function msProperty(schema: string, level1: 'TABLE' | 'VIEW', object: string, column: string | undefined, text: string): string {
  const levels = `@level0type = N'SCHEMA', @level0name = ${msString(schema)}, @level1type = N'${level1}', @level1name = ${msString(object)}${column !== undefined ? `, @level2type = N'COLUMN', @level2name = ${msString(column)}` : ''}`;
  const exists = `EXISTS (SELECT 1 FROM sys.fn_listextendedproperty(N'MS_Description', N'SCHEMA', ${msString(schema)}, N'${level1}', ${msString(object)}, ${column !== undefined ? `N'COLUMN', ${msString(column)}` : 'NULL, NULL'}))`;
  return `IF ${exists}\n  EXEC sys.sp_updateextendedproperty @name = N'MS_Description', @value = ${msString(text)}, ${levels};\nELSE\n  EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = ${msString(text)}, ${levels};`;
}
