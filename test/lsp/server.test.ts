// The built language server over stdio, as any LSP editor runs it, with schemas from snapshot files.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResponseError, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol/node';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { ConnectRequest, GetSchemaRequest, GetStatusRequest, RefreshSchemaRequest, SchemawiseErrorCodes } from '../../server/src/protocol';
import { chinook, shopModel } from '../helpers/fixtures';
import { LspClient, buildServer } from '../helpers/lsp-client';

const dir = mkdtempSync(join(tmpdir(), 'sw-lsp-fixtures-'));
const chinookFile = join(dir, 'chinook.json');
const shopFile = join(dir, 'shop.json');
const brokenFile = join(dir, 'broken.json');

const labels = (items: CompletionItem[], kind?: number) => items.filter((i) => kind === undefined || i.kind === kind).map((i) => i.label);
const TABLE = 7; // CompletionItemKind.Class
const FIELD = 5;
const KEYWORD = 14;

async function rejection(p: Promise<unknown>): Promise<ResponseError<{ kind?: string }>> {
  try {
    await p;
  } catch (e) {
    return e as ResponseError<{ kind?: string }>;
  }
  throw new Error('expected the request to fail');
}

describe('language server over stdio', function () {
  this.timeout(60000);
  const clients: LspClient[] = [];
  const start = async (args: string[], env?: NodeJS.ProcessEnv) => {
    const c = await LspClient.start(args, env);
    clients.push(c);
    return c;
  };

  before(async () => {
    writeFileSync(chinookFile, serializeSnapshot(chinook()));
    writeFileSync(shopFile, serializeSnapshot(shopModel()));
    writeFileSync(brokenFile, '{ "format": "schemawise.schema", tables: [');
    await buildServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('with --schema <snapshot>', () => {
    let client: LspClient;
    beforeEach(async () => {
      client = await start(['--schema', chinookFile]);
    });

    it('announces completion (on . and space) and hover, and loads the snapshot', async () => {
      const init = await client.initialize();
      assert.deepEqual(init.capabilities.completionProvider?.triggerCharacters, ['.', ' ']);
      assert.equal(init.capabilities.hoverProvider, true);
      const status = await client.schemaChanges.waitFor((s) => s.source === 'snapshot', 'the snapshot to load');
      assert.equal(status.tableCount, 11);
      assert.equal(status.label, chinookFile);
    });

    it('completes tables after FROM and the alias columns after `a.`, replacing the typed word', async () => {
      await client.initialize();
      await client.schemaChanges.waitFor((s) => s.source === 'snapshot', 'the snapshot to load');
      const tables = await client.completeAt('SELECT * FROM tr|');
      assert.ok(labels(tables.items, TABLE).includes('track'));
      const edit = tables.items.find((i) => i.label === 'track')!.textEdit as TextEdit;
      assert.deepEqual(edit.range, { start: { line: 0, character: 14 }, end: { line: 0, character: 16 } });
      assert.equal(edit.newText, 'track');
      const cols = await client.completeAt('SELECT a.|\nFROM album a', '.');
      assert.deepEqual(labels(cols.items, FIELD), ['album_id', 'title', 'artist_id']);
    });

    it('answers hover with the table and column description', async () => {
      await client.initialize();
      await client.schemaChanges.waitFor((s) => s.source === 'snapshot', 'the snapshot to load');
      const table = await client.hoverAt('SELECT * FROM invoice_li|ne');
      assert.match((table!.contents as MarkupContent).value, /\*\*table\*\* `public\.invoice_line`[\s\S]*\| `track_id` \| integer \| FK → `track\.track_id` \|/);
      const column = await client.hoverAt('SELECT il.unit_pri|ce FROM invoice_line il');
      assert.match((column!.contents as MarkupContent).value, /\*\*column\*\* `invoice_line\.unit_price`\n\n`numeric` NULL/);
    });

    it('returns the SchemaModel from schemawise/getSchema', async () => {
      await client.initialize();
      await client.schemaChanges.waitFor((s) => s.source === 'snapshot', 'the snapshot to load');
      const model = await client.connection.sendRequest(GetSchemaRequest.type);
      assert.deepEqual(model, JSON.parse(serializeSnapshot({ ...chinook(), capturedAt: model!.capturedAt })));
      assert.equal((await client.connection.sendRequest(GetStatusRequest.type)).tableCount, 11);
    });
  });

  it('reports a snapshot that is not JSON, keeps running and still completes keywords', async () => {
    const client = await start(['--schema', brokenFile]);
    await client.initialize();
    const shown = await client.messages.waitFor((m) => m.type === 1, 'an error message');
    assert.match(shown.message, /cannot load the schema snapshot: .*broken\.json is not valid JSON/);
    const list = await client.completeAt('SEL|');
    assert.ok(labels(list.items, KEYWORD).includes('SELECT'));
    assert.equal(await client.connection.sendRequest(GetSchemaRequest.type), null);
    const err = await rejection(client.connection.sendRequest(RefreshSchemaRequest.type));
    assert.equal(err.code, SchemawiseErrorCodes.NotConnected);
  });

  it('takes the snapshot from initializationOptions, and lets command-line flags win over them', async () => {
    const fromInit = await start([]);
    await fromInit.initialize({ schemaFile: shopFile, client: 'test' });
    assert.equal((await fromInit.schemaChanges.waitFor((s) => s.source === 'snapshot', 'shop snapshot')).label, shopFile);
    const list = await fromInit.completeAt('SELECT * FROM |');
    assert.equal(list.items.find((i) => i.label === 'invoices')!.textEdit!.newText, 'sales.invoices');

    const flagWins = await start(['--schema', chinookFile]);
    await flagWins.initialize({ schemaFile: shopFile });
    assert.equal((await flagWins.schemaChanges.waitFor((s) => s.source === 'snapshot', 'chinook snapshot')).label, chinookFile);
  });

  it('rejects a malformed connect request, and a failed connect keeps the schema and never shows the password', async () => {
    const client = await start(['--schema', chinookFile]);
    await client.initialize();
    await client.schemaChanges.waitFor((s) => s.source === 'snapshot', 'the snapshot to load');

    const bad = await rejection(client.connection.sendRequest(ConnectRequest.type, { nonsense: 1 } as never));
    assert.equal(bad.code, SchemawiseErrorCodes.InvalidParams);

    const secret = 'pw-Zq81-never-shown';
    const failed = await rejection(
      client.connection.sendRequest(ConnectRequest.type, { name: 'nowhere', driver: 'postgres', host: '127.0.0.1', port: 1, user: 'u', password: secret, readOnly: true, connectTimeoutMs: 3000 }),
    );
    assert.equal(failed.code, SchemawiseErrorCodes.ConnectFailed);
    assert.equal(failed.data?.kind, 'unreachable');
    assert.match(failed.message, /cannot connect to nowhere/);
    const shown = await client.messages.waitFor((m) => /nowhere/.test(m.message), 'the connect error message');
    assert.equal(shown.type, 1);

    const status = await client.connection.sendRequest(GetStatusRequest.type);
    assert.deepEqual([status.source, status.tableCount], ['snapshot', 11]);
    assert.ok(labels((await client.completeAt('SELECT * FROM |')).items, TABLE).includes('album'));
    const everything = JSON.stringify([client.messages.received, client.logs.received, failed.message, client.stderr]);
    assert.ok(!everything.includes(secret), 'the password leaked into a message or log');
  });

  it('refuses an unknown --connection URL scheme with a clear message and keeps serving', async () => {
    const client = await start(['--connection', 'oracle://scott:tiger@db/orcl']);
    await client.initialize();
    const shown = await client.messages.waitFor((m) => m.type === 1, 'an error message');
    assert.match(shown.message, /unsupported connection URL scheme "oracle:"/);
    assert.ok(!JSON.stringify([client.messages.received, client.logs.received]).includes('tiger'));
    assert.ok(labels((await client.completeAt('SEL|')).items).includes('SELECT'));
  });
});
