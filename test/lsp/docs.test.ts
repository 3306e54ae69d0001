// The built language server's documentation requests, driven like an editor: generate into a
// folder, find a table's page, check for drift after the schema changes, and bad input.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckDocsRequest, DocsPageRequest, GenerateDocsRequest, RefreshSchemaRequest } from '../../server/src/protocol';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { shopModel } from '../helpers/docs-models';
import { LspClient } from '../helpers/lsp-client';

describe('documentation requests over stdio (snapshot)', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-docs-lsp-'));
  const snapshot = join(dir, 'shop.json');
  const folder = join(dir, 'docs', 'db');
  let client: LspClient;

  before(async () => {
    writeFileSync(snapshot, serializeSnapshot(shopModel()));
    client = await LspClient.start(['--schema', snapshot]);
    await client.initialize();
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the snapshot to load');
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates the docs, reads docs.yml from the workspace folder, and reports names that match nothing', async () => {
    const ws = join(dir, 'ws');
    mkdirSync(join(ws, '.schemawise'), { recursive: true });
    writeFileSync(join(ws, '.schemawise', 'docs.yml'), 'tables:\n  orders: One purchase.\n  ghost: x\n');
    const r = await client.connection.sendRequest(GenerateDocsRequest.type, { folder, workspaceFolder: ws });
    assert.equal(r.index, join(folder, 'index.md'));
    assert.equal(r.tables, 5);
    assert.ok(r.written > 5);
    assert.deepEqual(r.warnings, [`${join(ws, '.schemawise', 'docs.yml')}:3: no table or view named "ghost"`]);
    assert.match(readFileSync(join(folder, 'tables', 'public.orders.md'), 'utf8'), /One purchase\./);
  });

  it('finds the page of a table', async () => {
    const page = await client.connection.sendRequest(DocsPageRequest.type, { folder, schema: 'public', table: 'order_line' });
    assert.deepEqual(page, { path: join(folder, 'tables', 'public.order_line.md') });
    assert.ok(existsSync(page!.path));
    assert.equal(await client.connection.sendRequest(DocsPageRequest.type, { folder, schema: 'public', table: 'nope' }), null);
  });

  it('checks for drift: in sync, then names the change after the schema changed', async () => {
    const ws = join(dir, 'ws');
    const same = await client.connection.sendRequest(CheckDocsRequest.type, { folder, workspaceFolder: ws });
    assert.equal(same.inSync, true, same.report);
    const changed = shopModel();
    changed.tables[0]!.columns.push({ name: 'vip', ordinal: 9, dataType: 'boolean', nullable: false });
    writeFileSync(snapshot, serializeSnapshot(changed));
    const drift = await client.connection.sendRequest(CheckDocsRequest.type, { folder, workspaceFolder: ws });
    assert.equal(drift.inSync, false);
    assert.deepEqual(drift.changes, [{ kind: 'added', object: 'column', name: 'public.customer.vip', detail: 'boolean NOT NULL' }]);
    await client.connection.sendRequest(RefreshSchemaRequest.type);
  });

  it('answers bad input with an error and keeps running', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    await assert.rejects(client.connection.sendRequest(GenerateDocsRequest.type, { folder: file }), /is a file, not a folder/);
    await assert.rejects(client.connection.sendRequest(CheckDocsRequest.type, { folder: join(dir, 'none') }), /no recorded schema/);
    await assert.rejects(client.connection.sendRequest(GenerateDocsRequest.type, {} as never), /needs a folder/);
    const ws = join(dir, 'bad');
    mkdirSync(join(ws, '.schemawise'), { recursive: true });
    writeFileSync(join(ws, '.schemawise', 'glossary.yml'), 'terms:\n  - term: [\n');
    await assert.rejects(client.connection.sendRequest(GenerateDocsRequest.type, { folder, workspaceFolder: ws }), /glossary\.yml:\d+: invalid YAML/);
    const page = await client.connection.sendRequest(DocsPageRequest.type, { folder, schema: 'public', table: 'orders' });
    assert.ok(page, 'the server still answers');
  });
});
