// The index advisor on MariaDB/MySQL: no hypothetical indexes exist there, so the advice comes from
// EXPLAIN FORMAT=JSON (full scans and their conditions) and is labelled unverified.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { runCli } from '../../server/src/cli';
import { mysqlUrlFor } from '../helpers/mysql-datasets';
import { MYSQL_URL, requireMysql } from '../helpers/services';

const DB = 'sw_adv_my';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('index advisor on MySQL/MariaDB (rule-based, unverified)', function () {
  this.timeout(60_000);

  before(async function () {
    await requireMysql(this);
    const c = await createConnection({ uri: MYSQL_URL, multipleStatements: true });
    try {
      await c.query(`DROP DATABASE IF EXISTS ${DB}; CREATE DATABASE ${DB}; USE ${DB};
        CREATE TABLE orders (id int PRIMARY KEY, customer int NOT NULL, placed date NOT NULL, status varchar(10) NOT NULL, KEY orders_status (status), KEY orders_status_placed (status, placed));
        SET SESSION max_recursive_iterations = 100000;`);
      await c.query(`INSERT INTO orders WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 30000)
        SELECT n, n % 5000, date '2020-01-01' + INTERVAL (n % 1000) DAY, IF(n % 10 = 0, 'open', 'done') FROM s`).catch(async () => {
        // MySQL 8 names the limit cte_max_recursion_depth.
        await c.query('SET SESSION cte_max_recursion_depth = 100000');
        await c.query(`INSERT INTO orders WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 30000)
          SELECT n, n % 5000, date '2020-01-01' + INTERVAL (n % 1000) DAY, IF(n % 10 = 0, 'open', 'done') FROM s`);
      });
      await c.query('ANALYZE TABLE orders');
    } finally {
      await c.end();
    }
  });
  after(async () => {
    const c = await createConnection({ uri: MYSQL_URL }).catch(() => undefined);
    await c?.query(`DROP DATABASE IF EXISTS ${DB}`);
    await c?.end();
  });

  it('suggests equality-then-range keys for full scans, labelled unverified, as JSON', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sw-adv-my-')), 'w.sql');
    writeFileSync(file, "SELECT id FROM orders WHERE placed > '2020-02-01' AND customer = 42;\nSELECT id FROM orders WHERE customer = 7;\nSELECT id FROM orders WHERE status = 'open';\n");
    const r = await cli('advise', '--connection', mysqlUrlFor(DB), '--workload', file, '--format', 'json');
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.verified, false);
    assert.match(json.notices[0], /UNVERIFIED/);
    assert.equal(json.indexes.length, 1, JSON.stringify(json.indexes));
    const s = json.indexes[0];
    assert.equal(s.table, `${DB}.orders`);
    assert.deepEqual(s.columns, ['customer', 'placed']);
    assert.deepEqual(s.queries.sort(), ['q1', 'q2']);
    assert.equal(s.costAfter, null);
    assert.match(s.sql, /^ALTER TABLE `sw_adv_my`\.`orders` ADD INDEX \(`customer`, `placed`\)/);
    assert.ok(s.reasons.some((x: string) => /unverified/.test(x)));
    assert.deepEqual(json.drop.map((d: { index: string; kind: string; sql: string }) => [d.index, d.kind, d.sql]), [['orders_status', 'redundant', 'ALTER TABLE `sw_adv_my`.`orders` DROP INDEX `orders_status`']]);
  });

  it('refuses --pg-stat-statements on MySQL (exit 2)', async () => {
    const r = await cli('advise', '--connection', mysqlUrlFor(DB), '--pg-stat-statements');
    assert.equal(r.code, 2);
    assert.match(r.err, /PostgreSQL only/);
  });
});
