// SQL inside TS/JS template literals through the built server over stdio, as an editor drives it:
// completion, hover, signature help, definition and diagnostics at exact host positions, and
// nothing at all outside the templates (the host language's own features are left alone).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeLensRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  PrepareRenameRequest,
  RenameRequest,
  SelectionRangeRequest,
  HoverRequest,
  InlayHintRequest,
  SignatureHelpRequest,
  type CompletionList,
} from 'vscode-languageserver-protocol/node';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { chinook, cursor } from '../helpers/fixtures';
import { LspClient, buildServer } from '../helpers/lsp-client';

const dir = mkdtempSync(join(tmpdir(), 'sw-lsp-embedded-'));
const chinookFile = join(dir, 'chinook.json');

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('language server: SQL in TS/JS template literals', function () {
  this.timeout(60_000);
  let client: LspClient;
  let n = 0;

  const openTs = async (text: string, languageId = 'typescript', ext = 'ts') => {
    const uri = `file:///tmp/embedded-${++n}.${ext}`;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  };
  const completeAt = async (marked: string, languageId?: string, ext?: string) => {
    const { text, offset } = cursor(marked);
    const uri = await openTs(text, languageId, ext);
    return client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, offset), context: { triggerKind: 1 } }) as Promise<CompletionList | null>;
  };

  // One server for the suite (each test opens its own documents): spawning one per test would cost more than the tests.
  before(async () => {
    writeFileSync(chinookFile, serializeSnapshot(chinook()));
    await buildServer();
    client = await LspClient.start(['--schema', chinookFile]);
    await client.initialize({ embedded: { tags: ['query'] } });
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the snapshot');
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('completes the columns of an aliased table in a multi-line template after placeholders, with the edit range at the cursor', async () => {
    const marked = [
      "import { sql } from './db';",
      'export const tracks = (albumId: number, min: number) => sql`',
      '  SELECT t.name, t.milliseconds',
      '  FROM track t',
      '  WHERE t.album_id = ${albumId} AND t.milliseconds > ${ min * 1000 }',
      '    AND t.uni|',
      '`;',
    ].join('\n');
    const list = await completeAt(marked);
    assert.ok(list, 'a completion list inside the template');
    const item = list.items.find((i) => i.label === 'unit_price');
    assert.ok(item, `expected unit_price among ${list.items.map((i) => i.label).join(', ')}`);
    assert.ok(!list.items.some((i) => i.label === 'title'), 'only the columns of track');
    const edit = item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    assert.deepEqual(edit.range, { start: { line: 5, character: 10 }, end: { line: 5, character: 13 } });
  });

  it('answers nothing outside the templates and inside ${…}: the host language keeps those', async () => {
    for (const marked of [
      'const x = 1;\nconst y = x.|toString();\nconst q = sql`SELECT 1`;',
      'const q = sql`SELECT * FROM album WHERE album_id = ${ids.|length}`;',
      'const q = `SELECT * FROM |album`;', // an untagged template is not SQL
      'const q = html`<p>SELECT * FROM |album</p>`;',
    ])
      assert.equal(await completeAt(marked), null, marked);
  });

  it('leaves rename, highlights and selection ranges outside the templates to the host language, and renames an alias inside one', async () => {
    const text = 'const alpha = 1;\nexport const q = sql`SELECT a.title FROM album AS a WHERE a.album_id = ${alpha}`;\n';
    const uri = await openTs(text);
    const ts = positionOf(text, text.indexOf('alpha'));
    assert.equal(await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: ts }), null);
    assert.equal(await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: ts, newName: 'beta' }), null);
    assert.equal(await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: ts }), null);
    assert.equal(await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [ts] }), null);
    const alias = positionOf(text, text.indexOf('AS a') + 3);
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: alias, newName: 'al' });
    const edits = edit!.changes![uri]!;
    assert.deepEqual(
      edits.map((e) => e.range.start.character).sort((x, y) => x - y),
      [text.indexOf('a.title'), text.indexOf('AS a') + 3, text.indexOf('a.album_id')].map((o) => positionOf(text, o).character),
    );
  });

  it('completes tables in a /* sql */ template, a configured tag and a .tsx file with JSX text and a regex holding backticks', async () => {
    const names = (l: CompletionList | null) => (l?.items ?? []).map((i) => i.label);
    assert.ok(names(await completeAt('const q = /* sql */ `SELECT * FROM alb|`;')).includes('album'));
    assert.ok(names(await completeAt('await db.query`SELECT * FROM alb|`;')).includes('album'));
    const tsx = [
      "const re = /`[^`]*`/g; // a regex with backticks",
      "const el = <p>Don't use `backticks` here, it's text</p>;",
      'const q = sql`SELECT * FROM alb|`;',
    ].join('\n');
    assert.ok(names(await completeAt(tsx, 'typescriptreact', 'tsx')).includes('album'));
  });

  it('hovers a column inside a template with the range of the word in the host file', async () => {
    const { text, offset } = cursor('const q = (id: number) => sql`SELECT ti|tle FROM album WHERE album_id = ${id}`;');
    const uri = await openTs(text);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, offset) });
    assert.ok(hover, 'a hover');
    assert.match(JSON.stringify(hover.contents), /title/);
    assert.deepEqual(hover.range, { start: { line: 0, character: 37 }, end: { line: 0, character: 42 } });
  });

  it('gives signature help and goes to the definition of an alias inside a template', async () => {
    const sigText = cursor('const q = sql`SELECT round(|`;');
    const uri = await openTs(sigText.text);
    const help = await client.connection.sendRequest(SignatureHelpRequest.type, { textDocument: { uri }, position: positionOf(sigText.text, sigText.offset) });
    assert.ok(help && help.signatures.length > 0, 'signature help for round(');
    const defText = cursor('const q = sql`\n  SELECT a.title\n  FROM album a\n  WHERE |a.album_id = 1`;');
    const uri2 = await openTs(defText.text);
    const def = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri2 }, position: positionOf(defText.text, defText.offset) });
    const loc = (Array.isArray(def) ? def[0] : def) as { uri: string; range: { start: { line: number; character: number } } } | null;
    assert.ok(loc, 'a definition');
    assert.equal(loc.uri, uri2);
    assert.deepEqual(loc.range.start, { line: 2, character: 13 });
  });

  it('publishes diagnostics at exact host positions, none for fragments or substituted identifiers, and follows edits', async () => {
    const text = [
      "import { sql } from './db';", // 0
      'export async function albums(artistId: number, minTracks: number) {', // 1
      '  return sql`SELECT album_id, ${ "x" }, titel', // 2: unknown column after a placeholder
      '    FROM album WHERE artist_id = ${artistId}`;', // 3
      '}', // 4
      'const fragment = sql`AND milliseconds > ${minTracks}`;', // 5: a fragment: never diagnosed
      'const dynamic = sql`SELECT * FROM ${sql(table)} WHERE id = 1`;', // 6: identifier substitution: no syntax error
      'const typo = sql`SELEC 1`;', // 7: a typo is still a statement
    ].join('\n');
    const uri = `file:///tmp/embedded-diag-${++n}.ts`;
    const published = client.diagnosticsFor(uri);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const { diagnostics } = await published;
    const summary = diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
    assert.deepEqual(summary.sort(), ['syntax@7:17-7:22', 'unknown-column@2:40-2:45'].sort());

    // Fix the typo on line 2: the unknown column goes away.
    const fixed = client.diagnosticsFor(uri, (p) => p.version === 2);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 40 }, end: { line: 2, character: 45 } }, text: 'title' }],
    });
    assert.deepEqual((await fixed).diagnostics.map((d) => d.code), ['syntax']);
  });

  it('shows the SQL type of each ${…} as an inlay hint after it', async () => {
    const text = 'const q = (id: number, n: number) => sql`SELECT title FROM album WHERE artist_id = ${id} LIMIT ${n}`;';
    const uri = await openTs(text);
    const hints = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } });
    assert.deepEqual(
      hints?.map((h) => [h.position, h.label]),
      [
        [{ line: 0, character: text.indexOf('${id}') + 5 }, ': integer'],
        [{ line: 0, character: text.indexOf('${n}') + 4 }, ': bigint'],
      ],
    );
    const sqlUri = await client.open('SELECT 1');
    assert.deepEqual(await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri: sqlUri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } }), []);
  });

  it('puts no Run lenses and no document symbols into TS files', async () => {
    const uri = await openTs('const q = sql`SELECT 1`;\nconst r = sql`SELECT 2`;');
    assert.deepEqual(await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), []);
    assert.equal(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), null);
  });
});
