// Embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) in this process: in memory or in a
// data directory, optionally filled with the bundled sample database. It is PostgreSQL, so it shares
// the catalog introspection and the read-only statement path with the PostgreSQL driver.
//
// Cancelling: PGlite runs the statement inside this process's WebAssembly instance, synchronously,
// and honours neither statement_timeout nor a cancel request, so a running statement cannot be
// interrupted; cancel() says so. Statements queue on PGlite's single connection.
import { PostgresFamilyDriver, type TransactionLimits, type TransactionResult } from '../postgres/postgres-family';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SchemaModel } from '../../schema/model';
import { DriverError } from '../errors';
import type { CancelOutcome, ConnectionConfig, ConnectOptions, DatabaseDriver, DriverStats, IntrospectOptions } from '../types';
import { toDriverError, type ErrorContext } from '../postgres/errors';
import { introspectPostgres } from '../postgres/introspect';
import type { TxSession } from '../postgres/read-only';
import { loadPglite } from './load-pglite';
import { pgliteDateTimeParsers } from '../postgres/text-types';

// int8 and numeric as text, as node-postgres returns them: numbers would silently lose precision.
const asText = (v: string) => v;
// Dates and timestamps as PostgreSQL prints them (see ../postgres/text-types.ts).
const TEXT_PARSERS = { 20: asText, 1700: asText, ...pgliteDateTimeParsers() };

export interface PgliteDriverOptions {
  /** Runs once after start (after the sample, if any): fills a fresh database, e.g. in tests. */
  seed?: (exec: (sql: string) => Promise<void>) => Promise<void>;
}

export class PgliteDriver extends PostgresFamilyDriver implements DatabaseDriver {
  readonly kind = 'pglite' as const;
  readonly dialect = 'postgres' as const;
  readonly stats: DriverStats = { queries: 0 };
  /** statement_timeout is ignored and nothing can interrupt a statement: see the top of this file. */
  readonly serverSideTimeout = false;
  private db: PGlite | undefined;
  private starting: Promise<PGlite> | undefined;
  /** Name the model gets; empty: the database's own (current_database()). */
  private databaseName = '';
  private readonly ctx: ErrorContext;

  constructor(
    config: ConnectionConfig,
    private readonly options: PgliteDriverOptions = {},
  ) {
    super(config);
    this.ctx = { target: config.dataDir ? `PGlite at ${config.dataDir}` : 'in-memory PGlite' };
  }

  async connect(options?: ConnectOptions): Promise<void> {
    this.starting ??= this.start(options?.onStep);
    try {
      this.db = await this.starting;
    } catch (e) {
      this.starting = undefined;
      throw e;
    }
  }

  async introspect(options?: IntrospectOptions): Promise<SchemaModel> {
    const db = this.ensureDb();
    const run = async (sql: string) => {
      this.stats.queries++;
      try {
        return (await db.query<Record<string, unknown>>(sql)).rows;
      } catch (e) {
        throw toDriverError(e, this.ctx);
      }
    };
    return introspectPostgres(run, this.databaseName, options);
  }

  async cancel(): Promise<CancelOutcome> {
    return { cancelled: 0, detail: 'PGlite runs statements inside this process and cannot interrupt one that is running; it finishes on its own' };
  }

  async currentUser(): Promise<string | undefined> {
    const db = this.ensureDb();
    try {
      return String((await db.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u ?? '') || undefined;
    } catch {
      return undefined;
    }
  }

  /** transaction() holds PGlite's single connection for the whole callback and rolls back on throw. */
  protected async inTransaction<T extends TransactionResult>(end: 'commit' | 'rollback', work: (tx: TxSession, notices: string[]) => Promise<T>, limits: TransactionLimits = {}): Promise<T> {
    const db = this.ensureDb();
    this.stats.queries++;
    const notices: string[] = [];
    try {
      const result = await db.transaction(async (tx) => {
        // Runs queue on PGlite's one connection: one cancelled while it waited never starts.
        if (limits.signal?.aborted) throw new DriverError('cancelled', 'cancelled before it started (it was waiting for the connection); nothing was run');
        const r = await work(sessionOf(tx, notices), notices);
        if (end === 'rollback') await tx.rollback();
        return r;
      });
      return notices.length > 0 && result && typeof result === 'object' && 'fields' in result ? { ...result, notices } : result;
    } catch (e) {
      throw toDriverError(e, this.ctx);
    }
  }

  async close(): Promise<void> {
    const starting = this.starting;
    this.starting = undefined;
    this.db = undefined;
    const db = await starting?.catch(() => undefined);
    if (db && !db.closed) await db.close();
  }

  private ensureDb(): PGlite {
    if (!this.db) throw new DriverError('config', 'not connected: call connect() first');
    return this.db;
  }

  private async start(onStep?: (step: string) => void): Promise<PGlite> {
    let db: PGlite;
    onStep?.('starting the embedded PostgreSQL (PGlite)');
    try {
      const { PGlite } = loadPglite();
      db = await PGlite.create({ ...(this.config.dataDir ? { dataDir: this.config.dataDir } : {}), parsers: TEXT_PARSERS });
    } catch (e) {
      throw new DriverError('unknown', `cannot start ${this.ctx.target}: ${(e as Error).message ?? String(e)}`, { cause: e });
    }
    const exec = async (sql: string) => {
      await db.exec(sql);
    };
    try {
      // A data directory keeps the sample from an earlier start; load it only into an empty database.
      if (this.config.sample) {
        const { loadSampleDatabase, SAMPLE_DATABASE_NAME } = await import('../../sample');
        // PGlite's database is always called "postgres"; the sample has a name of its own.
        this.databaseName = SAMPLE_DATABASE_NAME;
        if (!(this.config.dataDir && (await hasUserTables(db)))) await loadSampleDatabase(exec, onStep);
      }
      await this.options.seed?.(exec);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw new DriverError('unknown', `${this.config.sample ? 'cannot load the sample database' : 'cannot seed the database'}: ${(e as Error).message ?? String(e)}`, { cause: e });
    }
    return db;
  }
}

async function hasUserTables(db: PGlite): Promise<boolean> {
  const r = await db.query(
    "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' LIMIT 1",
  );
  return r.rows.length > 0;
}

function sessionOf(tx: Transaction, notices: string[]): TxSession {
  const onNotice = (n: { severity?: string; message?: string }) => void notices.push(`${n.severity ?? 'NOTICE'}: ${n.message ?? ''}`);
  return {
    exec: async (sql) => {
      await tx.exec(sql);
    },
    // PGlite's query() uses the extended protocol: one statement only.
    query: async (sql) => {
      const r = await tx.query<unknown[]>(sql, [], { rowMode: 'array', onNotice });
      return { fields: r.fields, rows: r.rows, affected: r.affectedRows };
    },
  };
}
