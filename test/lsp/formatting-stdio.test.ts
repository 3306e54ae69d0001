// Document, range and on-type formatting through the built server over stdio, as an editor asks
// for them; `schemawise.format` settings from initializationOptions, tab size from the request.
import { strict as assert } from 'node:assert';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  RegistrationRequest,
  type Registration,
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

  it('in a TS file, document formatting edits only the SQL templates and writes every ${…} back as it was', async () => {
    const text = 'const  a=1;\nexport const q = (id: number) => sql`select a,b from t where id=${id}`;\nfunction   f( ) {return 2}\n';
    const uri = 'file:///tmp/format-host.ts';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(
      apply(text, edits!),
      'const  a=1;\nexport const q = (id: number) => sql`\n  select\n    a,\n    b\n  from\n    t\n  where\n    id = ${id}\n`;\nfunction   f( ) {return 2}\n',
    );
    // No on-type formatting in TS: a `;` there ends TypeScript, not SQL.
    assert.equal(await client.connection.sendRequest(DocumentOnTypeFormattingRequest.type, { textDocument: { uri }, options, ch: ';', position: { line: 0, character: 11 } }), null);
  });

  it('offers "Format SQL template" at a template and "Format SQL templates" as a source action', async () => {
    const text = 'export const q = (id: number) => sql`select a from t where id=${id}`;\nexport const r = sql`select b from u`;\n';
    const uri = 'file:///tmp/format-actions.ts';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const at = { line: 0, character: 40 };
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } })) ?? [];
    const one = actions.find((a) => a.title === 'Format SQL template');
    assert.ok(one && 'edit' in one, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(
      apply(text, one.edit!.changes![uri]!),
      'export const q = (id: number) => sql`\n  select\n    a\n  from\n    t\n  where\n    id = ${id}\n`;\nexport const r = sql`select b from u`;\n',
    );
    assert.ok(!actions.some((a) => a.title === 'Format SQL templates'), 'the whole-file action only when asked for by kind');
    const source = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['source'] } })) ?? [];
    const all = source.find((a) => a.title === 'Format SQL templates');
    assert.ok(all && 'edit' in all);
    assert.equal(all.kind, 'source.schemawise.formatSqlTemplates');
    assert.equal(apply(text, all.edit!.changes![uri]!).match(/\n {2}select\n/g)?.length, 2);
    // Outside a template: nothing of ours.
    const outside = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, context: { diagnostics: [] } })) ?? [];
    assert.ok(!outside.some((a) => /Format SQL/.test(a.title)));
  });
});

describe('formatting over stdio, in an editor with dynamic registration (VS Code)', function () {
  this.timeout(60000);

  it('registers the formatters for SQL documents only, so it never competes with the TS/JS formatter', async function () {
    this.timeout(120000);
    const client = await LspClient.start([]);
    try {
      const registrations: Registration[] = [];
      let registered!: () => void;
      const three = new Promise<void>((r) => (registered = r));
      client.connection.onRequest(RegistrationRequest.type, (p) => {
        registrations.push(...p.registrations.filter((r) => /formatting/i.test(r.method)));
        if (registrations.length >= 3) registered();
      });
      const dynamic = { dynamicRegistration: true };
      const init = await client.initialize({}, false, { textDocument: { formatting: dynamic, rangeFormatting: dynamic, onTypeFormatting: dynamic } });
      assert.equal(init.capabilities.documentFormattingProvider, undefined);
      assert.equal(init.capabilities.documentRangeFormattingProvider, undefined);
      assert.equal(init.capabilities.documentOnTypeFormattingProvider, undefined);
      await three;
      assert.deepEqual(
        registrations.map((r) => r.method).sort(),
        ['textDocument/formatting', 'textDocument/onTypeFormatting', 'textDocument/rangeFormatting'],
      );
      for (const r of registrations) assert.deepEqual((r.registerOptions as { documentSelector: unknown }).documentSelector, [{ scheme: 'file', language: 'sql' }, { scheme: 'untitled', language: 'sql' }]);
      assert.equal((registrations.find((r) => r.method === 'textDocument/onTypeFormatting')!.registerOptions as { firstTriggerCharacter: string }).firstTriggerCharacter, ';');
    } finally {
      await client.stop();
    }
  });
});
