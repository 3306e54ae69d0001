// The OpenAI-compatible path end to end against a local server that speaks the chat-completions
// protocol (test/helpers/fake-openai.ts): extraction, the repair loop, write flagging, timeouts,
// retries, garbage answers, streaming, and what the prompt may and may not contain.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { askDatabase, OpenAiProvider, type OpenAiProviderConfig } from '../../server/src/engine/nl2sql';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { datasetPath } from '../helpers/datasets';
import { FakeOpenAi } from '../helpers/fake-openai';
import { pgDdlModel } from '../helpers/pg-ddl-model';

const KEY = 'sk-test-0123456789abcdefSECRET';

function chinookIndex(): SchemaIndex {
  const model = pgDdlModel(readFileSync(datasetPath('chinook/chinook.postgres.sql'), 'utf8'), 'chinook');
  const customer = model.tables.find((t) => t.name === 'customer')!;
  customer.comment = 'People who bought music from the store';
  customer.columns.find((c) => c.name === 'support_rep_id')!.comment = 'Employee who looks after this customer';
  return new SchemaIndex(model);
}

describe('nl2sql over an OpenAI-compatible server', function () {
  this.timeout(20000);
  let fake: FakeOpenAi;
  const schema = chinookIndex();
  const provider = (extra: Partial<OpenAiProviderConfig> = {}) =>
    new OpenAiProvider({ baseURL: fake.baseURL, model: 'fake-sql-model', apiKey: KEY, timeoutMs: 5000, retryBaseMs: 5, ...extra });

  before(async () => {
    fake = await FakeOpenAi.start();
  });
  after(async () => {
    await fake.close();
  });

  it('accepts correct SQL and sends only schema metadata with the configured model and key', async () => {
    fake.reply({ kind: 'answer', content: 'SELECT COUNT(*) FROM customer WHERE country = \'Canada\'' });
    const r = await askDatabase({ question: 'How many customers are in Canada?', schema, provider: provider() });
    assert.equal(r.status, 'ok', JSON.stringify(r));
    if (r.status !== 'ok') return;
    assert.equal(r.sql, "SELECT COUNT(*) FROM customer WHERE country = 'Canada'");
    assert.equal(r.rounds, 1);
    assert.equal(r.classification.kind, 'read');
    assert.deepEqual(r.tablesUsed, ['public.customer']);
    assert.equal(fake.requests.length, 1);
    const req = fake.requests[0]!;
    assert.equal(req.path, '/v1/chat/completions');
    assert.equal(req.body.model, 'fake-sql-model');
    assert.equal(req.authorization, `Bearer ${KEY}`);
    const [system, user] = req.body.messages!;
    assert.equal(system!.role, 'system');
    assert.match(user!.content, /CREATE TABLE customer \(/);
    assert.match(user!.content, /Question: How many customers are in Canada\?/);
    assert.match(user!.content, /People who bought music from the store/, 'comments are sent by default');
    assert.doesNotMatch(user!.content, /values include/, 'no sample values unless enabled');
  });

  it('leaves comments out of the prompt when told to', async () => {
    fake.reply({ kind: 'answer', content: 'SELECT 1' });
    await askDatabase({ question: 'How many customers are in Canada?', schema, provider: provider(), linking: { includeComments: false } });
    const user = fake.requests[0]!.body.messages![1]!.content;
    assert.match(user, /support_rep_id int/i);
    assert.doesNotMatch(user, /People who bought music|looks after this customer/);
  });

  it('sends matching sample values only when a sample source is given', async () => {
    const asked: string[] = [];
    fake.reply({ kind: 'answer', content: "SELECT * FROM customer WHERE country = 'Canada'" });
    const r = await askDatabase({
      question: 'List customers in Canada',
      schema,
      provider: provider(),
      linking: { sampleValues: async (t, c, hints) => (asked.push(`${t.name}.${c.name}`), c.name === 'country' && hints.includes('Canada') ? ['Canada'] : []) },
    });
    assert.equal(r.status, 'ok');
    assert.ok(asked.includes('customer.country'), asked.join(','));
    assert.match(fake.requests[0]!.body.messages![1]!.content, /country varchar\(40\), -- values include 'Canada'/i);
  });

  it('extracts SQL from a fenced block surrounded by prose and keeps the prose as explanation', async () => {
    fake.reply({ kind: 'answer', content: 'Sure! Here is the query:\n\n```sql\nSELECT name FROM artist ORDER BY name LIMIT 5;\n```\n\nIt lists five artists alphabetically.' });
    const r = await askDatabase({ question: 'first five artists by name', schema, provider: provider() });
    assert.equal(r.status, 'ok');
    if (r.status !== 'ok') return;
    assert.equal(r.sql, 'SELECT name FROM artist ORDER BY name LIMIT 5');
    assert.match(r.explanation ?? '', /lists five artists/);
  });

  it('feeds an unknown column back and accepts the repaired SQL on the second round', async () => {
    fake.reply({ kind: 'answer', content: '```sql\nSELECT nme FROM artist\n```' }, { kind: 'answer', content: '```sql\nSELECT name FROM artist\n```' });
    const r = await askDatabase({ question: 'names of all artists', schema, provider: provider(), maxRepairs: 2 });
    assert.equal(r.status, 'ok', JSON.stringify(r));
    if (r.status !== 'ok') return;
    assert.equal(r.sql, 'SELECT name FROM artist');
    assert.equal(r.rounds, 2);
    assert.match(r.attempts[0]!.issues.join(), /"nme" does not exist/);
    const second = fake.requests[1]!.body.messages!;
    assert.deepEqual(second.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.match(second[3]!.content, /"nme" does not exist/);
  });

  it('rejects SQL that is never fixed after N repair rounds', async () => {
    const bad = { kind: 'answer' as const, content: 'SELECT salary FROM employee' };
    fake.reply(bad, bad, bad, bad);
    const r = await askDatabase({ question: 'salaries', schema, provider: provider(), maxRepairs: 2 });
    assert.equal(r.status, 'failed');
    if (r.status !== 'failed') return;
    assert.equal(r.kind, 'invalid-sql');
    assert.equal(r.rounds, 3);
    assert.equal(fake.requests.length, 3);
    assert.match(r.message, /after 2 repair rounds.*"salary" does not exist/);
  });

  it('runs the EXPLAIN callback on statements that pass the static checks and repairs its errors', async () => {
    fake.reply({ kind: 'answer', content: "SELECT name FROM artist WHERE artist_id = 'x'" }, { kind: 'answer', content: 'SELECT name FROM artist WHERE artist_id = 1' });
    const explained: string[] = [];
    const explain = async (sql: string) => (explained.push(sql), sql.includes("'x'") ? 'invalid input syntax for type integer: "x"' : undefined);
    const r = await askDatabase({ question: 'artist 1', schema, provider: provider(), explain });
    assert.equal(r.status, 'ok');
    assert.deepEqual(explained, ["SELECT name FROM artist WHERE artist_id = 'x'", 'SELECT name FROM artist WHERE artist_id = 1']);
    assert.match(fake.requests[1]!.body.messages![3]!.content, /database rejected it: invalid input syntax/);
  });

  it('flags a write statement loudly and never runs it', async () => {
    fake.reply({ kind: 'answer', content: '```sql\nDELETE FROM invoice_line WHERE quantity = 0\n```' });
    const r = await askDatabase({ question: 'remove empty invoice lines', schema, provider: provider() });
    assert.equal(r.status, 'ok');
    if (r.status !== 'ok') return;
    assert.equal(r.classification.kind, 'write');
    assert.equal(r.classification.verb, 'DELETE');
    assert.match(r.warnings[0]!, /THIS STATEMENT WRITES TO THE DATABASE \(DELETE\)/);
  });

  it('gives up when the server holds the response past the timeout', async () => {
    fake.reply({ kind: 'hang' });
    const started = Date.now();
    const pending = askDatabase({ question: 'how many artists', schema, provider: provider({ timeoutMs: 300 }) });
    await fake.whenHanging();
    const r = await pending;
    assert.equal(r.status, 'failed');
    if (r.status !== 'failed') return;
    assert.equal(r.kind, 'provider-error');
    assert.match(r.message, /within 300 ms/);
    assert.ok(Date.now() - started < 4000, 'bounded by the timeout, not retried forever');
    assert.equal(fake.requests.length, 1, 'a timeout is not retried');
  });

  it('cancels through the AbortSignal while waiting', async () => {
    fake.reply({ kind: 'hang' });
    const ac = new AbortController();
    const pending = askDatabase({ question: 'how many artists', schema, provider: provider(), signal: ac.signal });
    await fake.whenHanging();
    ac.abort();
    const r = await pending;
    assert.equal(r.status, 'failed');
    assert.equal(r.status === 'failed' && r.kind, 'cancelled');
  });

  it('retries after a 429 and succeeds', async () => {
    fake.reply({ kind: 'status', status: 429, message: 'slow down', headers: { 'retry-after-ms': '10' } }, { kind: 'answer', content: 'SELECT COUNT(*) FROM artist' });
    const r = await askDatabase({ question: 'how many artists', schema, provider: provider() });
    assert.equal(r.status, 'ok', JSON.stringify(r));
    assert.equal(fake.requests.length, 2);
  });

  it('stops retrying 5xx after the bounded number of attempts', async () => {
    const err = { kind: 'status' as const, status: 503, message: 'overloaded' };
    fake.reply(err, err, err, err);
    const r = await askDatabase({ question: 'how many artists', schema, provider: provider({ maxRetries: 2 }) });
    assert.equal(r.status, 'failed');
    assert.match(r.status === 'failed' ? r.message : '', /HTTP 503.*overloaded/);
    assert.equal(fake.requests.length, 3);
  });

  it('reports a garbage (non-JSON) body clearly', async () => {
    fake.reply({ kind: 'raw', body: '<html>Bad Gateway</html>', contentType: 'text/html' });
    const r1 = await askDatabase({ question: 'how many artists', schema, provider: provider() });
    assert.match(r1.status === 'failed' ? r1.message : '', /did not answer with a chat completion/);
    fake.reply({ kind: 'raw', body: '{"choices": [', contentType: 'application/json' });
    const r2 = await askDatabase({ question: 'how many artists', schema, provider: provider() });
    assert.equal(r2.status, 'failed');
    assert.match(r2.status === 'failed' ? r2.message : '', /not valid JSON|did not answer/);
  });

  it('asks again when the answer holds no SQL at all', async () => {
    fake.reply({ kind: 'answer', content: 'I am not sure what you mean.' }, { kind: 'answer', content: 'SELECT COUNT(*) FROM album' });
    const r = await askDatabase({ question: 'how many albums', schema, provider: provider() });
    assert.equal(r.status, 'ok');
    assert.match(r.attempts[0]!.issues[0]!, /no SQL found/);
  });

  it('passes a model refusal through as "cannot answer"', async () => {
    fake.reply({ kind: 'answer', content: 'cannot answer: the schema has no salaries' });
    const r = await askDatabase({ question: 'what do employees earn', schema, provider: provider() });
    assert.equal(r.status === 'failed' && r.kind, 'cannot-answer');
    assert.match(r.status === 'failed' ? r.message : '', /no salaries/);
  });

  it('never shows the API key in an error, even when the server echoes it', async () => {
    fake.reply({ kind: 'status', status: 401, message: `Incorrect API key provided: ${KEY}. Also ${KEY.slice(0, 12)}` });
    const r = await askDatabase({ question: 'how many artists', schema, provider: provider() });
    assert.equal(r.status, 'failed');
    const text = JSON.stringify(r);
    assert.match(text, /HTTP 401/);
    assert.ok(!text.includes(KEY) && !text.includes(KEY.slice(0, 12)), text);
  });

  it('streams tokens through onToken as they arrive', async () => {
    const answer = '```sql\nSELECT title FROM album ORDER BY title\n```\nAll album titles.';
    fake.reply({ kind: 'answer', content: answer, chunks: 6 });
    const tokens: string[] = [];
    const r = await askDatabase({ question: 'album titles', schema, provider: provider({ stream: true }), onToken: (t) => tokens.push(t) });
    assert.equal(r.status, 'ok');
    assert.equal(fake.requests[0]!.body.stream, true);
    assert.ok(tokens.length >= 6, `got ${tokens.length} pieces`);
    assert.equal(tokens.join(''), answer);
    assert.equal(r.status === 'ok' && r.sql, 'SELECT title FROM album ORDER BY title');
  });

  it('talks to Azure OpenAI with the api-version query and the deployment', async () => {
    fake.reply({ kind: 'answer', content: 'SELECT 1' });
    const p = new OpenAiProvider({ baseURL: fake.baseURL.replace(/\/v1$/, '/openai'), model: '', apiKey: KEY, azure: { apiVersion: '2024-10-21', deployment: 'sql-gpt' }, timeoutMs: 5000 });
    const r = await askDatabase({ question: 'one', schema, provider: p });
    assert.equal(r.status, 'ok', JSON.stringify(r));
    const req = fake.requests[0]!;
    assert.equal(req.query.get('api-version'), '2024-10-21');
    assert.equal(req.path, '/openai/deployments/sql-gpt/chat/completions');
  });
});
