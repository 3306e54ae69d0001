// Running SQL through the built language server over stdio, as an editor does: schemawise/runQuery,
// cancelQuery and explainQuery against Chinook on the local PostgreSQL (database sw_run_pg) and the
// bundled PGlite sample, "▶ Run" code lenses, and the audit log the runs leave behind.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CodeLensRequest, type CodeLens } from 'vscode-languageserver-protocol/node';
import type { AuditEntry } from '../../server/src/engine/safety/audit';
import { CancelQueryRequest, ConnectRequest, ExplainQueryRequest, RunQueryRequest, type ConnectParams, type ExplainOutcome, type RunOutcome } from '../../server/src/protocol';
import { loadPgDataset } from '../helpers/datasets';
import { buildServer, LspClient } from '../helpers/lsp-client';
import { pgUrlFor, requirePostgres } from '../helpers/services';

const DB = 'sw_run_pg';

function completed(o: RunOutcome) {
  assert.ok(o.status === 'completed', `expected completed, got ${o.status}: ${JSON.stringify(o).slice(0, 400)}`);
  return o;
}

/** Resolves when `check` does, polling a condition the test cannot be told about (server-side state). */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('language server: running SQL (runQuery, cancelQuery, explainQuery, code lenses, audit log)', function () {
  this.timeout(60_000);
  let client: LspClient;
  let dir: string;
  let auditPath: string;
  const audit = (): AuditEntry[] =>
    readFileSync(auditPath, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);

  before(async () => {
    await buildServer();
    dir = mkdtempSync(join(tmpdir(), 'sw-run-lsp-'));
    auditPath = join(dir, 'logs', 'audit.log');
    client = await LspClient.start([]);
    // No workspace/configuration support: limits and the audit log come from initializationOptions.
    await client.initialize({ query: { maxRows: 50, timeoutMs: 20_000 }, audit: { path: auditPath, includeText: true } });
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers one "▶ Run" code lens per statement, with the statement range as the command argument', async () => {
    const text = '-- report\nselect 1;\n\nselect 2; select 3\n;\n-- only a comment\n';
    const uri = await client.open(text);
    const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command, l.range.start.line, l.range.start.character, l.range.end.character]),
      [
        ['▶ Run', 'schemawise.runStatement', 1, 0, 8],
        ['▶ Run', 'schemawise.runStatement', 3, 0, 8],
        ['▶ Run', 'schemawise.runStatement', 3, 10, 18],
      ],
    );
    assert.deepEqual(lenses[1]!.command!.arguments, [uri, lenses[1]!.range]);
  });

  it('answers runQuery without a connection with a NotConnected error', async () => {
    await assert.rejects(client.connection.sendRequest(RunQueryRequest.type, { uri: 'file:///x.sql', text: 'select 1' }), /not connected to a database/);
  });

  describe('PostgreSQL (Chinook in sw_run_pg)', () => {
    const pg = () => new Client({ connectionString: pgUrlFor(DB) });
    const connect = (extra: Partial<Extract<ConnectParams, { driver: string }>> = {}) =>
      client.connection.sendRequest(ConnectRequest.type, { name: 'chinook-ro', driver: 'postgres', host: '127.0.0.1', port: 5432, database: DB, user: 'postgres', readOnly: true, ...extra });
    const run = (text: string, extra: Record<string, unknown> = {}) => client.connection.sendRequest(RunQueryRequest.type, { uri: 'file:///w/q.sql', text, ...extra });
    const explain = (text: string, analyze: boolean, extra: Record<string, unknown> = {}) =>
      client.connection.sendRequest(ExplainQueryRequest.type, { uri: 'file:///w/q.sql', text, analyze, ...extra });
    const count = async (sql: string) => {
      const c = pg();
      await c.connect();
      try {
        return Number((await c.query(sql)).rows[0].n);
      } finally {
        await c.end();
      }
    };

    before(async function () {
      await requirePostgres(this);
      await loadPgDataset('chinook', DB);
      const c = pg();
      await c.connect();
      await c.query(`CREATE FUNCTION shout(msg text) RETURNS int LANGUAGE plpgsql STABLE AS $$ BEGIN RAISE NOTICE 'server says %', msg; RETURN 1; END $$`);
      await c.end();
      await connect();
    });

    it('runs each statement and returns columns, JSON-safe rows, row counts, the row cap, NULLs and server notices', async () => {
      const o = completed(
        await run("select artist_id, name from artist order by artist_id limit 3; select count(*) as n, null::text as nothing, now()::date as today from track; select * from track; select shout('hi')"),
      );
      const [artists, counts, tracks, notice] = o.results;
      assert.deepEqual(o.connection, { name: 'chinook-ro', mode: 'read-only', production: false });
      assert.deepEqual(artists!.columns, [{ name: 'artist_id', type: 'integer' }, { name: 'name', type: 'character varying' }]);
      assert.deepEqual(artists!.rows, [[1, 'AC/DC'], [2, 'Accept'], [3, 'Aerosmith']]);
      assert.equal(counts!.rows[0]![0], '3503', 'bigint arrives as exact text');
      assert.equal(counts!.rows[0]![1], null);
      assert.match(String(counts!.rows[0]![2]), /^\d{4}-\d\d-\d\d$/, 'a date as PostgreSQL prints it, not a shifted instant');
      assert.deepEqual([tracks!.rowCount, tracks!.rows.length, tracks!.truncated], [50, 50, true], 'schemawise.query.maxRows = 50');
      assert.deepEqual(notice!.notices, ['NOTICE: server says hi']);
      assert.ok(o.results.every((r) => r.durationMs >= 0 && r.status === 'ok'));
    });

    it('runs the statement at the cursor of an open document', async () => {
      const uri = await client.open('select 1 as one;\nselect name from genre order by genre_id limit 2;\n');
      const o = completed(await client.connection.sendRequest(RunQueryRequest.type, { uri, position: { line: 1, character: 5 } }));
      assert.deepEqual(o.results.map((r) => r.rows), [[['Rock'], ['Jazz']]]);
    });

    it('refuses a write on a read-only connection with the rule and reason, and the database is unchanged', async () => {
      const before = await count('select count(*) as n from invoice_line');
      const o = await run('select 1; delete from invoice_line');
      assert.ok(o.status === 'refused', o.status);
      assert.deepEqual(
        o.refusals.map((r) => [r.index, r.rule]),
        [[2, 'not-read-only-kind']],
      );
      assert.match(o.message, /statement 2 \(delete from invoice_line\): refused \[not-read-only-kind\]: DELETE is a data change/);
      assert.equal(await count('select count(*) as n from invoice_line'), before);
      const last = audit().at(-1)!;
      assert.deepEqual([last.connection, last.outcome, last.rule, last.mode], ['chinook-ro', 'refused', 'not-read-only-kind', 'read-only']);
    });

    it('cancelQuery stops pg_sleep(30) on the server within 2 s (gone from pg_stat_activity), and the session is usable again', async () => {
      const started = Date.now();
      const pending = run('select pg_sleep(30)', { runId: 'sleepy' });
      const pid = await until('pg_sleep in pg_stat_activity', async () => {
        const c = pg();
        await c.connect();
        try {
          // The cursor's FETCH is what runs (and sleeps), so look for the wait, not the text.
          const r = await c.query("select pid from pg_stat_activity where datname = $1 and state = 'active' and wait_event = 'PgSleep'", [DB]);
          return r.rows[0]?.pid as number | undefined;
        } finally {
          await c.end();
        }
      });
      const cancelSent = Date.now();
      const cancel = await client.connection.sendRequest(CancelQueryRequest.type, { runId: 'sleepy' });
      assert.deepEqual([cancel.runs, cancel.cancelled], [1, 1]);
      assert.match(cancel.detail, new RegExp(`pg_cancel_backend\\(${pid}\\)`));
      const o = await pending;
      assert.ok(o.status === 'cancelled', o.status);
      assert.match(o.results[0]!.error!, /cancel/i);
      // One statement: no "statements after the cancelled one" message, no second copy of the cancel.
      assert.equal(o.message, undefined);
      const latency = Date.now() - cancelSent;
      assert.ok(latency < 2000, `the run ended ${latency} ms after cancelQuery`);
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      console.log(`      cancelQuery → run answered in ${latency} ms`);
      const still = await count(`select count(*) as n from pg_stat_activity where pid = ${pid} and wait_event = 'PgSleep'`);
      assert.equal(still, 0, 'the statement is gone from pg_stat_activity');
      completed(await run('select 1'));
    });

    it('explains a query as a plan tree with costs and row estimates, and analyses a read with actual times and a hot node', async () => {
      const sql = 'select t.name, a.title from track t join album a on a.album_id = t.album_id where t.milliseconds > 300000 order by t.name';
      const plain = await explain(sql, false);
      assert.ok(plain.status === 'ok', JSON.stringify(plain));
      assert.equal(plain.analyzed, false);
      assert.equal(plain.plan.metric, 'cost');
      assert.ok(plain.plan.root.totalCost! > 0 && plain.plan.root.planRows! > 0);
      assert.match(JSON.stringify(plain.plan.root), /Seq Scan on public\.track|on track/);
      const analysed = await explain(sql, true);
      assert.ok(analysed.status === 'ok', JSON.stringify(analysed));
      assert.equal(analysed.plan.metric, 'time');
      assert.ok(analysed.plan.root.actualTotalMs !== undefined && analysed.plan.executionMs !== undefined);
      const hot: string[] = [];
      const walk = (n: typeof analysed.plan.root) => (n.hot && hot.push(n.label), n.children.forEach(walk));
      walk(analysed.plan.root);
      assert.ok(hot.length >= 1 && hot.length <= 3, hot.join());
    });

    it('refuses EXPLAIN ANALYZE of a write on a read-only connection but plans it without ANALYZE', async () => {
      const refused = await explain('delete from invoice_line where invoice_id = 1', true);
      assert.ok(refused.status === 'refused', refused.status);
      assert.match(refused.message, /EXPLAIN ANALYZE executes the DELETE; connection "chinook-ro" is read-only/);
      const planned = await explain('delete from invoice_line where invoice_id = 1', false);
      assert.ok(planned.status === 'ok', planned.status);
      assert.match(planned.plan.root.label, /Delete on/);
    });

    describe('writable connection tagged production', () => {
      before(() => connect({ name: 'chinook-prod', readOnly: false, tags: ['production'] }));
      after(() => connect());

      it('asks to confirm every write, names it, and runs it only with the token of that very SQL', async () => {
        const sql = "update genre set name = 'Rock & Roll' where genre_id = 1";
        const ask = await run(sql);
        assert.ok(ask.status === 'needs-confirmation', ask.status);
        assert.deepEqual(ask.connection, { name: 'chinook-prod', mode: 'writable', production: true });
        assert.deepEqual(ask.items.map((i) => [i.index, i.reason]), [[1, 'UPDATE writes to a production connection']]);
        const other = await run(sql + ' ', { confirmToken: ask.token });
        assert.equal(other.status, 'needs-confirmation', 'a token confirms only the SQL it was issued for');
        assert.equal(await count("select count(*) as n from genre where name = 'Rock & Roll'"), 0);
        const done = completed(await run(sql, { confirmToken: ask.token }));
        assert.equal(done.results[0]!.rowCount, 1, 'rows affected');
        assert.equal(await count("select count(*) as n from genre where name = 'Rock & Roll'"), 1);
        completed(await run("update genre set name = 'Rock' where genre_id = 1", { confirmToken: (await run("update genre set name = 'Rock' where genre_id = 1") as { token: string }).token }));
        const line = audit().at(-1)!;
        assert.deepEqual([line.connection, line.mode, line.outcome, line.rows, line.user], ['chinook-prod', 'writable', 'ok', 1, 'postgres']);
      });

      it('reads run without confirmation; a destructive statement names its reason', async () => {
        completed(await run('select count(*) from genre'));
        const ask = await run('delete from invoice_line');
        assert.ok(ask.status === 'needs-confirmation', ask.status);
        assert.match(ask.items[0]!.reason, /DELETE without WHERE/);
      });

      it('EXPLAIN ANALYZE of a write asks first, then runs it in a transaction that is rolled back', async () => {
        const sql = 'delete from invoice_line where invoice_id = 1';
        const before = await count('select count(*) as n from invoice_line where invoice_id = 1');
        const ask = await explain(sql, true);
        assert.ok(ask.status === 'needs-confirmation', ask.status);
        assert.match(ask.items[0]!.reason, /EXPLAIN ANALYZE executes the DELETE/);
        const done: ExplainOutcome = await explain(sql, true, { confirmToken: ask.token });
        assert.ok(done.status === 'ok', JSON.stringify(done));
        assert.equal(done.analyzed, true);
        assert.equal(await count('select count(*) as n from invoice_line where invoice_id = 1'), before);
        const line = audit().at(-1)!;
        assert.deepEqual([line.sql, line.outcome, line.mode, line.user], [`EXPLAIN ANALYZE ${sql}`, 'ok', 'writable', 'postgres']);
      });
    });
  });

  describe('PGlite sample', () => {
    before(() => client.connection.sendRequest(ConnectRequest.type, { sample: true }));

    it('runs queries on the sample database and says that PGlite cannot interrupt a statement', async () => {
      const o = completed(await client.connection.sendRequest(RunQueryRequest.type, { uri: 'file:///s.sql', text: "select count(*)::int as n from information_schema.tables where table_schema = 'sales'" }));
      assert.ok((o.results[0]!.rows[0]![0] as number) > 0);
      const cancel = await client.connection.sendRequest(CancelQueryRequest.type, {});
      assert.deepEqual([cancel.runs, cancel.cancelled], [0, 0]);
      const lines = audit();
      assert.equal(lines.at(-1)!.connection, 'sample');
      assert.ok(lines.every((l) => typeof l.sha256 === 'string' && l.sha256.length === 64 && l.sql !== undefined));
    });
  });
});
