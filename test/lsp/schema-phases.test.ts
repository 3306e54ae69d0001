// Two-phase introspection over stdio (issue 19): with the database's answer to phase 2 held back by
// a proxy, the server completes from the preview (tables and columns) at once, marks the schema
// partial, publishes no schema diagnostics judged on it, and makes hover and schemawise/getSchema
// wait; once phase 2 arrives the complete schema replaces the preview and every one of them gets
// the whole model (keys included). A state the test holds, not a race it hopes to win.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompletionRequest, HoverRequest, type CompletionList } from 'vscode-languageserver-protocol/node';
import { GetSchemaRequest } from '../../server/src/protocol';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { LspClient, buildServer } from '../helpers/lsp-client';
import { pgExec, pgUrlFor, requirePostgres } from '../helpers/services';
import { startStallProxy, type StallProxy } from '../helpers/stall-proxy';

const DB = 'sw_lsp_schema_phases';
/** Only column-defaults.sql, the first query of phase 2 that the introspection waits for, reads pg_attrdef. */
const PHASE_2_MARKER = 'FROM pg_attrdef ad';


const within = <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => 'answered'), new Promise<string>((r) => setTimeout(() => r('waiting'), ms))]);

describe('two-phase introspection over stdio', function () {
  this.timeout(120000);
  let proxy: StallProxy;
  let url: string;
  let client: LspClient | undefined;

  before(async function () {
    await requirePostgres(this);
    await buildServer();
    await pgExec('admin', `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await pgExec('admin', `CREATE DATABASE ${DB}`);
    await pgExec(DB, `CREATE TABLE customer (id int PRIMARY KEY, email text NOT NULL DEFAULT '');
      CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customer (id), total numeric DEFAULT 0)`);
    const direct = new URL(pgUrlFor(DB));
    proxy = await startStallProxy(Number(direct.port || 5432), direct.hostname);
    direct.port = String(proxy.port);
    url = direct.toString();
  });
  after(async () => {
    await client?.stop();
    await proxy?.close();
    await pgExec('admin', `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  });

  it('completes from the preview, holds schema diagnostics, hover and getSchema until the complete schema arrives', async () => {
    proxy.holdClientFrom(PHASE_2_MARKER);
    client = await LspClient.start(['--connection', url], { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'sw-phases-state-')) });
    await client.initialize();
    const partial = await client.schemaChanges.waitFor((s) => s.partial === true, 'the preview');
    assert.deepEqual([partial.source, partial.tableCount, partial.cached], ['database', 2, undefined]);
    await client.logs.waitFor((l) => /tables and columns; reading the rest/.test(l.message), 'the log line of the preview');

    const text = 'SELECT o. FROM orders o;\nSELECT * FROM ghost;';
    const uri = `file:///tmp/phases.sql`;
    const held = client.diagnosticsFor(uri);
    await client.open(text, uri);
    const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 9 } })) as CompletionList;
    assert.ok(list.items.some((i) => i.label === 'customer_id'), 'completion from the preview');
    assert.equal(list.isIncomplete, true, 'the editor asks again: join suggestions come with the complete schema');
    assert.deepEqual((await held).diagnostics.filter((d) => d.code === 'unknown-table'), [], 'nothing judged on a preview');

    const schema = client.connection.sendRequest(GetSchemaRequest.type) as Promise<SchemaModel | null>;
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 17 } });
    assert.equal(await within(schema, 500), 'waiting', 'getSchema waits for the complete schema');
    assert.equal(await within(hover, 10), 'waiting', 'hover waits for the complete schema');
    assert.ok(!client.schemaChanges.received.some((s) => s.source === 'database' && !s.partial), 'phase 2 is still held');

    const judged = client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'unknown-table'));
    proxy.release();
    const model = await schema;
    const orders = model?.tables.find((t) => t.name === 'orders');
    assert.deepEqual(orders?.foreignKeys.map((f) => [f.columns, f.refTable]), [[['customer_id'], 'customer']]);
    assert.deepEqual(orders?.columns.map((c) => [c.name, c.default]), [['id', undefined], ['customer_id', undefined], ['total', '0']]);
    const h = await hover;
    assert.match(JSON.stringify(h?.contents), /FK → `customer.id`/);
    const complete = await client.schemaChanges.waitFor((s) => s.source === 'database' && !s.partial, 'the complete schema');
    assert.equal(complete.tableCount, 2);
    assert.deepEqual((await judged).diagnostics.filter((d) => d.code === 'unknown-table').map((d) => d.range.start.line), [1]);
    const after = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 9 } })) as CompletionList;
    assert.equal(after.isIncomplete, false);
  });

  it('answers hover from the preview when the rest of the schema does not come within 3 s', async () => {
    await client?.stop();
    proxy.holdClientFrom(PHASE_2_MARKER);
    client = await LspClient.start(['--connection', url], { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'sw-phases-state-')) });
    await client.initialize();
    await client.schemaChanges.waitFor((s) => s.partial === true, 'the preview');
    const uri = `file:///tmp/phases-stalled.sql`;
    await client.open('SELECT o.customer_id FROM orders o;', uri);
    const asked = Date.now();
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 12 } });
    const waited = Date.now() - asked;
    assert.ok(waited >= 2500 && waited < 10000, `answered after ${waited} ms`);
    assert.match(JSON.stringify(hover?.contents), /customer_id/, 'the column, from the preview');
    assert.doesNotMatch(JSON.stringify(hover?.contents), /FK →/, 'no keys yet: phase 2 is still held');
    proxy.release();
    await client.schemaChanges.waitFor((s) => s.source === 'database' && !s.partial, 'the complete schema');
  });
});
