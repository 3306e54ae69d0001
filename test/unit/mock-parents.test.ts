// Foreign keys to parents that a run does not generate draw from the parents' existing keys (a
// bounded sample read through a ParentKeySource). Here the source is a fake: planning (which
// parents are sampled, which are still added), generation (composite keys, the 1:1 cap, empty
// parents, nullRatio, CHECKs), the report, and the driver-backed sampler's SQL over a fake driver.
import assert from 'node:assert/strict';
import { emptyModel, type ColumnInfo, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';
import { loadPgExpressionParser } from '../../server/src/engine/mock/expr-pg';
import { generateMock, planWithParents } from '../../server/src/engine/mock/generate';
import { formatMockReport } from '../../server/src/engine/mock/job';
import { planMock } from '../../server/src/engine/mock/plan';
import { MemorySink } from '../../server/src/engine/mock/sinks/memory-sink';
import { DriverParentKeySampler, distinctSorted, keyValue } from '../../server/src/engine/mock/sinks/parent-key-sampler';
import { parseColumnType } from '../../server/src/engine/mock/column-type';
import { parseMockConfig } from '../../server/src/engine/mock/config';
import type { Value } from '../../server/src/engine/mock/expr';
import type { MockRequest, ParentKeyRequest, ParentKeySample, ParentKeySource } from '../../server/src/engine/mock/types';
import type { QueryResult } from '../../server/src/engine/drivers/types';
import { col, fk, table } from '../helpers/mock-models';

const notNull = { nullable: false };

/** orders, product, warehouse (composite key) and promo (empty) already have rows; the children are generated. */
function shop(): SchemaModel {
  const m = emptyModel('postgres', 'shop', ['public']);
  m.tables = [
    table('orders', [col('id', 'integer', notNull), col('placed_at', 'timestamp', notNull)], { primaryKey: { name: 'orders_pkey', columns: ['id'] } }),
    table('product', [col('id', 'bigint', notNull), col('name', 'text', notNull)], { primaryKey: { name: 'product_pkey', columns: ['id'] } }),
    table('warehouse', [col('code', 'text', notNull), col('region', 'text', notNull)], { primaryKey: { name: 'warehouse_pkey', columns: ['code', 'region'] } }),
    table('promo', [col('id', 'integer', notNull)], { primaryKey: { name: 'promo_pkey', columns: ['id'] } }),
    table('order_line', [col('id', 'integer', notNull), col('order_id', 'integer', notNull), col('product_id', 'bigint', notNull), col('wh_code', 'text'), col('wh_region', 'text'), col('quantity', 'smallint', notNull)], {
      primaryKey: { name: 'order_line_pkey', columns: ['id'] },
      foreignKeys: [fk('line_order_fkey', ['order_id'], 'orders', ['id']), fk('line_product_fkey', ['product_id'], 'product', ['id']), fk('line_wh_fkey', ['wh_code', 'wh_region'], 'warehouse', ['code', 'region'])],
      checks: [{ name: 'qty', expression: '((quantity >= 1) AND (quantity <= 10) AND (order_id > 2))' }],
    }),
    // 1:1 with orders: the foreign key is the primary key.
    table('order_detail', [col('order_id', 'integer', notNull), col('note', 'text')], { primaryKey: { name: 'order_detail_pkey', columns: ['order_id'] }, foreignKeys: [fk('detail_order_fkey', ['order_id'], 'orders', ['id'])] }),
    // Many-to-many: the primary key is made of two foreign keys, and the table already has rows.
    table('order_product', [col('order_id', 'integer', notNull), col('product_id', 'bigint', notNull)], {
      primaryKey: { name: 'order_product_pkey', columns: ['order_id', 'product_id'] },
      foreignKeys: [fk('op_order_fkey', ['order_id'], 'orders', ['id']), fk('op_product_fkey', ['product_id'], 'product', ['id'])],
    }),
    table('coupon', [col('id', 'integer', notNull), col('promo_id', 'integer')], { primaryKey: { name: 'coupon_pkey', columns: ['id'] }, foreignKeys: [fk('coupon_promo_fkey', ['promo_id'], 'promo', ['id'])] }),
    table('voucher', [col('id', 'integer', notNull), col('promo_id', 'integer', notNull)], { primaryKey: { name: 'voucher_pkey', columns: ['id'] }, foreignKeys: [fk('voucher_promo_fkey', ['promo_id'], 'promo', ['id'])] }),
  ];
  return m;
}

const ORDERS = Array.from({ length: 40 }, (_, i) => [i + 1]);
const PRODUCTS = Array.from({ length: 25 }, (_, i) => [1000 + i]);
const WAREHOUSES = [
  ['A1', 'north'],
  ['A1', 'south'],
  ['B7', 'north'],
];

/** A fake database: parent keys per table; `referencedByDetail` orders already have an order_detail row. */
class FakeParents implements ParentKeySource {
  readonly requests: ParentKeyRequest[] = [];
  constructor(
    private readonly keys: Record<string, Value[][]>,
    private readonly referencedByDetail = new Set<number>(),
  ) {}
  readonly existing: Record<string, Value[][]> = {};
  async existingKeys(r: { table: TableInfo; columns: string[]; limit: number }) {
    const tuples = this.existing[`${r.table.name}(${r.columns.join(',')})`] ?? [];
    return { tuples: tuples.slice(0, r.limit), bounded: tuples.length > r.limit };
  }
  async sampleKeys(r: ParentKeyRequest): Promise<ParentKeySample> {
    this.requests.push(r);
    const all = this.keys[r.parent.name] ?? [];
    const tuples = r.unreferencedBy ? all.filter((t) => !this.referencedByDetail.has(t[0] as number)) : all;
    const bounded = tuples.length > r.limit;
    return { tuples: tuples.slice(0, r.limit), parentEmpty: all.length === 0, bounded, estimatedRows: all.length, method: 'fake' };
  }
}

async function run(model: SchemaModel, request: MockRequest, parents?: ParentKeySource, parentSampleLimit?: number) {
  const sink = new MemorySink();
  const report = await generateMock(model, request, sink, { parents, parentSampleLimit });
  const rows = new Map(sink.tables.map((t) => [t.table.name, t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]])))]));
  return { report, rows };
}

const message = (r: { findings: { level: string; table?: string; message: string }[] }) => r.findings.map((f) => `${f.level} ${f.table ?? ''}: ${f.message}`).join('\n');

describe('mock data: foreign keys to parents outside the run draw from existing keys', () => {
  before(() => loadPgExpressionParser());

  const fake = () => new FakeParents({ orders: ORDERS, product: PRODUCTS, warehouse: WAREHOUSES, promo: [] }, new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33]));

  describe('planning', () => {
    it('a live plan asks for the samples first, then generates only the named table: parents with rows are sampled, not added', async () => {
      const model = shop();
      const first = planMock(model, { rows: 10, seed: 1, tables: ['order_line'] }, { get: () => undefined });
      assert.deepEqual(first.toSample.map((w) => `${w.child.name}.${w.fk.name} → ${w.parent.name}${w.unreferencedOnly ? ' (1:1)' : ''}`), ['order_line.line_order_fkey → orders', 'order_line.line_product_fkey → product', 'order_line.line_wh_fkey → warehouse']);
      const source = fake();
      const { plan, sampledParents } = await planWithParents(model, { rows: 10, seed: 1, tables: ['order_line'] }, { parents: source });
      assert.deepEqual(plan.tables.map((t) => t.key), ['public.order_line']);
      assert.deepEqual(plan.toSample, []);
      assert.deepEqual(plan.tables[0]!.sampledFks!.map((s) => [s.fk.name, s.sample.tuples.length]), [['line_order_fkey', 40], ['line_product_fkey', 25], ['line_wh_fkey', 3]]);
      assert.deepEqual(source.requests.map((r) => [r.parent.name, r.columns.join(','), r.limit]), [['orders', 'id', 10_000], ['product', 'id', 10_000], ['warehouse', 'code,region', 10_000]]);
      assert.deepEqual(sampledParents.map((s) => `${s.table}(${s.columns.join(',')}) ${s.keys}`), ['public.orders(id) 40', 'public.product(id) 25', 'public.warehouse(code,region) 3']);
      assert.ok(!plan.findings.some((f) => /added/.test(f.message)), message(plan));
    });

    it('without a source (SQL script, CSV, snapshot) the NOT NULL parents are added as before', () => {
      const plan = planMock(shop(), { rows: 10, seed: 1, tables: ['order_line'] });
      assert.deepEqual(plan.tables.map((t) => t.table.name).sort(), ['order_line', 'orders', 'product']);
      assert.deepEqual(plan.toSample, []);
    });

    it('an empty parent that a NOT NULL foreign key needs is still added to the run (reported); a nullable one is not', async () => {
      const { plan } = await planWithParents(shop(), { rows: 10, seed: 1, tables: ['voucher', 'coupon'] }, { parents: fake() });
      assert.deepEqual(plan.tables.map((t) => t.table.name).sort(), ['coupon', 'promo', 'voucher']);
      assert.match(message(plan), /info public\.promo: added: public\.voucher\.voucher_promo_fkey needs rows in it and it has none in the database/);
      // Once promo is generated, coupon draws from the generated promos, not the (empty) sample.
      assert.equal(plan.tables.find((t) => t.table.name === 'coupon')!.sampledFks, undefined);
    });
  });

  describe('generation', () => {
    it('every foreign key holds an existing parent key, composite keys as whole tuples; CHECKs and counts hold; the report lists the samples', async () => {
      const { report, rows } = await run(shop(), { rows: 300, seed: 3, tables: ['order_line'] }, fake());
      const lines = rows.get('order_line')!;
      assert.equal(lines.length, 300);
      assert.deepEqual([...rows.keys()], ['order_line']);
      const orderIds = new Set(ORDERS.map((t) => t[0]));
      const productIds = new Set(PRODUCTS.map((t) => t[0]));
      const whs = new Set(WAREHOUSES.map((t) => t.join('/')));
      for (const l of lines) {
        assert.ok(orderIds.has(l.order_id as number) && (l.order_id as number) > 2, `order ${l.order_id}`);
        assert.ok(productIds.has(l.product_id as number), `product ${l.product_id}`);
        assert.ok((l.wh_code === null && l.wh_region === null) || whs.has(`${l.wh_code}/${l.wh_region}`), `warehouse ${l.wh_code}/${l.wh_region}`);
        assert.ok((l.quantity as number) >= 1 && (l.quantity as number) <= 10);
      }
      // The default null ratio (10%) for the nullable composite key; most lines have a warehouse.
      const withWh = lines.filter((l) => l.wh_code !== null).length;
      assert.ok(withWh > 200 && withWh < 300, `${withWh} lines with a warehouse`);
      assert.ok(new Set(lines.map((l) => l.order_id)).size > 20, 'spread over many orders');
      assert.equal(report.tables[0]!.written, 300);
      assert.deepEqual(report.sampledParents!.map((s) => `${s.child}.${s.foreignKey} → ${s.table} ${s.keys}`), ['public.order_line.line_order_fkey → public.orders 40', 'public.order_line.line_product_fkey → public.product 25', 'public.order_line.line_wh_fkey → public.warehouse 3']);
      const text = formatMockReport(report, 'generated');
      assert.match(text, /Existing parent keys \(parents not generated in this run\):\n {2}public\.order_line\.line_order_fkey → public\.orders \(id\): 40 keys, every key, read with fake/);
    });

    it('mock.yml nullRatio applies to a sampled nullable foreign key (0: always a parent, 1: always NULL)', async () => {
      const always = parseMockConfig('tables:\n  order_line:\n    columns:\n      wh_code: { nullRatio: 0 }\n');
      const a = await run(shop(), { rows: 100, seed: 3, tables: ['order_line'], config: always }, fake());
      assert.ok(a.rows.get('order_line')!.every((l) => l.wh_code !== null && l.wh_region !== null));
      const never = parseMockConfig('tables:\n  order_line:\n    columns:\n      wh_code: { nullRatio: 1 }\n');
      const b = await run(shop(), { rows: 100, seed: 3, tables: ['order_line'], config: never }, fake());
      assert.ok(b.rows.get('order_line')!.every((l) => l.wh_code === null && l.wh_region === null));
    });

    it('1:1: each parent at most once, only parents the table does not reference yet; the row count is capped and the report says why', async () => {
      const source = fake();
      const { report, rows } = await run(shop(), { rows: 20, seed: 1, tables: ['order_detail'] }, source);
      assert.deepEqual(source.requests.map((r) => [r.parent.name, r.unreferencedBy?.table.name, r.unreferencedBy?.columns]), [['orders', 'order_detail', ['order_id']]]);
      const ids = rows.get('order_detail')!.map((r) => r.order_id as number).sort((x, y) => x - y);
      assert.deepEqual(ids, [34, 35, 36, 37, 38, 39, 40]);
      assert.equal(report.tables[0]!.written, 7);
      assert.match(message(report), /warning public\.order_detail: domain too small: 7 of 20 rows \(key order_detail_pkey \(order_id\) has only 7 distinct combinations: 7 existing public\.orders keys not yet referenced by this table\)/);
      assert.equal(report.sampledParents![0]!.unreferencedOnly, true);
    });

    it('a key made of sampled foreign keys avoids the tuples already in the table, and the cap counts them', async () => {
      const source = new FakeParents({ orders: [[1], [2], [3]], product: [[10], [20]] });
      // (2, 20) and (3, 10) exist already; (9, 10) is outside the sample and changes nothing.
      source.existing['order_product(order_id,product_id)'] = [[2, 20], [3, 10], [9, 10]];
      const { report, rows } = await run(shop(), { rows: 10, seed: 4, tables: ['order_product'] }, source);
      const made = rows.get('order_product')!.map((r) => `${r.order_id}/${r.product_id}`).sort();
      assert.deepEqual(made, ['1/10', '1/20', '2/10', '3/20']);
      assert.match(message(report), /domain too small: 4 of 10 rows \(key order_product_pkey \(order_id, product_id\) has only 6 distinct combinations: 3 existing public\.orders keys × 2 existing public\.product keys, 2 of them already in the table\)/);
    });

    it('a bounded sample caps a 1:1 table at the sample bound and says so', async () => {
      const source = new FakeParents({ orders: Array.from({ length: 50 }, (_, i) => [i + 1]) });
      const { report } = await run(shop(), { rows: 30, seed: 1, tables: ['order_detail'] }, source, 12);
      assert.equal(report.tables[0]!.written, 12);
      assert.match(message(report), /only 12 distinct combinations: 12 sampled public\.orders keys \(the sample bound\) not yet referenced/);
      assert.match(formatMockReport(report, 'generated'), /12 keys not yet referenced, a sample bounded at 12 keys of about 50 rows, read with fake/);
    });

    it('a 1:1 table whose every parent is already referenced is skipped with the reason', async () => {
      const source = new FakeParents({ orders: [[1], [2]] }, new Set([1, 2]));
      const { report } = await run(shop(), { rows: 5, seed: 1, tables: ['order_detail'] }, source);
      assert.equal(report.tables[0]!.written, 0);
      assert.match(message(report), /error public\.order_detail: foreign key detail_order_fkey needs rows in public\.orders, which is not part of this run and has no row that public\.order_detail does not reference already \(order_id is unique\): the table is skipped/);
    });

    it('an empty parent outside the run: a nullable foreign key stays NULL (reported); a NOT NULL one skips the table when the parent cannot be added', async () => {
      const { report, rows } = await run(shop(), { rows: 8, seed: 1, tables: ['coupon'] }, fake());
      assert.ok(rows.get('coupon')!.length === 8 && rows.get('coupon')!.every((r) => r.promo_id === null));
      assert.match(message(report), /info public\.coupon: coupon_promo_fkey left NULL: public\.promo is not part of this run and has no rows in the database/);
      // promo is a view here: nothing can generate it, and it has no rows.
      const model = shop();
      model.tables.find((t) => t.name === 'promo')!.kind = 'view';
      const skipped = await run(model, { rows: 8, seed: 1, tables: ['voucher'] }, fake());
      assert.equal(skipped.report.tables[0]!.written, 0);
      assert.match(message(skipped.report), /error public\.voucher: foreign key voucher_promo_fkey needs rows in public\.promo, which is not part of this run/);
    });

    it('without a source the report says why a nullable foreign key to a parent outside the run is NULL', async () => {
      const { report, rows } = await run(shop(), { rows: 5, seed: 1, tables: ['coupon'] });
      assert.ok(rows.get('coupon')!.every((r) => r.promo_id === null));
      assert.match(message(report), /coupon_promo_fkey left NULL: public\.promo is not part of this run \(this run does not read the database: an SQL script, CSV files, a snapshot or SQL Server cannot draw from existing parent rows; preview or --write against a PostgreSQL or MySQL\/MariaDB connection does\)/);
    });

    it('the same seed and the same existing keys give the same rows', async () => {
      const a = await run(shop(), { rows: 50, seed: 9, tables: ['order_line'] }, fake());
      const b = await run(shop(), { rows: 50, seed: 9, tables: ['order_line'] }, fake());
      assert.deepEqual(a.rows.get('order_line'), b.rows.get('order_line'));
    });
  });

  describe('the driver-backed sampler', () => {
    const t = (schema: string, name: string, columns: ColumnInfo[]): TableInfo => ({ ...table(name, columns), schema });

    function fakeDriver(answers: (sql: string) => unknown[][]) {
      const sent: string[] = [];
      return {
        sent,
        async queryReadOnly(sql: string): Promise<QueryResult> {
          sent.push(sql);
          const rows = answers(sql);
          return { fields: [], rows, rowCount: rows.length, truncated: false, durationMs: 0 };
        },
      };
    }

    it('PostgreSQL: TABLESAMPLE SYSTEM on a big table, quoted identifiers, a probe for parents a 1:1 child already references, keys typed and sorted', async () => {
      const parent = t('sales', 'Or"ders', [col('id', 'bigint', notNull), col('part', 'text', notNull)]);
      const child = t('sales', 'detail', [col('order_id', 'bigint'), col('order_part', 'text')]);
      const d = fakeDriver((sql) => (/reltuples/.test(sql) ? [[2_000_000]] : [['30', 'b'], ['4', 'a'], ['30', 'b']]));
      const s = await new DriverParentKeySampler(d, 'postgres').sampleKeys({ parent, columns: ['id', 'part'], limit: 1000, seed: 42, unreferencedBy: { table: child, columns: ['order_id', 'order_part'] } });
      assert.match(d.sent[0]!, /to_regclass\('"sales"\."Or""ders"'\)/);
      assert.equal(
        d.sent[1],
        'SELECT p."id"::text AS k0, p."part"::text AS k1 FROM "sales"."Or""ders" AS p TABLESAMPLE SYSTEM (0.15) REPEATABLE (42) WHERE p."id" IS NOT NULL AND p."part" IS NOT NULL AND (SELECT 1 FROM "sales"."detail" AS c WHERE c."order_id" = p."id" AND c."order_part" = p."part" LIMIT 1) IS NULL LIMIT 1000',
      );
      assert.deepEqual(s.tuples, [
        [4, 'a'],
        [30, 'b'],
      ]);
      assert.deepEqual({ bounded: s.bounded, parentEmpty: s.parentEmpty, estimatedRows: s.estimatedRows, method: s.method }, { bounded: true, parentEmpty: false, estimatedRows: 2_000_000, method: 'TABLESAMPLE SYSTEM (0.15%)' });
    });

    it('PostgreSQL: a small table is read with LIMIT; a stale estimate whose sample is empty falls back to LIMIT; an empty 1:1 sample asks whether the parent has rows at all', async () => {
      const parent = t('public', 'orders', [col('id', 'integer', notNull)]);
      const small = fakeDriver((sql) => (/reltuples/.test(sql) ? [[120]] : [['1'], ['2']]));
      const a = await new DriverParentKeySampler(small, 'postgres').sampleKeys({ parent, columns: ['id'], limit: 10_000, seed: 1 });
      assert.doesNotMatch(small.sent[1]!, /TABLESAMPLE/);
      assert.deepEqual([a.tuples, a.bounded, a.method], [[[1], [2]], false, 'LIMIT (the whole table)']);
      const stale = fakeDriver((sql) => (/reltuples/.test(sql) ? [[5_000_000]] : /TABLESAMPLE/.test(sql) ? [] : [['7']]));
      const b = await new DriverParentKeySampler(stale, 'postgres').sampleKeys({ parent, columns: ['id'], limit: 100, seed: 1 });
      assert.deepEqual(b.tuples, [[7]]);
      assert.match(b.method, /stale/);
      const used = fakeDriver((sql) => (/reltuples/.test(sql) ? [[10]] : /IS NULL LIMIT 100$/.test(sql) ? [] : [[1]]));
      const c = await new DriverParentKeySampler(used, 'postgres').sampleKeys({ parent, columns: ['id'], limit: 100, seed: 1, unreferencedBy: { table: t('public', 'detail', [col('order_id', 'integer')]), columns: ['order_id'] } });
      assert.deepEqual([c.tuples, c.parentEmpty], [[], false]);
      assert.equal(used.sent[2], 'SELECT 1 FROM "public"."orders" AS p WHERE p."id" IS NOT NULL LIMIT 1');
    });

    it('the table name in the estimate is a literal of the dialect: a backslash stays one in PostgreSQL, is escaped in MySQL', async () => {
      const pg = fakeDriver(() => []);
      await new DriverParentKeySampler(pg, 'postgres').sampleKeys({ parent: t('public', 'a\\b', [col('id', 'integer', notNull)]), columns: ['id'], limit: 10, seed: 1 });
      assert.equal(pg.sent[0], `SELECT c.reltuples::float8 AS n FROM pg_catalog.pg_class c WHERE c.oid = to_regclass('"public"."a\\b"')`);
      const my = fakeDriver(() => []);
      await new DriverParentKeySampler(my, 'mysql').sampleKeys({ parent: t('shop', "a\\b'c", [col('id', 'integer', notNull)]), columns: ['id'], limit: 10, seed: 1 });
      assert.match(my.sent[0]!, /TABLE_NAME = 'a\\\\b''c'$/);
    });

    it('MySQL/MariaDB: backquoted identifiers, CAST AS CHAR, LIMIT (no TABLESAMPLE), the estimate from information_schema', async () => {
      const parent = t('shop', 'order`s', [col('id', 'int unsigned', notNull)]);
      const d = fakeDriver((sql) => (/TABLE_ROWS/.test(sql) ? [[5_000_000]] : [['3'], ['1']]));
      const s = await new DriverParentKeySampler(d, 'mysql').sampleKeys({ parent, columns: ['id'], limit: 2, seed: 1 });
      assert.match(d.sent[0]!, /TABLE_NAME = 'order`s'/);
      assert.equal(d.sent[1], 'SELECT CAST(p.`id` AS CHAR) AS k0 FROM `order``s` AS p WHERE p.`id` IS NOT NULL LIMIT 2');
      assert.deepEqual([s.tuples, s.bounded], [[[1], [3]], true]);
      assert.equal(s.method, 'LIMIT (the first keys in index order: MySQL/MariaDB has no TABLESAMPLE)');
    });

    it('keys read as text become the generator\'s values; duplicates are dropped', () => {
      assert.equal(keyValue('42', parseColumnType('integer', 'postgres')), 42);
      assert.equal(keyValue('9007199254740993', parseColumnType('bigint', 'postgres')), '9007199254740993');
      assert.equal(keyValue('10.50', parseColumnType('numeric(8,2)', 'postgres')), '10.50');
      assert.equal(keyValue('2024-02-29 10:00:00.123+00', parseColumnType('timestamptz', 'postgres')), '2024-02-29 10:00:00.123+00');
      assert.equal(keyValue('t', parseColumnType('boolean', 'postgres')), true);
      assert.deepEqual(distinctSorted([[2, 'x'], [1, 'y'], [2, 'x']]), [
        [1, 'y'],
        [2, 'x'],
      ]);
    });
  });
});
