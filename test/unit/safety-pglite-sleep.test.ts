// PGlite runs inside the language server's process, ignores statement_timeout and cannot be
// cancelled, so a pg_sleep there would hang the whole server. The firewall refuses the wait
// functions on a connection without a server-side timeout (rule 'unbounded-wait', in every mode),
// and keeps allowing them where PostgreSQL's statement_timeout bounds them.
import { strict as assert } from 'node:assert';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';
import { checkSql } from '../../server/src/engine/safety/firewall';
import { runSql } from '../../server/src/engine/safety/executor';
import { sampleConnection } from '../../server/src/engine/session';
import { PG_URL, requirePostgres } from '../helpers/services';

const NO_SERVER_TIMEOUT = { serverSideTimeout: false };

describe('firewall: waits on a connection without a server-side timeout (PGlite)', () => {
  const waits = [
    'select pg_sleep(5)',
    "select pg_sleep_for('5 minutes')",
    "select pg_sleep_until(now() + interval '1 hour')",
    'select * from pg_sleep(5)',
    'select pg_catalog.pg_sleep(5)',
    'select case when true then pg_sleep(5) end',
    'select id from (select 1 as id, pg_sleep(5)) s',
    'explain analyze select pg_sleep(5)',
  ];

  it('refuses every wait function, wherever it is called, with the reason', async () => {
    for (const sql of waits) {
      const verdict = await checkSql(sql, 'postgres', 'read-only', NO_SERVER_TIMEOUT);
      assert.deepEqual(verdict.refusals.map((r) => r.rule), ['unbounded-wait'], sql);
      assert.match(verdict.refusals[0]!.reason, /^calls pg_sleep(_for|_until)?\(\), which only waits, and this connection cannot limit or interrupt a running statement \(PGlite/, sql);
    }
  });

  it('refuses them in writable mode too, where a confirmation could not make the hang acceptable', async () => {
    const verdict = await checkSql('select 1; select pg_sleep(1)', 'postgres', 'writable', NO_SERVER_TIMEOUT);
    assert.deepEqual(verdict.refusals.map((r) => [r.index, r.rule]), [[2, 'unbounded-wait']]);
  });

  it('allows them where the server bounds them (the default), and allows a plain EXPLAIN, which only plans', async () => {
    for (const sql of waits) assert.deepEqual((await checkSql(sql, 'postgres', 'read-only')).refusals, [], sql);
    assert.deepEqual((await checkSql('explain select pg_sleep(5)', 'postgres', 'read-only', NO_SERVER_TIMEOUT)).refusals, []);
    assert.deepEqual((await checkSql('select sleep_count from (select 1 as sleep_count) s', 'postgres', 'read-only', NO_SERVER_TIMEOUT)).refusals, []);
  });

  it('leaves MySQL as it was: SLEEP is a denied side-effect function everywhere', async () => {
    const verdict = await checkSql('select sleep(5)', 'mysql', 'read-only', NO_SERVER_TIMEOUT);
    assert.deepEqual(verdict.refusals.map((r) => r.rule), ['side-effect-function']);
  });
});

describe('executor: pg_sleep on the PGlite sample vs. live PostgreSQL', function () {
  this.timeout(30_000);

  it('refuses pg_sleep on the sample connection before anything starts or runs', async () => {
    const driver = new PgliteDriver(sampleConnection());
    let started = 0;
    const outcome = await runSql({ driver, connectionName: 'sample', sql: 'select pg_sleep(30)', mode: 'read-only', prepare: async () => void started++ });
    assert.equal(outcome.status, 'refused');
    assert.equal(started, 0);
    assert.match(outcome.status === 'refused' ? outcome.message : '', /^statement 1 \(select pg_sleep\(30\)\): refused \[unbounded-wait\]: calls pg_sleep\(\), which only waits.*PGlite runs inside the language server's process/);
  });

  describe('live PostgreSQL', () => {
    let driver: PostgresDriver;
    before(async function () {
      await requirePostgres(this);
      const url = new URL(PG_URL);
      driver = new PostgresDriver({ name: 'pg', driver: 'postgres', host: url.hostname, port: Number(url.port), user: url.username, database: url.pathname.slice(1), readOnly: true });
      await driver.connect();
    });
    after(() => driver?.close());

    it('runs pg_sleep there, bounded by statement_timeout', async () => {
      const ok = await runSql({ driver, connectionName: 'pg', sql: 'select pg_sleep(0.01) is null as slept', mode: 'read-only' });
      assert.equal(ok.status, 'completed');
      assert.deepEqual(ok.status === 'completed' ? ok.statements[0]!.result!.rows : undefined, [[false]]);
      const bounded = await runSql({ driver, connectionName: 'pg', sql: 'select pg_sleep(30)', mode: 'read-only', timeoutMs: 100 });
      assert.deepEqual(bounded.status === 'failed' ? bounded.statements.map((s) => s.errorKind) : bounded.status, ['timeout']);
    });
  });
});
