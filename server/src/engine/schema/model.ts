// The SchemaModel: a plain, JSON-serializable snapshot of a database's structure. Drivers fill it,
// features read it (through SchemaIndex), snapshots save it. No methods, no classes, no cycles.

export type DialectId = 'postgres' | 'mysql' | 'mssql';

export const SNAPSHOT_FORMAT = 'schemawise.schema';
export const SNAPSHOT_VERSION = 1;

export interface SchemaModel {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  dialect: DialectId;
  /** Database (catalog) name the snapshot was taken from. */
  database: string;
  /** Server product/version string, e.g. "PostgreSQL 15.19". */
  serverVersion?: string;
  /** Schemas searched for unqualified names, in order (PostgreSQL search_path, SQL Server default schema). */
  searchPath: string[];
  /**
   * Database and table names compare case-sensitively, whatever the dialect's rule for other names
   * (MySQL/MariaDB with lower_case_table_names = 0, the Linux default). Absent: the dialect's rule.
   */
  caseSensitiveTables?: boolean;
  /** ISO-8601 time of introspection. */
  capturedAt: string;
  schemas: SchemaInfo[];
  tables: TableInfo[];
  enums: EnumInfo[];
  routines: RoutineInfo[];
}

export interface SchemaInfo {
  name: string;
  comment?: string;
  owner?: string;
}

export type TableKind = 'table' | 'partitioned_table' | 'view' | 'materialized_view' | 'foreign_table';

export interface TableInfo {
  schema: string;
  name: string;
  kind: TableKind;
  comment?: string;
  columns: ColumnInfo[];
  primaryKey?: KeyConstraint;
  foreignKeys: ForeignKey[];
  uniques: KeyConstraint[];
  checks: CheckConstraint[];
  indexes: IndexInfo[];
  /** Planner's row estimate (pg_class.reltuples etc.); undefined when never analysed. */
  rowEstimate?: number;
  /** SELECT text of a view or materialized view. */
  viewDefinition?: string;
}

export interface ColumnInfo {
  name: string;
  /** 1-based position in the table. */
  ordinal: number;
  /** Type as the database prints it, e.g. "character varying(120)", "integer", "mpaa_rating". */
  dataType: string;
  nullable: boolean;
  /** Default expression as SQL text. */
  default?: string;
  identity?: 'always' | 'by_default';
  /** Expression of a generated (computed) column. */
  generated?: string;
  comment?: string;
  /** Set when the type is an enum of this model: "schema.name". */
  enumRef?: string;
}

export interface KeyConstraint {
  name: string;
  columns: string[];
}

export type ReferentialAction = 'no_action' | 'restrict' | 'cascade' | 'set_null' | 'set_default';

export interface ForeignKey {
  name: string;
  /** Local columns, in key order. */
  columns: string[];
  refSchema: string;
  refTable: string;
  /** Referenced columns, matching `columns` position by position. */
  refColumns: string[];
  onUpdate: ReferentialAction;
  onDelete: ReferentialAction;
}

export interface CheckConstraint {
  name: string;
  expression: string;
}

export interface IndexInfo {
  name: string;
  /** Column names, or expression text for expression index parts. */
  columns: string[];
  unique: boolean;
  primary: boolean;
  /** Access method, e.g. btree, gin. */
  method?: string;
  /** WHERE clause of a partial index. */
  predicate?: string;
  /** Full DDL where the database can print it. */
  definition?: string;
}

export interface EnumInfo {
  schema: string;
  name: string;
  values: string[];
  comment?: string;
}

export type RoutineKind = 'function' | 'procedure' | 'aggregate' | 'window';

export interface RoutineParam {
  name?: string;
  type: string;
  mode: 'in' | 'out' | 'inout' | 'variadic' | 'table';
  hasDefault: boolean;
}

export interface RoutineInfo {
  schema: string;
  name: string;
  kind: RoutineKind;
  params: RoutineParam[];
  returnType?: string;
  language?: string;
  comment?: string;
}

export function emptyModel(dialect: DialectId, database: string, searchPath: string[]): SchemaModel {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    dialect,
    database,
    searchPath,
    capturedAt: new Date().toISOString(),
    schemas: [],
    tables: [],
    enums: [],
    routines: [],
  };
}

export function qualifiedName(t: { schema: string; name: string }): string {
  return `${t.schema}.${t.name}`;
}

/** Signature text of a routine, e.g. "film_in_stock(p_film_id integer, p_store_id integer) → SETOF integer". */
export function routineSignature(r: RoutineInfo): string {
  const params = r.params
    .filter((p) => p.mode !== 'out' && p.mode !== 'table')
    .map((p) => [p.mode === 'in' ? '' : p.mode.toUpperCase(), p.name ?? '', p.type].filter(Boolean).join(' ') + (p.hasDefault ? ' = …' : ''));
  return `${r.name}(${params.join(', ')})${r.returnType ? ` → ${r.returnType}` : ''}`;
}
