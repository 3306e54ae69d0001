// The part of the `mssql` package's API this driver uses. The package ships no type declarations and
// @types/mssql is not installed; this keeps the driver type-checked without it.
declare module 'mssql' {
  import type { EventEmitter } from 'node:events';

  export interface config {
    server: string;
    port?: number;
    user?: string;
    password?: string;
    database?: string;
    connectionTimeout?: number;
    requestTimeout?: number;
    arrayRowMode?: boolean;
    pool?: { max?: number; min?: number; idleTimeoutMillis?: number };
    options?: {
      encrypt?: boolean;
      trustServerCertificate?: boolean;
      cryptoCredentialsDetails?: { ca?: string; cert?: string; key?: string };
      appName?: string;
      abortTransactionOnError?: boolean;
    };
  }

  export interface IResult<T> {
    recordset: T[];
    recordsets: T[][];
    rowsAffected: number[];
  }

  export interface ColumnMetadata {
    name: string;
    index: number;
    type: { declaration?: string; name?: string };
  }

  export class ConnectionPool extends EventEmitter {
    constructor(config: config);
    connect(): Promise<ConnectionPool>;
    close(): Promise<void>;
    request(): Request;
    readonly connected: boolean;
  }

  export class Transaction extends EventEmitter {
    constructor(pool: ConnectionPool);
    begin(isolationLevel?: number): Promise<Transaction>;
    commit(): Promise<void>;
    rollback(): Promise<void>;
  }

  export class Request extends EventEmitter {
    constructor(parent: ConnectionPool | Transaction, overrides?: { requestTimeout?: number });
    stream: boolean | null;
    arrayRowMode: boolean | null;
    query<T = Record<string, unknown>>(command: string): Promise<IResult<T>>;
    cancel(): boolean;
  }

  export const ISOLATION_LEVEL: { READ_COMMITTED: number; READ_UNCOMMITTED: number; REPEATABLE_READ: number; SERIALIZABLE: number; SNAPSHOT: number };
}
