// Rename (prepareRename + rename) of aliases, CTE names and select-list aliases, the refusal of
// database names, and document highlights, through the built server over stdio.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DocumentHighlightRequest,
  PrepareRenameRequest,
  RenameRequest,
  type DocumentHighlight,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { LspClient } from '../helpers/lsp-client';
import { pgDdlModel } from '../helpers/pg-ddl-model';

const at = (text: string, needle: string) => ({ line: 0, character: text.indexOf(needle) });

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.range.start.character - a.range.start.character)) out = out.slice(0, e.range.start.character) + e.newText + out.slice(e.range.end.character);
  return out;
}

describe('rename and document highlights over stdio', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-ed-rename-'));
  let client: LspClient;

  before(async function () {
    this.timeout(120000);
    const file = join(dir, 'shop.json');
    await saveSnapshot(file, pgDdlModel('CREATE TABLE customer (id integer PRIMARY KEY, name text NOT NULL, email text);', 'shop'));
    client = await LspClient.start(['--schema', file]);
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.renameProvider, { prepareProvider: true });
    assert.equal(init.capabilities.documentHighlightProvider, true);
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the snapshot to load');
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const renameAt = async (text: string, needle: string, newName: string) => {
    const uri = await client.open(text);
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at(text, needle) });
    const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at(text, needle), newName })) as WorkspaceEdit;
    return { prep, out: apply(text, edit.changes![uri]) };
  };

  it('renames a table alias within its statement only', async () => {
    const text = 'SELECT c.name FROM customer c WHERE c.id = 1; SELECT c.id FROM customer c';
    const { prep, out } = await renameAt(text, 'c.id', 'cust');
    assert.deepEqual(prep, { range: { start: at(text, 'c.id'), end: { line: 0, character: text.indexOf('c.id') + 1 } }, placeholder: 'c' });
    assert.equal(out, 'SELECT cust.name FROM customer cust WHERE cust.id = 1; SELECT c.id FROM customer c');
  });

  it('renames a CTE and its uses', async () => {
    const text = 'WITH recent AS (SELECT id FROM customer) SELECT r.id FROM recent r JOIN recent ON true';
    assert.equal((await renameAt(text, 'recent r', 'latest')).out, 'WITH latest AS (SELECT id FROM customer) SELECT r.id FROM latest r JOIN latest ON true');
  });

  it('renames a select-list alias and its ORDER BY use, and a CTE column through x.col', async () => {
    const text = 'SELECT count(*) AS total, name FROM customer GROUP BY name ORDER BY total DESC';
    assert.equal((await renameAt(text, 'total DESC', 'n')).out, 'SELECT count(*) AS n, name FROM customer GROUP BY name ORDER BY n DESC');
    const cte = 'WITH x AS (SELECT id AS k FROM customer) SELECT x.k FROM x ORDER BY k';
    assert.equal((await renameAt(cte, 'k FROM customer', 'key')).out, 'WITH x AS (SELECT id AS key FROM customer) SELECT x.key FROM x ORDER BY key');
  });

  it('refuses to rename a database table or column, saying it is a migration', async () => {
    const text = 'SELECT c.email FROM customer c';
    const uri = await client.open(text);
    await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at(text, 'email') }), /`email` is a column of `customer` in the database: renaming it is a migration/);
    await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at(text, 'customer') }), /`customer` is a table of the database/);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at(text, 'customer'), newName: 'x' }), /migration/);
  });

  it('refuses a select-list alias that shadows a column of a table in scope', async () => {
    const text = 'SELECT id AS name FROM customer ORDER BY name';
    const uri = await client.open(text);
    await assert.rejects(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at(text, 'name FROM') }), /also a column of a table in scope/);
  });

  it('refuses a new name that is not an identifier', async () => {
    const text = 'SELECT c.id FROM customer c';
    const uri = await client.open(text);
    await assert.rejects(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at(text, 'c.id'), newName: 'a b' }), /not an identifier/);
  });

  it('highlights an alias and its uses, and every use of a column', async () => {
    const text = 'SELECT c.name, c.email FROM customer c WHERE c.email IS NOT NULL';
    const uri = await client.open(text);
    const starts = async (needle: string) =>
      ((await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: at(text, needle) })) as DocumentHighlight[]).map((h) => h.range.start.character);
    assert.deepEqual(await starts('c.name'), [7, 15, 37, 45]);
    assert.deepEqual(await starts('email FROM'), [17, 47]);
  });
});
