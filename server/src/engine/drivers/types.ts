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
  connectTimeoutMs?: number;
  /** pglite only: data directory; in-memory when absent. */
  dataDir?: string;
  /** pglite only: load the bundled sample database. */
  sample?: boolean;
}

export interface IntrospectOptions {
  /** Restrict to these schemas (default: all non-system schemas). */
  schemas?: string[];
}

export interface QueryOptions {
  maxRows?: number;
  timeoutMs?: number;
}

export interface QueryField {
  name: string;
  dataType?: string;
}

export interface QueryResult {
  fields: QueryField[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  durationMs: number;
}

export interface DriverStats {
  /** Catalog/user queries sent since connect. */
  queries: number;
}

export interface DatabaseDriver {
  readonly kind: DriverKind;
  readonly dialect: DialectId;
  readonly stats: DriverStats;
  connect(): Promise<void>;
  introspect(options?: IntrospectOptions): Promise<SchemaModel>;
  /** Runs one read-only statement inside a read-only transaction that is always rolled back. */
  queryReadOnly(sql: string, options?: QueryOptions): Promise<QueryResult>;
  close(): Promise<void>;
}
