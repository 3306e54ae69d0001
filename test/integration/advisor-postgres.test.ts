// The index advisor on live PostgreSQL: Sakila with its secondary indexes removed and HypoPG created
// in the scratch database, a workload of the application's queries, and `schemawise advise` end to
// end. Also: the rule-based fallback (no HypoPG), drop candidates, and that nothing is ever created.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runCli } from '../../server/src/cli';
import { adviseIndexes, workloadFromText, type AdviceReport } from '../../server/src/engine/advisor';
import { verifiedRewrites } from '../../server/src/engine/advisor/optimize';
import { optimizeSql } from '../../server/src/engine/nl2sql/explain/optimize-sql';
import { createProvider } from '../../server/src/engine/nl2sql';
import { openPostgresAdvisorSession } from '../../server/src/engine/drivers/postgres/advisor-session';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { createDriver } from '../../server/src/engine/drivers/registry';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { ADVENTUREWORKS_REMOVED, loadAdventureWorksWithRows, loadStrippedSakila } from '../helpers/advisor-db';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { pgUrlFor, requirePostgres } from '../helpers/services';

const SAKILA = 'sw_adv_sakila';
const PLAIN = 'sw_adv_plain';
const PLAIN_STATS = 'sw_adv_stats';
const AW = 'sw_adv_aw';
const WORKLOAD = join(__dirname, '../fixtures/advisor/sakila-workload.sql');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

async function advise(database: string, sql: string, minSavingsPercent = 50): Promise<AdviceReport> {
  const config = { ...parseConnectionUrl(pgUrlFor(database)), readOnly: true };
  const driver = createDriver(config);
  await driver.connect();
  try {
    const schema = new SchemaIndex(await driver.introspect());
    return await adviseIndexes({ config, driver, schema, workload: workloadFromText(sql, 'postgres'), options: { minSavingsPercent } });
  } finally {
    await driver.close();
  }
}

async function sql<T extends Record<string, unknown>>(database: string, text: string): Promise<T[]> {
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

const has = (r: AdviceReport, table: string, columns: string[], where?: string) => r.indexes.find((s) => s.table === table && s.columns.join(',') === columns.join(',') && (s.where ?? '') === (where ?? ''));

describe('index advisor on PostgreSQL (HypoPG)', function () {
  this.timeout(120000);
  let report: AdviceReport;

  before(async function () {
    await requirePostgres(this);
    await loadStrippedSakila(SAKILA, { hypopg: true });
    await recreateDatabase(PLAIN_STATS);
    report = await advise(SAKILA, readFileSync(WORKLOAD, 'utf8'));
  });
  after(async () => {
    await dropDatabase(SAKILA).catch(() => undefined);
    await dropDatabase(PLAIN_STATS).catch(() => undefined);
  });

  it('finds removed indexes, each verified by a planner cost drop of at least 50%', () => {
    assert.equal(report.verified, true);
    assert.ok(has(report, 'public.rental', ['inventory_id']), 'rental(inventory_id)');
    assert.ok(has(report, 'public.payment', ['customer_id']), 'payment(customer_id)');
    assert.ok(has(report, 'public.film', ['title']), 'film(title)');
    for (const s of report.indexes) {
      assert.ok(s.costAfter !== null && s.costAfter <= s.costBefore * 0.5, `${s.sql}: ${s.costBefore} → ${s.costAfter}`);
      assert.match(s.sql, /^CREATE INDEX CONCURRENTLY ON public\.\w+ \(/);
      assert.ok(s.queries.length > 0 && s.planChanges.length > 0, s.sql);
    }
  });

  it('suggests a partial index for an IS NULL filter and multi-column keys for several equalities', () => {
    assert.ok(has(report, 'public.rental', ['customer_id'], 'return_date IS NULL'), JSON.stringify(report.indexes.map((s) => s.sql)));
    const inv = report.indexes.find((s) => s.table === 'public.inventory');
    assert.deepEqual([...(inv?.columns ?? [])].sort(), ['film_id', 'store_id']);
  });

  it('creates nothing on the database: no index, and the hypothetical ones are gone', async () => {
    const idx = await sql<{ n: number }>(SAKILA, `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE 'idx_unq%'`);
    assert.equal(idx[0].n, 0);
    const hypo = await sql<{ n: number }>(SAKILA, 'SELECT count(*)::int AS n FROM hypopg_list_indexes');
    assert.equal(hypo[0].n, 0);
  });

  it("never suggests what an existing index covers (same leading columns)", async () => {
    // rental_date leads the unique index (rental_date, inventory_id, customer_id).
    const r = await advise(SAKILA, "SELECT rental_id FROM rental WHERE rental_date = '2005-05-24 22:53:30';");
    assert.equal(r.indexes.length, 0, JSON.stringify(r.indexes));
  });

  it('chooses one index that serves several queries over several narrow ones', async () => {
    const r = await advise(SAKILA, 'SELECT amount FROM payment WHERE customer_id = 5;\nSELECT amount FROM payment WHERE customer_id = 7 AND staff_id = 1;\nSELECT count(*) FROM payment WHERE customer_id = 9;');
    const onPayment = r.indexes.filter((s) => s.table === 'public.payment');
    assert.equal(onPayment.length, 1, JSON.stringify(onPayment.map((s) => s.sql)));
    assert.deepEqual(onPayment[0].queries.sort(), ['q1', 'q2', 'q3']);
  });

  it('respects --min-savings: a higher threshold suggests less', async () => {
    const strict = await advise(SAKILA, 'SELECT customer_id, email FROM customer WHERE last_name = $1;\nSELECT amount FROM payment WHERE rental_id = 1185;', 90);
    const loose = await advise(SAKILA, 'SELECT customer_id, email FROM customer WHERE last_name = $1;\nSELECT amount FROM payment WHERE rental_id = 1185;', 10);
    assert.ok(strict.indexes.length < loose.indexes.length, `${strict.indexes.length} vs ${loose.indexes.length}`);
    assert.ok(has(strict, 'public.payment', ['rental_id']));
  });

  it('plans pg_stat_statements-style queries with $n parameters generically', async () => {
    const r = await advise(SAKILA, 'SELECT r.rental_id FROM rental r WHERE r.inventory_id = $1;');
    assert.ok(has(r, 'public.rental', ['inventory_id']));
    assert.ok((r.queries[0].costBefore ?? 0) > 0);
  });

  it('schemawise advise --format json prints the documented contract', async () => {
    const { code, out } = await cli('advise', '--connection', pgUrlFor(SAKILA), '--workload', WORKLOAD, '--format', 'json', '--min-savings', '50');
    assert.equal(code, 0);
    const json = JSON.parse(out);
    assert.deepEqual(Object.keys(json).slice(0, 2), ['indexes', 'drop']);
    const first = json.indexes[0];
    for (const k of ['table', 'columns', 'sql', 'costBefore', 'costAfter', 'queries']) assert.ok(k in first, k);
    assert.match(first.table, /^public\./);
    assert.equal(typeof first.costBefore, 'number');
  });

  it('schemawise advise --format markdown and text, and usage errors exit 64', async () => {
    const md = await cli('advise', '--connection', pgUrlFor(SAKILA), '--workload', WORKLOAD, '--format', 'markdown');
    assert.equal(md.code, 0);
    assert.match(md.out, /\| # \| Index \| Cost before \| Cost after \| Queries \|/);
    assert.equal((await cli('advise', '--connection', pgUrlFor(SAKILA))).code, 64);
    assert.equal((await cli('advise', '--connection', pgUrlFor(SAKILA), '--workload', WORKLOAD, '--format', 'xml')).code, 64);
    assert.equal((await cli('advise', '--connection', pgUrlFor(SAKILA), '--workload', WORKLOAD, '--min-savings', 'lots')).code, 64);
    const help = await cli('advise', '--help');
    for (const flag of ['--connection', '--workload', '--pg-stat-statements', '--format', '--min-savings']) assert.ok(help.out.includes(flag), flag);
  });

  it('refuses --pg-stat-statements clearly when the extension exists but is not preloaded (exit 2)', async function () {
    const preload = await sql<{ s: string }>(SAKILA, 'SHOW shared_preload_libraries');
    if (/pg_stat_statements/.test(preload[0].s)) this.skip(); // this check needs a server without it
    await sql(PLAIN_STATS, 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { code, err } = await cli('advise', '--connection', pgUrlFor(PLAIN_STATS), '--pg-stat-statements');
    assert.equal(code, 2, err);
    assert.match(err, /shared_preload_libraries/);
  });

  it('refuses --pg-stat-statements clearly when the extension is missing (exit 2)', async () => {
    const { code, err } = await cli('advise', '--connection', pgUrlFor(SAKILA), '--pg-stat-statements');
    assert.equal(code, 2);
    assert.match(err, /pg_stat_statements is not enabled/);
  });

  describe('"Optimize this SQL" rewrites, checked on the live database', () => {
    let driver: ReturnType<typeof createDriver>;
    let schema: SchemaIndex;
    before(async () => {
      driver = createDriver({ ...parseConnectionUrl(pgUrlFor(SAKILA)), readOnly: true });
      await driver.connect();
      schema = new SchemaIndex(await driver.introspect());
    });
    after(async () => driver?.close());
    const rewrite = (text: string, verify = {}) => verifiedRewrites(text, schema, driver.queryReadOnly.bind(driver), verify);

    it('correlated aggregate subquery → LEFT JOIN: same rows, much cheaper, offered with a diff', async () => {
      const r = await rewrite('SELECT c.customer_id, (SELECT count(*) FROM rental r WHERE r.customer_id = c.customer_id) AS rentals FROM customer c WHERE c.store_id = 1');
      const c = r.checked.find((x) => x.rule === 'correlated-subquery-to-join')!;
      assert.equal(c.sameRows, true);
      assert.equal(c.offered, true);
      assert.ok(c.costAfter! < c.costBefore! / 2, `${c.costBefore} → ${c.costAfter}`);
      assert.match(r.sql!, /LEFT JOIN \(SELECT r\.customer_id AS k, count\(\*\) AS v FROM rental r GROUP BY r\.customer_id\) sw_sq/);
      assert.match(c.diff, /^\+ .*LEFT JOIN/m);
      assert.match(r.notes[0], /^Rewritten: .*same 3\d\d rows on the live database; cost/);
    });

    it('sargable predicates: extract(year …), ::date and col + k become ranges on the bare column', async () => {
      for (const [text, expected] of [
        ['SELECT rental_id FROM rental WHERE extract(year FROM rental_date) = 2006', "rental_date >= '2006-01-01' AND rental_date < '2007-01-01'"],
        ["SELECT rental_id FROM rental WHERE rental_date::date = '2005-05-25'", "rental_date >= date '2005-05-25' AND rental_date < date '2005-05-25' + 1"],
        ['SELECT payment_id FROM payment WHERE payment_id + 1 = 100', 'payment_id = 100 - 1'],
      ]) {
        const r = await rewrite(text);
        assert.ok(r.sql?.includes(expected), `${text} → ${r.sql} (${r.notes.join(' ')})`);
        assert.equal(r.checked[0].sameRows, true);
      }
    });

    it('compares on a repeatable sample of the outer table when it is large', async () => {
      const text = 'SELECT c.customer_id, (SELECT count(*) FROM rental r WHERE r.customer_id = c.customer_id) AS rentals FROM customer c';
      const r = await rewrite(text, { sampleAboveRows: 100, sampleRows: 60 });
      const c = r.checked.find((x) => x.rule === 'correlated-subquery-to-join')!;
      assert.equal(c.sameRows, true);
      assert.match(c.sampled ?? '', /sample of ~60 of ~599 rows of public\.customer/);
      assert.ok(c.rowsCompared! > 0 && c.rowsCompared! < 599, String(c.rowsCompared));
      assert.match(c.note, /\(on a repeatable sample/);
    });

    it('NOT IN over a nullable column: different rows, so never offered', async () => {
      // address.address2 is nullable: NOT IN yields no row once a NULL is in the list; NOT EXISTS does.
      const r = await rewrite("SELECT a.address_id FROM address a WHERE a.address2 NOT IN (SELECT b.address2 FROM address b WHERE b.address2 IS NULL OR b.district = 'Alberta')");
      const c = r.checked.find((x) => x.rule === 'not-in-to-not-exists');
      assert.ok(c, JSON.stringify(r));
      assert.match(c.rewritten, /NOT EXISTS \(SELECT 1 FROM address b WHERE \(b\.address2 IS NULL OR b\.district = 'Alberta'\) AND b\.address2 = a\.address2\)/);
      assert.equal(c.sameRows, false);
      assert.equal(c.offered, false);
      assert.match(c.note, /returns different rows/);
      assert.equal(r.sql, undefined);
    });

    it('OR → UNION ALL keeps every row exactly once (verified), offered only when cheaper', async () => {
      const r = await rewrite('SELECT payment_id, amount FROM payment WHERE customer_id = 5 OR rental_id = 1185');
      const c = r.checked.find((x) => x.rule === 'or-to-union-all')!;
      assert.equal(c.sameRows, true);
      assert.equal(c.offered, c.costAfter! < c.costBefore!);
    });

    it('schemawise advise --rewrites adds the verified rewrites of workload queries', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'sw-adv-rw-')), 'w.sql');
      writeFileSync(file, 'SELECT rental_id FROM rental WHERE extract(year FROM rental_date) = 2006;\nSELECT 1 FROM film WHERE film_id = 1;\n');
      const { code, out } = await cli('advise', '--connection', pgUrlFor(SAKILA), '--workload', file, '--format', 'json', '--rewrites');
      assert.equal(code, 0);
      const json = JSON.parse(out);
      assert.deepEqual(json.rewrites.map((w: { query: string; rule: string }) => [w.query, w.rule]), [['q1', 'sargable-predicate']]);
      assert.match(json.rewrites[0].sql, /rental_date >= '2006-01-01' AND rental_date < '2007-01-01'/);
      const plain = JSON.parse((await cli('advise', '--connection', pgUrlFor(SAKILA), '--workload', file, '--format', 'json')).out);
      assert.equal(plain.rewrites, undefined, 'rewrites run queries, so they are opt-in');
    });

    it('the offline "Optimize this SQL" applies the verified rewrite, and without a connection offers none', async () => {
      const sql = 'SELECT c.customer_id, (SELECT count(*) FROM rental r WHERE r.customer_id = c.customer_id) AS rentals FROM customer c';
      const live = await optimizeSql({ sql, schema, provider: createProvider({ provider: 'offline' }), rewriteQuery: driver.queryReadOnly.bind(driver) });
      assert.match(live.sql, /LEFT JOIN/);
      const offline = await optimizeSql({ sql, schema, provider: createProvider({ provider: 'offline' }) });
      assert.doesNotMatch(offline.sql, /LEFT JOIN/);
      assert.ok(offline.notes.some((n) => /not offered without a live PostgreSQL connection/.test(n)), offline.notes.join('\n'));
    });
  });

  it("the advisor's session is read-only", async () => {
    const s = await openPostgresAdvisorSession({ ...parseConnectionUrl(pgUrlFor(SAKILA)), readOnly: false });
    try {
      await assert.rejects(s.query('CREATE TABLE sw_adv_should_not_exist (a int)'), /read-only/);
    } finally {
      await s.close();
    }
  });
});

describe('index advisor without HypoPG, and drop candidates', function () {
  this.timeout(60000);
  let dir: string;

  before(async function () {
    await requirePostgres(this);
    await recreateDatabase(PLAIN);
    await sql(PLAIN, `CREATE TABLE orders (id int PRIMARY KEY, customer int NOT NULL, status text NOT NULL, placed date NOT NULL);
      INSERT INTO orders SELECT g, g % 5000, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'done' END, date '2020-01-01' + g % 1000 FROM generate_series(1, 50000) g;
      CREATE INDEX orders_status_a ON orders (status);
      CREATE INDEX orders_status_b ON orders (status);
      CREATE INDEX orders_placed ON orders (placed);
      CREATE INDEX orders_placed_status ON orders (placed, status);
      ANALYZE orders;`);
    // Give the table a read history (index scans through the primary key) so "unused" means something.
    const c = new Client({ connectionString: pgUrlFor(PLAIN) });
    await c.connect();
    for (let i = 1; i <= 60; i++) await c.query('SELECT status FROM orders WHERE id = $1', [i]);
    await c.query('SELECT pg_stat_force_next_flush()');
    await c.end();
    for (let tries = 0; tries < 100; tries++) {
      const [row] = await sql<{ n: number }>(PLAIN, "SELECT (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::int AS n FROM pg_stat_user_tables WHERE relname = 'orders'");
      if (row && row.n >= 60) break;
      await new Promise((resolve) => setTimeout(resolve, 20)); // statistics are flushed asynchronously
    }
    dir = mkdtempSync(join(tmpdir(), 'sw-adv-'));
  });
  after(async () => {
    await dropDatabase(PLAIN).catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says how to enable HypoPG and labels the rule-based advice unverified', async () => {
    const r = await advise(PLAIN, 'SELECT * FROM orders WHERE customer = 42;');
    assert.equal(r.verified, false);
    assert.match(r.notices.join('\n'), /CREATE EXTENSION hypopg/);
    assert.match(r.notices.join('\n'), /UNVERIFIED/);
    const s = has(r, 'public.orders', ['customer']);
    assert.ok(s, JSON.stringify(r.indexes));
    assert.equal(s.costAfter, null);
    assert.equal(s.verified, false);
    // 50,000 rows inserted, a few dozen read: the note warns that each index slows those writes.
    assert.match(s.writeNote ?? '', /^write-heavy table: 50,000 rows written vs \d+ reads \(table and index scans\)/);
    const ext = await sql<{ n: number }>(PLAIN, `SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'hypopg'`);
    assert.equal(ext[0].n, 0, 'the advisor never creates the extension');
  });

  it('reports duplicate, redundant-prefix and unused indexes as drop candidates, never constraint indexes', async () => {
    const r = await advise(PLAIN, 'SELECT * FROM orders WHERE customer = 42;');
    const kinds = new Map(r.drop.map((d) => [d.index, d.kind]));
    assert.equal(kinds.get('orders_status_b'), 'duplicate');
    assert.equal(kinds.get('orders_placed'), 'redundant');
    assert.equal(kinds.get('orders_placed_status'), 'unused');
    assert.match(r.drop.find((d) => d.kind === 'unused')!.detail, /while the table was scanned \d+ times/);
    assert.ok(!kinds.has('orders_pkey'));
    for (const d of r.drop) assert.match(d.sql, /^DROP INDEX CONCURRENTLY public\./);
  });

  it('text output marks drop candidates clearly and says nothing was created', async () => {
    const file = join(dir, 'w.sql');
    writeFileSync(file, '-- one query\nSELECT * FROM orders WHERE customer = 42;\nSET work_mem = 1000;\n');
    const { code, out } = await cli('advise', '--connection', pgUrlFor(PLAIN), '--workload', file);
    assert.equal(code, 0);
    assert.match(out, /UNVERIFIED/);
    assert.match(out, /candidates to DROP/);
    assert.match(out, /Nothing was created on the database/);
    assert.match(out, /1 query,/);
  });
});

describe('index advisor on AdventureWorks (PostgreSQL port, no secondary indexes)', function () {
  this.timeout(120000);
  let report: AdviceReport;

  before(async function () {
    await requirePostgres(this);
    await loadAdventureWorksWithRows(AW);
    report = await advise(AW, readFileSync(join(__dirname, '../fixtures/advisor/adventureworks-bench.sql'), 'utf8'));
  });
  after(async () => {
    await dropDatabase(AW).catch(() => undefined);
  });

  it("finds the original database's customer, product and person-name indexes, with wider keys serving several queries", () => {
    assert.equal(report.verified, true);
    const soh = report.indexes.filter((s) => s.table === 'sales.salesorderheader');
    const byCustomer = soh.find((s) => s.columns[0] === 'customerid');
    assert.ok(byCustomer && byCustomer.queries.length >= 2, JSON.stringify(soh));
    assert.ok(has(report, 'sales.salesorderdetail', ['productid']));
    const person = report.indexes.find((s) => s.table === 'person.person');
    assert.deepEqual([...(person?.columns ?? [])].sort(), ['firstname', 'lastname']);
    const leading = ADVENTUREWORKS_REMOVED.filter((x) => report.indexes.some((s) => s.table.endsWith(`.${x.table}`) && s.columns[0].replace(/ DESC$/, '') === x.columns[0]));
    assert.ok(leading.length >= 4, leading.map((x) => x.name).join(', '));
    for (const s of report.indexes) assert.ok(s.costAfter !== null && s.costAfter <= s.costBefore * 0.5, s.sql);
  });
});
