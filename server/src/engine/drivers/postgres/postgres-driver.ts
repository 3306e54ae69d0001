// PostgreSQL over node-postgres. A small pool lets the catalog queries of one introspection run in
// parallel; a connection that breaks is dropped from the pool, so the next call simply reconnects.
// The backend pid of every statement in flight is remembered so that cancel() can stop it on the
// server with pg_cancel_backend from a second, short-lived connection.
import pg from 'pg';
import { PostgresFamilyDriver, type TransactionResult } from './postgres-family';
import type { SchemaModel } from '../../schema/model';
import { DriverError } from '../errors';
import type { CancelOutcome, ConnectionConfig, DatabaseDriver, DriverStats, IntrospectOptions } from '../types';
import { toDriverError, type ErrorContext } from './errors';
import { cappedQuery } from './capped-query';
import { introspectPostgres } from './introspect';
import type { TxSession } from './read-only';
import { tlsOptions } from './ssl';
import { defaultPostgresUser } from './default-user';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const POOL_SIZE = 4;

export class PostgresDriver extends PostgresFamilyDriver implements DatabaseDriver {
  readonly kind = 'postgres' as const;
  readonly dialect = 'postgres' as const;
  readonly stats: DriverStats = { queries: 0 };
  /** statement_timeout bounds every statement on the server, and cancel() can stop one. */
  readonly serverSideTimeout = true;
  private pool: pg.Pool | undefined;
  private readonly ctx: ErrorContext;
  /** Backend pids of the connections running a statement of ours right now. */
  private readonly running = new Set<number>();
  private user: Promise<string | undefined> | undefined;
  /** The configured user, or the one psql would assume (PGUSER, then the OS user). */
  private readonly loginUser: string | undefined;

  constructor(config: ConnectionConfig) {
    super(config);
    // Decided here, not in the URL parser: a connection object from settings may lack a user too,
    // the default is PostgreSQL's convention (MySQL's is root), and the URL's name stays as written.
    this.loginUser = config.user ?? defaultPostgresUser();
    const server = `${config.host ?? '127.0.0.1'}:${config.port ?? 5432}`;
    this.ctx = {
      target: `${server}/${config.database ?? ''}`,
      server,
      user: this.loginUser,
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
    // Without a database, the server picks the one named like the user.
    return introspectPostgres(run, this.config.database ?? this.loginUser ?? '', options);
  }

  async cancel(): Promise<CancelOutcome> {
    const pids = [...this.running];
    if (pids.length === 0) return { cancelled: 0, detail: 'no statement was running' };
    // A separate connection: the pool may be exhausted, and the busy ones cannot take a query.
    const client = new pg.Client({ ...this.clientConfig(), application_name: 'schemawise-cancel' });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const r = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM unnest($1::int[]) AS p(pid) WHERE pg_cancel_backend(p.pid)', [pids]);
      return { cancelled: r.rows[0]?.n ?? 0, detail: `pg_cancel_backend(${pids.join(', ')})` };
    } catch (e) {
      return { cancelled: 0, detail: `could not cancel: ${toDriverError(e, this.ctx).message}` };
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  currentUser(): Promise<string | undefined> {
    this.user ??= (async () => {
      try {
        this.stats.queries++;
        return String((await this.ensurePool().query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u ?? '') || undefined;
      } catch {
        this.user = undefined; // ask again next time
        return this.loginUser;
      }
    })();
    return this.user;
  }

  /**
   * Runs `work` in a transaction on one pooled connection, with its notices collected, and ends it:
   * commit (execute) or rollback (reads, EXPLAIN). The connection's pid is cancellable meanwhile.
   */
  protected async inTransaction<T extends TransactionResult>(end: 'commit' | 'rollback', work: (tx: TxSession) => Promise<T>): Promise<T> {
    const client = await this.checkout();
    const pid = (client as unknown as { processID?: number }).processID;
    const notices: string[] = [];
    const onNotice = (n: { severity?: string; message?: string }) => notices.push(`${n.severity ?? 'NOTICE'}: ${n.message ?? ''}`);
    client.on('notice', onNotice);
    if (pid) this.running.add(pid);
    let broken: unknown;
    let ended = false;
    try {
      await client.query('BEGIN');
      this.stats.queries++;
      const result = await work(sessionOf(client));
      if (end === 'commit') {
        await client.query('COMMIT');
        ended = true;
      }
      return notices.length > 0 && result && typeof result === 'object' && 'fields' in result ? { ...result, notices } : result;
    } catch (e) {
      const err = toDriverError(e, this.ctx);
      if (err.kind === 'connection_lost') broken = err;
      throw err;
    } finally {
      if (pid) this.running.delete(pid);
      client.off('notice', onNotice);
      if (!broken && !ended) await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
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

  private clientConfig(): pg.ClientConfig {
    const c = this.config;
    return {
      host: c.host ?? '127.0.0.1',
      port: c.port ?? 5432,
      database: c.database,
      user: this.loginUser,
      password: c.password,
      ssl: tlsOptions(c.ssl),
      connectionTimeoutMillis: c.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      application_name: 'schemawise',
      // Defence in depth: a read-only connection is read-only for every transaction, not only ours.
      options: c.readOnly === false ? undefined : '-c default_transaction_read_only=on',
    };
  }

  private createPool(): pg.Pool {
    const pool = new pg.Pool({
      ...this.clientConfig(),
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
      return { fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })), rows: r.rows as unknown[][], affected: r.rowCount };
    },
    queryCapped: (sql, cap) => cappedQuery(client, sql, cap),
  };
}

