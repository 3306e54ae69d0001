// The per-user schema cache over stdio (issue 19): a second server completes from the schema cached
// by the first before its own introspection finishes, holds schema diagnostics until the live schema
// arrives, then swaps it in; a corrupt cache file is ignored with a log line; `schemaCache: false`
// neither reads nor writes it. The database sits behind a proxy that can stall, so "before the
// introspection finishes" is a state the test holds, not a race it hopes to win.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompletionRequest, PublishDiagnosticsNotification, type CompletionItem, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspClient, buildServer } from '../helpers/lsp-client';
import { pgExec, pgUrlFor, requirePostgres } from '../helpers/services';
import { startStallProxy, type StallProxy } from '../helpers/stall-proxy';

const DB = 'sw_lsp_schema_cache';

/** Every diagnostics notification, awaitable by predicate. */
function collectDiagnostics(client: LspClient) {
  const seen: PublishDiagnosticsParams[] = [];
  let waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  client.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    seen.push(p);
    waiters = waiters.filter((w) => (w.test(p) ? (w.resolve(p), false) : true));
  });
  return {
    seen,
    next(test: (p: PublishDiagnosticsParams) => boolean, what: string): Promise<PublishDiagnosticsParams> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(seen)}`)), 20000);
        waiters.push({ test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
  };
}

async function complete(client: LspClient, uri: string, text: string, offset: number): Promise<string[]> {
  const before = text.slice(0, offset).split('\n');
  const r = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: before.length - 1, character: before[before.length - 1]!.length } });
  const items: CompletionItem[] = !r ? [] : Array.isArray(r) ? r : r.items;
  return items.map((i) => i.label);
}

/** Resolves once the state folder holds a cache file (written just after the live schema is installed). */
async function cacheFileIn(state: string): Promise<string> {
  const dir = join(state, 'schemawise', 'schema-cache');
  const until = Date.now() + 20000;
  for (;;) {
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
    if (files.length === 1) return join(dir, files[0]!);
    if (Date.now() > until) throw new Error(`no cache file in ${dir}: ${files.join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}


describe('per-user schema cache over stdio', function () {
  this.timeout(120000);
  let proxy: StallProxy;
  let url: string;
  let client: LspClient | undefined;
  const state = mkdtempSync(join(tmpdir(), 'sw-cache-state-'));
  const env = { XDG_STATE_HOME: state, SCHEMAWISE_PASSWORD: 'never-in-the-cache' };

  before(async function () {
    await requirePostgres(this);
    await buildServer();
    await pgExec('admin', `DROP DATABASE IF EXISTS ${DB}`);
    await pgExec('admin', `CREATE DATABASE ${DB}`);
    await pgExec(DB, 'CREATE TABLE public.account (id int PRIMARY KEY, email text NOT NULL)');
    const direct = new URL(pgUrlFor(DB));
    proxy = await startStallProxy(Number(direct.port || 5432), direct.hostname);
    direct.port = String(proxy.port);
    url = direct.toString();
  });
  afterEach(async () => {
    proxy?.resume();
    await client?.stop();
    client = undefined;
  });
  after(async () => {
    await proxy?.close();
    await pgExec('admin', `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  });

  it('completes from the cached schema while the database hangs, holds schema diagnostics, then swaps in the live schema', async () => {
    // First session: introspects live and writes the cache.
    client = await LspClient.start(['--connection', url], env);
    await client.initialize();
    const first = await client.schemaChanges.waitFor((s) => s.source === 'database', 'the live schema');
    assert.equal(first.cached, undefined);
    const file = await cacheFileIn(state);
    await client.stop();
    client = undefined;
    const cachedText = readFileSync(file, 'utf8');
    assert.ok(!cachedText.includes('never-in-the-cache'), 'the password is not in the cache');
    assert.equal(statSync(file).mode & 0o777, 0o600);

    // The database changes; the network to it hangs.
    await pgExec(DB, 'CREATE TABLE public.invoice (id int PRIMARY KEY, total numeric)');
    proxy.stall();
    client = await LspClient.start(['--connection', url], env);
    const diagnostics = collectDiagnostics(client);
    await client.initialize();
    const cached = await client.schemaChanges.waitFor((s) => s.cached === true, 'the cached schema');
    assert.equal(cached.tableCount, 1);
    assert.match(client.logs.received.map((l) => l.message).join('\n'), /cached; reading the live schema/);

    const text = 'SELECT a. FROM account a;\nSELECT * FROM invoice;\nSELECT * FROM ghost;';
    const uri = await client.open(text);
    assert.ok((await complete(client, uri, text, 'SELECT a.'.length)).includes('email'), 'completion from the cached schema');
    // While the schema may be stale, no "unknown table" (invoice is new; only the live schema can tell).
    const held = await diagnostics.next((p) => p.uri === uri, 'diagnostics while cached');
    assert.deepEqual(held.diagnostics.filter((d) => d.code === 'unknown-table'), []);
    assert.ok(!client.schemaChanges.received.some((s) => s.cached === undefined && s.source === 'database'), 'still waiting for the database');

    proxy.resume();
    const live = await client.schemaChanges.waitFor((s) => s.source === 'database' && s.cached === undefined, 'the live schema');
    assert.equal(live.tableCount, 2);
    const after = await diagnostics.next((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'unknown-table'), 'diagnostics with the live schema');
    assert.deepEqual(after.diagnostics.filter((d) => d.code === 'unknown-table').map((d) => d.range.start.line), [2], 'ghost is unknown, invoice is not');
    assert.ok((await complete(client, uri, text, text.indexOf('invoice'))).includes('invoice'));
    // The cache now holds the live schema.
    await client.stop();
    client = undefined;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { model: { tables: { name: string }[] } };
    assert.deepEqual(saved.model.tables.map((t) => t.name).sort(), ['account', 'invoice']);
  });

  it('ignores a corrupt cache file with a log line and replaces it with the live schema', async () => {
    client = await LspClient.start(['--connection', url], env);
    await client.initialize();
    await client.schemaChanges.waitFor((s) => s.source === 'database' && !s.cached, 'the live schema');
    const file = await cacheFileIn(state);
    await client.stop();
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 200)); // a partial write

    client = await LspClient.start(['--connection', url], env);
    await client.initialize();
    const live = await client.schemaChanges.waitFor((s) => s.source === 'database' && !s.partial, 'the live schema');
    assert.equal(live.cached, undefined);
    assert.ok(client.schemaChanges.received.every((s) => !s.cached));
    const warning = await client.logs.waitFor((l) => /schema cache .* ignored: not valid JSON/.test(l.message), 'the log line');
    assert.ok(!warning.message.includes('"format"'), 'the log line does not quote the file');
    await client.stop();
    client = undefined;
    assert.doesNotThrow(() => JSON.parse(readFileSync(file, 'utf8')), 'rewritten whole');
  });

  it('neither reads nor writes the cache with schemaCache: false', async () => {
    const off = mkdtempSync(join(tmpdir(), 'sw-cache-off-'));
    // A valid cache from a session with the setting on…
    client = await LspClient.start(['--connection', url], { ...env, XDG_STATE_HOME: off });
    await client.initialize();
    await client.schemaChanges.waitFor((s) => s.source === 'database', 'the live schema');
    const file = await cacheFileIn(off);
    await client.stop();
    const mtime = statSync(file).mtimeMs;
    // …is not used, nor rewritten, with it off.
    proxy.stall();
    client = await LspClient.start(['--connection', url], { ...env, XDG_STATE_HOME: off });
    await client.initialize({ schemaCache: false });
    const hanging = client.schemaChanges.waitFor(() => true, 'any schema', 1500).then(
      () => 'a schema',
      () => 'none',
    );
    assert.equal(await hanging, 'none', 'nothing from the cache while the database hangs');
    proxy.resume();
    const live = await client.schemaChanges.waitFor((s) => s.source === 'database', 'the live schema');
    assert.equal(live.cached, undefined);
    await client.stop();
    client = undefined;
    assert.equal(statSync(file).mtimeMs, mtime);
  });
});
