// SchemaSession owns the schema the editor features work from: the current SchemaModel, its
// SchemaIndex and where it came from (a snapshot file or a live database driver). The LSP layer
// talks only to the session; it never touches a driver. Operations run one at a time, and a failed
// connect/load leaves the previous schema in place, except when the database answered but its
// schema could not be read: then it is the source, without a schema, until a refresh reads it.
import { createDriver } from '../drivers/registry';
import type { ConnectionConfig, DatabaseDriver, IntrospectOptions, PrepareError, PrepareOptions } from '../drivers/types';
import { emptyModel, type DialectId, type SchemaModel } from '../schema/model';
import { SchemaIndex } from '../schema/schema-index';
import { loadSnapshot } from '../schema/snapshot';
import { probeConnection, type ProbeResult } from '../drivers/probe';
import type { SchemaCache } from './schema-cache';
import { SessionError, sessionErrorFrom } from './session-error';
import type { SchemaStatus } from './status';

type Source = { kind: 'none' } | { kind: 'snapshot'; path: string } | { kind: 'database'; config: ConnectionConfig; driver: DatabaseDriver };

export interface SchemaSessionOptions {
  /** Builds the driver for a connection (tests substitute their own). */
  createDriver?: (config: ConnectionConfig) => DatabaseDriver;
  /** Dialect of the empty schema used before anything is loaded (keywords still complete). */
  defaultDialect?: DialectId;
}

export interface SessionConnectOptions {
  /** The per-user schema cache (absent: the setting is off, or no state folder). */
  cache?: SchemaCache;
}

export type SchemaChangeListener = (status: SchemaStatus) => void;

/** Held for the moment between letting one model go and indexing the next. */
const EMPTY_INDEX = new SchemaIndex(emptyModel('postgres', '', []));

export class SchemaSession {
  private source: Source = { kind: 'none' };
  private current: SchemaModel | undefined;
  private currentIndex: SchemaIndex;
  private readonly listeners = new Set<SchemaChangeListener>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly makeDriver: (config: ConnectionConfig) => DatabaseDriver;
  /** The current model came from the schema cache and the live one has not replaced it yet. */
  private cachedModel = false;
  /**
   * The current model is the preview of a phased introspection (IntrospectOptions.onPreview: tables,
   * columns, enums and routines, no constraints or indexes yet) while the rest is read.
   */
  private partialModel = false;
  /** Resolved when the current model stops being a preview (set only while it is one). */
  private completed: { promise: Promise<void>; resolve: () => void } | undefined;
  /** The cache of the current database source (saved to after each live introspection). */
  private cache: SchemaCache | undefined;
  /** The cache writes in flight (SchemaCache.save never rejects). */
  private saving: Promise<void> = Promise.resolve();

  constructor(options: SchemaSessionOptions = {}) {
    this.makeDriver = options.createDriver ?? createDriver;
    this.currentIndex = new SchemaIndex(emptyModel(options.defaultDialect ?? 'postgres', '', []));
  }

  /** The loaded model, or undefined when there is none. */
  get model(): SchemaModel | undefined {
    return this.current;
  }

  /**
   * True while the model is the cached one of the connection, not yet confirmed by the live
   * introspection: good enough to complete with, not to call a name unknown.
   */
  get cached(): boolean {
    return this.cachedModel;
  }

  /**
   * True while the model is the preview of the live introspection (tables and columns, no
   * constraints, indexes, sequences, domains or triggers yet); the complete model replaces it.
   */
  get partial(): boolean {
    return this.partialModel;
  }

  /**
   * True while the model may not be judged by: cached (maybe stale) or partial (incomplete). Completion
   * may use it; "unknown name" and other schema checks wait for the live, complete model.
   */
  get provisional(): boolean {
    return this.cachedModel || this.partialModel;
  }

  /**
   * The loaded model once it is complete: while a preview is shown, waits for the introspection to
   * finish (or fail). For every consumer that needs the whole schema (docs, diff, mock, advisor, ERD,
   * NL→SQL, hover); a cached model counts as complete (it may be stale, not partial).
   */
  async completeModel(): Promise<SchemaModel | undefined> {
    while (this.completed) await this.completed.promise;
    return this.current;
  }

  /** The index over completeModel(). */
  async completeIndex(): Promise<SchemaIndex> {
    while (this.completed) await this.completed.promise;
    return this.currentIndex;
  }

  /** Index over the loaded model; over an empty model when nothing is loaded. */
  get index(): SchemaIndex {
    return this.currentIndex;
  }

  /**
   * The live database connection, for features that run SQL through the safety executor (the LSP
   * layer hands it to the engine and never queries it itself); undefined unless connected.
   */
  get database(): { config: ConnectionConfig; driver: DatabaseDriver } | undefined {
    return this.source.kind === 'database' ? { config: this.source.config, driver: this.source.driver } : undefined;
  }

  get status(): SchemaStatus {
    const m = this.current;
    const label = this.source.kind === 'snapshot' ? this.source.path : this.source.kind === 'database' ? this.source.config.name : undefined;
    return {
      source: this.source.kind,
      label,
      dialect: m?.dialect,
      database: m?.database,
      serverVersion: m?.serverVersion,
      tableCount: m?.tables.length ?? 0,
      capturedAt: m?.capturedAt,
      ...(this.cachedModel ? { cached: true } : {}),
      ...(this.partialModel ? { partial: true } : {}),
    };
  }

  /**
   * The live connection's read-only query (runs in a rolled-back read-only transaction), for
   * EXPLAIN checks and value probes of NL→SQL; undefined without a database connection.
   */
  readOnlyQuery(): DatabaseDriver['queryReadOnly'] | undefined {
    const source = this.source;
    return source.kind === 'database' ? source.driver.queryReadOnly.bind(source.driver) : undefined;
  }

  /**
   * The dialect of the live connection when its driver can PREPARE statements (the diagnostics' live
   * check); undefined without one.
   */
  get prepareDialect(): DialectId | undefined {
    const source = this.source;
    return source.kind === 'database' && source.driver.prepare ? source.driver.dialect : undefined;
  }

  /**
   * PREPAREs — never executes — `sql` on a read-only session of the live connection: the database's
   * objection (type error, unknown name, permission) or undefined. Rejects when there is no such
   * connection or the database could not be asked (lost connection, timeout).
   */
  prepareCheck(sql: string, options?: PrepareOptions): Promise<PrepareError | undefined> {
    const source = this.source;
    if (source.kind !== 'database' || !source.driver.prepare)
      return Promise.reject(new SessionError('not_connected', 'the live check needs a database connection whose driver can prepare statements'));
    // PostgreSQL's parser stops at a NUL byte, so the database would judge text other than what the
    // editor shows (the firewall refuses such statements for the same reason): no live verdict.
    if (sql.includes('\0')) return Promise.resolve(undefined);
    return source.driver.prepare(sql, options);
  }

  /** Called after every change of the schema; returns an unsubscribe function. */
  onDidChange(listener: SchemaChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  loadSnapshot(path: string): Promise<SchemaStatus> {
    return this.serialized(async () => {
      const model = await readSnapshot(path);
      await this.closeDriver();
      this.source = { kind: 'snapshot', path };
      return this.install(model);
    });
  }

  /**
   * Connects, introspects and makes that database the source; the previous source stays on failure.
   * `onStep` hears each stage (for a progress notification). With a `cache`, the model cached for
   * this connection (if any) is installed at once, marked `cached` in the status, while the driver
   * connects and introspects; the live model replaces it and is saved to the cache. A driver that
   * introspects in phases first hands over a preview (tables and columns), installed marked `partial`
   * so that completion answers from it; the complete model replaces it.
   */
  connect(config: ConnectionConfig, onStep?: (step: string) => void, options: SessionConnectOptions = {}): Promise<SchemaStatus> {
    return this.serialized(async () => {
      const { cache } = options;
      const fromCache = cache ? cache.load(config) : Promise.resolve(undefined);
      let driver: DatabaseDriver;
      let connecting: Promise<void>;
      try {
        driver = this.makeDriver(config);
        if (config.driver !== 'pglite') onStep?.(`connecting to ${config.name}`);
        connecting = driver.connect({ onStep });
      } catch (e) {
        throw sessionErrorFrom('connect', `cannot connect to ${config.name}`, e, config.password);
      }
      connecting.catch(() => undefined); // awaited below, after the cache is installed
      const before = { source: this.source, model: this.current, cached: this.cachedModel, cache: this.cache };
      const hit = await fromCache;
      if (hit) {
        // Until the driver is connected, a query, run or check asked meanwhile waits for it (and gets
        // the connection's own error if it fails) instead of failing with "not connected".
        this.source = { kind: 'database', config, driver: afterConnecting(driver, connecting) };
        this.cache = cache;
        this.install(hit.model, driver.dialect, true);
      }
      try {
        await connecting;
      } catch (e) {
        if (hit) {
          // Back to what was there before: the cached schema belongs to a database that did not answer.
          this.source = before.source;
          this.cache = before.cache;
          this.install(before.model, undefined, before.cached);
        }
        await driver.close().catch(() => undefined);
        throw sessionErrorFrom('connect', `cannot connect to ${config.name}`, e, config.password);
      }
      let model: SchemaModel;
      let previewed = false;
      const onPreview = (preview: SchemaModel) => {
        // The database is the source from here on; the previous one is closed once the model is complete.
        previewed = true;
        this.source = { kind: 'database', config, driver };
        this.cache = cache;
        this.install(preview, driver.dialect, false, true);
      };
      try {
        onStep?.('reading the schema');
        model = await driver.introspect({ onPreview });
      } catch (e) {
        // The database answered, so it is the one the user asked for: it becomes the source without
        // a schema (never the previous database, which would run queries on the wrong one), or with
        // its cached one, still marked cached. Its driver reconnects on the next call, so runQuery
        // works and refreshSchema reads the schema.
        await closeSource(before.source, driver);
        this.source = { kind: 'database', config, driver };
        this.cache = cache;
        // A preview is no schema to keep: back to the cached one, if any.
        if (previewed) this.install(hit?.model, driver.dialect, hit !== undefined);
        else if (!hit) this.install(undefined, driver.dialect);
        throw sessionErrorFrom('introspect', `connected to ${config.name} but could not read its schema (refresh the schema to try again)`, e, config.password);
      }
      await closeSource(before.source, driver);
      this.source = { kind: 'database', config, driver };
      this.cache = cache;
      const status = this.install(model);
      this.saveToCache(config, model);
      return status;
    });
  }

  /**
   * Introspects the database again (with `options`, e.g. the docs' table sizes), or reloads the
   * snapshot file.
   */
  refresh(options?: IntrospectOptions): Promise<SchemaStatus> {
    return this.serialized(async () => {
      const source = this.source;
      if (source.kind === 'none') throw new SessionError('not_connected', 'no schema to refresh: connect to a database or load a schema snapshot first');
      if (source.kind === 'snapshot') return this.install(await readSnapshot(source.path));
      try {
        const model = await source.driver.introspect(options);
        const status = this.install(model);
        this.saveToCache(source.config, model);
        return status;
      } catch (e) {
        throw sessionErrorFrom('introspect', `could not refresh the schema of ${source.config.name}`, e, source.config.password);
      }
    });
  }

  /** Connects to `config` on the side, asks its version and disconnects; the current source is untouched. */
  async probe(config: ConnectionConfig): Promise<ProbeResult> {
    try {
      return await probeConnection(config, this.makeDriver);
    } catch (e) {
      throw sessionErrorFrom('connect', `cannot connect to ${config.name}`, e, config.password);
    }
  }

  /** Drops the source (closing a database connection); features fall back to keywords only. */
  disconnect(): Promise<SchemaStatus> {
    return this.serialized(async () => {
      await this.closeDriver();
      this.source = { kind: 'none' };
      return this.install(undefined);
    });
  }

  /**
   * Disconnects after the operation in flight (a connect still reading phase 2 finishes and schedules
   * its cache write), then waits for the cache writes.
   */
  async dispose(): Promise<void> {
    await this.disconnect().catch(() => undefined);
    await this.saving;
    this.listeners.clear();
  }

  private install(model: SchemaModel | undefined, dialect: DialectId = this.currentIndex.dialect.id, cached = false, partial = false): SchemaStatus {
    // The previous model and index are let go before the next index is built (a 5,000-table index is
    // tens of MB: two alive at once would raise the peak).
    this.current = undefined;
    this.currentIndex = EMPTY_INDEX;
    this.current = model;
    this.cachedModel = model !== undefined && cached;
    this.partialModel = model !== undefined && partial;
    this.currentIndex = new SchemaIndex(model ?? emptyModel(dialect, '', []));
    if (this.partialModel) {
      if (!this.completed) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        this.completed = { promise, resolve };
      }
    } else if (this.completed) {
      const { resolve } = this.completed;
      this.completed = undefined;
      resolve();
    }
    const status = this.status;
    for (const l of this.listeners) l(status);
    return status;
  }

  /**
   * Writes the live model to the connection's cache after the current turn (listeners hear the
   * change first); saves run one after another, and dispose() waits for them.
   */
  private saveToCache(config: ConnectionConfig, model: SchemaModel): void {
    const cache = this.cache;
    if (!cache) return;
    this.saving = this.saving.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => cache.save(config, model));
  }

  private async closeDriver(): Promise<void> {
    const source = this.source;
    this.source = { kind: 'none' };
    this.cache = undefined;
    this.cachedModel = false;
    await closeSource(source);
  }

  private serialized<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Closes the driver of a database source (unless it is `keep`); a broken connection must not block what comes next. */
async function closeSource(source: Source, keep?: DatabaseDriver): Promise<void> {
  if (source.kind === 'database' && source.driver !== keep) await source.driver.close().catch(() => undefined);
}

async function readSnapshot(path: string): Promise<SchemaModel> {
  try {
    return await loadSnapshot(path);
  } catch (e) {
    throw sessionErrorFrom('snapshot', 'cannot load the schema snapshot', e);
  }
}

/** The connection of the bundled sample database (PGlite, in memory). */
export function sampleConnection(): ConnectionConfig {
  return { name: 'sample', driver: 'pglite', sample: true, readOnly: true };
}

/**
 * The driver as seen while it connects: every method (all of them return promises) first waits for
 * `connecting`; properties and absent optional methods are the driver's own.
 */
function afterConnecting(driver: DatabaseDriver, connecting: Promise<void>): DatabaseDriver {
  return new Proxy(driver, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'connect') return value;
      return async (...args: unknown[]) => {
        await connecting;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
