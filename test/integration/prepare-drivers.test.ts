// DatabaseDriver.prepare, the diagnostics' live check: each driver asks its real database to PREPARE
// a statement and reports the objection with a position inside the statement, and never executes
// it: row counts stay, no prepared statement is left behind, a smuggled second statement is refused.
import { strict as assert } from 'node:assert';
import { Client } from 'pg';
import { DriverError } from '../../server/src/engine/drivers/errors';
import { MysqlDriver } from '../../server/src/engine/drivers/mysql/mysql-driver';
import { positionOf } from '../../server/src/engine/drivers/mysql/mysql-prepare';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';
import type { DatabaseDriver, PrepareError } from '../../server/src/engine/drivers/types';
import { MYSQL_URL, PG_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

const SETUP = `CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL);
  CREATE TABLE u (id int PRIMARY KEY, t_id int);
  INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three');`;

/** The objection with its position turned into the text it points at (the next 5 characters). */
function at(sql: string, e: PrepareError | undefined) {
  if (!e) return undefined;
  return { code: e.code, near: e.position === undefined ? undefined : sql.slice(e.position - 1, e.position + 4), message: e.message };
}

/** Checks every PostgreSQL-family driver must pass; `count` reads a row count outside the driver. */
function postgresBehaviour(driver: () => DatabaseDriver, count: (table: string) => Promise<number>) {
  it('reports a type error on the literal PostgreSQL rejects (22P02 at the exact position)', async () => {
    const sql = "SELECT 1 FROM t WHERE id = 'abc'";
    const e = at(sql, await driver().prepare!(sql));
    assert.deepEqual([e?.code, e?.near], ['22P02', "'abc'"]);
    assert.match(e!.message, /invalid input syntax for type integer/);
  });

  it('reports an operator type error and an unknown column on their tokens', async () => {
    const op = 'SELECT name + 1\nFROM t';
    assert.deepEqual([at(op, await driver().prepare!(op))?.code, at(op, await driver().prepare!(op))?.near], ['42883', '+ 1\nF']);
    const col = 'SELECT nme FROM t';
    assert.deepEqual(at(col, await driver().prepare!(col))?.near, 'nme F');
  });

  it('accepts valid statements, typed and untyped parameters included, and deallocates each prepare', async () => {
    for (const sql of ['SELECT t.name FROM t JOIN u ON u.t_id = t.id WHERE t.id = $1;', 'SELECT $1', 'WITH x AS (SELECT 1 AS n) SELECT n FROM x'])
      assert.equal(await driver().prepare!(sql), undefined, sql);
    // A statement left prepared would make the second PREPARE of the same name fail (42P05).
    assert.equal(await driver().prepare!('SELECT 1'), undefined);
    assert.equal(await driver().prepare!('SELECT 1'), undefined);
    const left = await driver().queryReadOnly('SELECT count(*)::int FROM pg_prepared_statements');
    assert.deepEqual(left.rows, [[0]]);
  });

  it('never executes a write: DELETE, UPDATE and INSERT are only prepared and the rows stay', async () => {
    for (const sql of ['DELETE FROM t', "UPDATE t SET name = 'x'", "INSERT INTO t VALUES (9, 'nine')", 'DELETE FROM u RETURNING *'])
      assert.equal(await driver().prepare!(sql), undefined, sql);
    assert.equal(await count('t'), 3);
    assert.equal(await count('u'), 0);
    assert.equal(await count("t WHERE name = 'x'"), 0);
  });

  it('refuses a second statement smuggled after the first, which therefore never runs', async () => {
    const e = await driver().prepare!('SELECT 1; DELETE FROM t');
    assert.equal(e?.code, '42601');
    assert.equal(await count('t'), 3);
  });
}

describe('DatabaseDriver.prepare (the live check: PREPARE, never execute)', function () {
  this.timeout(30_000);

  describe('PostgreSQL', () => {
    const db = 'sw_live_drv_pg';
    let driver: PostgresDriver;
    let reader: Client;
    before(async function () {
      await requirePostgres(this);
      const admin = new Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${db}`);
      await admin.end();
      reader = new Client({ connectionString: pgUrlFor(db) });
      await reader.connect();
      await reader.query(SETUP);
      const url = new URL(pgUrlFor(db));
      // Writable on purpose: prepare must not execute even where the connection could write.
      driver = new PostgresDriver({ name: 'pg', driver: 'postgres', host: url.hostname, port: Number(url.port), user: url.username, database: db, readOnly: false });
      await driver.connect();
    });
    after(async () => {
      await driver?.close();
      await reader?.end();
      const admin = new Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await admin.end();
    });

    postgresBehaviour(
      () => driver,
      async (table) => (await reader.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n,
    );

    it('says it bounds statements on the server', () => {
      assert.equal(driver.serverSideTimeout, true);
    });

    it('rejects, rather than objecting, when the database cannot be asked', async () => {
      const closed = new PostgresDriver({ name: 'closed', driver: 'postgres', database: db, readOnly: true });
      await assert.rejects(closed.prepare('SELECT 1'), (e: unknown) => e instanceof DriverError && e.kind === 'config');
    });
  });

  describe('PGlite', () => {
    let driver: PgliteDriver;
    before(async () => {
      driver = new PgliteDriver({ name: 'pglite', driver: 'pglite', readOnly: false }, { seed: (exec) => exec(SETUP) });
      await driver.connect();
    });
    after(() => driver?.close());

    postgresBehaviour(
      () => driver,
      async (table) => Number((await driver.queryReadOnly(`SELECT count(*)::int FROM ${table}`)).rows[0]![0]),
    );

    it('says it cannot bound statements on the server', () => {
      assert.equal(driver.serverSideTimeout, false);
    });
  });

  describe('MariaDB / MySQL', () => {
    const db = 'sw_live_drv_my';
    let driver: MysqlDriver;
    let admin: import('mysql2/promise').Connection;
    const count = async (table: string) => {
      const [rows] = await admin.query(`SELECT count(*) AS n FROM ${db}.${table}`);
      return Number((rows as { n: number }[])[0]!.n);
    };
    before(async function () {
      await requireMysql(this);
      const mysql = await import('mysql2/promise');
      admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
      await admin.query(`DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db}; USE ${db}; ${SETUP.replace('name text', 'name varchar(20)')}`);
      const url = new URL(MYSQL_URL);
      driver = new MysqlDriver({ name: 'my', driver: 'mysql', host: url.hostname, port: Number(url.port), user: url.username, database: db, readOnly: true });
      await driver.connect();
    });
    after(async () => {
      await driver?.close();
      await admin?.query(`DROP DATABASE IF EXISTS ${db}`);
      await admin?.end();
    });

    it('maps ER_* errors and places them on the name or the syntax error the server quotes', async () => {
      const cases: [string, string, string][] = [
        ['SELECT nme FROM t', 'ER_BAD_FIELD_ERROR', 'nme F'],
        ['SELECT id FROM missing_table', 'ER_NO_SUCH_TABLE', 'missi'],
        ['SELECT id FROM t JOIN u ON u.t_id = t.id', 'ER_NON_UNIQ_ERROR', 'id FR'],
        ['SELECT id FROM t WHERE', 'ER_PARSE_ERROR', ''],
        ['SELECT id FROM t WHERE id = = 2', 'ER_PARSE_ERROR', '= 2'],
      ];
      for (const [sql, code, near] of cases) {
        const e = at(sql, await driver.prepare(sql));
        assert.deepEqual([e?.code, e?.near], [code, near], `${sql}: ${e?.message}`);
      }
    });

    it('accepts valid statements and never executes writes', async () => {
      for (const sql of ['SELECT t.name FROM t JOIN u ON u.t_id = t.id WHERE t.id = ?', 'DELETE FROM t', "UPDATE t SET name = 'x'", "INSERT INTO t VALUES (9, 'nine')"])
        assert.equal(await driver.prepare(sql), undefined, sql);
      assert.equal(await count('t'), 3);
      assert.equal(await count("t WHERE name = 'x'"), 0);
    });

    it('asks the server every time: a statement accepted before is rejected once its column is gone', async () => {
      const sql = 'SELECT t_id FROM u';
      assert.equal(await driver.prepare(sql), undefined);
      await admin.query(`ALTER TABLE ${db}.u DROP COLUMN t_id`);
      try {
        assert.equal((await driver.prepare(sql))?.code, 'ER_BAD_FIELD_ERROR');
      } finally {
        await admin.query(`ALTER TABLE ${db}.u ADD COLUMN t_id int`);
      }
    });

    it('refuses a smuggled second statement as a syntax error', async () => {
      assert.equal((await driver.prepare('SELECT 1; DELETE FROM t'))?.code, 'ER_PARSE_ERROR');
      assert.equal(await count('t'), 3);
    });
  });

  describe('MySQL error positions (no database)', () => {
    it('skips names inside strings and comments, and places a syntax error after a newline on its line', () => {
      const sql = "SELECT 'nme' AS x, /* nme */ `nme` FROM t";
      assert.equal(sql.slice(positionOf('ER_BAD_FIELD_ERROR', "Unknown column 'nme' in 'field list'", sql)! - 1).slice(0, 3), 'nme');
      assert.equal(positionOf('ER_BAD_FIELD_ERROR', "Unknown column 'nme' in 'field list'", sql), sql.indexOf('`nme`') + 2);
      const multi = 'SELECT 1\nFROM t WHERE x';
      assert.equal(positionOf('ER_PARSE_ERROR', "You have an error in your SQL syntax; check the manual near 'x' at line 2", multi), multi.length);
      assert.equal(positionOf('ER_WRONG_VALUE_COUNT_ON_ROW', "Column count doesn't match value count at row 1", multi), undefined);
    });
  });
});
