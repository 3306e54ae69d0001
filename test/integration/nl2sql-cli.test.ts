// `schemawise ask` end to end: offline against a live database (with EXPLAIN), an OpenAI-compatible
// server against a snapshot file, and the exit codes and messages of every failure.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { createDriver } from '../../server/src/engine/drivers/registry';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { loadPgDataset } from '../helpers/datasets';
import { FakeOpenAi } from '../helpers/fake-openai';
import { pgUrlFor, requirePostgres } from '../helpers/services';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('schemawise ask', function () {
  this.timeout(60000);
  const url = pgUrlFor('sw_nl_chinook');
  let dir: string;
  let snapshot: string;
  let fake: FakeOpenAi;
  const savedEnv = { a: process.env.SCHEMAWISE_OPENAI_API_KEY, b: process.env.OPENAI_API_KEY };

  before(async function () {
    await requirePostgres(this);
    await loadPgDataset('chinook', 'sw_nl_chinook');
    dir = mkdtempSync(join(tmpdir(), 'sw-nl-'));
    snapshot = join(dir, 'chinook.json');
    const driver = createDriver(parseConnectionUrl(url));
    await driver.connect();
    await saveSnapshot(snapshot, await driver.introspect());
    await driver.close();
    fake = await FakeOpenAi.start();
    process.env.SCHEMAWISE_OPENAI_API_KEY = 'sk-cli-test-key-1234567890';
    delete process.env.OPENAI_API_KEY;
  });
  after(async () => {
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    for (const [k, v] of [['SCHEMAWISE_OPENAI_API_KEY', savedEnv.a], ['OPENAI_API_KEY', savedEnv.b]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('prints offline SQL for a live connection, EXPLAIN-checked, and runs nothing', async () => {
    const r = await cli('ask', 'top 5 artists by number of albums', '--connection', url, '--explain-check');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^SELECT artist\.name, COUNT\(album\.album_id\) AS album_count\n[\s\S]*LIMIT 5;\n$/);
    assert.match(r.err, /offline; 1 round; tables: public\.artist, public\.album/);
  });

  it('exits 1 with the reason when the offline translator cannot answer', async () => {
    const r = await cli('ask', 'what is the salary of each employee', '--schema', snapshot);
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /schemawise ask: cannot answer: "salary" matches no table or column/);
  });

  it('uses an OpenAI-compatible server with the key from the environment and the model given', async () => {
    fake.reply({ kind: 'answer', content: '```sql\nSELECT COUNT(*) FROM track\n```\nCounts tracks.' });
    const r = await cli('ask', 'how many tracks', '--schema', snapshot, '--base-url', fake.baseURL, '--model', 'local-sql', '--no-comments');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'SELECT COUNT(*) FROM track;\n');
    assert.match(r.err, /-- Counts tracks\./);
    assert.equal(fake.requests[0]!.body.model, 'local-sql');
    assert.equal(fake.requests[0]!.authorization, 'Bearer sk-cli-test-key-1234567890');
  });

  it('prints a write statement with a loud warning on stderr', async () => {
    fake.reply({ kind: 'answer', content: 'UPDATE track SET unit_price = 0.99' });
    const r = await cli('ask', 'make every track cost 0.99', '--schema', snapshot, '--provider', 'openai', '--base-url', fake.baseURL, '--model', 'm');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'UPDATE track SET unit_price = 0.99;\n');
    assert.match(r.err, /WARNING: THIS STATEMENT WRITES TO THE DATABASE \(UPDATE\)/);
  });

  it('exits 1 when no valid SQL results after the repair rounds', async () => {
    const bad = { kind: 'answer' as const, content: 'SELECT nope FROM track' };
    fake.reply(bad, bad);
    const r = await cli('ask', 'something', '--schema', snapshot, '--base-url', fake.baseURL, '--model', 'm', '--max-repairs', '1');
    assert.equal(r.code, 1);
    assert.match(r.err, /no valid SQL after 1 repair round: Column "nope" does not exist/);
    assert.equal(fake.requests.length, 2);
  });

  it('exits 1 with a clear message when the provider fails, without the key', async () => {
    fake.reply({ kind: 'status', status: 401, message: 'bad key sk-cli-test-key-1234567890' });
    const r = await cli('ask', 'how many tracks', '--schema', snapshot, '--base-url', fake.baseURL, '--model', 'm');
    assert.equal(r.code, 1);
    assert.match(r.err, /refused the credentials \(HTTP 401\)/);
    assert.ok(!r.err.includes('sk-cli-test-key-1234567890'));
  });

  it('rejects bad usage with exit 64', async () => {
    assert.equal((await cli('ask', 'how many tracks')).code, 64);
    assert.equal((await cli('ask', '--schema', snapshot)).code, 64);
    assert.equal((await cli('ask', 'q', '--schema', snapshot, '--explain-check')).code, 64);
    assert.equal((await cli('ask', 'q', '--schema', snapshot, '--provider', 'magic')).code, 64);
    assert.equal((await cli('ask', 'q', '--schema', snapshot, '--max-repairs', '9')).code, 64);
  });
});
