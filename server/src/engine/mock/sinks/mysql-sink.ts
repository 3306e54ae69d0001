// MySQL/MariaDB through multi-row INSERTs (packets of up to ~1 MB), with foreign-key and unique
// checks left ON: the database verifies every row. Like PostgreSQL, the whole run is ONE transaction
// (InnoDB): a failure or a dropped connection leaves nothing committed. MyISAM tables do not take
// part in transactions (reported by the caller's findings only if the server says so).
import type { Connection } from 'mysql2/promise';
import type { TableInfo } from '../../schema/model';
import type { ConnectionConfig } from '../../drivers/types';
import { toMysqlDriverError, type ErrorContext } from '../../drivers/mysql/mysql-errors';
import { mysqlConnectOptions } from '../../drivers/mysql/mysql-options';
import type { Value } from '../expr';
import { quoteIdent, sqlLiteral, tableName } from '../format';
import type { BackfillBatch, MockSink, SinkColumn } from '../types';
import { backfillSql } from './sql-file-sink';
import { assertMockWritable } from '../write-guard';

const PACKET_BYTES = 1_000_000;

export class MysqlInsertSink implements MockSink {
  readonly name: string;
  private conn: Connection | undefined;
  private table: TableInfo | undefined;
  private columns: SinkColumn[] = [];
  private readonly ctx: ErrorContext;

  constructor(private readonly config: ConnectionConfig) {
    assertMockWritable(config);
    this.name = config.name;
    this.ctx = { where: `${config.host ?? '127.0.0.1'}:${config.port ?? 3306}`, database: config.database, user: config.user ?? 'root' };
  }

  async begin(): Promise<void> {
    try {
      // Required here, not imported: mysql2 is loaded only by sessions that use MySQL (esbuild-vendor.mjs).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createConnection } = require('mysql2/promise') as typeof import('mysql2/promise');
      this.conn = await createConnection(mysqlConnectOptions(this.config));
    } catch (e) {
      throw toMysqlDriverError(e, this.ctx);
    }
    this.conn.on('error', () => undefined);
    // UTC, so that generated times are stored as written.
    await this.run("SET time_zone = '+00:00'");
    await this.run('START TRANSACTION');
  }

  async inspectTable(table: TableInfo, keyColumns: string[]): Promise<{ existingRows: number; maxKeys: Record<string, number> }> {
    const ints = keyColumns.filter((k) => /int/i.test(table.columns.find((c) => c.name === k)?.dataType ?? ''));
    const [rows] = await this.run(`SELECT count(*) AS n${ints.map((k, i) => `, COALESCE(max(${quoteIdent(k, 'mysql')}), 0) AS k${i}`).join('')} FROM ${tableName(table, 'mysql')}`);
    const row = ((rows as Record<string, unknown>[])[0] ?? {}) as Record<string, unknown>;
    return { existingRows: Number(row.n ?? 0), maxKeys: Object.fromEntries(ints.map((k, i) => [k, Number(row[`k${i}`] ?? 0)])) };
  }

  async beginTable(table: TableInfo, columns: SinkColumn[]): Promise<void> {
    this.table = table;
    this.columns = columns;
  }

  async writeRows(rows: Value[][]): Promise<void> {
    const head = `INSERT INTO ${tableName(this.table!, 'mysql')} (${this.columns.map((c) => quoteIdent(c.name, 'mysql')).join(', ')}) VALUES `;
    let values: string[] = [];
    let size = head.length;
    for (const r of rows) {
      const tuple = '(' + r.map((v, j) => sqlLiteral(v, this.columns[j]!, 'mysql')).join(', ') + ')';
      if (size + tuple.length > PACKET_BYTES && values.length) {
        await this.run(head + values.join(', '));
        values = [];
        size = head.length;
      }
      values.push(tuple);
      size += tuple.length + 2;
    }
    if (values.length) await this.run(head + values.join(', '));
  }

  async endTable(): Promise<void> {}

  private group: TableInfo[] | undefined;

  /**
   * MySQL checks foreign keys row by row and has no deferred constraints, so the rows of a NOT NULL
   * cycle are inserted with FOREIGN_KEY_CHECKS = 0 and then verified with one query per foreign key:
   * a dangling reference fails the run (and rolls it back).
   */
  async beginGroup(tables: TableInfo[]): Promise<void> {
    this.group = tables;
    await this.run('SET FOREIGN_KEY_CHECKS = 0');
  }

  async endGroup(): Promise<void> {
    await this.run('SET FOREIGN_KEY_CHECKS = 1');
    for (const t of this.group ?? [])
      for (const fk of t.foreignKeys) {
        const on = fk.columns.map((c, i) => `p.${quoteIdent(fk.refColumns[i]!, 'mysql')} = c.${quoteIdent(c, 'mysql')}`).join(' AND ');
        const notNull = fk.columns.map((c) => `c.${quoteIdent(c, 'mysql')} IS NOT NULL`).join(' AND ');
        const [rows] = await this.run(`SELECT count(*) AS n FROM ${tableName(t, 'mysql')} c LEFT JOIN ${quoteIdent(fk.refTable, 'mysql')} p ON ${on} WHERE ${notNull} AND p.${quoteIdent(fk.refColumns[0]!, 'mysql')} IS NULL`);
        const n = Number((rows as { n: unknown }[])[0]?.n ?? 0);
        if (n > 0) throw new Error(`${t.name}.${fk.name}: ${n} rows point at missing ${fk.refTable} rows after the cycle insert`);
      }
    this.group = undefined;
  }

  async backfill(b: BackfillBatch): Promise<void> {
    await this.run(backfillSql(b, 'mysql'));
  }

  async finish(): Promise<void> {
    await this.run('COMMIT');
    await this.conn!.end().catch(() => undefined);
    this.conn = undefined;
  }

  async abort(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    if (!conn) return;
    await conn.query('ROLLBACK').catch(() => undefined);
    await conn.end().catch(() => undefined);
  }

  private async run(sql: string) {
    try {
      return await this.conn!.query(sql);
    } catch (e) {
      throw toMysqlDriverError(e, this.ctx);
    }
  }
}

export type { SinkColumn };
