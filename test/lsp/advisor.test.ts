// The index advisor through the built language server, as an editor uses it: the "Suggest indexes
// for this query" code action on a statement, the schemawise/suggestIndexes request for the query
// and for the whole file (HypoPG in a scratch database), and optimization hints published with
// severity Hint.
import { strict as assert } from 'node:assert';
import { Client } from 'pg';
import { CodeActionRequest, DiagnosticSeverity, PublishDiagnosticsNotification, ResponseError, type CodeAction, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { OptimizeSqlRequest, SUGGEST_INDEXES_COMMAND, SuggestIndexesRequest, type SuggestIndexesParams } from '../../server/src/protocol';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { buildServer, LspClient } from '../helpers/lsp-client';
import { pgUrlFor, requirePostgres } from '../helpers/services';

const DB = 'sw_adv_lsp';

describe('language server: index advisor', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async function () {
    await requirePostgres(this);
    await recreateDatabase(DB);
    const c = new Client({ connectionString: pgUrlFor(DB) });
    await c.connect();
    await c.query(`CREATE EXTENSION hypopg;
      CREATE TABLE orders (id int PRIMARY KEY, customer int NOT NULL, placed date NOT NULL, note text);
      INSERT INTO orders SELECT g, g % 5000, date '2020-01-01' + g % 1000, NULL FROM generate_series(1, 60000) g;
      ANALYZE orders;`);
    await c.end();
    await buildServer();
    client = await LspClient.start(['--connection', pgUrlFor(DB)]);
    await client.initialize();
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the scratch database', 30_000);
  });
  after(async () => {
    await client?.stop();
    await dropDatabase(DB).catch(() => undefined);
  });

  it('offers "Suggest indexes for this query" on a SELECT and answers it with planner-verified advice', async () => {
    const uri = await client.open('SELECT 1;\nSELECT id, placed FROM orders WHERE customer = 42;\n', 'file:///tmp/sw-adv-query.sql');
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 1, character: 10 }, end: { line: 1, character: 10 } }, context: { diagnostics: [] } })) as CodeAction[];
    const action = actions.find((a) => a.title === 'Suggest indexes for this query');
    assert.ok(action, JSON.stringify(actions));
    assert.equal(action.command?.command, SUGGEST_INDEXES_COMMAND);
    const args = action.command!.arguments![0] as SuggestIndexesParams;
    assert.match(args.sql!, /WHERE customer = 42/);
    const r = await client.connection.sendRequest(SuggestIndexesRequest.type, args);
    assert.equal(r.report.verified, true);
    assert.deepEqual(r.report.indexes.map((s) => s.sql), ['CREATE INDEX CONCURRENTLY ON public.orders (customer)']);
    assert.match(r.markdown, /CREATE INDEX CONCURRENTLY ON public\.orders \(customer\)/);
  });

  it('advises on every statement of the file when no statement is given', async () => {
    const uri = await client.open("SELECT id FROM orders WHERE customer = 7;\nSELECT count(*) FROM orders WHERE placed = '2020-03-01';\n", 'file:///tmp/sw-adv-file.sql');
    const r = await client.connection.sendRequest(SuggestIndexesRequest.type, { uri });
    assert.equal(r.report.queries.length, 2);
    assert.deepEqual(r.report.indexes.map((s) => s.columns.join(',')).sort(), ['customer', 'placed']);
  });

  it('rejects bad parameters with a clear error and keeps running', async () => {
    const bad = await client.connection.sendRequest(SuggestIndexesRequest.type, { uri: 42 } as never).catch((e: unknown) => e);
    assert.ok(bad instanceof ResponseError);
    const none = await client.connection.sendRequest(SuggestIndexesRequest.type, { uri: 'file:///tmp/x.sql', sql: 'SET work_mem = 100' }).catch((e: unknown) => e);
    assert.ok(none instanceof ResponseError && /no SELECT/.test(none.message));
  });

  it('"Optimize this SQL" offline rewrites a correlated subquery after checking the rows on the database', async () => {
    const sql = 'SELECT o.id, (SELECT count(*) FROM orders p WHERE p.customer = o.customer) AS same_customer FROM orders o WHERE o.id < 100';
    const r = await client.connection.sendRequest(OptimizeSqlRequest.type, { sql });
    assert.equal(r.provider, 'offline');
    assert.match(r.sql, /LEFT JOIN/i);
    assert.ok(r.notes.some((n) => /^Rewritten: Correlated subquery → LEFT JOIN.*same 99 rows on the live database; cost/.test(n)), r.notes.join('\n'));
  });

  it('publishes optimization hints with severity Hint on large tables', async () => {
    const uri = 'file:///tmp/sw-adv-hints.sql';
    const published = new Promise<PublishDiagnosticsParams>((resolve) => {
      const sub = client.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri === uri && p.diagnostics.length) {
          sub.dispose();
          resolve(p);
        }
      });
    });
    await client.open('SELECT * FROM orders ORDER BY random() LIMIT 3;\n', uri);
    const { diagnostics } = await published;
    const d = diagnostics.find((x) => x.code === 'perf-order-by-random');
    assert.ok(d, JSON.stringify(diagnostics));
    assert.equal(d.severity, DiagnosticSeverity.Hint);
  });
});
