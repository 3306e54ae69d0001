// The contract every database driver implements (one folder per dialect under drivers/).
import type { DialectId, SchemaModel } from '../schema/model';

export type DriverKind = DialectId | 'pglite';

export interface SslOptions {
  /** disable: plain TCP; require: TLS without certificate checks; verify-full: TLS with CA and host checks. */
  mode: 'disable' | 'require' | 'verify-ca' | 'verify-full';
  /** PEM text or a file path of the CA certificate(s). */
  ca?: string;
  cert?: string;
  key?: string;
}

export interface ConnectionConfig {
  /** Display name (status bar, audit log). */
  name: string;
  driver: DriverKind;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** Never persisted: comes from SecretStorage, an environment variable, or the URL. */
  password?: string;
  ssl?: SslOptions;
  /** Read-only unless explicitly false. */
  readOnly: boolean;
  /** Free-form labels from the settings; `production` makes every write ask for confirmation. */
  tags?: string[];
  connectTimeoutMs?: number;
  /** pglite only: data directory; in-memory when absent. */
  dataDir?: string;
  /** pglite only: load the bundled sample database. */
  sample?: boolean;
}

export interface IntrospectOptions {
  /** Restrict to these schemas (default: all non-system schemas). */
  schemas?: string[];
  /**
   * Also read each table's on-disk size (`sizeBytes`). Only the docs show it, and on PostgreSQL it
   * costs a pg_total_relation_size() per table (5,000 tables: ~0.5 s), so the editor never asks.
   */
  tableSizes?: boolean;
  /**
   * Two-phase introspection (issue 19): a driver that reads the schema in phases calls this once,
   * before introspect() resolves, with a preview holding what completion needs — schemas, tables and
   * views with their columns, enums and routines — but no constraints, indexes, sequences, domains,
   * triggers or view dependencies yet. The preview's objects are completed in place into the model
   * introspect() resolves, so a caller must treat the preview as incomplete (judge no names by it)
   * and hand the resolved model to anything that needs the whole schema. Drivers without phases
   * never call it.
   */
  onPreview?: (preview: SchemaModel) => void;
}

export interface QueryOptions {
  maxRows?: number;
  timeoutMs?: number;
  /** Aborted: a statement still waiting for a connection never starts (DriverError 'cancelled'). */
  signal?: AbortSignal;
}

export interface QueryField {
  name: string;
  dataType?: string;
}

export interface QueryResult {
  fields: QueryField[];
  rows: unknown[][];
  /** Rows returned (after the cap), or rows affected for a statement that returns none. */
  rowCount: number;
  truncated: boolean;
  durationMs: number;
  /** Server notices and warnings raised by the statement (RAISE NOTICE, MySQL warnings, T-SQL PRINT). */
  notices?: string[];
}

export interface ExplainOptions {
  /** Execute the statement to measure it (EXPLAIN ANALYZE). */
  analyze?: boolean;
  /**
   * Only with analyze, only on a writable connection: run it in an ordinary transaction (always
   * rolled back) so that a write can be analysed. Otherwise the read-only transaction refuses writes.
   */
  allowWrites?: boolean;
  timeoutMs?: number;
  /** Aborted by the user's cancel: a statement not yet started never starts. */
  signal?: AbortSignal;
}

/** The plan as the server prints it; engine/plan turns it into a tree. */
export interface ExplainResult {
  /** postgres-json: EXPLAIN (FORMAT JSON); mysql-json: EXPLAIN/ANALYZE FORMAT=JSON; mysql-text: MySQL's EXPLAIN ANALYZE tree. */
  format: 'postgres-json' | 'mysql-json' | 'mysql-text';
  plan: unknown;
  analyzed: boolean;
  durationMs: number;
}

export interface CancelOutcome {
  /** Statements the server was asked to cancel (0 when none was running). */
  cancelled: number;
  /** How, or why not, for the user: "pg_cancel_backend(4242)", "PGlite cannot interrupt …". */
  detail: string;
}

/** Why the database refused to PREPARE a statement (type errors, unknown names, permissions, syntax). */
export interface PrepareError {
  message: string;
  /** 1-based character position in the statement as given (any prefix the driver added is subtracted). */
  position?: number;
  /** SQLSTATE (PostgreSQL) or the server's error name (MySQL/MariaDB `ER_BAD_FIELD_ERROR`). */
  code?: string;
}

export interface PrepareOptions {
  /** Server-side limit for the prepare (default 2000 ms). */
  timeoutMs?: number;
}

export interface DriverStats {
  /** Catalog/user queries sent since connect. */
  queries: number;
}

export interface ConnectOptions {
  onStep?: (step: string) => void;
}

export interface DatabaseDriver {
  readonly kind: DriverKind;
  readonly dialect: DialectId;
  readonly stats: DriverStats;
  /** `onStep` hears what a slow start is doing (the embedded sample: start, schema, data), for progress UI. */
  connect(options?: ConnectOptions): Promise<void>;
  introspect(options?: IntrospectOptions): Promise<SchemaModel>;
  /** Runs one read-only statement inside a read-only transaction that is always rolled back. */
  queryReadOnly(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /**
   * Runs one statement in an ordinary transaction that is committed, with the same timeout and row
   * cap. Refuses (DriverError 'read_only') unless the connection was configured with readOnly: false.
   */
  execute(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /** Cancels, on the server, the statements this driver is running now. Never throws. */
  cancel(): Promise<CancelOutcome>;
  /** The statement's plan (absent where the driver has no EXPLAIN support). */
  explain?(sql: string, options?: ExplainOptions): Promise<ExplainResult>;
  /**
   * Prepares — never executes — one statement on a read-only session and deallocates it, for the
   * live check of diagnostics. Resolves the database's objection to the statement, or undefined
   * when it is accepted; rejects (DriverError) when the database could not be asked (connection
   * lost, timeout), which must not be mistaken for an objection. Absent where the dialect cannot
   * prepare without executing.
   */
  prepare?(sql: string, options?: PrepareOptions): Promise<PrepareError | undefined>;
  /**
   * False when the database cannot bound or interrupt a running statement (PGlite runs in this
   * process and ignores statement_timeout and cancel requests); absent means true. The firewall
   * refuses statements that only wait (pg_sleep) on such a connection.
   */
  readonly serverSideTimeout?: boolean;
  /** The database user the session runs as (for the audit log), looked up once. */
  currentUser(): Promise<string | undefined>;
  /**
   * The functions and views of the database, for the firewall's check of what a read calls (read in
   * bulk on first use and reloaded when the catalog changed). Absent where not supported (SQL Server).
   */
  routineCatalog?(options?: { timeoutMs?: number }): Promise<RoutineCatalog>;
  close(): Promise<void>;
}

/**
 * What the firewall needs to know about the database's functions and views to decide whether a read
 * can have side effects (engine/safety/function-safety.ts): read from the catalog in bulk, cached by
 * the driver until `fingerprint` changes.
 */
export interface RoutineCatalog {
  dialect: DialectId;
  /** Every function: built-in and user-defined (PostgreSQL), stored functions (MySQL/MariaDB). */
  routines: CatalogRoutine[];
  /** Relations readable by name; views carry their dependencies as edges (PostgreSQL) or body (MySQL). */
  relations: CatalogRelation[];
  /** PostgreSQL: what runs when a view or a policy-protected table is read, or a function is called. */
  edges: CatalogEdge[];
  /** PostgreSQL user-defined operators and the function each runs. */
  operators: { name: string; routineId: string }[];
  /** Changes when any of the above changes. */
  fingerprint: string;
}

export interface CatalogRoutine {
  id: string;
  schema: string;
  name: string;
  /** f function, p procedure, a aggregate, w window. */
  kind: string;
  /** i immutable, s stable, v volatile; MySQL: '?' (its DETERMINISTIC flag guarantees nothing). */
  volatility: string;
  language: string;
  /** Source of user-defined functions. */
  body?: string;
  /** The server hides the body from this user: nothing can be vouched for. */
  bodyHidden?: boolean;
  builtin: boolean;
  /** Installed by an extension. */
  extension: boolean;
  /** Aggregates: ids of their support functions. */
  support: string[];
}

export interface CatalogRelation {
  id: string;
  schema: string;
  name: string;
  /** r table, v view, m materialized view, p partitioned table, f foreign table. */
  kind: string;
  /** MySQL views: the definition, analysed lexically. */
  body?: string;
  /** The server hides the definition from this user (MySQL: no SHOW VIEW privilege). */
  bodyHidden?: boolean;
}

export interface CatalogEdge {
  fromKind: 'relation' | 'routine';
  fromId: string;
  toKind: 'relation' | 'routine';
  toId: string;
}
