// The mock data engine on SchemaModel snapshots, without a database: plan (order, cycles, groups,
// parents added), CHECK parsing and evaluation (both parsers), generation (every CHECK and key
// holds, deterministic by seed, back-fill, small domains), mock.yml, and the file sinks.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyModel, type SchemaModel } from '../../server/src/engine/schema/model';
import { checkPasses, evaluate } from '../../server/src/engine/mock/expr';
import { loadPgExpressionParser, parsePgExpression } from '../../server/src/engine/mock/expr-pg';
import { parseMysqlExpression } from '../../server/src/engine/mock/expr-mysql';
import { planMock } from '../../server/src/engine/mock/plan';
import { generateMock, MockCancelled } from '../../server/src/engine/mock/generate';
import { MemorySink } from '../../server/src/engine/mock/sinks/memory-sink';
import { SqlFileSink } from '../../server/src/engine/mock/sinks/sql-file-sink';
import { CsvDirSink } from '../../server/src/engine/mock/sinks/csv-sink';
import { MockConfigError, parseMockConfig } from '../../server/src/engine/mock/config';
import { parseRowCount, tableChoices } from '../../client/src/mock/mock-input';
import { col, fk, table } from '../helpers/mock-models';


function shop(): SchemaModel {
  const m = emptyModel('postgres', 'shop', ['public']);
  m.enums = [{ schema: 'public', name: 'order_status', values: ['open', 'paid', 'closed'] }];
  m.domains = [{ schema: 'public', name: 'sku_code', baseType: 'text', nullable: false, checks: [{ name: 'sku_check', expression: "(VALUE ~ '^[A-Z]{2}-[0-9]{4}$'::text)" }] }];
  m.tables = [
    table('customer', [col('id', 'integer', { nullable: false }), col('email', 'character varying(60)', { nullable: false }), col('first_name', 'text', { nullable: false }), col('referred_by', 'integer'), col('favourite_product', 'integer')], {
      primaryKey: { name: 'customer_pkey', columns: ['id'] },
      uniques: [{ name: 'customer_email_key', columns: ['email'] }],
      foreignKeys: [fk('customer_referred_by_fkey', ['referred_by'], 'customer', ['id']), fk('customer_favourite_fkey', ['favourite_product'], 'product', ['id'])],
    }),
    table('product', [col('id', 'bigint', { nullable: false }), col('sku', 'sku_code', { nullable: false, domainRef: 'public.sku_code' }), col('price', 'numeric(8,2)', { nullable: false }), col('launched_by', 'integer', { nullable: false })], {
      primaryKey: { name: 'product_pkey', columns: ['id'] },
      foreignKeys: [fk('product_launched_by_fkey', ['launched_by'], 'customer', ['id'])],
      checks: [{ name: 'price_check', expression: '((price > (0)::numeric) AND (price <= (999)::numeric))' }],
    }),
    table('orders', [col('id', 'integer', { nullable: false }), col('customer_id', 'integer', { nullable: false }), col('status', 'order_status', { nullable: false, enumRef: 'public.order_status' }), col('opened_at', 'timestamp with time zone', { nullable: false }), col('closed_at', 'timestamp with time zone'), col('is_primary', 'boolean', { nullable: false })], {
      primaryKey: { name: 'orders_pkey', columns: ['id'] },
      foreignKeys: [fk('orders_customer_id_fkey', ['customer_id'], 'customer', ['id'])],
      checks: [
        { name: 'closed_check', expression: "((status = 'closed'::order_status) = (closed_at IS NOT NULL))" },
        { name: 'order_dates', expression: '((closed_at IS NULL) OR (closed_at > opened_at))' },
      ],
      indexes: [{ name: 'one_primary', columns: ['customer_id'], unique: true, primary: false, predicate: 'is_primary' }],
    }),
    table('order_line', [col('order_id', 'integer', { nullable: false }), col('product_id', 'bigint', { nullable: false }), col('quantity', 'smallint', { nullable: false })], {
      primaryKey: { name: 'order_line_pkey', columns: ['order_id', 'product_id'] },
      foreignKeys: [fk('line_order_fkey', ['order_id'], 'orders', ['id']), fk('line_product_fkey', ['product_id'], 'product', ['id'])],
      checks: [{ name: 'qty', expression: '(quantity BETWEEN 1 AND 10)' }],
    }),
    table('flag', [col('on', 'boolean', { nullable: false })], { primaryKey: { name: 'flag_pkey', columns: ['on'] } }),
  ];
  return m;
}

async function inMemory(model: SchemaModel, rows: number, seed: number | string = 1) {
  const sink = new MemorySink();
  const report = await generateMock(model, { rows, seed }, sink);
  const byName = new Map(sink.tables.map((t) => [t.table.name, t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])))]));
  return { report, sink, rows: byName };
}

describe('mock data engine (no database)', () => {
  before(() => loadPgExpressionParser());

  describe('plan', () => {
    it('orders parents first, back-fills the nullable edge of a cycle, keeps self-references direct', () => {
      const plan = planMock(shop(), { rows: 10, seed: 1 });
      const order = plan.tables.map((t) => t.table.name);
      assert.ok(order.indexOf('customer') < order.indexOf('product'));
      assert.ok(order.indexOf('orders') < order.indexOf('order_line'));
      const customer = plan.tables.find((t) => t.table.name === 'customer')!;
      assert.deepEqual(customer.backfillFks.map((f) => f.name), ['customer_favourite_fkey']);
      assert.ok(customer.directFks.some((f) => f.name === 'customer_referred_by_fkey'));
      assert.match(plan.findings.map((f) => f.message).join('\n'), /cycle public\.customer → public\.product: .*customer_favourite_fkey inserted empty, then back-filled/);
    });

    it('groups a cycle of NOT NULL foreign keys over integer keys; blocks one it cannot predict', () => {
      const m = emptyModel('postgres', 'x', ['public']);
      m.tables = [
        table('store', [col('id', 'integer', { nullable: false }), col('manager', 'integer', { nullable: false })], { primaryKey: { name: 'p1', columns: ['id'] }, foreignKeys: [fk('f1', ['manager'], 'staff', ['id'])] }),
        table('staff', [col('id', 'integer', { nullable: false }), col('store', 'integer', { nullable: false })], { primaryKey: { name: 'p2', columns: ['id'] }, foreignKeys: [fk('f2', ['store'], 'store', ['id'])] }),
        table('a', [col('k', 'text', { nullable: false }), col('b', 'text', { nullable: false })], { primaryKey: { name: 'p3', columns: ['k'] }, foreignKeys: [fk('f3', ['b'], 'b', ['k'])] }),
        table('b', [col('k', 'text', { nullable: false }), col('a', 'text', { nullable: false })], { primaryKey: { name: 'p4', columns: ['k'] }, foreignKeys: [fk('f4', ['a'], 'a', ['k'])] }),
      ];
      const plan = planMock(m, { rows: 5, seed: 1 });
      const staff = plan.tables.find((t) => t.table.name === 'staff')!;
      const store = plan.tables.find((t) => t.table.name === 'store')!;
      assert.equal(staff.group, store.group);
      assert.ok(staff.group !== undefined);
      assert.deepEqual(staff.predictedFks?.map((f) => f.name), ['f2']);
      assert.match(plan.tables.find((t) => t.table.name === 'a')!.blocked ?? '', /cycle of NOT NULL foreign keys between public\.a, public\.b/);
    });

    it('--tables adds the parents that NOT NULL foreign keys need, and reports it', () => {
      const plan = planMock(shop(), { rows: 10, seed: 1, tables: ['order_line'], rowsPerTable: { order_line: 3 } });
      assert.deepEqual(plan.tables.map((t) => t.table.name).sort(), ['customer', 'order_line', 'orders', 'product']);
      assert.equal(plan.tables.find((t) => t.table.name === 'order_line')!.rows, 3);
      assert.ok(plan.findings.some((f) => f.table === 'public.orders' && /added/.test(f.message)));
    });
  });

  describe('CHECK expressions', () => {
    it('PostgreSQL: implication, BETWEEN with now() - interval, IN over upper(), three-valued NULL', () => {
      const e = parsePgExpression("((status = 'closed'::text) = (closed_at IS NOT NULL)) AND (birth BETWEEN '1930-01-01'::date AND (now() - '18 years'::interval)) AND (upper(g) = ANY (ARRAY['M'::text, 'F'::text]))");
      const ok = { status: 'closed', closed_at: 1, birth: Date.UTC(1980, 0, 1), g: 'f' };
      assert.equal(evaluate(e, ok), true);
      assert.equal(evaluate(e, { ...ok, closed_at: null }), false);
      assert.equal(evaluate(e, { ...ok, birth: Date.UTC(2020, 0, 1) }), false);
      assert.equal(evaluate(e, { ...ok, g: 'x' }), false);
      assert.equal(checkPasses(parsePgExpression('price > 0'), { price: null }), true, 'NULL passes a CHECK');
      assert.equal(evaluate(parsePgExpression('f(x) > 1'), { x: 1 }), undefined, 'unknown function: cannot say');
    });

    it('MySQL/MariaDB: backquoted names, IN, BETWEEN, LIKE, json_valid', () => {
      const e = parseMysqlExpression("`rating` in ('G','PG') and `length` between 1 and 300 and `code` like 'A%'");
      assert.equal(evaluate(e, { rating: 'PG', length: 90, code: 'ABC' }), true);
      assert.equal(evaluate(e, { rating: 'R', length: 90, code: 'ABC' }), false);
      assert.deepEqual(parseMysqlExpression('json_valid(`attrs`)'), { k: 'func', name: 'json_valid', args: [{ k: 'col', name: 'attrs' }] });
    });
  });

  describe('generation', () => {
    it('every CHECK, key, foreign key and the partial unique index hold; cycles are back-filled', async () => {
      const model = shop();
      const { report, rows, sink } = await inMemory(model, 300);
      assert.deepEqual(report.findings.filter((f) => f.level === 'error'), []);
      const customers = rows.get('customer')!;
      const products = rows.get('product')!;
      const orders = rows.get('orders')!;
      const lines = rows.get('order_line')!;
      assert.equal(customers.length, 300);
      assert.equal(new Set(customers.map((c) => String(c.email).toLowerCase())).size, 300, 'unique emails');
      const ids = new Set(customers.map((c) => c.id));
      assert.ok(customers.every((c, i) => c.referred_by === null || (ids.has(c.referred_by) && (c.referred_by as number) < i + 1)), 'self-reference to earlier rows');
      // Back-filled: favourite_product points at products after the UPDATE pass.
      const productIds = new Set(products.map((p) => p.id));
      assert.ok(customers.filter((c) => productIds.has(c.favourite_product)).length >= 290, 'cyclic FK populated');
      assert.equal(sink.backfills.reduce((n, b) => n + b.rows.length, 0), 300);
      assert.ok(products.every((p) => /^[A-Z]{2}-[0-9]{4}$/.test(String(p.sku)) && (p.price as number) > 0 && (p.price as number) <= 999));
      for (const o of orders) {
        assert.equal(o.status === 'closed', o.closed_at !== null, 'implication CHECK');
        if (o.closed_at !== null) assert.ok((o.closed_at as number) > (o.opened_at as number));
      }
      assert.deepEqual(new Set(orders.map((o) => o.status)), new Set(['open', 'paid', 'closed']));
      const primaries = orders.filter((o) => o.is_primary).map((o) => o.customer_id);
      assert.equal(new Set(primaries).size, primaries.length, 'partial unique index');
      assert.ok(primaries.length > 30);
      assert.equal(new Set(lines.map((l) => `${l.order_id}/${l.product_id}`)).size, lines.length, 'composite primary key');
      assert.ok(lines.every((l) => (l.quantity as number) >= 1 && (l.quantity as number) <= 10));
      // Skewed fan-out: the busiest customer has many more orders than the average of 1.
      const perCustomer = new Map<unknown, number>();
      for (const o of orders) perCustomer.set(o.customer_id, (perCustomer.get(o.customer_id) ?? 0) + 1);
      assert.ok(Math.max(...perCustomer.values()) >= 5);
    });

    it('the same seed gives the same rows; another seed other rows', async () => {
      const a = await inMemory(shop(), 50, 'alpha');
      const b = await inMemory(shop(), 50, 'alpha');
      const c = await inMemory(shop(), 50, 'beta');
      assert.deepEqual(a.sink.tables.map((t) => t.rows), b.sink.tables.map((t) => t.rows));
      assert.notDeepEqual(a.sink.tables.map((t) => t.rows), c.sink.tables.map((t) => t.rows));
    });

    it('a domain smaller than the asked count gives fewer rows and says so', async () => {
      const { report } = await inMemory(shop(), 50);
      const flag = report.tables.find((t) => t.table === 'public.flag')!;
      assert.equal(flag.written, 2);
      assert.ok(report.findings.some((f) => f.table === 'public.flag' && /domain too small: 2 of 50/.test(f.message)));
    });

    it('is cancellable between batches', async () => {
      const abort = new AbortController();
      abort.abort();
      await assert.rejects(generateMock(shop(), { rows: 10, seed: 1 }, new MemorySink(), { signal: abort.signal }), MockCancelled);
    });

    it('mock.yml overrides: fixed lists, ranges, null ratio, unknown generators reported', async () => {
      const config = parseMockConfig(['tables:', '  customer:', '    rows: 7', '    columns:', '      first_name: { values: [Ada, Grace] }', '      referred_by: { nullRatio: 1 }', '  product:', '    columns:', '      price: { min: 10, max: 20 }', '      sku: { generator: nope.nothing }'].join('\n'));
      const sink = new MemorySink();
      const report = await generateMock(shop(), { rows: 20, seed: 1, config }, sink);
      const customer = sink.tables.find((t) => t.table.name === 'customer')!;
      assert.equal(customer.rows.length, 7);
      const fi = customer.columns.findIndex((c) => c.name === 'first_name');
      const ri = customer.columns.findIndex((c) => c.name === 'referred_by');
      assert.ok(customer.rows.every((r) => ['Ada', 'Grace'].includes(r[fi] as string) && r[ri] === null));
      const product = sink.tables.find((t) => t.table.name === 'product')!;
      const pi = product.columns.findIndex((c) => c.name === 'price');
      assert.ok(product.rows.every((r) => (r[pi] as number) >= 10 && (r[pi] as number) <= 20));
      assert.ok(report.findings.some((f) => /unknown generator "nope.nothing"/.test(f.message)));
    });

    it('mock.yml errors name the line', () => {
      assert.throws(() => parseMockConfig('tables:\n  customer:\n    colums: {}\n', 'mock.yml'), (e: unknown) => e instanceof MockConfigError && /^mock\.yml:3: unknown key "colums"/.test(e.message));
      assert.throws(() => parseMockConfig('tables:\n  customer:\n    columns:\n      x: { nullRatio: 2 }\n', 'mock.yml'), (e: unknown) => e instanceof MockConfigError && /^mock\.yml:4: nullRatio must be a number between 0 and 1/.test(e.message));
      assert.throws(() => parseMockConfig('tables: [\n', 'mock.yml'), (e: unknown) => e instanceof MockConfigError && /^mock\.yml:\d+: /.test(e.message));
    });
  });

  describe('file sinks', () => {
    it('SQL script: one transaction, multi-row INSERTs, back-fill UPDATE, sequence resets; CSV: header, NULL empty, "" for empty text', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'sw-mock-'));
      const file = path.join(dir, 'seed.sql');
      await generateMock(shop(), { rows: 20, seed: 1 }, new SqlFileSink(file, 'postgres'));
      const sql = readFileSync(file, 'utf8');
      assert.match(sql, /^-- Mock data generated by schemawise mock\nBEGIN;\nSET CONSTRAINTS ALL DEFERRED;/);
      assert.match(sql, /INSERT INTO "public"\."customer" \("id", "email", "first_name", "referred_by", "favourite_product"\) VALUES\n {2}\(1, '/);
      assert.match(sql, /UPDATE "public"\."customer" AS t SET "favourite_product" = v\.c1\nFROM \(VALUES/);
      assert.match(sql, /\nCOMMIT;\n$/);
      const csvDir = path.join(dir, 'csv');
      await generateMock(shop(), { rows: 5, seed: 1 }, new CsvDirSink(csvDir, 'postgres'));
      assert.deepEqual(readdirSync(csvDir).sort(), ['public.customer.backfill.csv', 'public.customer.csv', 'public.flag.csv', 'public.order_line.csv', 'public.orders.csv', 'public.product.csv']);
      const orders = readFileSync(path.join(csvDir, 'public.orders.csv'), 'utf8').split('\n');
      assert.equal(orders[0], 'id,customer_id,status,opened_at,closed_at,is_primary');
      assert.ok(orders.slice(1, -1).some((l) => /,,(t|f)$/.test(l)), 'NULL closed_at is an empty field');
    });
  });

  describe('client input', () => {
    it('row counts and table choices', () => {
      assert.deepEqual(parseRowCount(' 1,000 '), { rows: 1000 });
      assert.ok('error' in parseRowCount('ten'));
      assert.ok('error' in parseRowCount('0'));
      const choices = tableChoices(shop(), { schema: 'public', table: 'orders' });
      assert.deepEqual(choices.filter((c) => c.picked).map((c) => c.label), ['orders']);
      assert.equal(tableChoices(shop()).filter((c) => c.picked).length, 5);
    });
  });
});
