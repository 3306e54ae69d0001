// Document, range and on-type formatting through the built server over stdio, as an editor asks
// for them; `schemawise.format` settings from initializationOptions, tab size from the request.
import { strict as assert } from 'node:assert';
import {
  DocumentFormattingRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client';

function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

describe('formatting over stdio', function () {
  this.timeout(60000);
  let client: LspClient;
  const options = { tabSize: 4, insertSpaces: true };

  before(async function () {
    this.timeout(120000);
    client = await LspClient.start([]);
    const init = await client.initialize({ format: { keywordCase: 'lower', lineWidth: 60 } });
    assert.equal(init.capabilities.documentFormattingProvider, true);
    assert.equal(init.capabilities.documentRangeFormattingProvider, true);
    assert.deepEqual(init.capabilities.documentOnTypeFormattingProvider, { firstTriggerCharacter: ';' });
  });
  after(async () => {
    await client?.stop();
  });

  it('formats the whole document with the settings and the editor tab size, leaving broken and format-off statements alone', async () => {
    const text = 'SELECT a,b FROM t WHERE a=1;\nselec broken;\n-- schemawise-format-off\nSELECT   keep   ;\n-- schemawise-format-on\nSELECT c FROM u;';
    const uri = await client.open(text);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options });
    assert.equal(
      apply(text, edits!),
      'select\n    a,\n    b\nfrom\n    t\nwhere\n    a = 1;\nselec broken;\n-- schemawise-format-off\nSELECT   keep   ;\n-- schemawise-format-on\nselect\n    c\nfrom\n    u;',
    );
  });

  it('range formatting touches only the statements in the range', async () => {
    const text = 'SELECT 1;\nSELECT a FROM t;\nSELECT 3;';
    const uri = await client.open(text);
    const edits = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri },
      options,
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
    });
    assert.equal(apply(text, edits!), 'SELECT 1;\nselect\n    a\nfrom\n    t;\nSELECT 3;');
  });

  it('on-type formatting after ; formats the statement just ended', async () => {
    const text = 'SELECT 1;\nSELECT a FROM t;';
    const uri = await client.open(text);
    const edits = await client.connection.sendRequest(DocumentOnTypeFormattingRequest.type, { textDocument: { uri }, options, ch: ';', position: { line: 1, character: 16 } });
    assert.equal(apply(text, edits!), 'SELECT 1;\nselect\n    a\nfrom\n    t;');
  });

  it('answers no edits (and keeps serving) for garbage and an unknown document', async () => {
    const uri = await client.open('\u0000\u0001 ;;; ((( ');
    assert.deepEqual(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options }), []);
    assert.equal(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: 'file:///nope.sql' }, options }), null);
    assert.ok(await client.hoverAt('SELECT 1|') !== undefined);
  });
});
