// npm run bench:safety — runs the adversarial corpus (test/fixtures/safety/adversarial.json plus the
// function/view attacks of functions.json) against the live PostgreSQL and MariaDB in read-only mode,
// through the real executor and drivers, and the valid-read corpus (valid-reads.json, the harmless
// entries of adversarial.json and the function reads). Prints, per server:
//   attacks tried / got through (target 0), valid reads tried / refused (target ≤ 1%),
// and checks that the scratch databases are unchanged afterwards. Scratch databases: sw_safe_bench.
// Exit code 1 when an attack got through, the data changed, or more than 1% of valid reads were refused.
import { Client } from 'pg';
import { parseConnectionUrl } from '../server/src/engine/drivers/connection-url';
import { createDriver } from '../server/src/engine/drivers/registry';
import type { DatabaseDriver } from '../server/src/engine/drivers/types';
import { runSql } from '../server/src/engine/safety/executor';
import { adversarialCorpus, functionCorpus, functionSeed, validReads } from '../test/helpers/safety-fixtures';

const DB = 'sw_safe_bench';
const PG_URL = process.env.SCHEMAWISE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MYSQL_URL = process.env.SCHEMAWISE_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

const PG_BASE = `
  CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, email text);
  CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers (id), total numeric(10, 2) NOT NULL,
                       status text, note text, doc text, created_at timestamp DEFAULT now());
  CREATE SEQUENCE order_seq;
  CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
  CREATE VIEW v_orders AS SELECT o.*, c.name FROM orders o JOIN customers c ON c.id = o.customer_id;
  CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM orders;
  CREATE FUNCTION order_total(c int) RETURNS numeric LANGUAGE sql STABLE AS $$ SELECT sum(total) FROM orders WHERE customer_id = c $$;
  INSERT INTO customers SELECT g, 'customer ' || g, 'c' || g || '@example.com' FROM generate_series(1, 20) g;
  INSERT INTO orders SELECT g, 1 + g % 20, (g * 7.5)::numeric(10, 2), CASE WHEN g % 2 = 0 THEN 'paid' ELSE 'new' END, NULL, '{"k": "v"}'
  FROM generate_series(1, 100) g;
`;

const MY_BASE = `
  CREATE TABLE customers (id int PRIMARY KEY, name varchar(50) NOT NULL, email varchar(80), FULLTEXT (name));
  CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total decimal(10, 2) NOT NULL, status varchar(10), note text,
                       doc longtext, created_at datetime DEFAULT now());
  CREATE SEQUENCE order_seq;
  CREATE VIEW v_orders AS SELECT o.*, c.name FROM orders o JOIN customers c ON c.id = o.customer_id;
  INSERT INTO customers SELECT seq, concat('customer ', seq), concat('c', seq, '@example.com') FROM seq_1_to_20;
  INSERT INTO orders SELECT seq, 1 + seq % 20, seq * 7.5, IF(seq % 2 = 0, 'paid', 'new'), NULL, '{"k": "v"}', now() FROM seq_1_to_100;
`;

interface Row {
  server: string;
  /** Function catalog: first bulk load, then the per-run freshness check (median of 20). */
  catalog?: string;
  attacks: number;
  through: string[];
  reads: number;
  refused: string[];
  serverErrors: string[];
  unchanged: boolean;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  rows.push(await benchPostgres());
  rows.push(await benchMariaDb());
  print(rows);
  const bad = rows.some((r) => r.through.length > 0 || !r.unchanged || r.refused.length / r.reads > 0.01);
  process.exitCode = bad ? 1 : 0;
}

async function benchPostgres(): Promise<Row> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB}`);
  const u = new URL(PG_URL);
  u.pathname = '/' + DB;
  const db = new Client({ connectionString: u.toString() });
  await db.connect();
  try {
    await db.query(PG_BASE + functionSeed('postgres', DB));
    const checksum = async () =>
      JSON.stringify([
        (await db.query(`SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM orders t`)).rows,
        (await db.query(`SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM customers t`)).rows,
        (await db.query('SELECT note FROM victims')).rows,
        (await db.query('SELECT last_value, is_called FROM order_seq')).rows,
        (await db.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).rows,
      ]);
    const driver = createDriver(parseConnectionUrl(u.toString()));
    await driver.connect();
    try {
      return await bench('PostgreSQL 15', 'postgres', driver, checksum);
    } finally {
      await driver.close();
    }
  } finally {
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.end();
  }
}

async function benchMariaDb(): Promise<Row> {
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB}; USE ${DB}; ${MY_BASE} ${functionSeed('mysql', DB)}`);
    const version = String(((await admin.query('SELECT version() AS v'))[0] as { v: string }[])[0]!.v).replace(/-.*/, '');
    const checksum = async () => JSON.stringify((await admin.query(`CHECKSUM TABLE ${DB}.orders, ${DB}.customers, ${DB}.victims, ${DB}.log EXTENDED; SELECT IS_USED_LOCK('sw_safe_fn') AS l, @@global.general_log AS g`))[0]);
    const u = new URL(MYSQL_URL);
    u.pathname = '/' + DB;
    const driver = createDriver(parseConnectionUrl(u.toString()));
    await driver.connect();
    try {
      return await bench(`MariaDB ${version}`, 'mysql', driver, checksum);
    } finally {
      await driver.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`).catch(() => undefined);
    await admin.end();
  }
}

async function bench(server: string, dialect: 'postgres' | 'mysql', driver: DatabaseDriver, checksum: () => Promise<string>): Promise<Row> {
  const adversarial = adversarialCorpus().filter((e) => e.dialect === dialect);
  const functions = functionCorpus();
  const attacks = [...adversarial.filter((e) => e.expect === 'refused'), ...functions.attacks.filter((e) => e.dialect === dialect)];
  const reads = [
    ...validReads().filter((e) => e.dialect === dialect),
    ...adversarial.filter((e) => e.expect === 'allowed'),
    ...functions.reads.filter((e) => e.dialect === dialect),
  ];
  const catalog = await catalogTimings(driver);
  const before = await checksum();
  const row: Row = {
    catalog, server, attacks: attacks.length, through: [], reads: reads.length, refused: [], serverErrors: [], unchanged: true };
  for (const a of attacks) {
    const r = await runSql({ driver, connectionName: DB, sql: a.sql, mode: 'read-only', timeoutMs: 5000, maxRows: 50 });
    if (r.status !== 'refused') row.through.push(`${a.sql} → ${r.status}${r.message ? `: ${r.message}` : ''}`);
  }
  for (const e of reads) {
    const r = await runSql({ driver, connectionName: DB, sql: e.sql, mode: 'read-only', timeoutMs: 5000, maxRows: 50 });
    if (r.status === 'refused') row.refused.push(`${e.sql} → ${r.message}`);
    else if (r.status === 'failed') row.serverErrors.push(`${e.sql} → ${r.message}`);
  }
  row.unchanged = (await checksum()) === before;
  return row;
}

async function catalogTimings(driver: DatabaseDriver): Promise<string> {
  if (!driver.routineCatalog) return 'n/a';
  let t = performance.now();
  const first = await driver.routineCatalog();
  const load = performance.now() - t;
  const again: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    await driver.routineCatalog();
    again.push(performance.now() - t);
  }
  again.sort((a, b) => a - b);
  return `${first.routines.length} functions, ${first.relations.length} relations, ${first.edges.length} dependencies: first load ${load.toFixed(0)} ms, per-run check ${again[10]!.toFixed(1)} ms (median of 20)`;
}

function print(rows: Row[]): void {
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  console.log('');
  console.log('server          | attacks tried | got through | valid reads tried | refused      | server errors | data unchanged');
  console.log('----------------+---------------+-------------+-------------------+--------------+---------------+---------------');
  for (const r of rows)
    console.log(
      `${r.server.padEnd(15)} | ${String(r.attacks).padStart(13)} | ${String(r.through.length).padStart(11)} | ${String(r.reads).padStart(17)} | ${`${r.refused.length} (${pct(r.refused.length, r.reads)})`.padStart(12)} | ${String(r.serverErrors.length).padStart(13)} | ${r.unchanged ? 'yes' : 'NO'}`,
    );
  console.log('');
  for (const r of rows) console.log(`${r.server} function catalog: ${r.catalog}`);
  console.log('');
  for (const r of rows) {
    for (const t of r.through) console.log(`[${r.server}] GOT THROUGH: ${t}`);
    for (const t of r.refused) console.log(`[${r.server}] valid read refused: ${t}`);
    for (const t of r.serverErrors) console.log(`[${r.server}] valid read failed on the server (not a refusal): ${t}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
