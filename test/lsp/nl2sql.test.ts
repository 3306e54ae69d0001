// Natural language → SQL through the built language server over stdio, as an editor uses it: the
// offline translator on the sample database (validated with EXPLAIN on the live PGlite connection),
// the OpenAI path against a local fake chat-completions server (repair, streaming progress, cancel),
// the "Generate SQL" code action on `-- question` lines, explainSql/optimizeSql, and that the API
// key never reaches any log, message or trace.
import { strict as assert } from 'node:assert';
import {
  CancellationTokenSource,
  CodeActionRequest,
  ConfigurationRequest,
  LSPErrorCodes,
  ResponseError,
  WorkDoneProgress,
  type CodeAction,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { AskDatabaseRequest, ExplainSqlRequest, GENERATE_SQL_COMMAND, OptimizeSqlRequest, type GenerateSqlCommandArgs } from '../../server/src/protocol';
import { FakeOpenAi } from '../helpers/fake-openai';
import { LspClient } from '../helpers/lsp-client';

const API_KEY = 'sk-sw-ed-test-0123456789abcdef';
type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

describe('language server: natural language → SQL', function () {
  this.timeout(60_000);
  let client: LspClient;
  let fake: FakeOpenAi;
  /** What the client answers for the 'schemawise.ai' section; tests switch providers by changing it. */
  let ai: Record<string, unknown> = {};
  const traces: string[] = [];
  let progressId = 0;

  before(async () => {
    fake = await FakeOpenAi.start();
    client = await LspClient.start(['--connection', 'pglite:sample']);
    await client.initialize({ client: 'test' }, true);
    client.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'schemawise.ai' ? ai : null)));
    client.connection.onNotification('$/logTrace', (p: { message: string; verbose?: string }) => {
      traces.push(`${p.message}\n${p.verbose ?? ''}`);
    });
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the sample database', 40_000);
  });
  after(async () => {
    await client?.stop();
    await fake?.close();
  });
  beforeEach(() => {
    ai = {};
    traces.length = 0;
  });

  /** Sends `request` with a fresh workDoneToken and records the progress the server reports for it. */
  function withProgress<T>(send: (token: string) => Promise<T>): Promise<{ result: T; progress: ProgressValue[] }> {
    const token = `sw-ed-${++progressId}`;
    const progress: ProgressValue[] = [];
    const sub = client.connection.onProgress(WorkDoneProgress.type, token, (v) => {
      progress.push(v);
    });
    return send(token).finally(() => sub.dispose()).then((result) => ({ result, progress }));
  }

  const openAiSettings = (extra: Record<string, unknown> = {}) => ({ provider: 'openai', baseUrl: fake.baseURL, model: 'fake-sql', maxRepairs: 2, ...extra });

  it('answers a question offline with SQL that was validated on the live connection, reporting progress', async () => {
    const { result, progress } = await withProgress((workDoneToken) => client.connection.sendRequest(AskDatabaseRequest.type, { question: 'how many customers', workDoneToken }));
    assert.equal(result.status, 'ok', JSON.stringify(result));
    if (result.status !== 'ok') return;
    assert.match(result.sql, /SELECT COUNT\(\*\)[\s\S]*FROM crm\.customers/i);
    assert.equal(result.classification.kind, 'read');
    assert.deepEqual(result.tablesUsed, ['crm.customers']);
    assert.deepEqual(result.attempts.map((a) => a.issues), [[]]);
    assert.equal(progress[0]?.kind, 'begin');
    assert.equal((progress[0] as WorkDoneProgressBegin).cancellable, true);
    assert.equal(progress.at(-1)?.kind, 'end');
    assert.ok(progress.some((p) => p.kind !== 'end' && /checking the SQL/.test(p.message ?? '')), JSON.stringify(progress));
  });

  it('says offline when it cannot answer instead of guessing', async () => {
    const result = await client.connection.sendRequest(AskDatabaseRequest.type, { question: 'what is the weather on mars tomorrow' });
    assert.equal(result.status, 'failed');
    if (result.status === 'failed') assert.equal(result.kind, 'cannot-answer');
  });

  it('repairs a wrong answer of an OpenAI-compatible provider, streams it as progress, and sends the key only to the provider', async () => {
    ai = openAiSettings({ stream: true });
    fake.reply(
      { kind: 'answer', content: '```sql\nSELECT count(*) FROM crm.clients;\n```\nCounts clients.', chunks: 3 },
      { kind: 'answer', content: '```sql\nSELECT count(*) FROM crm.customers;\n```\nCounts the customers.', chunks: 3 },
    );
    await client.connection.sendNotification('$/setTrace', { value: 'verbose' });
    try {
      const { result, progress } = await withProgress((workDoneToken) => client.connection.sendRequest(AskDatabaseRequest.type, { question: 'how many customers', apiKey: API_KEY, workDoneToken }));
      assert.equal(result.status, 'ok', JSON.stringify(result));
      if (result.status !== 'ok') return;
      assert.equal(result.rounds, 2);
      assert.match(result.attempts[0]!.issues.join(' '), /clients/);
      assert.equal(result.sql, 'SELECT count(*) FROM crm.customers;'.replace(/;$/, ''));
      assert.equal(fake.requests.length, 2);
      assert.equal(fake.requests[0]!.authorization, `Bearer ${API_KEY}`);
      assert.equal(fake.requests[0]!.body.stream, true);
      // The repair round quotes the problem back to the model.
      assert.match(fake.requests[1]!.body.messages!.at(-1)!.content, /clients/);
      assert.ok(progress.some((p) => p.kind === 'report' && /repair/.test(p.message ?? '')), JSON.stringify(progress));
      // Prompts are traced (trace level only), with the schema but never the key.
      assert.ok(traces.some((t) => t.includes('Question: how many customers')), 'the prompt is traced');
    } finally {
      await client.connection.sendNotification('$/setTrace', { value: 'off' });
    }
    const everything = [...client.logs.received.map((l) => l.message), ...client.messages.received.map((m) => m.message), ...client.stderr, ...traces].join('\n');
    assert.ok(everything.length > 0);
    assert.equal(everything.includes(API_KEY), false, 'the API key appears in a log');
    assert.equal(everything.includes(API_KEY.slice(0, 16)), false, 'part of the API key appears in a log');
    // Without trace, the prompt never reaches the ordinary log.
    assert.equal(client.logs.received.some((l) => l.message.includes('Question:')), false);
  });

  it('aborts a slow provider within a bound when the request is cancelled', async () => {
    ai = openAiSettings({ timeoutMs: 60_000 });
    fake.reply({ kind: 'hang' });
    const cts = new CancellationTokenSource();
    const pending = client.connection.sendRequest(AskDatabaseRequest.type, { question: 'how many customers', apiKey: API_KEY }, cts.token).then(
      (r) => ({ ok: true as const, r }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    await fake.whenHanging();
    const started = Date.now();
    cts.cancel();
    const outcome = await pending;
    const elapsed = Date.now() - started;
    assert.equal(outcome.ok, false, JSON.stringify(outcome));
    if (!outcome.ok) {
      assert.ok(outcome.e instanceof ResponseError);
      assert.equal(outcome.e.code, LSPErrorCodes.RequestCancelled);
    }
    assert.ok(elapsed < 2000, `cancel took ${elapsed} ms`);
  });

  it('offers "Generate SQL" on a `-- question` comment line, not on commented-out SQL', async () => {
    const uri = await client.open('-- how many customers are there\n\n-- select * from crm.customers;\nSELECT 1;\n', 'file:///tmp/sw-ed-question.sql');
    const onQuestion = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, context: { diagnostics: [] } })) as CodeAction[];
    const generate = onQuestion.find((a) => a.title === 'Generate SQL');
    assert.ok(generate, JSON.stringify(onQuestion));
    assert.equal(generate.command?.command, GENERATE_SQL_COMMAND);
    assert.deepEqual(generate.command?.arguments, [{ uri, line: 0, question: 'how many customers are there' } satisfies GenerateSqlCommandArgs]);
    const onSql = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, context: { diagnostics: [] } })) as CodeAction[];
    assert.equal(onSql.some((a) => a.title === 'Generate SQL'), false);
    // Asked for quick fixes only, the refactoring is left out.
    const quickFixOnly = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] } })) as CodeAction[];
    assert.deepEqual(quickFixOnly, []);
  });

  it('explains a join offline in plain words, from the parser', async () => {
    const sql = `SELECT a.name, count(*) AS orders FROM crm.accounts a JOIN sales.orders o ON o.account_id = a.account_id WHERE o.status = 'shipped' GROUP BY a.name ORDER BY orders DESC LIMIT 3`;
    const r = await client.connection.sendRequest(ExplainSqlRequest.type, { sql });
    assert.equal(r.provider, 'offline');
    assert.match(r.markdown, /\*\*Reads\*\* `crm\.accounts` \(as `a`\) — _[A-Z]/);
    assert.match(r.markdown, /`sales\.orders` \(as `o`\), matched on `o\.account_id = a\.account_id` \(inner join/);
    assert.match(r.markdown, /\*\*Keeps only rows\*\* where `o\.status = 'shipped'`/);
    assert.match(r.markdown, /\*\*Groups\*\* rows by `a\.name`/);
    assert.match(r.markdown, /\*\*Sorts\*\* by `orders` descending/);
    assert.match(r.markdown, /\*\*Returns at most\*\* 3 rows/);
    assert.match(r.markdown, /Read-only/);
  });

  it('explains with the provider text when a language model is configured', async () => {
    ai = openAiSettings();
    fake.reply({ kind: 'answer', content: 'Counts the **customers**.\n\n- one row' });
    const r = await client.connection.sendRequest(ExplainSqlRequest.type, { sql: 'SELECT count(*) FROM crm.customers', apiKey: API_KEY });
    assert.deepEqual(r, { markdown: 'Counts the **customers**.\n\n- one row', provider: 'openai' });
    // Only schema metadata and the statement went out.
    assert.match(fake.requests[0]!.body.messages!.at(-1)!.content, /CREATE TABLE[\s\S]*customers[\s\S]*SELECT count\(\*\) FROM crm\.customers/);
  });

  it('proposes an offline rewrite: lint fixes applied, then formatted', async () => {
    const r = await client.connection.sendRequest(OptimizeSqlRequest.type, { sql: 'select name from crm.customers where name = null order by 1' });
    assert.equal(r.provider, 'offline');
    assert.equal(r.validated, true);
    assert.equal(r.sql, 'SELECT\n  name\nFROM\n  crm.customers\nWHERE\n  name IS NULL\nORDER BY\n  name');
    assert.ok(r.notes.some((n) => /null-comparison/.test(n)), r.notes.join('\n'));
    assert.ok(r.notes.some((n) => /order-by-ordinal/.test(n)), r.notes.join('\n'));
  });

  it('rejects a model rewrite that turns a read into a write and falls back to the offline proposal', async () => {
    ai = openAiSettings({ maxRepairs: 0 });
    fake.reply({ kind: 'answer', content: '```sql\nDELETE FROM crm.customers\n```\n- faster' });
    const r = await client.connection.sendRequest(OptimizeSqlRequest.type, { sql: 'select name from crm.customers', apiKey: API_KEY });
    assert.equal(r.validated, false);
    assert.equal(r.sql, 'SELECT\n  name\nFROM\n  crm.customers');
    assert.ok(r.notes.some((n) => /did not validate/.test(n)), r.notes.join('\n'));
  });

  it('accepts a validated model rewrite with its notes', async () => {
    ai = openAiSettings();
    fake.reply({ kind: 'answer', content: '```sql\nSELECT c.name FROM crm.customers AS c\n```\n- added an alias\n- dropped the subquery' });
    const r = await client.connection.sendRequest(OptimizeSqlRequest.type, { sql: 'select name from (select * from crm.customers) x', apiKey: API_KEY });
    assert.deepEqual(r, { sql: 'SELECT c.name FROM crm.customers AS c', notes: ['added an alias', 'dropped the subquery'], provider: 'openai', validated: true });
  });

  it('answers bad params and bad settings with clear errors and keeps serving', async () => {
    const bad = await client.connection.sendRequest(AskDatabaseRequest.type, { question: 42 } as never).catch((e: unknown) => e);
    assert.ok(bad instanceof ResponseError);
    assert.match(bad.message, /needs \{ question: string \}|params\.question must be a string/);
    ai = { provider: 'openai' }; // no model
    const noModel = await client.connection.sendRequest(AskDatabaseRequest.type, { question: 'how many customers' }).catch((e: unknown) => e);
    assert.ok(noModel instanceof ResponseError);
    assert.match(noModel.message, /schemawise\.ai settings: .*model/);
    ai = {};
    const ok = await client.connection.sendRequest(AskDatabaseRequest.type, { question: 'how many customers' });
    assert.equal(ok.status, 'ok');
  });
});
