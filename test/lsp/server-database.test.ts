// The built language server with live schemas: the bundled sample database (PGlite, in process) and
// a real PostgreSQL server, through schemawise/connect and --connection.
import { strict as assert } from 'node:assert';
import { Client } from 'pg';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-protocol/node';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectRequest, DisconnectRequest, GenerateDocsRequest, GetSchemaRequest, RefreshSchemaRequest } from '../../server/src/protocol';
import { LspClient, buildServer } from '../helpers/lsp-client';
import { PG_URL, pgUrlFor, requirePostgres } from '../helpers/services';

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('language server over stdio with a database', function () {
  this.timeout(120000);
  let client: LspClient | undefined;
  before(() => buildServer());
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('connects to the sample database on schemawise/connect {sample: true}, completes its tables, and disconnects', async () => {
    client = await LspClient.start([]);
    await client.initialize();
    const status = await client.connection.sendRequest(ConnectRequest.type, { sample: true });
    assert.equal(status.source, 'database');
    assert.equal(status.label, 'sample');
    assert.ok(status.tableCount > 5, `sample has ${status.tableCount} tables`);
    await client.schemaChanges.waitFor((s) => s.source === 'database', 'the schemaChanged notification');

    const model = (await client.connection.sendRequest(GetSchemaRequest.type))!;
    const someTable = model.tables.find((t) => t.schema === 'sales' && t.kind === 'table')!;
    const list = await client.completeAt('SELECT * FROM sales.|', '.');
    assert.ok(labels(list.items).includes(someTable.name));

    const after = await client.connection.sendRequest(DisconnectRequest.type);
    assert.deepEqual([after.source, after.tableCount], ['none', 0]);
    assert.equal(await client.connection.sendRequest(GetSchemaRequest.type), null);
  });

  describe('PostgreSQL', () => {
    const db = 'sw_lsp_live';
    const admin = () => new Client({ connectionString: PG_URL });
    before(async function () {
      await requirePostgres(this);
      const c = admin();
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db}`);
      await c.query(`CREATE DATABASE ${db}`);
      await c.end();
      const d = new Client({ connectionString: pgUrlFor(db) });
      await d.connect();
      await d.query(`
        CREATE SCHEMA billing;
        CREATE TABLE public.account (id int PRIMARY KEY, email text NOT NULL UNIQUE);
        COMMENT ON TABLE public.account IS 'Login accounts';
        CREATE TABLE billing.charge (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          account_id int NOT NULL REFERENCES public.account(id) ON DELETE CASCADE, cents int NOT NULL DEFAULT 0);`);
      await d.end();
    });
    after(async () => {
      const c = admin();
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    });

    it('introspects the --connection database, completes schema-qualified tables, hovers FKs, and refreshes', async () => {
      client = await LspClient.start(['--connection', pgUrlFor(db)], { SCHEMAWISE_PASSWORD: 'unused-with-trust-auth' });
      await client.initialize();
      const status = await client.schemaChanges.waitFor((s) => s.source === 'database', 'the database schema');
      assert.equal(status.tableCount, 2);

      const tables = await client.completeAt('SELECT * FROM |');
      assert.equal(tables.items.find((i) => i.label === 'charge')!.textEdit!.newText, 'billing.charge');
      assert.equal(tables.items.find((i) => i.label === 'account')!.textEdit!.newText, 'account');

      const hover = await client.hoverAt('SELECT c.account_i|d FROM billing.charge c');
      assert.match((hover!.contents as MarkupContent).value, /foreign key → `public\.account`\.id/);
      const table = await client.hoverAt('SELECT * FROM accou|nt');
      assert.match((table!.contents as MarkupContent).value, /Login accounts[\s\S]*\*\*Referenced by\*\* [^\n]*`billing\.charge` \(account_id\)/);

      const d = new Client({ connectionString: pgUrlFor(db) });
      await d.connect();
      await d.query('CREATE TABLE billing.refund (id int PRIMARY KEY)');
      await d.end();
      const refreshed = await client.connection.sendRequest(RefreshSchemaRequest.type);
      assert.equal(refreshed.tableCount, 3);
      assert.ok(labels((await client.completeAt('SELECT * FROM billing.|', '.')).items).includes('refund'));
    });

    it('leaves table sizes out of the editor\'s schema, and reads them for generated docs with stats', async () => {
      client = await LspClient.start(['--connection', pgUrlFor(db)]);
      await client.initialize();
      await client.schemaChanges.waitFor((s) => s.source === 'database', 'the database schema');
      const before = (await client.connection.sendRequest(GetSchemaRequest.type))!;
      assert.ok(before.tables.every((t) => t.sizeBytes === undefined));
      const folder = join(mkdtempSync(join(tmpdir(), 'sw-lsp-docs-')), 'db');
      await client.connection.sendRequest(GenerateDocsRequest.type, { folder });
      const page = readFileSync(join(folder, 'tables', 'public.account.md'), 'utf8');
      assert.match(page, /\d+(\.\d+)? (B|kB|MB) on disk/);
      const after = (await client.connection.sendRequest(GetSchemaRequest.type))!;
      assert.ok(after.tables.find((t) => t.name === 'account')!.sizeBytes! > 0);
      await client.connection.sendRequest(GenerateDocsRequest.type, { folder: join(folder, '..', 'nostats'), stats: false });
      assert.doesNotMatch(readFileSync(join(folder, '..', 'nostats', 'tables', 'public.account.md'), 'utf8'), /on disk/);
    });
  });
});
