// What the PostgreSQL and PGlite drivers share: both are PostgreSQL, so every statement path (read-
// only query, committed write, EXPLAIN, the live PREPARE check) is the same code run inside a
// transaction; each driver only says how it opens one (a pooled pg client, or PGlite's single
// connection).
import type { ConnectionConfig, ExplainOptions, ExplainResult, PrepareError, PrepareOptions, QueryOptions, QueryResult, RoutineCatalog } from '../types';
import { requireWritable } from '../writable';
import { prepareInTransaction } from './prepare';
import { catalogFingerprint, loadRoutineCatalog } from './routine-catalog';
import { DEFAULT_TIMEOUT_MS, explainInTransaction, runInTransaction, runReadOnly, TypeNameCache, type TxSession } from './read-only';

const CATALOG_TIMEOUT_MS = 20_000;

function limitsOf(options: QueryOptions): TransactionLimits {
  return { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: options.signal };
}

/** Bounds of one transaction on the client side: the statement timeout and the caller's cancellation. */
export interface TransactionLimits {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type TransactionResult = QueryResult | ExplainResult | PrepareError | RoutineCatalog | string | undefined;

export abstract class PostgresFamilyDriver {
  protected readonly typeNames = new TypeNameCache();
  private routines: RoutineCatalog | undefined;

  protected constructor(protected readonly config: ConnectionConfig) {}

  /** Runs `work` in a transaction that ends with `end`; maps errors to DriverError. */
  protected abstract inTransaction<T extends TransactionResult>(end: 'commit' | 'rollback', work: (tx: TxSession) => Promise<T>, limits?: TransactionLimits): Promise<T>;

  async queryReadOnly(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.inTransaction('rollback', (tx) => runReadOnly(tx, sql, options, this.typeNames), limitsOf(options));
  }

  async execute(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    requireWritable(this.config);
    return this.inTransaction('commit', (tx) => runInTransaction(tx, sql, options, this.typeNames, false), limitsOf(options));
  }

  async explain(sql: string, options: ExplainOptions = {}): Promise<ExplainResult> {
    if (options.analyze && options.allowWrites) requireWritable(this.config);
    return this.inTransaction('rollback', (tx) => explainInTransaction(tx, sql, options), { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: options.signal });
  }

  /**
   * Functions, views and policies for the firewall: loaded in bulk once, then only a fingerprint
   * query per call tells whether anything changed since (a function replaced, a view created).
   */
  async routineCatalog(options: { timeoutMs?: number } = {}): Promise<RoutineCatalog> {
    // Bounded like the run that needs it (a stalled network must not hold a 2-second run for longer).
    const timeoutMs = Math.min(CATALOG_TIMEOUT_MS, Math.max(1, options.timeoutMs ?? CATALOG_TIMEOUT_MS));
    const cached = this.routines;
    if (cached) {
      const now = await this.inTransaction(
        'rollback',
        async (tx) => {
          await tx.exec('SET TRANSACTION READ ONLY');
          await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
          return catalogFingerprint(tx);
        },
        { timeoutMs },
      );
      if (now === cached.fingerprint) return cached;
    }
    this.routines = await this.inTransaction(
      'rollback',
      async (tx) => {
        await tx.exec('SET TRANSACTION READ ONLY');
        await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
        return loadRoutineCatalog(tx);
      },
      { timeoutMs },
    );
    return this.routines;
  }

  /** The live check: PREPARE (never execute) in a rolled-back read-only transaction, then DEALLOCATE. */
  async prepare(sql: string, options: PrepareOptions = {}): Promise<PrepareError | undefined> {
    return this.inTransaction('rollback', (tx) => prepareInTransaction(tx, sql, options), { timeoutMs: options.timeoutMs ?? 2000 });
  }
}
