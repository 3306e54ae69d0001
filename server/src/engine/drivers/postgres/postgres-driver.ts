// PostgreSQL over node-postgres. A small pool lets the catalog queries of one introspection run in
// parallel; a connection that breaks is dropped from the pool, so the next call simply reconnects.
import pg from 'pg';
import type { SchemaModel } from '../../schema/model';
import { DriverError } from '../errors';
import type { ConnectionConfig, DatabaseDriver, DriverStats, IntrospectOptions, QueryOptions, QueryResult } from '../types';
import { toDriverError, type ErrorContext } from './errors';
import { introspectPostgres } from './introspect';
import { runReadOnly, TypeNameCache, type TxSession } from './read-only';
import { tlsOptions } from './ssl';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const POOL_SIZE = 4;

export class PostgresDriver implements DatabaseDriver {
  readonly kind = 'postgres' as const;
  readonly dialect = 'postgres' as const;
  readonly stats: DriverStats = { queries: 0 };
  private pool: pg.Pool | undefined;
  private readonly typeNames = new TypeNameCache();
  private readonly ctx: ErrorContext;

  constructor(private readonly config: ConnectionConfig) {
    const server = `${config.host ?? '127.0.0.1'}:${config.port ?? 5432}`;
    this.ctx = {
      target: `${server}/${config.database ?? ''}`,
      server,
      user: config.user,
      database: config.database,
      password: config.password,
    };
  }

  async connect(): Promise<void> {
    if (!this.pool) this.pool = this.createPool();
    // Opening one connection proves host, credentials and database before anyone relies on them.
    const client = await this.checkout();
    client.release();
  }

  async introspect(options?: IntrospectOptions): Promise<SchemaModel> {
    const pool = this.ensurePool();
    const run = async (sql: string) => {
      this.stats.queries++;
      try {
        return (await pool.query(sql)).rows as Record<string, unknown>[];
      } catch (e) {
        throw toDriverError(e, this.ctx);
      }
    };
    return introspectPostgres(run, this.config.database ?? this.config.user ?? '', options);
  }

  async queryReadOnly(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    const client = await this.checkout();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      this.stats.queries++;
      return await runReadOnly(sessionOf(client), sql, options, this.typeNames);
    } catch (e) {
      const err = toDriverError(e, this.ctx);
      if (err.kind === 'connection_lost') broken = err;
      throw err;
    } finally {
      if (!broken) await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
      // A broken connection is destroyed instead of going back to the pool.
      client.release(broken ? (broken as Error) : undefined);
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  private ensurePool(): pg.Pool {
    if (!this.pool) throw new DriverError('config', 'not connected: call connect() first');
    return this.pool;
  }

  private async checkout(): Promise<pg.PoolClient> {
    try {
      return await this.ensurePool().connect();
    } catch (e) {
      throw toDriverError(e, { ...this.ctx, connecting: true });
    }
  }

  private createPool(): pg.Pool {
    const c = this.config;
    const pool = new pg.Pool({
      host: c.host ?? '127.0.0.1',
      port: c.port ?? 5432,
      database: c.database,
      user: c.user,
      password: c.password,
      ssl: tlsOptions(c.ssl),
      connectionTimeoutMillis: c.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      application_name: 'schemawise',
      // Defence in depth: a read-only connection is read-only for every transaction, not only ours.
      options: c.readOnly === false ? undefined : '-c default_transaction_read_only=on',
      max: POOL_SIZE,
      idleTimeoutMillis: 60_000,
      allowExitOnIdle: true,
      keepAlive: true,
    });
    // A connection that fails while idle or in use must never become an uncaught 'error' event.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    return pool;
  }
}

function sessionOf(client: pg.PoolClient): TxSession {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async (sql) => {
      const r = await client.query({ text: sql, rowMode: 'array', queryMode: 'extended' } as pg.QueryConfig & { queryMode: 'extended' });
      return { fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), rows: r.rows as unknown[][] };
    },
  };
}
