// MySQL/MariaDB driver against the live test server: the published Chinook, Sakila and Northwind
// scripts are loaded into sw_my_* databases, introspected, and the model is checked against
// independent information_schema counts; then bad input and the read-only guarantees.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { MysqlDriver } from '../../server/src/engine/drivers/mysql/mysql-driver';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { DriverError } from '../../server/src/engine/drivers/errors';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { MYSQL_URL, requireMysql } from '../helpers/services';
import { CHINOOK_DB, NORTHWIND_DB, SAKILA_DB, dropMysqlDatabases, loadChinook, loadNorthwind, loadSakila, mysqlUrlFor } from '../helpers/mysql-datasets';

const FEATURES_DB = 'sw_my_features';
const EMPTY_DB = 'sw_my_empty';

const driverFor = (database: string, overrides = {}) => new MysqlDriver(parseConnectionUrl(mysqlUrlFor(database), overrides));

async function rejects(p: Promise<unknown>, kind: DriverError['kind']): Promise<DriverError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DriverError, `expected a DriverError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected a ${kind} DriverError`);
}

describe('MySQL/MariaDB driver (live server)', function () {
  this.timeout(60_000);
  let admin: Connection;

  before(async function () {
    await requireMysql(this);
    await Promise.all([loadChinook(), loadSakila(), loadNorthwind()]);
    admin = await createConnection({ uri: MYSQL_URL, multipleStatements: true });
    await admin.query(`DROP DATABASE IF EXISTS ${FEATURES_DB}; CREATE DATABASE ${FEATURES_DB};
      DROP DATABASE IF EXISTS ${EMPTY_DB}; CREATE DATABASE ${EMPTY_DB};
      USE ${FEATURES_DB};
      CREATE TABLE region (country CHAR(2) NOT NULL, code VARCHAR(8) NOT NULL, name VARCHAR(80) NOT NULL COMMENT 'display name',
        PRIMARY KEY (country, code)) COMMENT 'administrative regions';
      CREATE TABLE shop (id INT AUTO_INCREMENT PRIMARY KEY, country CHAR(2) NULL, region_code VARCHAR(8) NULL,
        price DECIMAL(8,2) NOT NULL DEFAULT 0 CHECK (price >= 0), label VARCHAR(20) DEFAULT 'it''s new',
        price_with_tax DECIMAL(9,2) AS (price * 1.2) VIRTUAL, size ENUM('s','m','l') NOT NULL DEFAULT 'm',
        UNIQUE KEY uq_shop_label_country (label, country),
        CONSTRAINT fk_shop_region FOREIGN KEY (country, region_code) REFERENCES region (country, code) ON DELETE CASCADE ON UPDATE SET NULL);`);
  });

  after(async () => {
    if (!admin) return;
    await admin.end();
    await dropMysqlDatabases([FEATURES_DB, EMPTY_DB, CHINOOK_DB, SAKILA_DB, NORTHWIND_DB]);
  });

  async function count(sql: string, db: string): Promise<number> {
    const [rows] = await admin.query<RowDataPacket[]>(sql, [db]);
    return Number(rows[0]!.n);
  }

  async function expectedCounts(db: string) {
    return {
      tables: await count(`SELECT COUNT(*) n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`, db),
      views: await count(`SELECT COUNT(*) n FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?`, db),
      columns: await count(`SELECT COUNT(*) n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?`, db),
      foreignKeys: await count(`SELECT COUNT(*) n FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?`, db),
      indexes: await count(`SELECT COUNT(DISTINCT TABLE_NAME, INDEX_NAME) n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?`, db),
      routines: await count(`SELECT COUNT(*) n FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`, db),
    };
  }

  function modelCounts(m: SchemaModel, db: string) {
    const ts = m.tables.filter((t) => t.schema === db);
    return {
      tables: ts.filter((t) => t.kind === 'table').length,
      views: ts.filter((t) => t.kind === 'view').length,
      columns: ts.reduce((n, t) => n + t.columns.length, 0),
      foreignKeys: ts.reduce((n, t) => n + t.foreignKeys.length, 0),
      indexes: ts.reduce((n, t) => n + t.indexes.length, 0),
      routines: m.routines.filter((r) => r.schema === db).length,
    };
  }

  for (const db of [CHINOOK_DB, SAKILA_DB, NORTHWIND_DB]) {
    it(`introspects ${db} with the same counts as information_schema, in a fixed number of queries`, async () => {
      const driver = driverFor(db);
      try {
        await driver.connect();
        const before = driver.stats.queries;
        const started = performance.now();
        const model = await driver.introspect();
        const ms = Math.round(performance.now() - started);
        const queries = driver.stats.queries - before;
        console.log(`      ${db}: ${model.tables.length} tables/views, ${queries} catalog queries, ${ms} ms`);
        assert.deepEqual(modelCounts(model, db), await expectedCounts(db));
        assert.ok(queries <= 15, `${queries} queries`);
        assert.equal(queries, 11, 'one query per object kind, whatever the table count (table sizes only when asked)');
        assert.equal(model.dialect, 'mysql');
        assert.deepEqual(model.searchPath, [db]);
        assert.deepEqual(model.schemas.map((s) => s.name), [db]);
        assert.match(model.serverVersion ?? '', /\d+\.\d+/);
      } finally {
        await driver.close();
      }
    });
  }

  it('introspects several databases at once with the same number of queries', async () => {
    const driver = driverFor(CHINOOK_DB, {});
    try {
      await driver.connect();
      const before = driver.stats.queries;
      const model = await driver.introspect({ schemas: [CHINOOK_DB, SAKILA_DB, NORTHWIND_DB] });
      assert.equal(driver.stats.queries - before, 11); // table sizes only when asked (tableSizes)
      assert.deepEqual(model.schemas.map((s) => s.name).sort(), [CHINOOK_DB, NORTHWIND_DB, SAKILA_DB]);
      assert.equal(model.tables.filter((t) => t.schema === SAKILA_DB).length, 23);
      assert.deepEqual(model.searchPath, [CHINOOK_DB]);
    } finally {
      await driver.close();
    }
  });

  describe('model details', () => {
    let sakila: SchemaModel;
    let chinook: SchemaModel;
    let features: SchemaModel;
    before(async () => {
      for (const [db, set] of [[SAKILA_DB, (m: SchemaModel) => (sakila = m)], [CHINOOK_DB, (m: SchemaModel) => (chinook = m)], [FEATURES_DB, (m: SchemaModel) => (features = m)]] as const) {
        const d = driverFor(db);
        set(await d.introspect());
        await d.close();
      }
    });
    const table = (m: SchemaModel, name: string) => m.tables.find((t) => t.name === name)!;

    it('exposes sakila film.rating as an enum with its values, in order', () => {
      const rating = table(sakila, 'film').columns.find((c) => c.name === 'rating')!;
      assert.equal(rating.enumRef, `${SAKILA_DB}.film_rating`);
      assert.equal(rating.default, "'G'");
      const e = sakila.enums.find((x) => `${x.schema}.${x.name}` === rating.enumRef)!;
      assert.deepEqual(e.values, ['G', 'PG', 'PG-13', 'R', 'NC-17']);
    });

    it('reads composite primary keys and foreign keys in key order, with their actions', () => {
      assert.deepEqual(table(sakila, 'film_actor').primaryKey, { name: 'PRIMARY', columns: ['actor_id', 'film_id'] });
      assert.deepEqual(table(chinook, 'PlaylistTrack').primaryKey?.columns, ['PlaylistId', 'TrackId']);
      const fk = table(features, 'shop').foreignKeys[0]!;
      assert.deepEqual(fk, { name: 'fk_shop_region', columns: ['country', 'region_code'], refSchema: FEATURES_DB, refTable: 'region', refColumns: ['country', 'code'], onUpdate: 'set_null', onDelete: 'cascade' });
      assert.deepEqual(table(features, 'shop').uniques, [{ name: 'uq_shop_label_country', columns: ['label', 'country'] }]);
      const addr = table(sakila, 'address').foreignKeys.find((f) => f.name === 'fk_address_city')!;
      assert.equal(addr.onDelete, 'restrict');
      assert.equal(addr.onUpdate, 'cascade');
    });

    it('reads comments, defaults, identity, generated columns and checks', () => {
      const region = table(features, 'region');
      assert.equal(region.comment, 'administrative regions');
      assert.equal(region.columns.find((c) => c.name === 'name')!.comment, 'display name');
      const shop = table(features, 'shop');
      const col = (n: string) => shop.columns.find((c) => c.name === n)!;
      assert.equal(col('id').identity, 'by_default');
      assert.equal(col('label').default, "'it''s new'");
      assert.match(col('price_with_tax').generated ?? '', /price.*1\.2/);
      assert.equal(col('size').nullable, false);
      assert.ok(shop.checks.some((c) => /price.*>=.*0/.test(c.expression)), JSON.stringify(shop.checks));
      assert.equal(sakila.routines.find((r) => r.name === 'rewards_report')!.comment, 'Provides a customizable report on best customers');
    });

    it('reads routines with parameter modes and return types', () => {
      const fis = sakila.routines.find((r) => r.name === 'film_in_stock')!;
      assert.equal(fis.kind, 'procedure');
      assert.deepEqual(fis.params.map((p) => `${p.mode} ${p.name} ${p.type}`), ['in p_film_id int(11)', 'in p_store_id int(11)', 'out p_film_count int(11)']);
      const bal = sakila.routines.find((r) => r.name === 'get_customer_balance')!;
      assert.equal(bal.kind, 'function');
      assert.equal(bal.returnType, 'decimal(5,2)');
    });

    it('reads views with their definition, and row estimates of tables', () => {
      const view = table(sakila, 'actor_info');
      assert.equal(view.kind, 'view');
      assert.equal(view.comment, undefined);
      assert.match(view.viewDefinition ?? '', /select/i);
      assert.ok((table(sakila, 'rental').rowEstimate ?? 0) > 1000);
      const fulltext = table(sakila, 'film_text').indexes.find((i) => i.name === 'idx_title_description')!;
      assert.deepEqual([fulltext.method, fulltext.columns], ['fulltext', ['title', 'description']]);
    });
  });

  describe('bad input', () => {
    it('reports a wrong password as auth, without echoing the password', async () => {
      await admin.query(`DROP USER IF EXISTS 'sw_my_user'@'%'; CREATE USER 'sw_my_user'@'%' IDENTIFIED BY 'secret'; GRANT SELECT ON ${CHINOOK_DB}.* TO 'sw_my_user'@'%'`);
      try {
        const base = new URL(mysqlUrlFor(CHINOOK_DB));
        base.username = 'sw_my_user';
        base.password = 'wrong-pass';
        const err = await rejects(new MysqlDriver(parseConnectionUrl(base.toString())).connect(), 'auth');
        assert.ok(!err.message.includes('wrong-pass'));
        assert.match(err.message, /sw_my_user/);
        base.password = 'secret';
        const ok = new MysqlDriver(parseConnectionUrl(base.toString()));
        assert.equal((await ok.introspect()).tables.length, 11);
        await ok.close();
      } finally {
        await admin.query(`DROP USER IF EXISTS 'sw_my_user'@'%'`);
      }
    });

    it('reports an unknown database as database_not_found', async () => {
      const err = await rejects(driverFor('sw_my_does_not_exist').connect(), 'database_not_found');
      assert.match(err.message, /sw_my_does_not_exist/);
    });

    it('reports a closed port as unreachable', async () => {
      const port = await new Promise<number>((resolve) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => resolve(p));
        });
      });
      const d = new MysqlDriver(parseConnectionUrl(`mysql://root@127.0.0.1:${port}/test`));
      await rejects(d.connect(), 'unreachable');
    });

    it('introspects an empty database as a schema without tables', async () => {
      const d = driverFor(EMPTY_DB);
      const m = await d.introspect();
      await d.close();
      assert.deepEqual(m.schemas, [{ name: EMPTY_DB }]);
      assert.deepEqual([m.tables, m.routines, m.enums], [[], [], []]);
    });

    it('reports a connection killed mid-query as connection_lost, and the next call reconnects', async () => {
      const d = driverFor(CHINOOK_DB);
      await d.connect();
      try {
        const running = d.queryReadOnly('SELECT SLEEP(20) AS sw_my_kill_me');
        const outcome = running.then(() => undefined, (e: unknown) => e);
        let id: number | undefined;
        for (let i = 0; i < 500 && id === undefined; i++) {
          const [rows] = await admin.query<RowDataPacket[]>(`SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(20) AS sw_my_kill_me%'`);
          id = rows[0]?.ID as number | undefined;
        }
        assert.ok(id, 'the sleeping query shows in the process list');
        await admin.query(`KILL ${id}`);
        const err = await outcome;
        assert.ok(err instanceof DriverError && err.kind === 'connection_lost', String(err));
        const again = await d.queryReadOnly('SELECT COUNT(*) FROM Track');
        assert.deepEqual(again.rows, [['3503']]);
      } finally {
        await d.close();
      }
    });
  });

  describe('queryReadOnly', () => {
    let d: MysqlDriver;
    before(async () => {
      d = driverFor(CHINOOK_DB);
      await d.connect();
    });
    after(() => d.close());

    it('refuses writes and DDL with a read_only error and leaves the data unchanged', async () => {
      await rejects(d.queryReadOnly('DELETE FROM InvoiceLine'), 'read_only');
      await rejects(d.queryReadOnly('UPDATE Track SET Name = NULL'), 'read_only');
      await rejects(d.queryReadOnly('DROP TABLE Genre'), 'read_only');
      const [rows] = await admin.query<RowDataPacket[]>(`SELECT (SELECT COUNT(*) FROM ${CHINOOK_DB}.InvoiceLine) il, (SELECT COUNT(*) FROM ${CHINOOK_DB}.Genre) g`);
      assert.deepEqual([Number(rows[0]!.il), Number(rows[0]!.g)], [2240, 25]);
    });

    it('caps the rows and says the result was truncated', async () => {
      const r = await d.queryReadOnly('SELECT TrackId, Name FROM Track ORDER BY TrackId', { maxRows: 10 });
      assert.equal(r.rows.length, 10);
      assert.equal(r.truncated, true);
      assert.deepEqual(r.rows[0], [1, 'For Those About To Rock (We Salute You)']);
      assert.deepEqual(r.fields.map((f) => f.name), ['TrackId', 'Name']);
      const small = await d.queryReadOnly('SELECT * FROM Genre', { maxRows: 100 });
      assert.equal(small.rows.length, 25);
      assert.equal(small.truncated, false);
      // the cap is per call: catalog queries on the same pool see every row afterwards
      assert.equal((await d.introspect()).tables.length, 11);
    });

    it('stops a statement that runs past its timeout', async () => {
      const err = await rejects(d.queryReadOnly('SELECT SLEEP(5)', { timeoutMs: 300 }), 'timeout');
      assert.match(err.message, /time/);
      assert.deepEqual((await d.queryReadOnly('SELECT 1 + 1')).rows, [[2]]);
    });

    it('reports SQL errors as query errors', async () => {
      const err = await rejects(d.queryReadOnly('SELECT * FROM no_such_table'), 'query');
      assert.match(err.message, /no_such_table/);
    });
  });
});
