// The drivers' write, cancel and EXPLAIN paths against live PostgreSQL (sw_run_drv) and MariaDB
// (sw_run_my): execute() refuses on read-only connections and commits on writable ones, cancel()
// stops a running statement on the server, explain() returns the server's plan, which the engine
// turns into a tree.
import { strict as assert } from 'node:assert';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { DriverError } from '../../server/src/engine/drivers/errors';
import { MysqlDriver } from '../../server/src/engine/drivers/mysql/mysql-driver';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';
import type { ConnectionConfig, DatabaseDriver } from '../../server/src/engine/drivers/types';
import { planTree, type PlanNode } from '../../server/src/engine/execution/plan-tree';
import { recreateDatabase, dropDatabase } from '../helpers/datasets';
import { MYSQL_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

const nodes = (n: PlanNode): PlanNode[] => [n, ...n.children.flatMap(nodes)];

/** Starts `slow`, waits until the server shows it running (`isRunning`), cancels, and times the rest. */
async function cancelWhileRunning(driver: DatabaseDriver, slow: Promise<unknown>, isRunning: () => Promise<boolean>): Promise<{ error: unknown; ms: number; cancelled: number; detail: string }> {
  const settled = slow.then(
    () => undefined,
    (e: unknown) => e,
  );
  const deadline = Date.now() + 10_000;
  while (!(await isRunning())) {
    if (Date.now() > deadline) throw new Error('the slow statement never showed up on the server');
    await new Promise((r) => setTimeout(r, 25));
  }
  const started = Date.now();
  const { cancelled, detail } = await driver.cancel();
  const error = await settled;
  return { error, ms: Date.now() - started, cancelled, detail };
}

describe('drivers: execute, cancel and explain on live servers', function () {
  this.timeout(60_000);

  describe('PostgreSQL', () => {
    const DB = 'sw_run_drv';
    const base: ConnectionConfig = { name: 'pg-drv', driver: 'postgres', host: '127.0.0.1', port: 5432, database: DB, user: 'postgres', readOnly: true };
    let ro: PostgresDriver;
    let rw: PostgresDriver;
    const scalar = async (sql: string) => {
      const c = new Client({ connectionString: pgUrlFor(DB) });
      await c.connect();
      try {
        return (await c.query(sql)).rows[0]?.v as unknown;
      } finally {
        await c.end();
      }
    };

    before(async function () {
      await requirePostgres(this);
      await recreateDatabase(DB);
      const c = new Client({ connectionString: pgUrlFor(DB) });
      await c.connect();
      await c.query(`CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, qty int NOT NULL DEFAULT 0);
        INSERT INTO item SELECT g, 'item ' || g, g % 7 FROM generate_series(1, 2000) g;
        ANALYZE item;`);
      await c.end();
      ro = new PostgresDriver(base);
      rw = new PostgresDriver({ ...base, name: 'pg-drv-rw', readOnly: false });
      await Promise.all([ro.connect(), rw.connect()]);
    });
    after(async () => {
      await Promise.all([ro?.close(), rw?.close()]);
      await dropDatabase(DB).catch(() => undefined);
    });

    it('execute() refuses on a read-only connection before touching the database', async () => {
      await assert.rejects(ro.execute('delete from item'), (e: unknown) => e instanceof DriverError && e.kind === 'read_only' && /connection "pg-drv" is read-only/.test(e.message));
      assert.equal(await scalar('select count(*)::int as v from item'), 2000);
    });

    it('execute() commits on a writable connection: rows affected, RETURNING rows with the cap, and the statement timeout', async () => {
      const updated = await rw.execute('update item set qty = qty + 1 where id <= 10');
      assert.deepEqual([updated.rowCount, updated.fields.length], [10, 0]);
      assert.equal(await scalar('select sum(qty)::int as v from item where id <= 10'), [...Array(10)].reduce((s, _, i) => s + ((i + 1) % 7) + 1, 0));
      const returned = await rw.execute("insert into item select g, 'new ' || g from generate_series(3001, 3020) g returning id", { maxRows: 5 });
      assert.deepEqual([returned.rows, returned.truncated], [[[3001], [3002], [3003], [3004], [3005]], true]);
      assert.equal(await scalar('select count(*)::int as v from item where id > 3000'), 20, 'all 20 committed, 5 shown');
      await assert.rejects(rw.execute('select pg_sleep(5)', { timeoutMs: 200 }), (e: unknown) => e instanceof DriverError && e.kind === 'timeout');
      assert.equal(await rw.currentUser(), 'postgres');
    });

    it('cancel() stops a running statement with pg_cancel_backend, and the next query works', async () => {
      const r = await cancelWhileRunning(ro, ro.queryReadOnly('select pg_sleep(30)'), async () =>
        Number(await scalar(`select count(*)::int as v from pg_stat_activity where datname = '${DB}' and wait_event = 'PgSleep'`)) === 1,
      );
      assert.equal(r.cancelled, 1);
      assert.match(r.detail, /^pg_cancel_backend\(\d+\)$/);
      assert.ok(r.error instanceof DriverError && /canceling statement due to user request/.test(r.error.message), String(r.error));
      assert.ok(r.ms < 2000, `cancelled in ${r.ms} ms`);
      assert.equal(await scalar(`select count(*)::int as v from pg_stat_activity where datname = '${DB}' and wait_event = 'PgSleep'`), 0);
      assert.deepEqual((await ro.queryReadOnly('select 1')).rows, [[1]]);
      assert.deepEqual(await ro.cancel(), { cancelled: 0, detail: 'no statement was running' });
    });

    it('explain() returns the JSON plan; ANALYZE of a write is refused by the read-only transaction unless allowed, then rolled back', async () => {
      const plain = await ro.explain('select * from item where id = 42');
      assert.equal(plain.format, 'postgres-json');
      const tree = planTree(plain);
      assert.match(tree.root.label, /Index Scan using item_pkey on public\.item|Index Scan using item_pkey on item/);
      assert.equal(tree.root.planRows, 1);
      const analysed = planTree(await ro.explain('select qty, count(*) from item group by qty order by 2 desc', { analyze: true }));
      assert.equal(analysed.metric, 'time');
      assert.ok(nodes(analysed.root).every((n) => n.actualTotalMs !== undefined && n.actualRows !== undefined));
      // The node with the most self time is hot, and no node that is not hot has more than a hot one
      // (several may be hot: the first in the tree need not be the largest).
      const all = nodes(analysed.root);
      const largest = Math.max(...all.map((n) => n.self));
      assert.ok(all.some((n) => n.self === largest && n.hot), 'the largest node is hot');
      const coolest = Math.min(...all.filter((n) => n.hot).map((n) => n.self));
      assert.ok(all.filter((n) => !n.hot).every((n) => n.self <= coolest), 'hot nodes have the most self time');
      await assert.rejects(ro.explain('delete from item', { analyze: true }), (e: unknown) => e instanceof DriverError && e.kind === 'read_only');
      await assert.rejects(ro.explain('delete from item', { analyze: true, allowWrites: true }), /read-only/);
      const before = await scalar('select count(*)::int as v from item where qty = 3');
      const write = planTree(await rw.explain('delete from item where qty = 3', { analyze: true, allowWrites: true }));
      assert.match(write.root.label, /^Delete on/);
      assert.equal(write.root.children[0]!.actualRows, before, 'it really ran');
      assert.equal(await scalar('select count(*)::int as v from item where qty = 3'), before, 'EXPLAIN ANALYZE was rolled back');
    });
  });

  describe('MariaDB', () => {
    const DB = 'sw_run_my';
    const url = new URL(MYSQL_URL);
    const base: ConnectionConfig = { name: 'my-drv', driver: 'mysql', host: url.hostname, port: Number(url.port || 3306), database: DB, user: decodeURIComponent(url.username), readOnly: true };
    let ro: MysqlDriver;
    let rw: MysqlDriver;
    let admin: Awaited<ReturnType<typeof createConnection>>;
    const scalar = async (sql: string) => ((await admin.query(sql)) as unknown as [Record<string, unknown>[]])[0][0]?.v;

    before(async function () {
      await requireMysql(this);
      admin = await createConnection({ uri: MYSQL_URL, multipleStatements: true });
      await admin.query(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB}; USE ${DB};
        CREATE TABLE item (id int PRIMARY KEY, name varchar(40) NOT NULL, qty int NOT NULL DEFAULT 0, KEY qty_idx (qty));
        INSERT INTO item SELECT seq, concat('item ', seq), seq % 7 FROM seq_1_to_2000;`);
      ro = new MysqlDriver(base);
      rw = new MysqlDriver({ ...base, name: 'my-drv-rw', readOnly: false });
      await Promise.all([ro.connect(), rw.connect()]);
    });
    after(async () => {
      await Promise.all([ro?.close(), rw?.close()]);
      await admin?.query(`DROP DATABASE IF EXISTS ${DB}`).catch(() => undefined);
      await admin?.end();
    });

    it('execute() refuses on a read-only connection; on a writable one it commits even on a connection a read left read-only', async () => {
      await assert.rejects(ro.execute('delete from item'), (e: unknown) => e instanceof DriverError && e.kind === 'read_only');
      // Reads arm the pooled connections with the session read-only flag; a write must lift it.
      await Promise.all([1, 2, 3, 4].map(() => rw.queryReadOnly('select 1')));
      const r = await rw.execute('update item set qty = 100 where id <= 3');
      assert.equal(r.rowCount, 3);
      assert.equal(Number(await scalar(`select count(*) as v from ${DB}.item where qty = 100`)), 3);
      const dup = await rw.execute("insert ignore into item (id, name) values (1, 'duplicate')");
      assert.equal(dup.rowCount, 0);
      assert.deepEqual(dup.notices, ["Warning 1062: Duplicate entry '1' for key 'PRIMARY'"]);
      assert.match((await rw.currentUser())!, /^root@/);
    });

    it('cancel() sends KILL QUERY for a running statement, and the connection pool keeps working', async () => {
      const r = await cancelWhileRunning(ro, ro.queryReadOnly('select sleep(30)'), async () =>
        Number(await scalar("select count(*) as v from information_schema.processlist where info = 'select sleep(30)'")) === 1,
      );
      assert.equal(r.cancelled, 1);
      assert.match(r.detail, /^KILL QUERY \d+$/);
      assert.ok(r.ms < 2000, `cancelled in ${r.ms} ms`);
      // MariaDB ends SLEEP() early on KILL QUERY: it returns 1 instead of raising an error.
      assert.ok(r.error === undefined || /interrupted/i.test(String(r.error)), String(r.error));
      assert.equal(Number(await scalar("select count(*) as v from information_schema.processlist where info = 'select sleep(30)'")), 0);
      assert.deepEqual((await ro.queryReadOnly('select 2')).rows, [[2]]);
    });

    it('explain() returns EXPLAIN FORMAT=JSON and ANALYZE FORMAT=JSON plans that become trees', async () => {
      const plain = await ro.explain('select * from item where qty = 3 order by name');
      assert.equal(plain.format, 'mysql-json');
      const tree = planTree(plain);
      const tables = nodes(tree.root).filter((n) => /on item$/.test(n.label));
      assert.equal(tables.length, 1);
      assert.ok(tables[0]!.planRows! > 0);
      const analysed = planTree(await ro.explain('select qty, count(*) from item group by qty', { analyze: true }));
      assert.equal(analysed.analyzed, true);
      assert.equal(analysed.metric, 'time');
      const scanned = nodes(analysed.root).find((n) => /on item$/.test(n.label))!;
      assert.equal(scanned.actualRows, 2000);
      assert.ok(nodes(analysed.root).some((n) => n.hot));
      await assert.rejects(ro.explain('delete from item', { analyze: true }), (e: unknown) => e instanceof DriverError);
      assert.equal(Number(await scalar(`select count(*) as v from ${DB}.item`)), 2000);
    });
  });
});
