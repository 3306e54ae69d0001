// Read-only mode against functions and views that write behind the firewall's back (issue 12 items 1,
// 2 and 4): a PostgreSQL function writing through dblink (another connection, outside the read-only
// transaction), views calling it (directly and through another view), row-level security policies,
// user operators, tablefunc/ts_stat running SQL text, and MariaDB stored functions whose flags lie.
// Each attack is run through the executor on a live scratch database, which is checked afterwards.
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { createDriver } from '../../server/src/engine/drivers/registry';
import type { DatabaseDriver } from '../../server/src/engine/drivers/types';
import { runSql } from '../../server/src/engine/safety/executor';
import { functionCorpus, functionSeed, namesPattern } from '../helpers/safety-fixtures';
import { MYSQL_URL, PG_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

const PG_DB = 'sw_safe_fn';
const MY_DB = 'sw_safe_fn';

const FUNCTIONS = functionCorpus();

async function adminPg(): Promise<Client> {
  const c = new Client({ connectionString: PG_URL });
  await c.connect();
  return c;
}

describe('safety live: functions and views in read-only mode (PostgreSQL)', function () {
  this.timeout(60_000);
  let admin: Client;
  let db: Client;
  let driver: DatabaseDriver;

  before(async function () {
    await requirePostgres(this);
    admin = await adminPg();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_DB}`);
    db = new Client({ connectionString: pgUrlFor(PG_DB) });
    await db.connect();
    await db.query(functionSeed('postgres', PG_DB));
    driver = createDriver(parseConnectionUrl(pgUrlFor(PG_DB)));
    await driver.connect();
  });
  after(async () => {
    await driver?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  });

  it('(control) the seeded evil() really writes, even inside a read-only transaction', async () => {
    await db.query('BEGIN READ ONLY');
    await db.query('SELECT evil()');
    await db.query('ROLLBACK');
    assert.equal((await db.query('SELECT note FROM victims')).rows[0].note, 'written');
    await db.query("UPDATE victims SET note = 'untouched'");
  });

  it('refuses every call that reaches a function not known to be read-only, naming the function and the view path', async () => {
    const failures: string[] = [];
    const attacks = FUNCTIONS.attacks.filter((a) => a.dialect === 'postgres');
    assert.ok(attacks.length >= 25);
    for (const a of attacks) {
      const r = await runSql({ driver, connectionName: PG_DB, sql: a.sql, mode: 'read-only', timeoutMs: 5000 });
      if (r.status !== 'refused') failures.push(`${a.sql}: ${r.status} ${r.message ?? ''}`);
      else if (!namesPattern(a, PG_DB).test(r.message)) failures.push(`${a.sql}: message does not match ${a.names}: ${r.message}`);
    }
    assert.deepEqual(failures, []);
    assert.equal((await db.query('SELECT note FROM victims')).rows[0].note, 'untouched');
  });

  it('runs reads of functions and views known to be read-only', async () => {
    for (const { sql } of FUNCTIONS.reads.filter((r) => r.dialect === 'postgres')) {
      const r = await runSql({ driver, connectionName: PG_DB, sql, mode: 'read-only', timeoutMs: 5000 });
      assert.equal(r.status, 'completed', `${sql}: ${r.message}`);
    }
  });

  it('runs a function listed in allowedFunctions (and a view using it), but never a deny-listed one', async () => {
    const allowed = await runSql({ driver, connectionName: PG_DB, sql: 'select volatile_but_pure()', mode: 'read-only', allowedFunctions: ['public.volatile_but_pure'] });
    assert.equal(allowed.status, 'completed', allowed.status === 'refused' ? allowed.message : '');
    const denied = await runSql({ driver, connectionName: PG_DB, sql: 'select pg_advisory_lock(1)', mode: 'read-only', allowedFunctions: ['pg_advisory_lock'] });
    assert.equal(denied.status, 'refused');
  });

  it('sees a function replaced after connecting (the catalog is reloaded when it changed)', async () => {
    await db.query('CREATE OR REPLACE FUNCTION late() RETURNS int LANGUAGE sql STABLE AS $$ SELECT 1 $$');
    const ok = await runSql({ driver, connectionName: PG_DB, sql: 'select late()', mode: 'read-only' });
    assert.equal(ok.status, 'completed');
    await db.query('CREATE OR REPLACE FUNCTION late() RETURNS int LANGUAGE sql STABLE AS $$ SELECT evil() $$');
    const refused = await runSql({ driver, connectionName: PG_DB, sql: 'select late()', mode: 'read-only' });
    assert.equal(refused.status, 'refused');
    assert.equal((await db.query('SELECT note FROM victims')).rows[0].note, 'untouched');
  });
});

describe('safety live: stored functions in read-only mode (MariaDB)', function () {
  this.timeout(60_000);
  let driver: DatabaseDriver;
  let admin: import('mysql2/promise').Connection;

  before(async function () {
    await requireMysql(this);
    const mysql = await import('mysql2/promise');
    admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
    await admin.query(`DROP DATABASE IF EXISTS ${MY_DB}; CREATE DATABASE ${MY_DB}; USE ${MY_DB}; ${functionSeed('mysql', MY_DB)}`);
    const u = new URL(MYSQL_URL);
    u.pathname = '/' + MY_DB;
    driver = createDriver(parseConnectionUrl(u.toString()));
    await driver.connect();
  });
  after(async () => {
    await driver?.close().catch(() => undefined);
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${MY_DB}`).catch(() => undefined);
      await admin.end();
    }
  });

  it('refuses stored functions whose body writes, locks or sets session state, directly and through views, whatever their flags', async () => {
    const cases = FUNCTIONS.attacks.filter((a) => a.dialect === 'mysql').map((a): [string, RegExp] => [a.sql, namesPattern(a, MY_DB)]);
    const failures: string[] = [];
    for (const [sql, re] of cases) {
      const r = await runSql({ driver, connectionName: MY_DB, sql, mode: 'read-only' });
      if (r.status !== 'refused' || !re.test(r.message)) failures.push(`${sql}: ${r.status} ${r.message ?? ''}`);
    }
    assert.deepEqual(failures, []);
    const [rows] = await admin.query(`SELECT count(*) AS n FROM ${MY_DB}.log`);
    assert.equal((rows as { n: number }[])[0]!.n, 0);
  });

  it('runs stored functions and views whose bodies only read', async () => {
    for (const { sql } of FUNCTIONS.reads.filter((r) => r.dialect === 'mysql')) {
      const r = await runSql({ driver, connectionName: MY_DB, sql, mode: 'read-only' });
      assert.equal(r.status, 'completed', `${sql}: ${r.message}`);
    }
  });
});
