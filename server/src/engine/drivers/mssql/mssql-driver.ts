// SQL Server driver over mssql (tedious). Introspection runs the bulk sys.* catalog queries of
// ./queries concurrently on a small pool and hands the result sets to assembleMssqlModel, a pure
// function, so the assembly is tested on recorded result sets without a server.
//
// queryReadOnly is WEAKER than the PostgreSQL and MySQL drivers: SQL Server has no read-only
// transaction or session mode, so the statement runs inside a transaction that is always rolled
// back, with a row cap and a request timeout. A batch that commits by itself (COMMIT inside the text),
// changes outside the transaction (sequence values, identity seeds, tempdb, linked servers, xp_*
// procedures) or is not transactional is not stopped by this. Safety rests on the statement firewall
// in front of it and, for real protection, on a login that only has db_datareader.
//
// execute() runs a statement on its own request (autocommit); cancel() sends the TDS attention
// signal (request.cancel()) for every request in flight, which stops the statement on the server.
// EXPLAIN is not offered: SQL Server's plans need SET SHOWPLAN_XML in a batch of its own.
import { ConnectionPool, ISOLATION_LEVEL, Request, Transaction, type ColumnMetadata } from 'mssql';
import type { SchemaModel } from '../../schema/model';
import { DriverError } from '../errors';
import type { CancelOutcome, ConnectionConfig, DatabaseDriver, DriverStats, IntrospectOptions, QueryField, QueryOptions, QueryResult } from '../types';
import { requireWritable } from '../writable';
import { assembleMssqlModel } from './mssql-assemble';
import { toMssqlDriverError } from './mssql-errors';
import { mssqlPoolConfig } from './mssql-options';
import { MSSQL_RESULT_SET_KEYS, type MssqlResultSets } from './mssql-rows';
import serverSql from './queries/server.sql';
import schemasSql from './queries/schemas.sql';
import tablesSql from './queries/tables.sql';
import columnsSql from './queries/columns.sql';
import keyConstraintsSql from './queries/key-constraints.sql';
import foreignKeysSql from './queries/foreign-keys.sql';
import checkConstraintsSql from './queries/check-constraints.sql';
import indexesSql from './queries/indexes.sql';
import routinesSql from './queries/routines.sql';
import parametersSql from './queries/parameters.sql';
import synonymsSql from './queries/synonyms.sql';

/** The catalog query behind each result set (same keys as MssqlResultSets). */
export const MSSQL_CATALOG_QUERIES: Record<keyof MssqlResultSets, string> = {
  server: serverSql,
  schemas: schemasSql,
  tables: tablesSql,
  columns: columnsSql,
  keyConstraints: keyConstraintsSql,
  foreignKeys: foreignKeysSql,
  checkConstraints: checkConstraintsSql,
  indexes: indexesSql,
  routines: routinesSql,
  parameters: parametersSql,
  synonyms: synonymsSql,
};

const DEFAULT_MAX_ROWS = 1000;
const DEFAULT_TIMEOUT_MS = 30_000;

export class MssqlDriver implements DatabaseDriver {
  readonly kind = 'mssql' as const;
  readonly dialect = 'mssql' as const;
  readonly stats: DriverStats = { queries: 0 };
  private pool: ConnectionPool | undefined;
  private readonly where: string;
  /** Requests in flight, for cancel(). */
  private readonly running = new Set<Request>();

  constructor(private readonly config: ConnectionConfig) {
    this.where = `${config.host ?? '127.0.0.1'}:${config.port ?? 1433}`;
  }

  async connect(): Promise<void> {
    if (this.pool?.connected) return;
    const pool = new ConnectionPool(mssqlPoolConfig(this.config));
    // Errors of idle pooled connections are reported here; without a listener they would crash.
    pool.on('error', () => undefined);
    try {
      await pool.connect();
      this.pool = pool;
    } catch (e) {
      await pool.close().catch(() => undefined);
      throw this.error(e);
    }
  }

  async introspect(options: IntrospectOptions = {}): Promise<SchemaModel> {
    const pool = await this.ready();
    try {
      const entries = await Promise.all(
        MSSQL_RESULT_SET_KEYS.map(async (key) => {
          this.stats.queries++;
          const result = await pool.request().query(MSSQL_CATALOG_QUERIES[key]);
          return [key, result.recordset] as const;
        }),
      );
      return assembleMssqlModel(Object.fromEntries(entries) as unknown as MssqlResultSets, { schemas: options.schemas });
    } catch (e) {
      throw this.error(e);
    }
  }

  async queryReadOnly(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const pool = await this.ready();
    const started = performance.now();
    const tx = new Transaction(pool);
    try {
      await tx.begin(ISOLATION_LEVEL.READ_COMMITTED);
    } catch (e) {
      throw this.error(e);
    }
    try {
      const result = await this.track(new Request(tx, { requestTimeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }), sql, options);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    } catch (e) {
      throw this.error(e);
    } finally {
      await tx.rollback().catch(() => undefined);
    }
  }

  async execute(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    requireWritable(this.config);
    const pool = await this.ready();
    const started = performance.now();
    try {
      const result = await this.track(new Request(pool, { requestTimeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }), sql, options);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    } catch (e) {
      throw this.error(e);
    }
  }

  async cancel(): Promise<CancelOutcome> {
    const requests = [...this.running];
    if (requests.length === 0) return { cancelled: 0, detail: 'no statement was running' };
    let cancelled = 0;
    for (const r of requests) {
      try {
        if (r.cancel()) cancelled++;
      } catch {
        // the request ended meanwhile
      }
    }
    return { cancelled, detail: 'TDS attention (request.cancel())' };
  }

  async currentUser(): Promise<string | undefined> {
    try {
      const pool = await this.ready();
      const r = await pool.request().query<{ u: string }>('SELECT SUSER_SNAME() AS u');
      return r.recordset[0]?.u || undefined;
    } catch {
      return this.config.user;
    }
  }

  private async track(req: Request, sql: string, options: QueryOptions): Promise<Omit<QueryResult, 'durationMs'>> {
    this.stats.queries++;
    this.running.add(req);
    try {
      return await streamRows(req, sql, options.maxRows ?? DEFAULT_MAX_ROWS);
    } finally {
      this.running.delete(req);
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await pool.close().catch(() => undefined);
  }

  private async ready(): Promise<ConnectionPool> {
    if (!this.pool?.connected) await this.connect();
    return this.pool!;
  }

  private error(e: unknown): DriverError {
    return toMssqlDriverError(e, this.where, this.config.database);
  }
}

/** Streams the first result set, keeping at most maxRows rows; past that the request is cancelled. */
function streamRows(req: Request, sql: string, maxRows: number): Promise<Omit<QueryResult, 'durationMs'>> {
  req.stream = true;
  req.arrayRowMode = true;
  return new Promise((resolve, reject) => {
    let fields: QueryField[] | undefined;
    const rows: unknown[][] = [];
    let truncated = false;
    let rowsAffected = 0;
    const notices: string[] = [];
    req.on('info', (info: { message?: string }) => void notices.push(`INFO: ${info.message ?? ''}`));
    req.on('recordset', (columns: ColumnMetadata[] | Record<string, ColumnMetadata>) => {
      const list = Array.isArray(columns) ? columns : Object.values(columns).sort((a, b) => a.index - b.index);
      fields ??= list.map((c) => ({ name: c.name, dataType: c.type.declaration ?? c.type.name }));
    });
    req.on('row', (row: unknown[]) => {
      if (rows.length < maxRows) rows.push(row);
      else if (!truncated) {
        truncated = true;
        req.cancel();
      }
    });
    req.on('rowsaffected', (n: number) => (rowsAffected += n));
    req.on('error', (e: { code?: string }) => {
      if (!(truncated && e.code === 'ECANCEL')) reject(e);
    });
    req.on('done', () => resolve({ fields: fields ?? [], rows, rowCount: fields ? rows.length : rowsAffected, truncated, ...(notices.length ? { notices } : {}) }));
    // In stream mode the promise resolves even on failure (errors arrive as 'error' events).
    void req.query(sql);
  });
}
