// PostgreSQL introspection against real published schemas (Chinook, AdventureWorks DDL, Sakila),
// checked against the database's own catalogs through independent queries (pg_tables, pg_views,
// information_schema, pg_indexes, pg_get_constraintdef), not against the driver's SQL.
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';
import { INTROSPECTION_QUERY_COUNT } from '../../server/src/engine/drivers/postgres/introspect';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import type { SchemaModel, TableInfo } from '../../server/src/engine/schema/model';
import { pgUrlFor, requirePostgres } from '../helpers/services';
import { loadPgDataset, recreateDatabase } from '../helpers/datasets';

const CHINOOK = 'sw_drv_chinook';
const AW = 'sw_drv_aw';
const SAKILA = 'sw_drv_sakila';
const EMPTY = 'sw_drv_empty';

function driverFor(database: string): PostgresDriver {
  return new PostgresDriver(parseConnectionUrl(pgUrlFor(database)));
}

async function withClient<T>(database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function introspect(database: string): Promise<{ model: SchemaModel; queries: number; ms: number }> {
  const driver = driverFor(database);
  await driver.connect();
  try {
    const start = performance.now();
    const model = await driver.introspect();
    return { model, queries: driver.stats.queries, ms: Math.round(performance.now() - start) };
  } finally {
    await driver.close();
  }
}

type Counts = Record<string, Record<string, number>>;

/** Per-schema counts straight from the catalogs, written independently of the driver's queries. */
async function catalogCounts(database: string): Promise<Counts> {
  const sql = `
    SELECT 'tables' AS what, schemaname AS schema, count(*)::int AS n FROM pg_tables GROUP BY 1, 2
    UNION ALL SELECT 'views', schemaname, count(*)::int FROM pg_views GROUP BY 1, 2
    UNION ALL SELECT 'matviews', schemaname, count(*)::int FROM pg_matviews GROUP BY 1, 2
    UNION ALL SELECT 'columns', table_schema, count(*)::int FROM information_schema.columns GROUP BY 1, 2
    UNION ALL SELECT 'foreignKeys', table_schema, count(*)::int FROM information_schema.table_constraints
      WHERE constraint_type = 'FOREIGN KEY' GROUP BY 1, 2
    UNION ALL SELECT 'indexes', schemaname, count(*)::int FROM pg_indexes GROUP BY 1, 2
    UNION ALL SELECT 'tableComments', schemaname, count(*)::int FROM pg_tables
      WHERE obj_description(format('%I.%I', schemaname, tablename)::regclass, 'pg_class') IS NOT NULL GROUP BY 1, 2
    UNION ALL SELECT 'columnComments', table_schema, count(*)::int FROM information_schema.columns
      WHERE col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position) IS NOT NULL GROUP BY 1, 2`;
  const rows = await withClient(database, async (c) => (await c.query<{ what: string; schema: string; n: number }>(sql)).rows);
  const counts: Counts = {};
  for (const r of rows) {
    if (r.schema === 'pg_catalog' || r.schema === 'information_schema') continue;
    (counts[r.schema] ??= {})[r.what] = r.n;
  }
  return counts;
}

/** The same counts from the model (information_schema.columns has no materialized views). */
function modelCounts(model: SchemaModel): Counts {
  const counts: Counts = {};
  const add = (schema: string, what: string, n: number) => {
    if (n === 0) return;
    const s = (counts[schema] ??= {});
    s[what] = (s[what] ?? 0) + n;
  };
  for (const t of model.tables) {
    const isTable = t.kind === 'table' || t.kind === 'partitioned_table';
    add(t.schema, isTable ? 'tables' : t.kind === 'view' ? 'views' : 'matviews', 1);
    if (t.kind !== 'materialized_view') add(t.schema, 'columns', t.columns.length);
    add(t.schema, 'foreignKeys', t.foreignKeys.length);
    add(t.schema, 'indexes', t.indexes.length);
    if (isTable && t.comment) add(t.schema, 'tableComments', 1);
    if (t.kind !== 'materialized_view') add(t.schema, 'columnComments', t.columns.filter((c) => c.comment).length);
  }
  return counts;
}

/** Every foreign key's column pairs must match the constraint's own definition text, in order. */
async function assertForeignKeysMatchDefinitions(database: string, model: SchemaModel): Promise<number> {
  const defs = await withClient(database, async (c) =>
    (
      await c.query<{ schema: string; table: string; name: string; def: string }>(`
        SELECT n.nspname AS schema, cl.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS def
        FROM pg_constraint con JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
        WHERE con.contype = 'f'`)
    ).rows,
  );
  const split = (s: string) => s.split(',').map((x) => x.trim().replace(/^"|"$/g, ''));
  for (const d of defs) {
    const m = /^FOREIGN KEY \((.+?)\) REFERENCES (?:(\w+)\.)?(\w+)\((.+?)\)/.exec(d.def);
    assert.ok(m, `parsable definition: ${d.def}`);
    const fk = table(model, d.schema, d.table).foreignKeys.find((f) => f.name === d.name);
    assert.ok(fk, `foreign key ${d.name} in the model`);
    assert.deepEqual(
      { columns: fk.columns, refTable: fk.refTable, refColumns: fk.refColumns },
      { columns: split(m[1]), refTable: m[3], refColumns: split(m[4]) },
      d.name,
    );
  }
  return defs.length;
}

function table(model: SchemaModel, schema: string, name: string): TableInfo {
  const t = model.tables.find((x) => x.schema === schema && x.name === name);
  assert.ok(t, `${schema}.${name} in the model`);
  return t;
}

describe('PostgreSQL driver: introspection of real schemas', function () {
  this.timeout(120_000);

  before(async function () {
    await requirePostgres(this);
    await Promise.all([loadPgDataset('chinook', CHINOOK), loadPgDataset('adventureworks', AW), loadPgDataset('sakila', SAKILA), recreateDatabase(EMPTY)]);
  });

  describe('Chinook', () => {
    let model: SchemaModel;
    before(async () => {
      // Statistics make reltuples exact for tables this small.
      await withClient(CHINOOK, (c) => c.query('ANALYZE'));
      ({ model } = await introspect(CHINOOK));
    });

    it('matches the catalog counts of tables, columns, foreign keys and indexes', async () => {
      assert.deepEqual(modelCounts(model), await catalogCounts(CHINOOK));
      assert.equal(model.tables.length, 11);
    });

    it('reads the foreign keys of track with referenced tables and actions', () => {
      const fks = table(model, 'public', 'track').foreignKeys.map((f) => `${f.columns.join()}→${f.refTable}(${f.refColumns.join()}) ${f.onDelete}`);
      assert.deepEqual(fks.sort(), ['album_id→album(album_id) no_action', 'genre_id→genre(genre_id) no_action', 'media_type_id→media_type(media_type_id) no_action']);
    });

    it('reads the composite primary key of playlist_track and the row estimates', async () => {
      assert.deepEqual(table(model, 'public', 'playlist_track').primaryKey?.columns, ['playlist_id', 'track_id']);
      const tracks = await withClient(CHINOOK, async (c) => (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM track')).rows[0].n);
      assert.equal(table(model, 'public', 'track').rowEstimate, tracks);
      assert.equal(table(model, 'public', 'track').columns.find((c) => c.name === 'unit_price')?.dataType, 'numeric(10,2)');
    });

    it('pairs every foreign key column with its referenced column as declared', async () => {
      assert.equal(await assertForeignKeysMatchDefinitions(CHINOOK, model), 11);
    });
  });

  describe('AdventureWorks (DDL only, 5 schemas + 5 view schemas)', () => {
    let model: SchemaModel;
    let queries: number;
    let coldMs: number;

    before(async () => {
      ({ model, queries, ms: coldMs } = await introspect(AW));
    });

    it(`uses a fixed number of catalog queries (≤ 15), whatever the number of tables`, async () => {
      const warm = driverFor(AW);
      await warm.connect();
      const start = performance.now();
      await warm.introspect();
      const warmMs = Math.round(performance.now() - start);
      await warm.close();
      console.log(`      AdventureWorks: ${model.tables.length} relations, ${model.tables.reduce((n, t) => n + t.columns.length, 0)} columns, ` +
        `${queries} catalog queries, ${coldMs} ms (first, incl. connections) / ${warmMs} ms (warm)`);
      assert.equal(queries, INTROSPECTION_QUERY_COUNT);
      assert.ok(queries <= 15);
      assert.equal(model.tables.filter((t) => t.kind === 'table').length, 68);
    });

    it('matches the catalog counts per schema (tables, views, columns, FKs, indexes, comments)', async () => {
      const expected = await catalogCounts(AW);
      assert.deepEqual(modelCounts(model), expected);
      assert.deepEqual(Object.keys(expected).sort(), ['hr', 'humanresources', 'pe', 'person', 'pr', 'production', 'pu', 'purchasing', 'sa', 'sales']);
    });

    it('reads schema, table and column comments', () => {
      assert.equal(model.schemas.find((s) => s.name === 'person')?.comment, 'Contains objects related to names and addresses of customers, vendors, and employees');
      assert.equal(table(model, 'person', 'person').comment, 'Human beings involved with AdventureWorks: employees, customer contacts, and vendor contacts.');
      assert.ok(table(model, 'person', 'person').columns.find((c) => c.name === 'persontype')?.comment);
    });

    it('keeps the column order of the composite foreign key and its referential actions', async () => {
      const detail = table(model, 'sales', 'salesorderdetail');
      const composite = detail.foreignKeys.find((f) => f.name === 'FK_SalesOrderDetail_SpecialOfferProduct_SpecialOfferIDProductID');
      assert.deepEqual(composite && [composite.columns, composite.refSchema, composite.refTable, composite.refColumns], [
        ['specialofferid', 'productid'], 'sales', 'specialofferproduct', ['specialofferid', 'productid'],
      ]);
      assert.equal(detail.foreignKeys.find((f) => f.name === 'FK_SalesOrderDetail_SalesOrderHeader_SalesOrderID')?.onDelete, 'cascade');
      assert.equal(await assertForeignKeysMatchDefinitions(AW, model), 90);
    });

    it('reads materialized views with their unique indexes, domains as column types, and skips extension objects', () => {
      const mv = table(model, 'production', 'vproductanddescription');
      assert.equal(mv.kind, 'materialized_view');
      assert.deepEqual(mv.indexes.map((i) => [i.name, i.columns, i.unique]), [['ix_vproductanddescription', ['cultureid', 'productid'], true]]);
      assert.equal(table(model, 'person', 'person').columns.find((c) => c.name === 'namestyle')?.dataType, '"NameStyle"');
      // uuid-ossp and tablefunc install functions into public; they belong to the extensions, not the schema.
      assert.deepEqual(model.routines, []);
      assert.ok(!model.schemas.some((s) => s.name === 'pg_toast' || s.name === 'information_schema'));
    });
  });

  describe('Sakila (enums, routines)', () => {
    let model: SchemaModel;
    before(async () => {
      ({ model } = await introspect(SAKILA));
    });

    it('reads enums with ordered labels and links enum columns to them', () => {
      assert.deepEqual(model.enums, [{ schema: 'public', name: 'mpaa_rating', values: ['G', 'PG', 'PG-13', 'R', 'NC-17'] }]);
      assert.equal(table(model, 'public', 'film').columns.find((c) => c.name === 'rating')?.enumRef, 'public.mpaa_rating');
    });

    it('reads every function and aggregate with parameters, modes and return types', async () => {
      const n = await withClient(SAKILA, async (c) => (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_proc WHERE pronamespace = 'public'::regnamespace")).rows[0].n);
      assert.equal(model.routines.length, n);
      const inStock = model.routines.find((r) => r.name === 'film_in_stock');
      assert.deepEqual(inStock?.params, [
        { name: 'p_film_id', type: 'integer', mode: 'in', hasDefault: false },
        { name: 'p_store_id', type: 'integer', mode: 'in', hasDefault: false },
        { name: 'p_film_count', type: 'integer', mode: 'out', hasDefault: false },
      ]);
      assert.equal(inStock?.returnType, 'SETOF integer');
      const groupConcat = model.routines.find((r) => r.name === 'group_concat');
      assert.equal(groupConcat?.kind, 'aggregate');
      assert.deepEqual(groupConcat?.params.map((p) => p.type), ['text']);
      const balance = model.routines.find((r) => r.name === 'get_customer_balance');
      assert.deepEqual([balance?.language, balance?.returnType], ['plpgsql', 'numeric']);
    });

    it('includes the inheritance children of payment and all views', async () => {
      assert.deepEqual(modelCounts(model), await catalogCounts(SAKILA));
    });
  });

  it('introspects an empty database to an empty model', async () => {
    const { model } = await introspect(EMPTY);
    assert.equal(model.database, EMPTY);
    assert.deepEqual(model.schemas.map((s) => s.name), ['public']);
    assert.deepEqual([model.tables, model.enums, model.routines], [[], [], []]);
    assert.deepEqual(model.searchPath, ['public']);
  });

  it('reads table sizes only when asked (tableSizes: one more query), and keeps columns in attnum order', async () => {
    const driver = driverFor(AW);
    await driver.connect();
    try {
      const before = driver.stats.queries;
      const plain = await driver.introspect();
      assert.equal(driver.stats.queries - before, INTROSPECTION_QUERY_COUNT);
      assert.ok(plain.tables.every((t) => t.sizeBytes === undefined));
      const sized = await driver.introspect({ tableSizes: true });
      assert.equal(driver.stats.queries - before, 2 * INTROSPECTION_QUERY_COUNT + 1);
      const person = table(sized, 'person', 'person');
      assert.ok(person.sizeBytes !== undefined && person.sizeBytes > 0, `person.person sizeBytes ${person.sizeBytes}`);
      assert.ok(sized.tables.filter((t) => t.kind === 'view').every((t) => t.sizeBytes === undefined));
      // columns.sql has no ORDER BY: the model sorts them (the catalog's attnum order).
      const attnums = await withClient(AW, async (c) => (await c.query<{ attname: string }>("SELECT attname FROM pg_attribute WHERE attrelid = 'person.person'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")).rows.map((r) => r.attname));
      assert.deepEqual(table(plain, 'person', 'person').columns.map((c) => c.name), attnums);
      assert.ok(plain.tables.every((t) => t.columns.every((c, i) => i === 0 || t.columns[i - 1]!.ordinal < c.ordinal)));
    } finally {
      await driver.close();
    }
  });

  it('restricts the model to the requested schemas', async () => {
    const driver = driverFor(AW);
    await driver.connect();
    try {
      const model = await driver.introspect({ schemas: ['sales'] });
      assert.deepEqual(model.schemas.map((s) => s.name), ['sales']);
      assert.ok(model.tables.length > 0 && model.tables.every((t) => t.schema === 'sales'));
    } finally {
      await driver.close();
    }
  });
});
