// Row shapes of the catalog queries in ./queries (column aliases match the SELECT lists).
export interface MysqlSchemaRow { schema_name: string; charset?: string | null }
export interface MysqlTableRow {
  table_schema: string;
  table_name: string;
  table_type: string;
  table_comment: string | null;
  table_rows: number | string | null;
  view_definition: string | null;
}
export interface MysqlColumnRow {
  table_schema: string;
  table_name: string;
  column_name: string;
  ordinal_position: number | string;
  column_type: string;
  data_type: string;
  is_nullable: string;
  column_default: string | null;
  extra: string | null;
  generation_expression: string | null;
  column_comment: string | null;
  /** Absent in catalogs recorded before collations were read. */
  collation_name?: string | null;
}
export interface MysqlKeyRow {
  table_schema: string;
  table_name: string;
  constraint_name: string;
  constraint_type: string;
  column_name: string;
  ordinal_position: number | string;
}
export interface MysqlForeignKeyRow {
  table_schema: string;
  table_name: string;
  constraint_name: string;
  column_name: string;
  ordinal_position: number | string;
  ref_schema: string;
  ref_table: string;
  ref_column: string;
  update_rule: string;
  delete_rule: string;
}
export interface MysqlCheckRow { table_schema: string; table_name: string; constraint_name: string; check_clause: string }
export interface MysqlIndexRow {
  table_schema: string;
  table_name: string;
  index_name: string;
  non_unique: number | string;
  seq_in_index: number | string;
  column_name: string | null;
  sub_part: number | string | null;
  index_type: string;
}
export interface MysqlRoutineRow {
  routine_schema: string;
  routine_name: string;
  routine_type: string;
  return_type: string | null;
  routine_body: string | null;
  routine_comment: string | null;
}
export interface MysqlParameterRow {
  routine_schema: string;
  routine_name: string;
  routine_type: string;
  ordinal_position: number | string;
  parameter_mode: string | null;
  parameter_name: string | null;
  data_type: string;
}

/** Everything introspection reads, one array per catalog query. */
export interface MysqlCatalog {
  schemas: MysqlSchemaRow[];
  tables: MysqlTableRow[];
  columns: MysqlColumnRow[];
  keys: MysqlKeyRow[];
  foreignKeys: MysqlForeignKeyRow[];
  checks: MysqlCheckRow[];
  indexes: MysqlIndexRow[];
  routines: MysqlRoutineRow[];
  parameters: MysqlParameterRow[];
}
