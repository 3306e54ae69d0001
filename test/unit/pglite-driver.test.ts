// The embedded PostgreSQL driver, in memory: it introspects through the same catalog queries as the
// PostgreSQL driver, and its query path is read-only, time-bounded and row-capped.
import assert from 'node:assert/strict';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { INTROSPECTION_QUERY_COUNT } from '../../server/src/engine/drivers/postgres/introspect';
import { isDriverError } from '../../server/src/engine/drivers/errors';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { toCellValue } from '../../server/src/engine/execution/json-values';

const SCHEMA = `
  CREATE SCHEMA shop;
  COMMENT ON SCHEMA shop IS 'The shop';
  CREATE TYPE shop.status AS ENUM ('new', 'paid', 'shipped');
  CREATE TABLE shop.customer (
    id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text
  );
  COMMENT ON TABLE shop.customer IS 'People who buy';
  COMMENT ON COLUMN shop.customer.email IS 'Login and contact address';
  CREATE TABLE shop.orders (
    region text NOT NULL,
    order_no int NOT NULL,
    customer_id int NOT NULL REFERENCES shop.customer (id) ON DELETE CASCADE,
    status shop.status NOT NULL DEFAULT 'new',
    qty int NOT NULL CHECK (qty > 0),
    price numeric(10, 2) NOT NULL,
    total numeric GENERATED ALWAYS AS (qty * price) STORED,
    PRIMARY KEY (region, order_no)
  );
  CREATE TABLE shop.shipment (
    id serial PRIMARY KEY,
    order_no int NOT NULL,
    region text NOT NULL,
    CONSTRAINT shipment_order_fk FOREIGN KEY (order_no, region) REFERENCES shop.orders (order_no, region) ON UPDATE CASCADE
  );
  CREATE INDEX orders_lower_region ON shop.orders (lower(region), customer_id) WHERE qty > 1;
  CREATE VIEW shop.paid_orders AS SELECT region, order_no FROM shop.orders WHERE status = 'paid';
  CREATE FUNCTION shop.order_count(p_customer int, p_since date DEFAULT NULL) RETURNS bigint
    LANGUAGE sql STABLE AS $$ SELECT count(*) FROM shop.orders WHERE customer_id = p_customer $$;
  COMMENT ON FUNCTION shop.order_count(int, date) IS 'Orders of one customer';
  INSERT INTO shop.customer (email, name) SELECT 'c' || g || '@example.com', 'Customer ' || g FROM generate_series(1, 50) g;
`;

describe('PGlite driver (in memory)', function () {
  this.timeout(60_000);
  let driver: PgliteDriver;
  let model: SchemaModel;
  let introspectionQueries: number;

  before(async () => {
    driver = new PgliteDriver({ name: 'pglite-test', driver: 'pglite', readOnly: true }, { seed: (exec) => exec(SCHEMA) });
    await driver.connect();
    const before = driver.stats.queries;
    model = await driver.introspect();
    introspectionQueries = driver.stats.queries - before;
  });

  after(async () => {
    await driver?.close();
  });

  const table = (name: string) => {
    const t = model.tables.find((x) => x.schema === 'shop' && x.name === name);
    assert.ok(t, `table shop.${name} in the model`);
    return t;
  };

  it('introspects with the fixed set of catalog queries', () => {
    assert.equal(introspectionQueries, INTROSPECTION_QUERY_COUNT);
    assert.equal(model.dialect, 'postgres');
    assert.equal(model.database, 'postgres');
    assert.match(model.serverVersion ?? '', /^PostgreSQL \d+/);
    assert.deepEqual(model.searchPath, ['public']);
  });

  it('reads schemas, tables, views, comments and enum-typed columns', () => {
    assert.deepEqual(model.schemas.map((s) => s.name).sort(), ['public', 'shop']);
    assert.equal(model.schemas.find((s) => s.name === 'shop')?.comment, 'The shop');
    assert.deepEqual(model.tables.map((t) => `${t.name}:${t.kind}`).sort(), ['customer:table', 'orders:table', 'paid_orders:view', 'shipment:table']);
    const customer = table('customer');
    assert.equal(customer.comment, 'People who buy');
    assert.deepEqual(customer.columns.map((c) => [c.name, c.dataType, c.nullable]), [
      ['id', 'integer', false],
      ['email', 'text', false],
      ['name', 'text', true],
    ]);
    assert.equal(customer.columns[0].identity, 'always');
    assert.equal(customer.columns[1].comment, 'Login and contact address');
    const orders = table('orders');
    const status = orders.columns.find((c) => c.name === 'status')!;
    assert.equal(status.enumRef, 'shop.status');
    assert.equal(status.default, "'new'::shop.status");
    assert.equal(orders.columns.find((c) => c.name === 'price')?.dataType, 'numeric(10,2)');
    assert.equal(orders.columns.find((c) => c.name === 'total')?.generated, '((qty)::numeric * price)');
    assert.match(table('paid_orders').viewDefinition ?? '', /WHERE status = 'paid'/);
    assert.deepEqual(model.enums, [{ schema: 'shop', name: 'status', values: ['new', 'paid', 'shipped'] }]);
  });

  it('reads keys, composite foreign keys in column order, checks and indexes', () => {
    const orders = table('orders');
    assert.deepEqual(orders.primaryKey, { name: 'orders_pkey', columns: ['region', 'order_no'] });
    assert.deepEqual(orders.foreignKeys, [
      { name: 'orders_customer_id_fkey', columns: ['customer_id'], refSchema: 'shop', refTable: 'customer', refColumns: ['id'], onUpdate: 'no_action', onDelete: 'cascade' },
    ]);
    assert.deepEqual(orders.checks, [{ name: 'orders_qty_check', expression: '(qty > 0)' }]);
    // Declared as (order_no, region) → orders (order_no, region): the pairing must keep that order.
    assert.deepEqual(table('shipment').foreignKeys, [
      { name: 'shipment_order_fk', columns: ['order_no', 'region'], refSchema: 'shop', refTable: 'orders', refColumns: ['order_no', 'region'], onUpdate: 'cascade', onDelete: 'no_action' },
    ]);
    assert.deepEqual(table('customer').uniques, [{ name: 'customer_email_key', columns: ['email'] }]);
    const idx = orders.indexes.find((i) => i.name === 'orders_lower_region')!;
    assert.deepEqual(idx.columns, ['lower(region)', 'customer_id']);
    assert.equal(idx.unique, false);
    assert.equal(idx.method, 'btree');
    assert.equal(idx.predicate, '(qty > 1)');
    assert.match(idx.definition ?? '', /^CREATE INDEX orders_lower_region ON shop\.orders USING btree/);
    assert.deepEqual(orders.indexes.find((i) => i.primary)?.columns, ['region', 'order_no']);
  });

  it('reads routines with parameter names, types, defaults and return type', () => {
    const { volatility, securityDefiner, definition, ...fn } = model.routines.find((r) => r.name === 'order_count')!;
    // Volatility, SECURITY DEFINER and the CREATE text (routines.sql; used by docs, diff and safety).
    assert.equal(volatility, 'stable');
    assert.equal(securityDefiner, false);
    assert.match(definition ?? '', /^CREATE OR REPLACE FUNCTION shop\.order_count\(p_customer integer, p_since date DEFAULT/);
    assert.deepEqual(fn, {
      schema: 'shop',
      name: 'order_count',
      kind: 'function',
      params: [
        { name: 'p_customer', type: 'integer', mode: 'in', hasDefault: false },
        { name: 'p_since', type: 'date', mode: 'in', hasDefault: true },
      ],
      returnType: 'bigint',
      language: 'sql',
      comment: 'Orders of one customer',
    });
  });

  it('returns rows with column types through the read-only path', async () => {
    const r = await driver.queryReadOnly("SELECT id, email, 9007199254740993::int8 AS big FROM shop.customer WHERE id <= 3 ORDER BY id");
    assert.deepEqual(r.fields, [
      { name: 'id', dataType: 'integer' },
      { name: 'email', dataType: 'text' },
      { name: 'big', dataType: 'bigint' },
    ]);
    assert.deepEqual(r.rows, [
      [1, 'c1@example.com', '9007199254740993'],
      [2, 'c2@example.com', '9007199254740993'],
      [3, 'c3@example.com', '9007199254740993'],
    ]);
    assert.equal(r.truncated, false);
  });

  it('returns dates, timestamps and intervals as PostgreSQL prints them, whatever the machine TZ', async () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo'; // Node applies a TZ change at once; a Date parser would shift these
    try {
      const r = await driver.queryReadOnly(
        "SELECT date '2021-01-01' AS d, timestamp '2021-01-01 00:00:00' AS ts, timestamptz '2021-01-01 00:00:00+00' AS tz, interval '1 day 2 hours' AS i, array[date '2021-01-01', null] AS da",
      );
      assert.deepEqual(r.rows.map((row) => row.map((v) => toCellValue(v))), [['2021-01-01', '2021-01-01 00:00:00', '2021-01-01 00:00:00+00', '1 day 02:00:00', ['2021-01-01', null]]]);
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('caps the rows at maxRows and says the result was truncated', async () => {
    const r = await driver.queryReadOnly('SELECT id FROM shop.customer ORDER BY id;', { maxRows: 7 });
    assert.equal(r.rowCount, 7);
    assert.deepEqual(r.rows.map((x) => x[0]), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(r.truncated, true);
    // An endless query proves that only maxRows + 1 rows are ever produced (a cursor, not a full fetch).
    const endless = await driver.queryReadOnly('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r', { maxRows: 3 });
    assert.deepEqual(endless.rows, [[1], [2], [3]]);
    assert.equal(endless.truncated, true);
    const exact = await driver.queryReadOnly('SELECT id FROM shop.customer', { maxRows: 50 });
    assert.equal(exact.rowCount, 50);
    assert.equal(exact.truncated, false);
  });

  it('refuses writes with a read_only error and leaves the data unchanged', async () => {
    await assert.rejects(driver.queryReadOnly("INSERT INTO shop.customer (email) VALUES ('x@example.com')"), (e: unknown) => {
      assert.ok(isDriverError(e));
      assert.equal(e.kind, 'read_only');
      assert.match(e.message, /read-only/);
      return true;
    });
    await assert.rejects(driver.queryReadOnly('WITH d AS (DELETE FROM shop.customer RETURNING id) SELECT count(*) FROM d'), { kind: 'read_only' });
    const count = await driver.queryReadOnly('SELECT count(*)::int FROM shop.customer');
    assert.deepEqual(count.rows, [[50]]);
  });

  it('runs exactly one statement: a second one cannot escape the transaction', async () => {
    await assert.rejects(driver.queryReadOnly('SELECT 1; COMMIT; DROP TABLE shop.shipment'), (e: unknown) => {
      assert.ok(isDriverError(e));
      assert.equal(e.kind, 'query');
      assert.match(e.message, /multiple commands/);
      return true;
    });
    assert.ok(model.tables.some((t) => t.name === 'shipment'));
    const still = await driver.queryReadOnly("SELECT to_regclass('shop.shipment') IS NOT NULL");
    assert.deepEqual(still.rows, [[true]]);
  });

  it('runs non-SELECT statements such as SHOW and EXPLAIN inside the same read-only session', async () => {
    const show = await driver.queryReadOnly('SHOW transaction_read_only');
    assert.deepEqual(show.rows, [['on']]);
    const explain = await driver.queryReadOnly('EXPLAIN SELECT * FROM shop.customer');
    assert.match(String(explain.rows[0][0]), /Seq Scan on customer/);
  });

  it('reports a SQL error as a query error and keeps working', async () => {
    await assert.rejects(driver.queryReadOnly('SELECT nope FROM shop.customer'), { kind: 'query', message: /column "nope" does not exist/ });
    const r = await driver.queryReadOnly('SELECT 1 AS one');
    assert.deepEqual(r.rows, [[1]]);
  });

  it('refuses work before connect with a clear error', async () => {
    const fresh = new PgliteDriver({ name: 'x', driver: 'pglite', readOnly: true });
    await assert.rejects(fresh.introspect(), { kind: 'config', message: /not connected/ });
    await fresh.close();
  });
});
