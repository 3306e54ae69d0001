// The optional live check: statements are PREPAREd (never executed) through a callback, and the
// database's errors become diagnostics on the exact token. Exercised against the real PostgreSQL
// server with a read-only transaction, and with a callback that fails or hangs.
import { strict as assert } from 'node:assert';
import { Client } from 'pg';
import { liveCheck, type PrepareCallback } from '../../server/src/engine/diagnostics';
import { PG_URL, requirePostgres } from '../helpers/services';

/** The PostgreSQL driver method this stands in for: PREPARE in a READ ONLY transaction, DEALLOCATE, roll back. */
const PREFIX = 'PREPARE sw_diag_check AS ';

function pgPrepare(client: Client): PrepareCallback {
  return async (sql) => {
    await client.query('BEGIN READ ONLY');
    try {
      await client.query(PREFIX + sql);
      // Prepared statements outlive the transaction: free the name for the next check.
      await client.query('DEALLOCATE sw_diag_check');
      return undefined;
    } catch (e) {
      const err = e as { message: string; position?: string; code?: string };
      // PostgreSQL counts the position in the text it was sent: make it relative to the statement.
      return { message: err.message, position: err.position ? Number(err.position) - PREFIX.length : undefined, code: err.code };
    } finally {
      await client.query('ROLLBACK');
    }
  };
}

describe('diagnostics live check (PREPARE, never execute)', () => {
  it('is off unless enabled, and maps nothing when the rule is off', async () => {
    let calls = 0;
    const ds = await liveCheck('SELECT 1', 'postgres', async () => (calls++, undefined), { config: { rules: { 'live-check': 'off' } } });
    assert.deepEqual([ds, calls], [[], 0]);
  });

  it('gives no diagnostic when the callback throws or never answers', async () => {
    const ds = await liveCheck('SELECT 1; SELECT 2', 'postgres', (sql) => (sql === 'SELECT 1' ? Promise.reject(new Error('connection lost')) : new Promise(() => undefined)), { timeoutMs: 20 });
    assert.deepEqual(ds, []);
  });

  describe('against PostgreSQL', () => {
    let client: Client;
    before(async function () {
      await requirePostgres(this);
      client = new Client({ connectionString: PG_URL });
      await client.connect();
    });
    after(async () => {
      await client?.end();
    });

    it('reports a type error on the exact token and skips non-DML statements', async () => {
      const text = 'SET work_mem = 1000;\nSELECT relname FROM pg_class;\nSELECT relname + 1 FROM pg_class';
      const cache = new Map();
      const ds = await liveCheck(text, 'postgres', pgPrepare(client), { cache });
      assert.deepEqual(
        ds.map((d) => [d.code, d.severity, text.slice(d.range.start, d.range.end), /operator does not exist/.test(d.message)]),
        [['live-check', 'error', '+', true]],
      );
      assert.equal(cache.size, 2); // the two SELECTs; SET is never sent
    });

    it('never executes: a DELETE is only prepared and the rows stay', async () => {
      await client.query('CREATE TEMP TABLE sw_diag_rows AS SELECT 1 AS x');
      const ds = await liveCheck('DELETE FROM sw_diag_rows', 'postgres', pgPrepare(client));
      assert.deepEqual(ds, []);
      assert.equal((await client.query('SELECT count(*)::int AS n FROM sw_diag_rows')).rows[0].n, 1);
    });
  });
});
