// The PostgreSQL driver's query path on the real Chinook data: read-only enforced by the server,
// statement timeout, row cap through a cursor, one statement per call.
import assert from 'node:assert/strict';
import { Client } from 'pg';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { isDriverError, type DriverErrorKind } from '../../server/src/engine/drivers/errors';
import { pgUrlFor, requirePostgres } from '../helpers/services';
import { loadPgDataset } from '../helpers/datasets';

const CHINOOK = 'sw_drv_chinook';

function rejectsWith(kind: DriverErrorKind, message: RegExp) {
  return (e: unknown) => {
    assert.ok(isDriverError(e), `a DriverError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, message);
    return true;
  };
}

describe('PostgreSQL driver: read-only queries (Chinook)', function () {
  this.timeout(60_000);
  let driver: PostgresDriver;

  before(async function () {
    await requirePostgres(this);
    await loadPgDataset('chinook', CHINOOK);
    driver = new PostgresDriver(parseConnectionUrl(pgUrlFor(CHINOOK)));
    await driver.connect();
  });

  after(async () => {
    await driver?.close();
  });

  async function artistCount(): Promise<number> {
    const c = new Client({ connectionString: pgUrlFor(CHINOOK) });
    await c.connect();
    try {
      return (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM artist')).rows[0].n;
    } finally {
      await c.end();
    }
  }

  it('returns typed fields and rows (numeric and bigint as exact text)', async () => {
    const r = await driver.queryReadOnly('SELECT track_id, name, unit_price, count(*) OVER () AS total FROM track WHERE track_id <= 2 ORDER BY track_id');
    assert.deepEqual(r.fields, [
      { name: 'track_id', dataType: 'integer' },
      { name: 'name', dataType: 'character varying' },
      { name: 'unit_price', dataType: 'numeric' },
      { name: 'total', dataType: 'bigint' },
    ]);
    assert.deepEqual(r.rows, [
      [1, 'For Those About To Rock (We Salute You)', '0.99', '2'],
      [2, 'Balls to the Wall', '0.99', '2'],
    ]);
    assert.equal(r.truncated, false);
  });

  it('caps the rows in the protocol: an endless query returns maxRows rows, truncated', async () => {
    const r = await driver.queryReadOnly('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r', { maxRows: 5, timeoutMs: 10_000 });
    assert.deepEqual(r.rows, [[1], [2], [3], [4], [5]]);
    assert.equal(r.truncated, true);
    const all = await driver.queryReadOnly('SELECT genre_id FROM genre', { maxRows: 25 });
    assert.deepEqual([all.rowCount, all.truncated], [25, false]);
  });

  it('refuses INSERT, a data-modifying CTE and SELECT FOR UPDATE; the data stays unchanged', async () => {
    const before = await artistCount();
    await assert.rejects(driver.queryReadOnly("INSERT INTO artist (artist_id, name) VALUES (100000, 'x')"), rejectsWith('read_only', /read-only/));
    await assert.rejects(driver.queryReadOnly('WITH d AS (DELETE FROM artist RETURNING 1) SELECT count(*) FROM d'), rejectsWith('read_only', /read-only|data-modifying/));
    await assert.rejects(driver.queryReadOnly('SELECT * FROM artist FOR UPDATE'), rejectsWith('read_only', /read-only/));
    assert.equal(await artistCount(), before);
  });

  it('refuses a second statement, so "; COMMIT; DELETE" cannot leave the read-only transaction', async () => {
    const before = await artistCount();
    await assert.rejects(driver.queryReadOnly('SELECT 1; COMMIT; DELETE FROM playlist_track'), rejectsWith('query', /multiple commands/));
    await assert.rejects(driver.queryReadOnly('COMMIT; DELETE FROM artist WHERE artist_id = 1'), rejectsWith('query', /multiple commands/));
    assert.equal(await artistCount(), before);
  });

  it('cancels a statement that runs past timeoutMs', async () => {
    await assert.rejects(driver.queryReadOnly('SELECT pg_sleep(5)', { timeoutMs: 150 }), rejectsWith('timeout', /statement timeout/));
    const after = await driver.queryReadOnly('SELECT 1 AS ok');
    assert.deepEqual(after.rows, [[1]]);
  });

  it('runs SHOW and EXPLAIN in a session that is read-only by default', async () => {
    const show = await driver.queryReadOnly('SHOW default_transaction_read_only');
    assert.deepEqual(show.rows, [['on']]);
    const explain = await driver.queryReadOnly('EXPLAIN SELECT * FROM track WHERE track_id = 1');
    assert.match(explain.rows.map((r) => r[0]).join('\n'), /Index Scan using track_pkey on track/);
  });

  it('reports SQL errors with the server message and keeps the connection usable', async () => {
    await assert.rejects(driver.queryReadOnly('SELECT nosuchcolumn FROM album'), rejectsWith('query', /column "nosuchcolumn" does not exist/));
    await assert.rejects(driver.queryReadOnly('SELEC 1'), rejectsWith('query', /syntax error/));
    const r = await driver.queryReadOnly('SELECT count(*)::int FROM album');
    assert.deepEqual(r.rows, [[347]]);
  });

  it('accepts the statement as typed: leading comments, parentheses, trailing semicolon and comment', async () => {
    const r = await driver.queryReadOnly('-- the genres\n/* first two */ (SELECT name FROM genre ORDER BY genre_id LIMIT 2); -- done');
    assert.deepEqual(r.rows, [['Rock'], ['Jazz']]);
    const table = await driver.queryReadOnly('TABLE media_type', { maxRows: 1 });
    assert.deepEqual([table.rows, table.truncated], [[[1, 'MPEG audio file']], true]);
  });

  it('counts one query per call', async () => {
    const before = driver.stats.queries;
    await driver.queryReadOnly('SELECT 1');
    await driver.queryReadOnly('SELECT 2');
    assert.equal(driver.stats.queries - before, 2);
  });
});
