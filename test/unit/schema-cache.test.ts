// The per-user schema cache (engine/session/schema-cache.ts) and how SchemaSession uses it: keyed
// without the password, written atomically and privately, bounded in size and number, anything
// unreadable ignored with a log line; the cached model is installed (marked cached) while the driver
// connects, replaced by the live one, and rolled back when the database does not answer.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionConfig, DatabaseDriver } from '../../server/src/engine/drivers/types';
import { emptyModel, type SchemaModel } from '../../server/src/engine/schema/model';
import { SchemaCache, schemaCacheKey, SchemaSession, type SchemaStatus } from '../../server/src/engine/session';
import { defaultStateDir } from '../../server/src/engine/session/state-dir';
import { deferred } from '../helpers/fixtures';

const config = (over: Partial<ConnectionConfig> = {}): ConnectionConfig => ({ name: 'prod', driver: 'postgres', host: 'db.example', port: 5432, database: 'shop', user: 'app', readOnly: true, ...over });

function model(tables: string[]): SchemaModel {
  const m = emptyModel('postgres', 'shop', ['public']);
  m.schemas = [{ name: 'public' }];
  m.tables = tables.map((name) => ({ schema: 'public', name, kind: 'table', columns: [{ name: 'id', ordinal: 1, dataType: 'integer', nullable: false }], foreignKeys: [], uniques: [], checks: [], indexes: [] }));
  return m;
}

/** A driver whose connect and introspect finish when the test says so. */
function fakeDriver(connected: Promise<void> | (() => Promise<void>), introspected: Promise<SchemaModel> | (() => Promise<SchemaModel>)): DatabaseDriver {
  return {
    kind: 'postgres',
    dialect: 'postgres',
    stats: { queries: 0 },
    connect: () => (typeof connected === 'function' ? connected() : connected),
    introspect: () => (typeof introspected === 'function' ? introspected() : introspected),
    close: async () => undefined,
  } as unknown as DatabaseDriver;
}

describe('schema cache', () => {
  const logs: string[] = [];
  const fresh = (options = {}) => new SchemaCache(mkdtempSync(join(tmpdir(), 'sw-cache-unit-')), { log: (m) => logs.push(m), ...options });
  beforeEach(() => (logs.length = 0));

  it('keys by driver, host, port, database and user, never the password', () => {
    assert.equal(schemaCacheKey(config({ password: 'a' })), schemaCacheKey(config({ password: 'b', name: 'other name' })));
    assert.notEqual(schemaCacheKey(config()), schemaCacheKey(config({ database: 'shop2' })));
    assert.notEqual(schemaCacheKey(config()), schemaCacheKey(config({ user: 'admin' })));
    assert.notEqual(schemaCacheKey(config()), schemaCacheKey(config({ port: 5433 })));
  });

  it('round-trips a model through a private file, atomically (no temp file left), without the password', async () => {
    const cache = fresh();
    await cache.save(config({ password: 's3cret-pw' }), model(['orders']));
    const files = readdirSync(cache.dir);
    assert.deepEqual(files, [`${schemaCacheKey(config())}.json`]);
    const file = join(cache.dir, files[0]!);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!readFileSync(file, 'utf8').includes('s3cret-pw'));
    const hit = await cache.load(config());
    assert.deepEqual(hit?.model.tables.map((t) => t.name), ['orders']);
    assert.equal(await cache.load(config({ database: 'other' })), undefined);
    assert.deepEqual(logs, []);
  });

  it('writes the same JSON as one JSON.stringify would (tables written in slices), for 0, 1 and 600 tables', async () => {
    const cache = fresh();
    for (const n of [0, 1, 600]) {
      const m = model(Array.from({ length: n }, (_, i) => `t${i}`));
      m.tables.forEach((t, i) => (t.comment = i % 7 ? undefined : `quote " backslash \\ é ${i}`));
      await cache.save(config(), m);
      const data = JSON.parse(readFileSync(cache.fileOf(config()), 'utf8')) as { format: string; key: string; model: SchemaModel };
      assert.deepEqual(data.model, JSON.parse(JSON.stringify(m)));
      assert.deepEqual([data.format, data.key], ['schemawise-schema-cache', schemaCacheKey(config())]);
      assert.deepEqual((await cache.load(config()))?.model.tables.length, n);
    }
  });

  it('ignores partial, foreign, mis-keyed and oversized files with a log line each', async () => {
    const cache = fresh({ maxFileBytes: 4000 });
    const file = cache.fileOf(config());
    await cache.save(config(), model(['orders']));
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, whole.slice(0, whole.length / 2));
    assert.equal(await cache.load(config()), undefined);
    writeFileSync(file, JSON.stringify({ format: 'something-else' }));
    assert.equal(await cache.load(config()), undefined);
    writeFileSync(file, whole.replace(schemaCacheKey(config()), schemaCacheKey(config({ database: 'x' }))));
    assert.equal(await cache.load(config()), undefined);
    writeFileSync(file, whole.replace('"tables":[', '"tables":[null,'));
    assert.equal(await cache.load(config()), undefined);
    writeFileSync(file, whole + ' '.repeat(5000));
    assert.equal(await cache.load(config()), undefined);
    assert.equal(logs.length, 5, logs.join('\n'));
    assert.match(logs[0]!, /ignored: not valid JSON/);
    assert.match(logs[1]!, /not a Schemawise schema cache/);
    assert.match(logs[2]!, /another connection/);
    assert.match(logs[3]!, /cached schema/);
    assert.match(logs[4]!, /more than the 4000 allowed/);
    // Too big to write: not written, and said so.
    logs.length = 0;
    await cache.save(config({ database: 'big' }), model(Array.from({ length: 200 }, (_, i) => `t${i}`)));
    assert.equal(await cache.load(config({ database: 'big' })), undefined);
    assert.match(logs[0]!, /not written: 200 tables make more than the 4000 bytes allowed/);
    // Nothing is left behind: no cache file, no partial temp file.
    assert.deepEqual(readdirSync(cache.dir).filter((f) => f.includes(schemaCacheKey(config({ database: 'big' })))), []);
  });

  it('keeps only the most recently saved files', async () => {
    const cache = fresh({ maxFiles: 2 });
    for (const [i, db] of ['a', 'b', 'c'].entries()) {
      await cache.save(config({ database: db }), model(['t']));
      const t = new Date(Date.now() - (10 - i) * 1000);
      utimesSync(cache.fileOf(config({ database: db })), t, t);
    }
    await cache.save(config({ database: 'd' }), model(['t']));
    assert.deepEqual(readdirSync(cache.dir).sort(), [cache.fileOf(config({ database: 'c' })), cache.fileOf(config({ database: 'd' }))].map((f) => f.slice(cache.dir.length + 1)).sort());
  });

  it('lives in the same per-user state folder as the audit log', () => {
    assert.equal(defaultStateDir({ XDG_STATE_HOME: '/var/state/me' }, 'linux', '/home/me'), '/var/state/me/schemawise');
    assert.equal(new SchemaCache(defaultStateDir({}, 'linux', '/home/me')).dir, '/home/me/.local/state/schemawise/schema-cache');
  });
});

describe('SchemaSession with the schema cache', () => {
  it('installs the cached model while connecting, then the live one, and saves it', async () => {
    const cache = new SchemaCache(mkdtempSync(join(tmpdir(), 'sw-cache-session-')));
    await cache.save(config(), model(['old']));
    const connected = deferred<void>();
    const introspected = deferred<SchemaModel>();
    const session = new SchemaSession({ createDriver: () => fakeDriver(connected.promise, introspected.promise) });
    const seen: SchemaStatus[] = [];
    const cachedSeen = new Promise<void>((resolve) => session.onDidChange((s) => (seen.push(s), s.cached && resolve())));
    const done = session.connect(config(), undefined, { cache });
    await cachedSeen;
    assert.equal(session.cached, true);
    assert.deepEqual(session.model?.tables.map((t) => t.name), ['old']);
    assert.deepEqual([session.status.source, session.status.label], ['database', 'prod']);
    connected.resolve();
    introspected.resolve(model(['old', 'new']));
    const status = await done;
    assert.equal(status.cached, undefined);
    assert.equal(session.cached, false);
    assert.deepEqual(seen.map((s) => [s.tableCount, s.cached ?? false]), [[1, true], [2, false]]);
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 50 && (await cache.load(config()))?.model.tables.length !== 2; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual((await cache.load(config()))?.model.tables.map((t) => t.name), ['old', 'new']);
  });

  it('while the cached model is in, a query waits for the connection instead of failing as not connected', async () => {
    const cache = new SchemaCache(mkdtempSync(join(tmpdir(), 'sw-cache-session-')));
    await cache.save(config(), model(['old']));
    const connected = deferred<void>();
    const introspected = deferred<SchemaModel>();
    let isConnected = false;
    const driver = fakeDriver(
      () => connected.promise.then(() => void (isConnected = true)),
      introspected.promise,
    );
    Object.assign(driver, {
      queryReadOnly: async (sql: string) => {
        if (!isConnected) throw new Error('not connected: call connect() first');
        return { sql };
      },
    });
    const session = new SchemaSession({ createDriver: () => driver });
    const cachedSeen = new Promise<void>((resolve) => session.onDidChange((s) => s.cached && resolve()));
    const done = session.connect(config(), undefined, { cache });
    await cachedSeen;
    const query = session.database!.driver.queryReadOnly('SELECT 1');
    assert.equal(session.database!.driver.dialect, 'postgres');
    connected.resolve();
    assert.deepEqual(await (query as Promise<unknown>), { sql: 'SELECT 1' });
    introspected.resolve(model(['old']));
    await done;
    assert.equal(session.database!.driver, driver, 'the driver itself once connected');
  });

  it('goes back to the previous schema when the database does not answer', async () => {
    const cache = new SchemaCache(mkdtempSync(join(tmpdir(), 'sw-cache-session-')));
    await cache.save(config(), model(['cached']));
    const session = new SchemaSession({ createDriver: () => fakeDriver(() => Promise.reject(new Error('ECONNREFUSED')), Promise.resolve(model([]))) });
    await assert.rejects(session.connect(config(), undefined, { cache }), /cannot connect to prod/);
    assert.equal(session.model, undefined);
    assert.equal(session.cached, false);
    assert.equal(session.status.source, 'none');
  });

  it('keeps the cached model, still marked cached, when the database answers but its schema cannot be read', async () => {
    const cache = new SchemaCache(mkdtempSync(join(tmpdir(), 'sw-cache-session-')));
    await cache.save(config(), model(['cached']));
    const session = new SchemaSession({ createDriver: () => fakeDriver(Promise.resolve(), () => Promise.reject(new Error('permission denied'))) });
    await assert.rejects(session.connect(config(), undefined, { cache }), /could not read its schema/);
    assert.deepEqual([session.status.source, session.cached, session.model?.tables.length], ['database', true, 1]);
  });
});
