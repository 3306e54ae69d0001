// MySQL / MariaDB driver over mysql2/promise. Introspection is a fixed handful of bulk
// information_schema queries (./queries, one per object kind) run concurrently on a small pool,
// whatever the number of tables; the rows become a SchemaModel in ./mysql-assemble.ts.
// The thread id of every connection running a statement of ours is remembered, so that cancel() can
// send KILL QUERY <id> from a second connection (the busy one cannot take a command).
import { createConnection, createPool, type Pool, type PoolConnection, type RowDataPacket } from 'mysql2/promise';
import type { SchemaModel } from '../../schema/model';
import { DriverError } from '../errors';
import type { CancelOutcome, CatalogRelation, CatalogRoutine, ConnectionConfig, DatabaseDriver, DriverStats, ExplainOptions, ExplainResult, IntrospectOptions, PrepareError, PrepareOptions, QueryOptions, QueryResult, RoutineCatalog } from '../types';
import { requireWritable } from '../writable';
import { assembleMysqlModel } from './mysql-assemble';
import { toMysqlDriverError, type ErrorContext } from './mysql-errors';
import { mysqlPoolOptions } from './mysql-options';
import { prepareOnConnection } from './mysql-prepare';
import { armSessionSql, armWriteSessionSql, disarmSessionSql, DEFAULT_TIMEOUT_MS, streamRows, warningsOf } from './mysql-read-only';
import type { MysqlCatalog } from './mysql-rows';
import serverSql from './queries/server.sql';
import schemasSql from './queries/schemas.sql';
import tablesSql from './queries/tables.sql';
import columnsSql from './queries/columns.sql';
import keysSql from './queries/keys.sql';
import foreignKeysSql from './queries/foreign-keys.sql';
import checksMariaDbSql from './queries/checks-mariadb.sql';
import checksMysqlSql from './queries/checks-mysql.sql';
import indexesSql from './queries/indexes.sql';
import routinesSql from './queries/routines.sql';
import parametersSql from './queries/parameters.sql';
import tableSizesSql from './queries/table-sizes.sql';
import triggersSql from './queries/triggers.sql';
import routineDetailsSql from './queries/routine-details.sql';
import { addMysqlDocsDetails, type MysqlRoutineDetailRow, type MysqlTableSizeRow, type MysqlTriggerRow } from './mysql-docs-details';
import safetyRoutinesSql from './queries/safety-routines.sql';

export interface MysqlDriverOptions {
  /**
   * Databases to introspect when introspect() is not told: the connection's database by default;
   * 'all' = every database the user can see except the system ones.
   */
  databases?: string[] | 'all';
}

interface ServerInfo {
  version: string;
  isMariaDb: boolean;
  database: string | null;
  /** lower_case_table_names = 0: database and table names are case-sensitive. */
  caseSensitiveTables: boolean;
}

export class MysqlDriver implements DatabaseDriver {
  readonly kind = 'mysql' as const;
  readonly dialect = 'mysql' as const;
  readonly stats: DriverStats = { queries: 0 };
  /** max_statement_time (MariaDB) / max_execution_time (MySQL) plus a client deadline, and KILL QUERY. */
  readonly serverSideTimeout = true;
  private pool: Pool | undefined;
  private server: ServerInfo | undefined;
  private readonly errorContext: ErrorContext;
  /** Thread ids of the connections running a statement of ours right now. */
  private readonly running = new Set<number>();
  private user: Promise<string | undefined> | undefined;

  constructor(
    private readonly config: ConnectionConfig,
    private readonly options: MysqlDriverOptions = {},
  ) {
    this.errorContext = { where: `${config.host ?? '127.0.0.1'}:${config.port ?? 3306}`, database: config.database, user: config.user };
  }

  async connect(): Promise<void> {
    if (this.pool) return;
    const pool = createPool(mysqlPoolOptions(this.config));
    // A pooled connection that dies while idle (server restart, KILL) emits 'error'; mysql2 drops it
    // from the pool, and this listener keeps a second emission from becoming an uncaught exception.
    pool.on('connection', (c) => void (c as unknown as NodeJS.EventEmitter).on('error', () => undefined));
    try {
      const [rows] = await this.count(pool.query<RowDataPacket[]>(serverSql));
      const r = rows[0] ?? {};
      const version = String(r.version ?? '');
      this.server = { version, isMariaDb: /mariadb/i.test(version), database: r.current_database ? String(r.current_database) : null, caseSensitiveTables: Number(r.lower_case_table_names) === 0 };
      this.pool = pool;
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw this.error(e);
    }
  }

  async introspect(options: IntrospectOptions = {}): Promise<SchemaModel> {
    const pool = await this.ready();
    const server = this.server!;
    try {
      const wanted = options.schemas ?? this.options.databases ?? (server.database ? [server.database] : 'all');
      const schemaRows = await this.rows<MysqlCatalog['schemas'][number]>(pool, schemasSql, []);
      const selected = wanted === 'all' ? schemaRows.map((s) => s.schema_name) : wanted;
      const wantedSet = new Set(selected.map((s) => s.toLowerCase()));
      // `IN (?)` with an empty list is a syntax error; a name no database has matches nothing.
      const params = [selected.length ? selected : ['\u0000none']];
      const [tables, columns, keys, foreignKeys, checks, indexes, routines, parameters, tableSizes, triggers, routineDetails] = await Promise.all([
        this.rows<MysqlCatalog['tables'][number]>(pool, tablesSql, params),
        this.rows<MysqlCatalog['columns'][number]>(pool, columnsSql, params),
        this.rows<MysqlCatalog['keys'][number]>(pool, keysSql, params),
        this.rows<MysqlCatalog['foreignKeys'][number]>(pool, foreignKeysSql, params),
        this.checks(pool, params),
        this.rows<MysqlCatalog['indexes'][number]>(pool, indexesSql, params),
        this.rows<MysqlCatalog['routines'][number]>(pool, routinesSql, params),
        this.rows<MysqlCatalog['parameters'][number]>(pool, parametersSql, params),
        options.tableSizes ? this.rows<MysqlTableSizeRow>(pool, tableSizesSql, params) : Promise.resolve([] as MysqlTableSizeRow[]),
        this.rows<MysqlTriggerRow>(pool, triggersSql, params),
        this.rows<MysqlRoutineDetailRow>(pool, routineDetailsSql, params),
      ]);
      const catalog: MysqlCatalog = {
        schemas: schemaRows.filter((s) => wantedSet.has(s.schema_name.toLowerCase())),
        tables, columns, keys, foreignKeys, checks, indexes, routines, parameters,
      };
      const model = assembleMysqlModel(catalog, { database: server.database ?? selected[0] ?? '', serverVersion: server.version, isMariaDb: server.isMariaDb, caseSensitiveTables: server.caseSensitiveTables });
      addMysqlDocsDetails(model, { tableSizes, triggers, routineDetails });
      return model;
    } catch (e) {
      throw this.error(e);
    }
  }

  async queryReadOnly(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    return this.onConnection('read-only', options, (conn) => streamRows(conn, sql, options));
  }

  /** One statement with autocommit: committed when it succeeds. */
  async execute(sql: string, options: QueryOptions = {}): Promise<QueryResult> {
    requireWritable(this.config);
    return this.onConnection('write', options, (conn) => streamRows(conn, sql, options));
  }

  /**
   * EXPLAIN FORMAT=JSON; with analyze, MariaDB's ANALYZE FORMAT=JSON or MySQL's EXPLAIN ANALYZE (a
   * text tree). Both execute the statement: in the read-only transaction unless allowWrites, and
   * always rolled back (a write's effects are undone; DDL is never analysed).
   */
  async explain(sql: string, options: ExplainOptions = {}): Promise<ExplainResult> {
    const analyze = options.analyze === true;
    if (analyze && options.allowWrites) requireWritable(this.config);
    const started = performance.now();
    const mode = analyze && options.allowWrites ? 'write-rolled-back' : 'read-only';
    await this.ready();
    const isMariaDb = this.server!.isMariaDb;
    const statement = sql.replace(/[\s;]+$/, '');
    const text = !analyze ? `EXPLAIN FORMAT=JSON ${statement}` : isMariaDb ? `ANALYZE FORMAT=JSON ${statement}` : `EXPLAIN ANALYZE ${statement}`;
    const result = await this.onConnection(mode, { timeoutMs: options.timeoutMs, maxRows: 10 }, (conn) => streamRows(conn, text, { timeoutMs: options.timeoutMs, maxRows: 10 }));
    const cell = result.rows[0]?.[0];
    const raw = Buffer.isBuffer(cell) ? cell.toString('utf8') : String(cell ?? '');
    const json = !analyze || isMariaDb;
    return { format: json ? 'mysql-json' : 'mysql-text', plan: json ? JSON.parse(raw) : raw, analyzed: analyze, durationMs: Math.round(performance.now() - started) };
  }

  /**
   * The live check: a protocol-level prepare, closed without executing (mysql-prepare.ts), inside a
   * transaction that is rolled back on release. Not a READ ONLY one: MariaDB refuses to prepare a
   * write there (ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION), and preparing executes nothing anyway.
   */
  async prepare(sql: string, options: PrepareOptions = {}): Promise<PrepareError | undefined> {
    const pool = await this.ready();
    const flavor = { isMariaDb: this.server!.isMariaDb };
    const timeoutMs = Math.max(1, Math.floor(options.timeoutMs ?? 2000));
    let conn: PoolConnection | undefined;
    let broken = false;
    try {
      conn = await pool.getConnection();
      await this.count(conn.query(armWriteSessionSql(flavor, timeoutMs)));
      await this.count(conn.query('START TRANSACTION'));
      this.stats.queries++;
      return await prepareOnConnection(conn, sql, timeoutMs);
    } catch (e) {
      const err = this.error(e);
      // After a client deadline the connection was destroyed: never hand it back to the pool.
      broken = err.kind === 'connection_lost' || err.kind === 'timeout';
      throw err;
    } finally {
      if (conn) await this.release(conn, flavor, broken);
    }
  }

  async cancel(): Promise<CancelOutcome> {
    const ids = [...this.running];
    if (ids.length === 0) return { cancelled: 0, detail: 'no statement was running' };
    const { connectionLimit: _l, maxIdle: _m, ...options } = mysqlPoolOptions(this.config);
    let conn: Awaited<ReturnType<typeof createConnection>> | undefined;
    try {
      conn = await createConnection(options);
      conn.on('error', () => undefined);
      let cancelled = 0;
      for (const id of ids) {
        try {
          await conn.query(`KILL QUERY ${Number(id)}`);
          cancelled++;
        } catch (e) {
          // ER_NO_SUCH_THREAD: it finished meanwhile.
          if ((e as { code?: string }).code !== 'ER_NO_SUCH_THREAD') throw e;
        }
      }
      return { cancelled, detail: `KILL QUERY ${ids.join(', ')}` };
    } catch (e) {
      return { cancelled: 0, detail: `could not cancel: ${this.error(e).message}` };
    } finally {
      await conn?.end().catch(() => undefined);
    }
  }

  /**
   * Stored functions and views with their bodies, for the firewall. Read on every call (one query):
   * the server offers no cheap way to tell that a routine or view changed.
   */
  async routineCatalog(options: { timeoutMs?: number } = {}): Promise<RoutineCatalog> {
    const pool = await this.ready();
    let rows: Record<string, unknown>[];
    try {
      // mysql2's own timeout: the query is abandoned (and its connection destroyed) when it expires.
      const [raw] = await this.count(pool.query<RowDataPacket[]>({ sql: safetyRoutinesSql, timeout: Math.max(1, options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + 2000 }));
      rows = raw.map(textValues);
    } catch (e) {
      throw this.error(e);
    }
    const routines: CatalogRoutine[] = [];
    const relations: CatalogRelation[] = [];
    rows.forEach((r, i) => {
      // NULL: the definition is hidden from this user (not the definer, no SHOW VIEW / SHOW ROUTINE).
      const body = r.body === null || r.body === undefined ? undefined : String(r.body);
      const base = { id: String(i), schema: String(r.sch), name: String(r.name) };
      const hidden = body === undefined ? { bodyHidden: true } : {};
      if (r.what === 'view') relations.push({ ...base, kind: 'v', body: body ?? '', ...hidden });
      else routines.push({ ...base, kind: r.kind === 'FUNCTION' ? 'f' : 'p', volatility: '?', language: 'sql', body: body ?? '', builtin: false, extension: false, support: [], ...hidden });
    });
    return { dialect: 'mysql', routines, relations, edges: [], operators: [], fingerprint: '' };
  }

  currentUser(): Promise<string | undefined> {
    this.user ??= (async () => {
      try {
        const pool = await this.ready();
        const [rows] = await this.count(pool.query<RowDataPacket[]>('SELECT CURRENT_USER() AS u'));
        return String(rows[0]?.u ?? '') || undefined;
      } catch {
        this.user = undefined;
        return this.config.user;
      }
    })();
    return this.user;
  }

  /**
   * Runs `work` on one pooled connection armed for `mode`: read-only (session flag + START
   * TRANSACTION READ ONLY, row limit, timeout), write (autocommit, timeout) or write-rolled-back (a
   * read-write transaction that is rolled back, for EXPLAIN ANALYZE of a write). Server warnings
   * become notices; the connection is rolled back and disarmed (or destroyed) afterwards.
   */
  private async onConnection(
    mode: 'read-only' | 'write' | 'write-rolled-back',
    options: QueryOptions,
    work: (conn: PoolConnection) => Promise<Omit<QueryResult, 'durationMs'> & { warningCount?: number }>,
  ): Promise<QueryResult> {
    const pool = await this.ready();
    const flavor = { isMariaDb: this.server!.isMariaDb };
    const started = performance.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let conn: PoolConnection | undefined;
    let broken = false;
    let sent = false;
    try {
      if (options.signal?.aborted) throw cancelledBeforeStart();
      conn = await pool.getConnection();
      // A run cancelled while it waited for a pooled connection never starts.
      if (options.signal?.aborted) throw cancelledBeforeStart();
      if (mode === 'read-only') {
        await this.count(conn.query(armSessionSql(flavor, options.maxRows ?? 1000, timeoutMs)));
        await this.count(conn.query('START TRANSACTION READ ONLY'));
      } else {
        await this.count(conn.query(armWriteSessionSql(flavor, timeoutMs)));
        if (mode === 'write-rolled-back') await this.count(conn.query('START TRANSACTION'));
      }
      this.stats.queries++;
      this.running.add(conn.threadId);
      let result: Omit<QueryResult, 'durationMs'> & { warningCount?: number };
      sent = true;
      try {
        result = await work(conn);
      } finally {
        this.running.delete(conn.threadId);
      }
      const notices = await warningsOf(conn, result);
      const { warningCount: _w, ...plain } = result;
      return { ...plain, durationMs: Math.round(performance.now() - started), ...(notices.length ? { notices } : {}) };
    } catch (e) {
      const err = e instanceof DriverError ? e : this.error(e);
      const clientDeadline = (e as { code?: string }).code === 'PROTOCOL_SEQUENCE_TIMEOUT';
      broken = err.kind === 'connection_lost' || clientDeadline;
      // An autocommit write whose connection dropped after it was sent may have committed.
      if (mode === 'write' && sent && broken)
        throw new DriverError('outcome_unknown', `${err.message}; the connection was lost while the write was running, so it may have been applied: check before running it again`, { cause: e });
      throw err;
    } finally {
      if (conn) await this.release(conn, flavor, broken);
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    if (pool) await pool.end().catch(() => undefined);
  }

  /** Connects on first use, so a driver whose connection dropped reconnects on the next call. */
  private async ready(): Promise<Pool> {
    if (!this.pool) await this.connect();
    return this.pool!;
  }

  /** Rolls back and resets the session limits; a connection in doubt is destroyed, not reused. */
  private async release(conn: PoolConnection, flavor: { isMariaDb: boolean }, broken: boolean): Promise<void> {
    if (!broken) {
      try {
        await this.count(conn.query('ROLLBACK'));
        await this.count(conn.query(disarmSessionSql(flavor)));
        conn.release();
        return;
      } catch {
        // fall through: the connection is unusable
      }
    }
    conn.destroy();
  }

  private async rows<T>(pool: Pool, sql: string, params: unknown[]): Promise<T[]> {
    const [rows] = await this.count(pool.query<RowDataPacket[]>(sql, params));
    return rows.map(textValues) as T[];
  }

  /** CHECK_CONSTRAINTS differs between MariaDB and MySQL, and is missing before MySQL 8.0.16. */
  private async checks(pool: Pool, params: unknown[]): Promise<MysqlCatalog['checks']> {
    try {
      return await this.rows(pool, this.server!.isMariaDb ? checksMariaDbSql : checksMysqlSql, params);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ER_UNKNOWN_TABLE' || code === 'ER_NO_SUCH_TABLE' || code === 'ER_UNKNOWN_TABLE_IN_SCHEMA') return [];
      throw e;
    }
  }

  private count<T>(p: Promise<T>): Promise<T> {
    this.stats.queries++;
    return p;
  }

  private error(e: unknown): DriverError {
    return toMysqlDriverError(e, this.errorContext);
  }
}

function cancelledBeforeStart(): DriverError {
  return new DriverError('cancelled', 'cancelled before it started (it was waiting for a free connection); nothing was run');
}

/** information_schema text can arrive as Buffer (binary collations); the model wants strings. */
function textValues(row: RowDataPacket): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) ? v.toString('utf8') : v;
  return out;
}
