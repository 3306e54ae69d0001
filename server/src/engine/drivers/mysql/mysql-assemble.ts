// Turns the catalog result sets (./mysql-rows.ts) into a SchemaModel. Pure: no I/O, so it is tested
// on recorded rows as well as on a live server.
//
// MySQL has no enum *types*: an ENUM is spelled out per column. So that hover and completion can
// show the allowed values the same way as for a PostgreSQL enum, every ENUM column gets an EnumInfo
// named `<table>_<column>` in its database, and the column's enumRef points at it. (A name taken by
// another column is suffixed `_2`, `_3`… so refs stay unique.)
import { referentialAction } from '../referential-action';
import type { ColumnInfo, EnumInfo, ForeignKey, IndexInfo, RoutineInfo, RoutineParam, SchemaModel, TableInfo, TableKind } from '../../schema/model';
import { emptyModel } from '../../schema/model';
import type { MysqlCatalog, MysqlColumnRow, MysqlIndexRow } from './mysql-rows';

export interface MysqlModelContext {
  /** The connection's database (first of `selected`), the model's `database` and search path. */
  database: string;
  serverVersion: string;
  /** MariaDB quotes literal defaults in COLUMN_DEFAULT; MySQL does not. */
  isMariaDb: boolean;
  /** lower_case_table_names = 0 (Linux default): database and table names are case-sensitive. */
  caseSensitiveTables?: boolean;
}

export function assembleMysqlModel(catalog: MysqlCatalog, ctx: MysqlModelContext): SchemaModel {
  const model = emptyModel('mysql', ctx.database, ctx.database ? [ctx.database] : []);
  model.serverVersion = ctx.serverVersion;
  if (ctx.caseSensitiveTables) model.caseSensitiveTables = true;
  model.schemas = catalog.schemas.map((s) => ({ name: s.schema_name }));

  const tables = new Map<string, TableInfo>();
  for (const r of catalog.tables) {
    const kind = tableKind(r.table_type);
    if (!kind) continue;
    const t: TableInfo = { schema: r.table_schema, name: r.table_name, kind, columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [] };
    // MySQL reports the comment of every view as the word "VIEW".
    const comment = kind === 'view' && r.table_comment === 'VIEW' ? '' : r.table_comment;
    if (comment) t.comment = comment;
    if (r.table_rows !== null && r.table_rows !== undefined && kind === 'table') t.rowEstimate = Number(r.table_rows);
    if (r.view_definition) t.viewDefinition = r.view_definition;
    tables.set(key(r.table_schema, r.table_name), t);
    model.tables.push(t);
  }

  const enumNames = new Set<string>();
  for (const r of catalog.columns) {
    const t = tables.get(key(r.table_schema, r.table_name));
    if (!t) continue;
    const col = column(r, ctx.isMariaDb);
    const values = r.data_type.toLowerCase() === 'enum' ? parseEnumValues(r.column_type) : undefined;
    if (values) {
      let name = `${t.name}_${r.column_name}`;
      for (let n = 2; enumNames.has(key(t.schema, name)); n++) name = `${t.name}_${r.column_name}_${n}`;
      enumNames.add(key(t.schema, name));
      const e: EnumInfo = { schema: t.schema, name, values, comment: `values of ${t.name}.${r.column_name}` };
      model.enums.push(e);
      col.enumRef = `${e.schema}.${e.name}`;
    }
    t.columns.push(col);
  }

  for (const r of catalog.keys) {
    const t = tables.get(key(r.table_schema, r.table_name));
    if (!t) continue;
    if (r.constraint_type === 'PRIMARY KEY') {
      t.primaryKey ??= { name: r.constraint_name, columns: [] };
      t.primaryKey.columns.push(r.column_name);
    } else {
      let u = t.uniques.find((x) => x.name === r.constraint_name);
      if (!u) t.uniques.push((u = { name: r.constraint_name, columns: [] }));
      u.columns.push(r.column_name);
    }
  }

  for (const r of catalog.foreignKeys) {
    const t = tables.get(key(r.table_schema, r.table_name));
    if (!t) continue;
    let fk = t.foreignKeys.find((x) => x.name === r.constraint_name);
    if (!fk) {
      fk = { name: r.constraint_name, columns: [], refSchema: r.ref_schema, refTable: r.ref_table, refColumns: [], onUpdate: referentialAction(r.update_rule), onDelete: referentialAction(r.delete_rule) } satisfies ForeignKey;
      t.foreignKeys.push(fk);
    }
    fk.columns.push(r.column_name);
    fk.refColumns.push(r.ref_column);
  }

  for (const r of catalog.checks) tables.get(key(r.table_schema, r.table_name))?.checks.push({ name: r.constraint_name, expression: r.check_clause });

  for (const [k, rows] of groupBy(catalog.indexes, (r) => `${key(r.table_schema, r.table_name)}\u0001${r.index_name}`)) {
    const t = tables.get(k.split('\u0001')[0]!);
    if (t) t.indexes.push(indexInfo(t, rows));
  }

  model.routines = routines(catalog);
  for (const t of model.tables) if (t.viewDefinition) t.viewDependencies = viewDependencies(t.viewDefinition, tables);
  return model;
}

/**
 * The tables and views a view reads, from its stored text: MySQL prints every reference fully
 * qualified (`db`.`table`), and MariaDB has no VIEW_TABLE_USAGE to ask instead.
 */
function viewDependencies(definition: string, tables: Map<string, TableInfo>): string[] {
  const found = new Set<string>();
  const re = /`((?:[^`]|``)+)`\s*\.\s*`((?:[^`]|``)+)`/g;
  for (let m = re.exec(definition); m; m = re.exec(definition)) {
    const t = tables.get(key(m[1]!.replace(/``/g, '`'), m[2]!.replace(/``/g, '`')));
    if (t) found.add(`${t.schema}.${t.name}`);
  }
  return [...found].sort();
}

function tableKind(type: string): TableKind | undefined {
  switch (type) {
    case 'BASE TABLE':
    case 'SYSTEM VERSIONED':
      return 'table';
    case 'VIEW':
      return 'view';
    default:
      return undefined; // SEQUENCE, TEMPORARY, SYSTEM VIEW
  }
}

function column(r: MysqlColumnRow, isMariaDb: boolean): ColumnInfo {
  const extra = (r.extra ?? '').toLowerCase();
  const c: ColumnInfo = { name: r.column_name, ordinal: Number(r.ordinal_position), dataType: r.column_type, nullable: r.is_nullable === 'YES' };
  if (extra.includes('auto_increment')) c.identity = 'by_default';
  if (r.generation_expression) c.generated = r.generation_expression;
  else {
    const d = defaultText(r, extra, isMariaDb);
    if (d !== undefined) c.default = d;
  }
  if (r.column_comment) c.comment = r.column_comment;
  if (r.collation_name) c.collation = r.collation_name;
  const onUpdate = /\bon update (.+)$/i.exec(r.extra ?? '');
  if (onUpdate) c.onUpdate = onUpdate[1]!.trim();
  return c;
}

const NUMERIC = /^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|year)$/i;

/** COLUMN_DEFAULT as SQL text: MariaDB already prints SQL (quoted literals, NULL); MySQL prints raw literals. */
function defaultText(r: MysqlColumnRow, extra: string, isMariaDb: boolean): string | undefined {
  const d = r.column_default;
  if (d === null || d === undefined) return undefined;
  if (isMariaDb) return d === 'NULL' ? undefined : d;
  if (extra.includes('default_generated') || NUMERIC.test(r.data_type)) return d;
  return `'${d.replace(/'/g, "''")}'`;
}

/** Values of `enum('a','b''c')` in declaration order. */
export function parseEnumValues(columnType: string): string[] | undefined {
  const m = /^enum\((.*)\)$/is.exec(columnType.trim());
  if (!m) return undefined;
  const values: string[] = [];
  const re = /'((?:[^'\\]|''|\\.)*)'/gs;
  for (let g = re.exec(m[1]!); g; g = re.exec(m[1]!)) values.push(g[1]!.replace(/''/g, "'").replace(/\\(.)/g, '$1'));
  return values;
}

function indexInfo(t: TableInfo, rows: MysqlIndexRow[]): IndexInfo {
  const first = rows[0]!;
  const method = first.index_type.toLowerCase();
  const parts = rows.map((r) => (r.column_name === null ? '(expression)' : r.column_name));
  const unique = Number(first.non_unique) === 0;
  const primary = first.index_name === 'PRIMARY';
  const q = (s: string) => '`' + s.replace(/`/g, '``') + '`';
  const cols = rows.map((r) => (r.column_name === null ? '(expression)' : q(r.column_name) + (r.sub_part !== null ? `(${Number(r.sub_part)})` : ''))).join(', ');
  const prefix = primary ? 'PRIMARY KEY' : `CREATE ${unique ? 'UNIQUE ' : method === 'fulltext' ? 'FULLTEXT ' : method === 'spatial' ? 'SPATIAL ' : ''}INDEX ${q(first.index_name)} ON ${q(t.schema)}.${q(t.name)}`;
  return { name: first.index_name, columns: parts, unique, primary, method, definition: `${prefix} (${cols})` };
}

function routines(catalog: MysqlCatalog): RoutineInfo[] {
  const params = groupBy(catalog.parameters, (p) => `${key(p.routine_schema, p.routine_name)}\u0000${p.routine_type}`);
  return catalog.routines.map((r) => {
    const kind = r.routine_type === 'PROCEDURE' ? 'procedure' : 'function';
    const list: RoutineParam[] = (params.get(`${key(r.routine_schema, r.routine_name)}\u0000${r.routine_type}`) ?? [])
      .filter((p) => Number(p.ordinal_position) > 0)
      .map((p) => ({ name: p.parameter_name ?? undefined, type: p.data_type, mode: paramMode(p.parameter_mode), hasDefault: false }));
    const info: RoutineInfo = { schema: r.routine_schema, name: r.routine_name, kind, params: list, language: (r.routine_body ?? 'SQL').toLowerCase() };
    if (kind === 'function' && r.return_type) info.returnType = r.return_type;
    if (r.routine_comment) info.comment = r.routine_comment;
    return info;
  });
}

function paramMode(mode: string | null): RoutineParam['mode'] {
  const m = (mode ?? 'IN').toUpperCase();
  return m === 'OUT' ? 'out' : m === 'INOUT' ? 'inout' : 'in';
}

function key(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

function groupBy<T>(rows: T[], keyOf: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
