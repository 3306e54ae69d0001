// Two-phase PostgreSQL introspection against live databases (IntrospectOptions.onPreview, issue 19):
// the preview holds every table and column the complete model has — names, types, nullability,
// whether there is a default — and nothing of phase 2; completing it in place gives exactly the
// model of a single-phase introspection. Runs on its own scratch database (sw_phases_*) and on the
// shared AdventureWorks and Sakila test copies; fails, never skips, when CI=true.
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { dropDatabase, loadPgDataset, recreateDatabase } from '../helpers/datasets';
import { pgUrlFor, requirePostgres } from '../helpers/services';

const SCRATCH = 'sw_phases_scratch';
const AW = 'sw_drv_aw';
const SAKILA = 'sw_drv_sakila';

const SCRATCH_DDL = `
  CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
  CREATE TYPE status AS ENUM ('open', 'paid');
  CREATE TABLE customer (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email email_address UNIQUE, created timestamptz NOT NULL DEFAULT now());
  COMMENT ON COLUMN customer.email IS 'login';
  CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id int NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    status status NOT NULL DEFAULT 'open',
    total numeric(10,2) NOT NULL DEFAULT 0 CHECK (total >= 0),
    total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED
  );
  CREATE INDEX orders_customer ON orders (customer_id) WHERE status = 'open';
  CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open';
  CREATE FUNCTION order_count(c int) RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM orders WHERE customer_id = c';`;

async function introspectBoth(database: string): Promise<{ preview: SchemaModel; previewIsResult: boolean; phased: SchemaModel; single: SchemaModel }> {
  const driver = new PostgresDriver(parseConnectionUrl(pgUrlFor(database)));
  await driver.connect();
  try {
    let preview: SchemaModel | undefined;
    let handed: SchemaModel | undefined;
    const phased = await driver.introspect({ onPreview: (m) => ((handed = m), (preview = structuredClone(m))) });
    const single = await driver.introspect();
    assert.ok(preview, 'the PostgreSQL driver hands over a preview');
    return { preview, previewIsResult: handed === phased, phased, single };
  } finally {
    await driver.close();
  }
}

const withoutTime = (m: SchemaModel) => ({ ...m, capturedAt: '' });

describe('PostgreSQL driver: two-phase introspection (preview, then complete)', function () {
  this.timeout(120_000);

  before(async function () {
    await requirePostgres(this);
    await Promise.all([loadPgDataset('adventureworks', AW), loadPgDataset('sakila', SAKILA), recreateDatabase(SCRATCH)]);
    const c = new Client({ connectionString: pgUrlFor(SCRATCH) });
    await c.connect();
    try {
      await c.query(SCRATCH_DDL);
    } finally {
      await c.end();
    }
  });

  after(async () => {
    await dropDatabase(SCRATCH).catch(() => undefined);
  });

  for (const database of [SCRATCH, AW, SAKILA]) {
    it(`${database}: the completed preview is the single-phase model, and the preview lacks only phase 2`, async () => {
      const { preview, previewIsResult, phased, single } = await introspectBoth(database);
      assert.ok(previewIsResult, 'the preview is completed in place');
      assert.deepEqual(withoutTime(phased), withoutTime(single));
      // Every table and column, in order, with type, nullability, identity, comment, enum; enums and routines whole.
      const shape = (m: SchemaModel) => m.tables.map((t) => ({ t: `${t.schema}.${t.name}`, kind: t.kind, comment: t.comment, cols: t.columns.map((c) => [c.name, c.dataType, c.nullable, c.identity, c.comment, c.enumRef, c.default !== undefined, c.generated !== undefined]) }));
      assert.deepEqual(shape(preview), shape(single));
      assert.deepEqual([preview.enums, preview.routines, preview.schemas, preview.searchPath], [single.enums, single.routines, single.schemas, single.searchPath]);
      // Nothing of phase 2 yet.
      for (const t of preview.tables) {
        assert.deepEqual([t.foreignKeys, t.uniques, t.checks, t.indexes, t.primaryKey, t.triggers, t.viewDependencies], [[], [], [], [], undefined, undefined, undefined], `${t.schema}.${t.name}`);
        for (const c of t.columns) {
          assert.ok(c.default === undefined || c.default === '', 'a default is only flagged');
          assert.equal(c.domainRef, undefined);
        }
      }
    });
  }

  it('completes defaults, generation expressions, domains, keys and indexes of the scratch schema', async () => {
    const { phased } = await introspectBoth(SCRATCH);
    const orders = phased.tables.find((t) => t.name === 'orders')!;
    const customer = phased.tables.find((t) => t.name === 'customer')!;
    assert.deepEqual(orders.columns.map((c) => [c.name, c.default, c.generated]), [
      ['id', "nextval('orders_id_seq'::regclass)", undefined],
      ['customer_id', undefined, undefined],
      ['status', "'open'::status", undefined],
      ['total', '0', undefined],
      ['total_cents', undefined, '((total * (100)::numeric))::bigint'],
    ]);
    assert.deepEqual(customer.columns.map((c) => [c.name, c.identity, c.default, c.domainRef]), [
      ['id', 'always', undefined, undefined],
      ['email', undefined, undefined, 'public.email_address'],
      ['created', undefined, 'now()', undefined],
    ]);
    assert.deepEqual(orders.foreignKeys.map((f) => [f.columns, f.refTable, f.onDelete]), [[['customer_id'], 'customer', 'cascade']]);
    assert.deepEqual(orders.indexes.map((i) => i.name).sort(), ['orders_customer', 'orders_pkey']);
    assert.equal(orders.checks.length, 1);
    assert.deepEqual(phased.domains?.map((d) => d.name), ['email_address']);
    assert.ok(phased.sequences?.some((s) => s.name === 'orders_id_seq'));
    assert.deepEqual(phased.tables.find((t) => t.name === 'open_orders')?.viewDependencies, ['public.orders']);
  });
});
