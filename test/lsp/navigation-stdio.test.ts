// Hover, signature help, definition (with the schemawise-ddl: documents and the tableDdl request),
// references and document symbols through the built server over stdio, on the AdventureWorks
// schemas introspected from PostgreSQL.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DefinitionRequest,
  DocumentSymbolRequest,
  ReferencesRequest,
  SignatureHelpRequest,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type SignatureHelp,
} from 'vscode-languageserver-protocol/node';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { TableDdlRequest } from '../../server/src/protocol';
import { cursor } from '../helpers/fixtures';
import { LspClient } from '../helpers/lsp-client';
import { requirePostgres } from '../helpers/services';
import { datasetModel } from '../unit/completion-datasets';

function position(text: string, offset: number) {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

describe('navigation over stdio (AdventureWorks snapshot)', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-nav-lsp-'));
  let client: LspClient;

  before(async function () {
    this.timeout(120000);
    await requirePostgres(this);
    const file = join(dir, 'adventureworks.json');
    await saveSnapshot(file, await datasetModel('adventureworks'));
    const started = await LspClient.onSnapshot(file);
    client = started.client;
    for (const cap of ['definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'signatureHelpProvider'] as const) assert.ok(started.init.capabilities[cap], cap);
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = async <R>(marked: string, send: (uri: string, pos: { line: number; character: number }) => Promise<R>) => {
    const { text, offset } = cursor(marked);
    const uri = await client.open(text);
    return { text, uri, result: await send(uri, position(text, offset)) };
  };

  it('hover on an alias names its table', async () => {
    const h = await client.hoverAt('SELECT so|h.totaldue FROM sales.salesorderheader soh');
    assert.match((h!.contents as MarkupContent).value, /^\*\*alias\*\* `soh` → `sales\.salesorderheader`/);
  });

  it('signature help marks the current parameter', async () => {
    const { result } = await request('SELECT round(soh.totaldue, |) FROM sales.salesorderheader soh', (uri, p) =>
      client.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: p }),
    );
    const help = result as SignatureHelp;
    const sig = help.signatures[help.activeSignature ?? 0];
    const [a, b] = sig.parameters![help.activeParameter ?? 0].label as [number, number];
    assert.equal(sig.label.slice(a, b), 's integer');
  });

  it('definition of a table is a line of its schemawise-ddl: document, whose text tableDdl returns', async () => {
    const { result } = await request('SELECT p.firstname FROM person.per|son p', (uri, p) => client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: p }));
    const loc = result as Location;
    assert.equal(loc.uri, 'schemawise-ddl:/person/person.sql');
    const ddl = await client.connection.sendRequest(TableDdlRequest.type, { uri: loc.uri });
    assert.match(ddl!.text.split('\n')[loc.range.start.line], /^CREATE TABLE person\.person \($/);
    assert.match(ddl!.text, /COMMENT ON TABLE person\.person IS 'Human beings involved with AdventureWorks/);
    assert.equal(await client.connection.sendRequest(TableDdlRequest.type, { schema: 'person', table: 'nosuch' }), null);
    assert.equal(await client.connection.sendRequest(TableDdlRequest.type, { uri: 'file:///etc/passwd' }), null);
  });

  it('definition of an alias use is its declaration in the document', async () => {
    const { text, uri, result } = await request('SELECT p|.firstname FROM person.person p', (uri, p) => client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: p }));
    const loc = result as Location;
    assert.equal(loc.uri, uri);
    assert.deepEqual(loc.range.start, position(text, text.lastIndexOf('p')));
  });

  it('references of a CTE within its statement', async () => {
    const { result } = await request('WITH top AS (SELECT 1 AS n) SELECT * FROM to|p JOIN top t2 ON true', (uri, p) =>
      client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: p, context: { includeDeclaration: true } }),
    );
    assert.deepEqual((result as Location[]).map((l) => l.range.start.character), [5, 42, 51]);
  });

  it('document symbols: statements with their CTEs', async () => {
    const uri = await client.open('WITH recent AS (SELECT * FROM sales.salesorderheader) SELECT * FROM recent;\nDELETE FROM sales.currency;');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['SELECT', 'DELETE sales.currency']);
    assert.deepEqual(symbols[0].children!.map((c) => c.name), ['recent']);
  });
});
