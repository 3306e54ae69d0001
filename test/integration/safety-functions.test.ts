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
import { MYSQL_URL, PG_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

const PG_DB = 'sw_safe_fn';
const MY_DB = 'sw_safe_fn';

export const PG_FUNCTION_SEED = (dbname: string) => `
  CREATE EXTENSION IF NOT EXISTS dblink;
  CREATE EXTENSION IF NOT EXISTS tablefunc;
  CREATE TABLE victims (id int PRIMARY KEY, note text);
  INSERT INTO victims VALUES (1, 'untouched');
  CREATE TABLE ct (row_name text, cat text, value int);
  INSERT INTO ct VALUES ('a', 'x', 1), ('a', 'y', 2);
  -- Writes through another connection: a read-only transaction cannot stop it.
  CREATE FUNCTION evil() RETURNS int LANGUAGE sql VOLATILE AS $$
    SELECT (dblink_exec('dbname=${dbname} user=postgres host=127.0.0.1', 'UPDATE victims SET note = ''written''') IS NOT NULL)::int
  $$;
  -- Declared STABLE, but calls something that writes: the declaration does not make it safe.
  CREATE FUNCTION sneaky() RETURNS int LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN evil(); END $$;
  CREATE FUNCTION dynamic_sql(q text) RETURNS int LANGUAGE plpgsql STABLE AS $$ DECLARE n int; BEGIN EXECUTE q INTO n; RETURN n; END $$;
  CREATE FUNCTION pure_total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT count(*) FROM victims $$;
  CREATE FUNCTION pure_atomic(a int) RETURNS int LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT a + 1; END;
  CREATE FUNCTION atomic_evil() RETURNS int LANGUAGE sql STABLE BEGIN ATOMIC SELECT evil(); END;
  CREATE FUNCTION volatile_but_pure() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;
  CREATE VIEW v_evil AS SELECT id, evil() AS e FROM victims;
  CREATE VIEW v_outer AS SELECT * FROM v_evil;
  CREATE VIEW v_pure AS SELECT id, pure_total() AS t FROM victims;
  CREATE FUNCTION evil_eq(int, int) RETURNS bool LANGUAGE sql VOLATILE AS $$ SELECT evil() = 1 AND $1 = $2 $$;
  CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = evil_eq);
  CREATE TABLE guarded (id int);
  INSERT INTO guarded VALUES (1);
  ALTER TABLE guarded ENABLE ROW LEVEL SECURITY;
  CREATE POLICY p ON guarded USING (evil() = 1);
  CREATE FUNCTION evil_sum_step(bigint, int) RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT $1 + $2 + evil() * 0 $$;
  CREATE AGGREGATE evil_sum(int) (SFUNC = evil_sum_step, STYPE = bigint, INITCOND = '0');
`;

/** Read-only statements that would write (or run unchecked SQL text) if the firewall let them through. */
export const PG_FUNCTION_ATTACKS: { sql: string; names: RegExp }[] = [
  { sql: 'select evil()', names: /function public\.evil\(\)/ },
  { sql: 'select * from v_evil', names: /view public\.v_evil → function public\.evil\(\)/ },
  { sql: 'select * from victims join v_evil using (id)', names: /view public\.v_evil/ },
  { sql: 'select * from v_outer', names: /view public\.v_outer → view public\.v_evil → function public\.evil\(\)/ },
  { sql: 'select count(*) from (select * from public.v_outer) s', names: /v_outer/ },
  { sql: 'with v_evil as (select * from public.v_evil) select * from v_evil', names: /v_evil/ },
  { sql: 'select sneaky()', names: /function public\.sneaky\(\) → function public\.evil\(\)/ },
  { sql: "select dynamic_sql('select 1')", names: /dynamic SQL/ },
  { sql: 'select atomic_evil()', names: /atomic_evil\(\) → function public\.evil\(\)/ },
  { sql: 'select volatile_but_pure()', names: /VOLATILE/ },
  { sql: 'select 1 === 1', names: /operator ===/ },
  { sql: 'select * from guarded', names: /table public\.guarded → function public\.evil\(\)/ },
  { sql: 'select evil_sum(id) from victims', names: /evil_sum/ },
  { sql: "select * from dblink('dbname=x', 'select 1') as t(a int)", names: /dblink/ },
  { sql: "select dblink_exec('dbname=x', 'update victims set note = 1')", names: /dblink_exec/ },
  { sql: "select * from crosstab('select row_name, cat, value from ct order by 1, 2') as t(row_name text, x int, y int)", names: /crosstab/ },
  { sql: "select * from connectby('ct', 'cat', 'row_name', 'a', 0) as t(a text, b text, l int)", names: /connectby/ },
  { sql: "select * from ts_stat('select to_tsvector(pg_read_file(''/etc/hostname''))')", names: /ts_stat/ },
  { sql: "select ts_rewrite('a & b'::tsquery, 'select ''a''::tsquery, ''c''::tsquery')", names: /ts_rewrite/ },
  { sql: "select query_to_xml('select 1', true, true, '')", names: /query_to_xml/ },
  { sql: "select table_to_xml('v_evil', true, true, '')", names: /table_to_xml/ },
  { sql: "select schema_to_xml('public', true, true, '')", names: /schema_to_xml/ },
  { sql: 'select pg_catalog.lo_import(\'/etc/hostname\')', names: /lo_import/ },
  { sql: "select pg_advisory_lock(1)", names: /pg_advisory_lock/ },
  { sql: "select setseed(0.5)", names: /setseed/ },
  { sql: "select pg_stat_reset()", names: /pg_stat_reset/ },
];

/** Reads that use functions and views known to be read-only: they must run. */
export const PG_FUNCTION_READS = [
  'select pure_total()',
  'select pure_atomic(1)',
  'select * from v_pure',
  'select random() < 2, clock_timestamp() is not null, gen_random_uuid() is not null',
  "select pg_size_pretty(pg_total_relation_size('victims')), pg_relation_size('victims') >= 0",
  'select count(*), sum(id), string_agg(note, \',\') from victims',
  "select upper(note), length(note), now() > '2000-01-01' from victims",
  'with x as (select 1 as a) select * from x',
];

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
    await db.query(PG_FUNCTION_SEED(PG_DB));
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
    for (const a of PG_FUNCTION_ATTACKS) {
      const r = await runSql({ driver, connectionName: PG_DB, sql: a.sql, mode: 'read-only', timeoutMs: 5000 });
      if (r.status !== 'refused') failures.push(`${a.sql}: ${r.status} ${r.message ?? ''}`);
      else if (!a.names.test(r.message)) failures.push(`${a.sql}: message does not match ${a.names}: ${r.message}`);
    }
    assert.deepEqual(failures, []);
    assert.equal((await db.query('SELECT note FROM victims')).rows[0].note, 'untouched');
  });

  it('runs reads of functions and views known to be read-only', async () => {
    for (const sql of PG_FUNCTION_READS) {
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
    await admin.query(`DROP DATABASE IF EXISTS ${MY_DB}; CREATE DATABASE ${MY_DB}; USE ${MY_DB};
      CREATE TABLE victims (id int PRIMARY KEY, note text); INSERT INTO victims VALUES (1, 'untouched');
      CREATE TABLE log (id int AUTO_INCREMENT PRIMARY KEY, at datetime);
      CREATE FUNCTION liar() RETURNS int DETERMINISTIC READS SQL DATA BEGIN INSERT INTO log (at) VALUES (now()); RETURN 1; END;
      CREATE FUNCTION locker() RETURNS int DETERMINISTIC NO SQL RETURN get_lock('sw_safe_fn', 0);
      CREATE FUNCTION setter() RETURNS int DETERMINISTIC NO SQL BEGIN SET @sw_safe = 1; RETURN 1; END;
      CREATE FUNCTION outer_fn() RETURNS int DETERMINISTIC RETURN liar() + 1;
      CREATE FUNCTION pure_fn(a int) RETURNS int DETERMINISTIC NO SQL RETURN a * 2;
      CREATE FUNCTION reader() RETURNS int READS SQL DATA BEGIN DECLARE n int; SELECT count(*) INTO n FROM victims; RETURN n; END;
      CREATE VIEW v_liar AS SELECT id, liar() AS x FROM victims;
      CREATE VIEW v_outer AS SELECT * FROM v_liar;
      CREATE VIEW v_pure AS SELECT id, pure_fn(id) AS d FROM victims;`);
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
    const cases: [string, RegExp][] = [
      ['select liar()', /function sw_safe_fn\.liar\(\).*INSERT/],
      ['select locker()', /get_lock/],
      ['select setter()', /session or global variable/],
      ['select outer_fn()', /outer_fn\(\) → function sw_safe_fn\.liar\(\)/],
      ['select * from v_liar', /view sw_safe_fn\.v_liar → function sw_safe_fn\.liar\(\)/],
      ['select * from v_outer', /v_outer → view sw_safe_fn\.v_liar/],
      ['select `liar` ()', /liar/],
    ];
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
    for (const sql of ['select pure_fn(2)', 'select reader()', 'select * from v_pure']) {
      const r = await runSql({ driver, connectionName: MY_DB, sql, mode: 'read-only' });
      assert.equal(r.status, 'completed', `${sql}: ${r.message}`);
    }
  });
});
