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
  /** Domains (PostgreSQL CREATE DOMAIN): base type and CHECKs. Absent in older snapshots. */
  domains?: DomainInfo[];
  /** Sequences not owned by an identity column. Absent in older snapshots. */
  sequences?: SequenceInfo[];
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
  /** Total on-disk size in bytes (table + indexes + toast). Volatile: snapshots for Git leave it out. */
  sizeBytes?: number;
  /** Triggers on this table. Absent in older snapshots. */
  triggers?: TriggerInfo[];
  /** Tables/views a view reads from, as "schema.name" (pg_depend / information_schema.VIEW_TABLE_USAGE). */
  viewDependencies?: string[];
}

export interface TriggerInfo {
  name: string;
  /** 'before' | 'after' | 'instead_of' */
  timing: string;
  /** e.g. ["insert", "update"] */
  events: string[];
  /** 'row' | 'statement' */
  level?: string;
  /** Full CREATE TRIGGER text where the database can print it, else the action statement. */
  definition?: string;
  comment?: string;
}

export interface DomainInfo {
  schema: string;
  name: string;
  /** Base type as the database prints it, e.g. "character varying(20)". */
  baseType: string;
  nullable: boolean;
  default?: string;
  checks: CheckConstraint[];
  comment?: string;
}

export interface SequenceInfo {
  schema: string;
  name: string;
  dataType?: string;
  start?: string;
  increment?: string;
  minValue?: string;
  maxValue?: string;
  cycle?: boolean;
  /** "schema.table.column" of an OWNED BY column. */
  ownedBy?: string;
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
  /** Set when the type is a domain of this model: "schema.name". */
  domainRef?: string;
  /** MySQL/MariaDB/SQL Server collation or PostgreSQL non-default collation. */
  collation?: string;
  /** MySQL/MariaDB `ON UPDATE` expression, e.g. "current_timestamp()". */
  onUpdate?: string;
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
  /** DEFERRABLE (PostgreSQL); initiallyDeferred for INITIALLY DEFERRED. */
  deferrable?: boolean;
  initiallyDeferred?: boolean;
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
  /** PostgreSQL provolatile; MySQL DETERMINISTIC maps to 'immutable' only as a declaration. */
  volatility?: 'immutable' | 'stable' | 'volatile';
  /** Full CREATE statement (pg_get_functiondef, SHOW CREATE FUNCTION, OBJECT_DEFINITION). */
  definition?: string;
  /** SECURITY DEFINER. */
  securityDefiner?: boolean;
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
