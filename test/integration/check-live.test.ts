// `schemawise check --connection`: the schema introspected from a live PostgreSQL and MariaDB, then
// the templates of TS files checked against it, each dialect with its own parameter marker.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runCli } from '../../server/src/cli';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { MYSQL_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

const DATABASE = 'sw_chk_embedded';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

const TS = [
  "import { sql } from './db';",
  'export const open = (customerId: number) => sql`',
  '  SELECT order_id, placed_at, totl',
  '  FROM orders',
  '  WHERE customer_id = ${customerId} AND status = ${"open"}',
  '  LIMIT ${10}`;',
  'export const add = (c: number, s: string) => sql`INSERT INTO orders (customer_id, status) VALUES (${c}, ${s})`;',
].join('\n');

/** 1-based column of "totl" on its line. */
const TOTL_COLUMN = TS.split('\n')[2]!.indexOf('totl') + 1;

describe('schemawise check --connection (live schema)', function () {
  this.timeout(60_000);
  const cwd = process.cwd();
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-check-live-'));
    writeFileSync(join(dir, 'orders.ts'), TS);
    writeFileSync(join(dir, 'orders-mysql.ts'), `// schemawise: dialect=mysql\n${TS}`);
    process.chdir(dir);
  });
  after(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('PostgreSQL', () => {
    before(async function () {
      await requirePostgres(this);
      await recreateDatabase(DATABASE);
      const c = new Client({ connectionString: pgUrlFor(DATABASE) });
      await c.connect();
      await c.query('CREATE TABLE orders (order_id serial PRIMARY KEY, customer_id integer NOT NULL, status text NOT NULL, placed_at timestamptz NOT NULL DEFAULT now())');
      await c.end();
    });
    after(() => dropDatabase(DATABASE).catch(() => undefined));

    it('introspects the database and reports the unknown column at its line and column in the .ts file', async () => {
      const { code, out, err } = await cli('check', 'orders.ts', '--connection', pgUrlFor(DATABASE));
      assert.equal(code, 1, err);
      assert.match(out.trim(), new RegExp(`^orders\\.ts:3:${TOTL_COLUMN}: error unknown-column Column "totl" does not exist`));
      assert.equal(out.trim().split('\n').length, 1, out);
      assert.match(err, /1 file, 2 queries checked/);
    });
  });

  describe('MariaDB', () => {
    before(async function () {
      await requireMysql(this);
      const mysql = await import('mysql2/promise');
      const c = await mysql.createConnection({ uri: MYSQL_URL });
      await c.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
      await c.query(`CREATE DATABASE ${DATABASE}`);
      await c.query(`CREATE TABLE ${DATABASE}.orders (order_id int AUTO_INCREMENT PRIMARY KEY, customer_id int NOT NULL, status varchar(20) NOT NULL, placed_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
      await c.end();
    });
    after(async () => {
      const mysql = await import('mysql2/promise');
      const c = await mysql.createConnection({ uri: MYSQL_URL });
      await c.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
      await c.end();
    });

    it('checks the templates with ? markers against the MariaDB schema', async () => {
      const url = new URL(MYSQL_URL);
      url.pathname = `/${DATABASE}`;
      const { code, out, err } = await cli('check', 'orders-mysql.ts', '--connection', url.toString());
      assert.equal(code, 1, err);
      const lines = out.trim().split('\n');
      assert.equal(lines.length, 1, out);
      assert.match(lines[0]!, new RegExp(`^orders-mysql\\.ts:4:${TOTL_COLUMN}: error unknown-column .*totl`));
    });
  });
});
