// Two-phase introspection (IntrospectOptions.onPreview, issue 19): the PostgreSQL assembly of a
// preview and its completion from canned catalog rows, and how SchemaSession shows a preview —
// marked partial, judged by nothing (provisional), waited out by whoever needs the whole schema —
// then the complete model; a driver without phases publishes once.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG_QUERIES, type CatalogQueryName } from '../../server/src/engine/drivers/postgres/catalog-queries';
import { introspectPostgres } from '../../server/src/engine/drivers/postgres/introspect';
import type { ConnectionConfig, DatabaseDriver, IntrospectOptions } from '../../server/src/engine/drivers/types';
import { emptyModel, type SchemaModel } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { SchemaCache, SchemaSession, type SchemaStatus } from '../../server/src/engine/session';
import { deferred } from '../helpers/fixtures';

type Row = Record<string, unknown>;
const nameOf = new Map(Object.entries(CATALOG_QUERIES).map(([n, sql]) => [sql, n as CatalogQueryName]));

/** Catalog rows of a small schema as node-postgres returns them: two tables, an FK, a default, a generated column, a domain. Column rows name their table by oid. */
const ROWS: Partial<Record<CatalogQueryName, Row[]>> = {
  server: [{ server_version: '16.2 (Debian)', database: 'shop', search_path: '["public"]' }],
  schemas: [{ name: 'public', comment: null, owner: 'app' }],
  relations: [
    { relid: 16400, schema: 'public', name: 'customer', relkind: 'r', comment: 'who buys', reltuples: 10, view_definition: null },
    { relid: 16410, schema: 'public', name: 'orders', relkind: 'r', comment: null, reltuples: -1, view_definition: null },
  ],
  columns: [
    // columns.sql has no ORDER BY: the model sorts by ordinal.
    { relid: 16410, name: 'total', ordinal: 3, data_type: 'numeric(10,2)', nullable: false, has_default: true, generated: '', identity: '', comment: null, enum_ref: null, collation: null },
    { relid: 16410, name: 'id', ordinal: 1, data_type: 'integer', nullable: false, has_default: true, generated: '', identity: 'a', comment: null, enum_ref: null, collation: null },
    { relid: 16410, name: 'customer_id', ordinal: 2, data_type: 'integer', nullable: false, has_default: false, generated: '', identity: '', comment: null, enum_ref: null, collation: null },
    { relid: 16410, name: 'total_cents', ordinal: 4, data_type: 'bigint', nullable: true, has_default: true, generated: 's', identity: '', comment: null, enum_ref: null, collation: null },
    { relid: 16400, name: 'id', ordinal: 1, data_type: 'integer', nullable: false, has_default: false, generated: '', identity: '', comment: null, enum_ref: null, collation: null },
    { relid: 16400, name: 'email', ordinal: 2, data_type: 'email_address', nullable: true, has_default: true, generated: '', identity: '', comment: 'login', enum_ref: null, collation: null },
  ],
  enums: [],
  routines: [{ schema: 'public', name: 'order_total', prokind: 'f', params: '[{"name":"o","type":"integer","mode":"i"}]', n_defaults: 0, return_type: 'numeric', language: 'sql', comment: null, volatility: 's', security_definer: false, definition: 'SELECT 1' }],
  columnDefaults: [
    { schema: 'public', table_name: 'orders', name: 'total', default_expr: '0', generated_expr: null },
    { schema: 'public', table_name: 'orders', name: 'total_cents', default_expr: null, generated_expr: '(total * (100)::numeric)' },
    // customer.email lost its default between the two phases: no row, no default.
  ],
  constraints: [
    { schema: 'public', table_name: 'customer', name: 'customer_pkey', contype: 'p', columns: '["id"]' },
    { schema: 'public', table_name: 'orders', name: 'orders_pkey', contype: 'p', columns: '["id"]' },
    { schema: 'public', table_name: 'orders', name: 'orders_customer_id_fkey', contype: 'f', columns: '["customer_id"]', ref_schema: 'public', ref_table: 'customer', ref_columns: '["id"]', on_update: 'a', on_delete: 'c', deferrable: false },
  ],
  indexes: [{ schema: 'public', table_name: 'orders', name: 'orders_pkey', columns: '["id"]', is_unique: true, is_primary: true, method: 'btree', predicate: null, definition: 'CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)' }],
  domains: [{ schema: 'public', name: 'email_address', base_type: 'text', nullable: true, checks: '[]', default_expr: null, comment: null }],
  columnDomains: [{ schema: 'public', table_name: 'customer', name: 'email', domain_ref: 'public.email_address' }],
};

/**
 * A catalog `run` that answers ROWS and records the order in which queries were sent and answered;
 * `stream`: rows asked for with a row callback go to it one by one (as node-postgres streams them).
 */
function fakeCatalog(stream = false) {
  const log: string[] = [];
  const run = async (sql: string, onRow?: (row: Row) => void): Promise<Row[]> => {
    const name = nameOf.get(sql);
    assert.ok(name, 'a catalog query of CATALOG_QUERIES');
    log.push(`sent ${name}${onRow ? ' (rows one by one)' : ''}`);
    await new Promise((r) => setImmediate(r));
    log.push(`got ${name}`);
    const rows = structuredClone(ROWS[name] ?? []);
    if (!stream || !onRow) return rows;
    for (const r of rows) onRow(r);
    return [];
  };
  return { run, log };
}

describe('PostgreSQL introspection in two phases', () => {
  it('hands over a preview with tables, columns, enums and routines, then completes the same objects', async () => {
    const { run, log } = fakeCatalog();
    let preview: SchemaModel | undefined;
    let atPreview: SchemaModel | undefined;
    const model = await introspectPostgres(run, 'shop', {
      onPreview: (m) => {
        preview = m;
        atPreview = structuredClone(m);
        log.push('preview');
      },
    });
    assert.equal(preview, model, 'completed in place');
    // Phase 2 is sent only once phase 1 has answered (the two do not share the server's CPU).
    assert.ok(log.includes('sent columns (rows one by one)'), 'column rows may be streamed');
    const firstPhase2 = log.indexOf('sent columnDefaults');
    assert.deepEqual(log.slice(0, firstPhase2).filter((l) => l.startsWith('got')).length, 6, log.join(', '));
    assert.ok(log.indexOf('preview') > log.lastIndexOf('sent '), 'phase 2 is in flight while the preview is assembled');
    assert.ok(log.indexOf('preview') < log.indexOf('got columnDefaults'), 'the preview comes before any phase-2 answer');
    // The preview, as it was when handed over: names, types, nullability, identity, whether there is
    // a default (the text comes later), comments, routines; no keys, indexes, domains.
    assert.deepEqual(atPreview, {
      format: 'schemawise.schema',
      version: 1,
      dialect: 'postgres',
      database: 'shop',
      searchPath: ['public'],
      capturedAt: atPreview!.capturedAt,
      serverVersion: 'PostgreSQL 16.2',
      schemas: [{ name: 'public', owner: 'app' }],
      tables: [
        { schema: 'public', name: 'customer', kind: 'table', comment: 'who buys', rowEstimate: 10, foreignKeys: [], uniques: [], checks: [], indexes: [], columns: [
          { name: 'id', ordinal: 1, dataType: 'integer', nullable: false },
          { name: 'email', ordinal: 2, dataType: 'email_address', nullable: true, default: '', comment: 'login' },
        ] },
        { schema: 'public', name: 'orders', kind: 'table', foreignKeys: [], uniques: [], checks: [], indexes: [], columns: [
          { name: 'id', ordinal: 1, dataType: 'integer', nullable: false, default: '', identity: 'always' },
          { name: 'customer_id', ordinal: 2, dataType: 'integer', nullable: false },
          { name: 'total', ordinal: 3, dataType: 'numeric(10,2)', nullable: false, default: '' },
          { name: 'total_cents', ordinal: 4, dataType: 'bigint', nullable: true, generated: '' },
        ] },
      ],
      routines: [{ schema: 'public', name: 'order_total', kind: 'function', params: [{ name: 'o', type: 'integer', mode: 'in', hasDefault: false }], returnType: 'numeric', language: 'sql', volatility: 'stable', securityDefiner: false, definition: 'SELECT 1' }],
      enums: [],
    });
    const orders = model.tables.find((t) => t.name === 'orders')!;
    const customer = model.tables.find((t) => t.name === 'customer')!;
    assert.deepEqual(orders.columns.map((c) => [c.name, c.default, c.generated]), [['id', undefined, undefined], ['customer_id', undefined, undefined], ['total', '0', undefined], ['total_cents', undefined, '(total * (100)::numeric)']]);
    assert.ok(!('default' in customer.columns[1]!), 'a pending default without text is removed, not left empty');
    assert.equal(customer.columns[1]!.domainRef, 'public.email_address');
    assert.deepEqual(orders.foreignKeys.map((f) => [f.name, f.refTable, f.onDelete]), [['orders_customer_id_fkey', 'customer', 'cascade']]);
    assert.deepEqual(orders.primaryKey, { name: 'orders_pkey', columns: ['id'] });
    assert.equal(orders.indexes.length, 1);
    assert.deepEqual(model.domains?.map((d) => d.name), ['email_address']);
    assert.deepEqual(orders.triggers, []);
  });

  it('gives the same model whether the client streams the column rows or returns them', async () => {
    const streamed = await introspectPostgres(fakeCatalog(true).run, 'shop', { onPreview: () => undefined });
    const returned = await introspectPostgres(fakeCatalog(false).run, 'shop', { onPreview: () => undefined });
    assert.deepEqual({ ...streamed, capturedAt: '' }, { ...returned, capturedAt: '' });
    assert.equal(streamed.tables[1]?.columns.length, 4);
  });

  it('gives the same model with and without a preview, and sends every query at once without one', async () => {
    const phased = fakeCatalog();
    const withPreview = await introspectPostgres(phased.run, 'shop', { onPreview: () => undefined });
    const single = fakeCatalog();
    const without = await introspectPostgres(single.run, 'shop');
    assert.deepEqual({ ...without, capturedAt: '' }, { ...withPreview, capturedAt: '' });
    const sent = single.log.filter((l) => l.startsWith('sent')).length;
    assert.equal(single.log.slice(0, sent).every((l) => l.startsWith('sent')), true, 'all sent before any answer');
    assert.equal(sent, Object.keys(CATALOG_QUERIES).length - 1, 'every query but the optional table sizes');
  });

  it('a failing phase-1 query fails the introspection without a preview (and nothing unhandled)', async () => {
    let previews = 0;
    const run = async (sql: string) => {
      if (nameOf.get(sql) === 'columns') throw new Error('permission denied for table pg_attribute');
      return structuredClone(ROWS[nameOf.get(sql)!] ?? []);
    };
    await assert.rejects(introspectPostgres(run, 'shop', { onPreview: () => previews++ }), /permission denied/);
    await assert.rejects(introspectPostgres(run, 'shop'), /permission denied/);
    assert.equal(previews, 0);
  });
});

const config = (): ConnectionConfig => ({ name: 'prod', driver: 'postgres', host: 'db.example', port: 5432, database: 'shop', user: 'app', readOnly: true });

function model(tables: string[], withKeys = true): SchemaModel {
  const m = emptyModel('postgres', 'shop', ['public']);
  m.schemas = [{ name: 'public' }];
  m.tables = tables.map((name) => ({
    schema: 'public',
    name,
    kind: 'table',
    columns: [{ name: 'id', ordinal: 1, dataType: 'integer', nullable: false }],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: withKeys ? [{ name: `${name}_pkey`, columns: ['id'], unique: true, primary: true }] : [],
    ...(withKeys ? { primaryKey: { name: `${name}_pkey`, columns: ['id'] } } : {}),
  }));
  return m;
}

/** A driver that introspects in phases: the preview when the test says, then the complete model (or an error). */
function phasedDriver(preview: SchemaModel, previewGiven: Promise<void>, complete: Promise<SchemaModel>): DatabaseDriver {
  return {
    kind: 'postgres',
    dialect: 'postgres',
    stats: { queries: 0 },
    connect: async () => undefined,
    introspect: async (options?: IntrospectOptions) => {
      await previewGiven;
      options?.onPreview?.(preview);
      return complete;
    },
    close: async () => undefined,
  } as unknown as DatabaseDriver;
}

const settled = <T>(p: Promise<T>) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 20))]);

describe('SchemaSession with a phased introspection', () => {
  it('installs the preview marked partial (provisional), then the complete model; completeModel() waits for it', async () => {
    const previewGiven = deferred<void>();
    const complete = deferred<SchemaModel>();
    const session = new SchemaSession({ createDriver: () => phasedDriver(model(['a', 'b'], false), previewGiven.promise, complete.promise) });
    const seen: SchemaStatus[] = [];
    const partialSeen = new Promise<void>((resolve) => session.onDidChange((s) => (seen.push(s), s.partial && resolve())));
    const done = session.connect(config());
    previewGiven.resolve();
    await partialSeen;
    assert.deepEqual([session.partial, session.provisional, session.cached], [true, true, false]);
    assert.deepEqual([session.status.source, session.status.label, session.status.partial, session.status.tableCount], ['database', 'prod', true, 2]);
    // Completion works from the preview at once.
    assert.equal(session.index.findTable({ text: 'a', quoted: false })?.name, 'a');
    const whole = session.completeModel();
    const wholeIndex = session.completeIndex();
    assert.equal(await settled(whole), false, 'a consumer of the whole schema waits');
    complete.resolve(model(['a', 'b']));
    await done;
    assert.equal((await whole)?.tables[0]?.primaryKey?.name, 'a_pkey');
    assert.equal((await wholeIndex).model, await whole);
    assert.deepEqual([session.partial, session.provisional, session.status.partial], [false, false, undefined]);
    assert.deepEqual(seen.map((s) => [s.tableCount, s.partial ?? false]), [[2, true], [2, false]]);
  });

  it('replaces a cached model by the preview (one model alive), and keeps the schema provisional until complete', async () => {
    const cache = new SchemaCache(mkdtempSync(join(tmpdir(), 'sw-phases-')));
    await cache.save(config(), model(['old']));
    const previewGiven = deferred<void>();
    const complete = deferred<SchemaModel>();
    const session = new SchemaSession({ createDriver: () => phasedDriver(model(['old', 'new'], false), previewGiven.promise, complete.promise) });
    const seen: SchemaStatus[] = [];
    const cachedSeen = new Promise<void>((resolve) => session.onDidChange((s) => (seen.push(s), s.cached && resolve())));
    const done = session.connect(config(), undefined, { cache });
    await cachedSeen;
    assert.equal(await settled(session.completeModel()), true, 'a cached model is complete (maybe stale), nobody waits');
    const partialSeen = new Promise<void>((resolve) => session.onDidChange((s) => s.partial && resolve()));
    previewGiven.resolve();
    await partialSeen;
    assert.deepEqual([session.cached, session.partial, session.provisional, session.model?.tables.length], [false, true, true, 2]);
    complete.resolve(model(['old', 'new']));
    await done;
    assert.deepEqual(seen.map((s) => [s.tableCount, s.cached ?? false, s.partial ?? false]), [[1, true, false], [2, false, true], [2, false, false]]);
  });

  it('drops the preview when the rest cannot be read: back to the cached model, or no schema; waiters get that', async () => {
    for (const withCache of [true, false]) {
      const cache = new SchemaCache(mkdtempSync(join(tmpdir(), 'sw-phases-')));
      if (withCache) await cache.save(config(), model(['cached']));
      const complete = deferred<SchemaModel>();
      const session = new SchemaSession({ createDriver: () => phasedDriver(model(['live'], false), Promise.resolve(), complete.promise) });
      const partialSeen = new Promise<void>((resolve) => session.onDidChange((s) => s.partial && resolve()));
      const done = session.connect(config(), undefined, { cache });
      await partialSeen;
      const whole = session.completeModel();
      complete.reject(new Error('canceling statement due to statement timeout'));
      await assert.rejects(done, /could not read its schema/);
      assert.equal(session.partial, false);
      assert.equal(session.status.source, 'database', 'the database answered: it is the source');
      if (withCache) {
        assert.deepEqual([session.cached, (await whole)?.tables.map((t) => t.name)], [true, ['cached']]);
      } else {
        assert.deepEqual([session.cached, await whole, session.status.tableCount], [false, undefined, 0]);
      }
    }
  });

  it('a driver without phases publishes once (no partial state)', async () => {
    const session = new SchemaSession({
      createDriver: () => ({ kind: 'mysql', dialect: 'mysql', stats: { queries: 0 }, connect: async () => undefined, introspect: async () => model(['t']), close: async () => undefined }) as unknown as DatabaseDriver,
    });
    const seen: SchemaStatus[] = [];
    session.onDidChange((s) => seen.push(s));
    await session.connect(config());
    assert.deepEqual(seen.map((s) => [s.tableCount, s.partial ?? false]), [[1, false]]);
  });
});

describe('SchemaIndex column maps built on first lookup', () => {
  it('finds columns of the model\'s tables under the dialect\'s case rules, and none of a foreign table', () => {
    const m = model(['orders']);
    m.tables[0]!.columns.push({ name: 'Total', ordinal: 2, dataType: 'numeric', nullable: true });
    const index = new SchemaIndex(m);
    const orders = index.findTable({ text: 'orders', quoted: false })!;
    assert.equal(index.findColumn(orders, { text: 'id', quoted: false })?.name, 'id');
    assert.equal(index.findColumn(orders, { text: 'ID', quoted: false })?.name, 'id', 'unquoted folds to lower case');
    assert.equal(index.findColumn(orders, { text: 'Total', quoted: true })?.name, 'Total');
    assert.equal(index.findColumn(orders, { text: 'total', quoted: false }), undefined, 'PostgreSQL: "Total" is not total');
    const stranger = model(['orders']).tables[0]!;
    assert.equal(index.findColumn(stranger, { text: 'id', quoted: false }), undefined, 'a table of another model');
  });
});
