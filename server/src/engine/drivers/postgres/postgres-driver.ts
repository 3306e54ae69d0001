// PostgreSQL over node-postgres. A small pool lets the catalog queries of one introspection run in
// parallel; a connection that breaks is dropped from the pool, so the next call simply reconnects.
// The backend pid of every statement in flight is remembered so that cancel() can stop it on the
// server with pg_cancel_backend from a second, short-lived connection.
import pg from 'pg';
import { PostgresFamilyDriver, type TransactionLimits, type TransactionResult } from './postgres-family';
import type { SchemaModel } from '../../schema/model';
import { DriverError } from '../errors';
import type { CancelOutcome, ConnectionConfig, DatabaseDriver, DriverStats, IntrospectOptions } from '../types';
import { toDriverError, type ErrorContext } from './errors';
import { cappedQuery } from './capped-query';
import { introspectPostgres } from './introspect';
import type { TxSession } from './read-only';
import { tlsOptions } from './ssl';
import { defaultPostgresUser } from './default-user';
import { postgresTypes } from './text-types';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** How much longer than the statement timeout the client waits for an answer before dropping the connection. */
const CLIENT_GRACE_MS = 2000;
/** How long cancel() waits for the server before closing the running connections itself. */
const CANCEL_WAIT_MS = 2000;

function cancelledBeforeStart(): DriverError {
  return new DriverError('cancelled', 'cancelled before it started (it was waiting for a free connection); nothing was run');
}
const POOL_SIZE = 4;

export class PostgresDriver extends PostgresFamilyDriver implements DatabaseDriver {
  readonly kind = 'postgres' as const;
  readonly dialect = 'postgres' as const;
  readonly stats: DriverStats = { queries: 0 };
  /** statement_timeout bounds every statement on the server, and cancel() can stop one. */
  readonly serverSideTimeout = true;
  private pool: pg.Pool | undefined;
  private readonly ctx: ErrorContext;
  /** Backend pids of the connections running a statement of ours right now, and how to drop each. */
  private readonly running = new Map<number, (why: DriverError) => void>();
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
    const run = async (sql: string, onRow?: (row: Record<string, unknown>) => void) => {
      this.stats.queries++;
      try {
        if (!onRow) return (await pool.query(sql)).rows as Record<string, unknown>[];
        await streamRows(pool, sql, onRow);
        return [];
      } catch (e) {
        throw toDriverError(e, this.ctx);
      }
    };
    // Without a database, the server picks the one named like the user.
    return introspectPostgres(run, this.config.database ?? this.loginUser ?? '', options);
  }

  /**
   * pg_cancel_backend from a second connection, within CANCEL_WAIT_MS; a statement still running
   * after that (the server unreachable, the network stalled) has its connection destroyed here, so
   * the caller is never left waiting and the server rolls back when it notices.
   */
  async cancel(): Promise<CancelOutcome> {
    const pids = [...this.running.keys()];
    if (pids.length === 0) return { cancelled: 0, detail: 'no statement was running' };
    // A separate connection: the pool may be exhausted, and the busy ones cannot take a query.
    const client = new pg.Client({ ...this.clientConfig(), application_name: 'schemawise-cancel', connectionTimeoutMillis: CANCEL_WAIT_MS });
    client.on('error', () => undefined);
    const ask = (async () => {
      await client.connect();
      const r = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM unnest($1::int[]) AS p(pid) WHERE pg_cancel_backend(p.pid)', [pids]);
      return r.rows[0]?.n ?? 0;
    })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CANCEL_WAIT_MS)));
    try {
      const n = await Promise.race([ask, late]);
      if (n !== 'late') {
        // Give the cancelled statements a moment to end; any still running is dropped.
        await this.settle(pids, CANCEL_WAIT_MS);
        return { cancelled: n, detail: `pg_cancel_backend(${pids.join(', ')})` };
      }
      const dropped = this.dropRunning(pids);
      return { cancelled: dropped, detail: `the server did not answer the cancel request within ${CANCEL_WAIT_MS} ms; closed ${dropped} connection(s) instead (the server rolls back)` };
    } catch (e) {
      const dropped = this.dropRunning(pids);
      return { cancelled: dropped, detail: `could not cancel on the server (${toDriverError(e, this.ctx).message}); closed ${dropped} connection(s) instead` };
    } finally {
      if (timer) clearTimeout(timer);
      void ask.catch(() => undefined);
      void client.end().catch(() => undefined);
    }
  }

  private async settle(pids: number[], ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (pids.some((p) => this.running.has(p)) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    this.dropRunning(pids);
  }

  private dropRunning(pids: number[]): number {
    let n = 0;
    for (const p of pids) {
      const destroy = this.running.get(p);
      if (!destroy) continue;
      destroy(new DriverError('cancelled', 'cancelled: the connection was closed because the server did not stop the statement in time'));
      n++;
    }
    return n;
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
   *
   * Deadlines hold on this side too: when the server does not answer within the statement timeout
   * plus a grace period (a stalled network, a held-back COMMIT), the socket is destroyed, so the
   * server rolls the transaction back when it notices, and the caller gets a timeout at once. A run
   * cancelled while waiting for a pooled connection never starts.
   */
  protected async inTransaction<T extends TransactionResult>(end: 'commit' | 'rollback', work: (tx: TxSession) => Promise<T>, limits: TransactionLimits = {}): Promise<T> {
    const client = await this.checkout(limits.signal);
    const pid = (client as unknown as { processID?: number }).processID;
    const notices: string[] = [];
    const onNotice = (n: { severity?: string; message?: string }) => notices.push(`${n.severity ?? 'NOTICE'}: ${n.message ?? ''}`);
    client.on('notice', onNotice);
    let expired: DriverError | undefined;
    const destroy = (why: DriverError) => {
      expired ??= why;
      (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    };
    const graceMs = limits.timeoutMs === undefined ? undefined : Math.max(1, Math.floor(limits.timeoutMs)) + CLIENT_GRACE_MS;
    const deadline =
      graceMs === undefined
        ? undefined
        : setTimeout(() => destroy(new DriverError('timeout', `no answer from ${this.ctx.target} within ${graceMs} ms (statement timeout plus ${CLIENT_GRACE_MS} ms): the connection was closed, so the server rolls the transaction back`)), graceMs);
    if (pid) this.running.set(pid, destroy);
    let broken: unknown;
    let ended = false;
    let commitSent = false;
    try {
      await client.query('BEGIN');
      this.stats.queries++;
      // A cancel that arrived while BEGIN ran found nothing to interrupt yet: do not start the work.
      if (limits.signal?.aborted) throw new DriverError('cancelled', 'cancelled before the statement started');
      const result = await work(sessionOf(client));
      if (end === 'commit') {
        commitSent = true;
        await client.query('COMMIT');
        ended = true;
      }
      return notices.length > 0 && result && typeof result === 'object' && 'fields' in result ? { ...result, notices } : result;
    } catch (e) {
      let err = expired ?? toDriverError(e, this.ctx);
      if (expired || err.kind === 'connection_lost') broken = err;
      // COMMIT was sent and no answer came back: it may or may not have been applied.
      if (commitSent && broken)
        err = new DriverError('outcome_unknown', `the connection was lost while committing (${err.message}): the statement may have been applied; check before running it again`, { cause: e });
      throw err;
    } finally {
      if (deadline) clearTimeout(deadline);
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

  /** A pooled connection; a run cancelled while it waits for one gives it back and never starts. */
  private async checkout(signal?: AbortSignal): Promise<pg.PoolClient> {
    if (signal?.aborted) throw cancelledBeforeStart();
    let client: pg.PoolClient;
    try {
      client = await this.ensurePool().connect();
    } catch (e) {
      throw toDriverError(e, { ...this.ctx, connecting: true });
    }
    if (signal?.aborted) {
      client.release();
      throw cancelledBeforeStart();
    }
    return client;
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
      // Dates and timestamps as the server prints them, never shifted by this machine's time zone.
      types: postgresTypes,
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
      // TCP keepalive notices a dead peer on idle pooled connections; the per-transaction deadline
      // above covers a stall in the middle of a statement.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
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

/**
 * Runs `sql` on a pooled connection handing each row to `onRow` as it arrives (node-postgres does not
 * keep them: a Query with a 'row' listener and no callback accumulates nothing). A throw from `onRow`
 * fails the query once it has ended; a connection that broke is dropped from the pool.
 */
async function streamRows(pool: pg.Pool, sql: string, onRow: (row: Record<string, unknown>) => void): Promise<void> {
  const client = await pool.connect();
  let thrown: { error: unknown } | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const query = client.query(new pg.Query(sql));
      query.on('row', (row: Record<string, unknown>) => {
        if (thrown) return;
        try {
          onRow(row);
        } catch (e) {
          thrown = { error: e };
        }
      });
      query.on('error', reject);
      query.on('end', () => resolve());
    });
  } catch (e) {
    client.release(e instanceof Error ? e : true);
    throw e;
  }
  client.release();
  if (thrown) throw thrown.error;
}
