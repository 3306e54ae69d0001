// Row shapes of the catalog queries in ./queries (names match the SELECT lists). Recorded fixtures
// (test/fixtures/mssql/<db>/<key>.json) hold exactly these rows, one file per key of MssqlResultSets.
type Bit = boolean | 0 | 1;

export interface MssqlServerRow { product_version: string; edition: string | null; database_name: string; default_schema: string | null }
export interface MssqlSchemaRow { schema_id: number; schema_name: string; owner_name: string | null; comment: string | null }
export interface MssqlTableRow {
  object_id: number;
  schema_name: string;
  table_name: string;
  object_type: 'U' | 'V';
  comment: string | null;
  row_count: number | string | null;
  view_definition: string | null;
}
export interface MssqlColumnRow {
  object_id: number;
  column_id: number;
  column_name: string;
  type_name: string;
  is_user_defined: Bit;
  base_type_name: string | null;
  max_length: number;
  precision: number;
  scale: number;
  is_nullable: Bit;
  is_identity: Bit;
  is_computed: Bit;
  computed_definition: string | null;
  is_persisted: Bit | null;
  default_definition: string | null;
  identity_seed: string | null;
  identity_increment: string | null;
  comment: string | null;
}
export interface MssqlKeyConstraintRow { object_id: number; constraint_name: string; constraint_type: 'PK' | 'UQ'; column_name: string; key_ordinal: number }
export interface MssqlForeignKeyRow {
  object_id: number;
  constraint_name: string;
  constraint_column_id: number;
  column_name: string;
  ref_schema_name: string;
  ref_table_name: string;
  ref_column_name: string;
  on_update: string;
  on_delete: string;
}
export interface MssqlCheckConstraintRow { object_id: number; constraint_name: string; definition: string }
export interface MssqlIndexRow {
  object_id: number;
  index_id: number;
  index_name: string;
  type_desc: string;
  is_unique: Bit;
  is_primary_key: Bit;
  has_filter: Bit;
  filter_definition: string | null;
  column_name: string;
  key_ordinal: number;
  is_descending_key: Bit;
  is_included_column: Bit;
}
export interface MssqlRoutineRow { object_id: number; schema_name: string; routine_name: string; object_type: string; comment: string | null }
export interface MssqlParameterRow {
  object_id: number;
  parameter_id: number;
  parameter_name: string;
  type_name: string;
  max_length: number;
  precision: number;
  scale: number;
  is_output: Bit;
  has_default_value: Bit;
  is_readonly: Bit;
}
export interface MssqlSynonymRow { object_id: number; schema_name: string; synonym_name: string; base_object_name: string }

/** One array per catalog query: the whole input of assembleMssqlModel. */
export interface MssqlResultSets {
  server: MssqlServerRow[];
  schemas: MssqlSchemaRow[];
  tables: MssqlTableRow[];
  columns: MssqlColumnRow[];
  keyConstraints: MssqlKeyConstraintRow[];
  foreignKeys: MssqlForeignKeyRow[];
  checkConstraints: MssqlCheckConstraintRow[];
  indexes: MssqlIndexRow[];
  routines: MssqlRoutineRow[];
  parameters: MssqlParameterRow[];
  synonyms: MssqlSynonymRow[];
}

export const MSSQL_RESULT_SET_KEYS = ['server', 'schemas', 'tables', 'columns', 'keyConstraints', 'foreignKeys', 'checkConstraints', 'indexes', 'routines', 'parameters', 'synonyms'] as const satisfies readonly (keyof MssqlResultSets)[];
