// PostgreSQL through COPY FROM STDIN (pg-copy-streams), streamed batch by batch with back-pressure.
// Transaction choice: the whole run is ONE transaction (BEGIN … COMMIT on one connection), with
// deferrable constraints deferred to the commit. A failure anywhere — a constraint, a dropped
// connection, a cancel — rolls everything back, so a run is never half-committed; the cost is that
// rows become visible only at the end.
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import type { TableInfo } from '../../schema/model';
import type { ConnectionConfig } from '../../drivers/types';
import { defaultPostgresUser } from '../../drivers/postgres/default-user';
import { toDriverError, type ErrorContext } from '../../drivers/postgres/errors';
import { tlsOptions } from '../../drivers/postgres/ssl';
import type { Value } from '../expr';
import { copyLine, quoteIdent, tableName } from '../format';
import type { BackfillBatch, MockSink, SinkColumn } from '../types';
import { backfillSql, groupInsertSql, type GroupedTable } from './sql-file-sink';
import { assertMockWritable } from '../write-guard';

export class PostgresCopySink implements MockSink {
  readonly name: string;
  private client: pg.Client | undefined;
  private stream: Writable | undefined;
  private done: Promise<void> | undefined;
  private columns: SinkColumn[] = [];
  private readonly ctx: ErrorContext;
  private grouped: GroupedTable[] | undefined;

  constructor(private readonly config: ConnectionConfig) {
    assertMockWritable(config);
    this.name = config.name;
    const server = `${config.host ?? '127.0.0.1'}:${config.port ?? 5432}`;
    this.ctx = { target: `${server}/${config.database ?? ''}`, server, user: config.user ?? defaultPostgresUser(), database: config.database, password: config.password };
  }

  async begin(): Promise<void> {
    const c = this.config;
    const client = new pg.Client({
      host: c.host ?? '127.0.0.1',
      port: c.port ?? 5432,
      database: c.database,
      user: c.user ?? defaultPostgresUser(),
      password: c.password,
      ssl: tlsOptions(c.ssl),
      connectionTimeoutMillis: c.connectTimeoutMs ?? 10_000,
      application_name: 'schemawise-mock',
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      throw toDriverError(e, { ...this.ctx, connecting: true });
    }
    this.client = client;
    await this.run('BEGIN');
    await this.run('SET CONSTRAINTS ALL DEFERRED');
  }

  async inspectTable(table: TableInfo, keyColumns: string[]): Promise<{ existingRows: number; maxKeys: Record<string, number> }> {
    const ints = keyColumns.filter((k) => /int|serial/i.test(table.columns.find((c) => c.name === k)?.dataType ?? ''));
    const t = tableName(table, 'postgres');
    const r = await this.run(`SELECT count(*)::float8 AS n${ints.map((k, i) => `, COALESCE(max(${quoteIdent(k, 'postgres')}), 0)::float8 AS k${i}`).join('')} FROM ${t}`);
    const row = (r.rows[0] ?? {}) as Record<string, number>;
    return { existingRows: Number(row.n ?? 0), maxKeys: Object.fromEntries(ints.map((k, i) => [k, Number(row[`k${i}`] ?? 0)])) };
  }

  /** Rows of a NOT NULL foreign-key cycle are kept and sent as one statement (see groupInsertSql). */
  async beginGroup(): Promise<void> {
    this.grouped = [];
  }

  async endGroup(): Promise<void> {
    const sql = groupInsertSql(this.grouped ?? []);
    this.grouped = undefined;
    if (sql) await this.run(sql);
  }

  async beginTable(table: TableInfo, columns: SinkColumn[]): Promise<void> {
    this.columns = columns;
    if (this.grouped) {
      this.grouped.push({ table, columns, rows: [] });
      return;
    }
    const sql = `COPY ${tableName(table, 'postgres')} (${columns.map((c) => quoteIdent(c.name, 'postgres')).join(', ')}) FROM STDIN`;
    // A deep buffer lets the next batches be generated while the server is still parsing the previous ones.
    const stream = this.client!.query(copyFrom(sql, { highWaterMark: 8 * 1024 * 1024 }));
    this.stream = stream;
    this.done = new Promise<void>((resolve, reject) => {
      stream.on('finish', () => resolve());
      stream.on('error', (e: unknown) => reject(toDriverError(e, this.ctx)));
    });
    // Keep an early failure from becoming an unhandled rejection before endTable awaits it.
    this.done.catch(() => undefined);
  }

  async writeRows(rows: Value[][]): Promise<void> {
    if (this.grouped) {
      this.grouped[this.grouped.length - 1]!.rows.push(...rows);
      return;
    }
    let s = '';
    for (const r of rows) s += copyLine(r, this.columns);
    const stream = this.stream!;
    if (!stream.write(s)) await Promise.race([new Promise<void>((resolve) => stream.once('drain', () => resolve())), this.done!]);
  }

  async endTable(): Promise<void> {
    if (this.grouped) return;
    this.stream!.end();
    await this.done;
    this.stream = undefined;
  }

  async backfill(b: BackfillBatch): Promise<void> {
    await this.run(backfillSql(b, 'postgres'));
  }

  async syncSequences(table: TableInfo, columns: string[]): Promise<void> {
    const t = tableName(table, 'postgres');
    for (const c of columns)
      await this.run(`SELECT setval(s, GREATEST((SELECT max(${quoteIdent(c, 'postgres')}) FROM ${t}), 1)) FROM pg_get_serial_sequence($1, $2) AS s WHERE s IS NOT NULL`, [t, c]);
  }

  async finish(): Promise<void> {
    await this.run('COMMIT');
    await this.client!.end().catch(() => undefined);
    this.client = undefined;
  }

  async abort(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A dropped connection already lost the transaction on the server: nothing was committed.
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }

  private async run(sql: string, params?: unknown[]): Promise<pg.QueryResult> {
    try {
      return await this.client!.query(sql, params);
    } catch (e) {
      throw toDriverError(e, this.ctx);
    }
  }
}
