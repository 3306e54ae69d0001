// Diagnostics and quick fixes through the built server over stdio, as an editor receives them.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { chinook } from '../helpers/fixtures';
import { LspClient, buildServer } from '../helpers/lsp-client';

const dir = mkdtempSync(join(tmpdir(), 'sw-lsp-diag-'));
const chinookFile = join(dir, 'chinook.json');

describe('language server diagnostics', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async () => {
    writeFileSync(chinookFile, serializeSnapshot(chinook()));
    await buildServer();
  });
  beforeEach(async () => {
    client = await LspClient.start(['--schema', chinookFile]);
    await client.initialize();
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, "the snapshot");
  });
  afterEach(() => client.stop());
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an unknown column on its exact range and offers the did-you-mean fix', async () => {
    const text = 'SELECT titl FROM album;';
    const uri = 'file:///tmp/unknown-column.sql';
    const published = client.diagnosticsFor(uri);
    await client.open(text, uri);
    const { diagnostics } = await published;
    const d = diagnostics.find((x) => x.code === 'unknown-column');
    assert.ok(d, `expected unknown-column, got ${JSON.stringify(diagnostics)}`);
    assert.deepEqual(d.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 11 } });
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const edit = (actions as { edit?: { changes?: Record<string, TextEdit[]> } }[] | null)?.[0]?.edit?.changes?.[uri]?.[0];
    assert.equal(edit?.newText, 'title');
  });

  it('reports a syntax error of the real PostgreSQL parser and clears it once fixed', async () => {
    const uri = 'file:///tmp/syntax.sql';
    const first = client.diagnosticsFor(uri);
    await client.open('SELECT title FROM album WHERE;', uri);
    const { diagnostics } = await first;
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['syntax'],
    );
    const cleared = client.diagnosticsFor(uri, (p) => p.version === 2);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 29 }, end: { line: 0, character: 29 } }, text: ' album_id = 1' }],
    });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('honours a first-line dialect directive and inline suppressions', async () => {
    const uri = 'file:///tmp/mysql.sql';
    const published = client.diagnosticsFor(uri);
    await client.open('-- schemawise: dialect=mysql\n-- schemawise-disable-next-line delete-without-where\nDELETE FROM album;\nDELETE FROM artist;', uri);
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['delete-without-where', 3]],
    );
  });
});
