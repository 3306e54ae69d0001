// Completion through the built server over stdio, as an editor sees it: snippet items, join help,
// documentation on completionItem/resolve, and answers that follow incremental edits.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompletionRequest,
  CompletionResolveRequest,
  DidChangeTextDocumentNotification,
  InsertTextFormat,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { LspClient } from '../helpers/lsp-client';
import { datasetModel } from '../unit/completion-datasets';
import { requirePostgres } from '../helpers/services';

describe('completion over stdio (Sakila snapshot)', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-completion-lsp-'));
  let client: LspClient;

  before(async function () {
    this.timeout(120000);
    await requirePostgres(this);
    const file = join(dir, 'sakila.json');
    await saveSnapshot(file, await datasetModel('sakila'));
    const started = await LspClient.onSnapshot(file);
    client = started.client;
    assert.equal(started.init.capabilities.completionProvider?.resolveProvider, true);
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const labels = (list: CompletionList) => list.items.map((i) => i.label);

  it('offers the FK join condition after ON as the first item', async () => {
    const list = await client.completeAt('SELECT * FROM rental r JOIN customer c ON |', ' ');
    assert.equal(list.items[0].label, 'r.customer_id = c.customer_id');
    assert.equal(list.items[0].textEdit && 'range' in list.items[0].textEdit ? list.items[0].textEdit.newText : '', 'r.customer_id = c.customer_id');
  });

  it('sends snippets as snippets: INSERT columns without defaults and function calls', async () => {
    const ins = await client.completeAt('INSERT INTO actor |', ' ');
    assert.equal(ins.items[0].insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((ins.items[0].textEdit as { newText: string }).newText, '(first_name, last_name) VALUES (${1:first_name}, ${2:last_name})$0');
    const fn = await client.completeAt('SELECT film_in|');
    const item = fn.items.find((i) => i.label === 'film_in_stock')!;
    assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(item.detail!, /film_in_stock\(p_film_id integer, p_store_id integer\)/);
  });

  it('leaves table documentation to completionItem/resolve and fills it there', async () => {
    const list = await client.completeAt('SELECT * FROM paym|');
    const item = list.items.find((i) => i.label === 'payment')!;
    assert.equal(item.documentation, undefined);
    const resolved: CompletionItem = await client.connection.sendRequest(CompletionResolveRequest.type, item);
    assert.match((resolved.documentation as MarkupContent).value, /\*\*table\*\* `public\.payment`[\s\S]*\*\*References\*\*/);
  });

  it('offers the columns of every joined table, and a complete list when nothing was cut', async () => {
    const list = await client.completeAt('SELECT | FROM film f JOIN film_actor fa ON fa.film_id = f.film_id JOIN actor a ON a.actor_id = fa.actor_id');
    assert.ok(labels(list).includes('f.last_update'));
    const all = await client.completeAt('SELECT * FROM |');
    assert.equal(all.isIncomplete, false);
  });

  it('answers from the edited text after incremental didChange notifications', async () => {
    const text = 'SELECT 1;\nSELECT  FROM film;\nSELECT 3;';
    const uri = await client.open(text);
    const change = (version: number, line: number, character: number, insert: string) =>
      client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: insert }],
      });
    await change(2, 1, 7, 'r');
    await change(3, 1, 8, 'ati');
    const list: CompletionList = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 11 } })) as CompletionList;
    assert.equal(list.items[0].label, 'rating');
    // An edit that opens a string in the first statement swallows the rest: no table scope any more.
    await change(4, 0, 7, "'");
    const after: CompletionList = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 11 } })) as CompletionList;
    assert.equal(after.items.length, 0);
  });
});

describe('completion over stdio with list defaults (a client that takes itemDefaults.editRange, as VS Code does)', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-defaults-lsp-'));
  let plain: LspClient;
  let withDefaults: LspClient;

  before(async function () {
    this.timeout(120000);
    await requirePostgres(this);
    const file = join(dir, 'sakila.json');
    await saveSnapshot(file, await datasetModel('sakila'));
    [plain, withDefaults] = (
      await Promise.all([LspClient.onSnapshot(file), LspClient.onSnapshot(file, { textDocument: { completion: { completionList: { itemDefaults: ['editRange'] } } } })])
    ).map((s) => s.client);
  });
  after(async () => {
    await plain?.stop();
    await withDefaults?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What the editor applies and filters on for each item, whichever way the list spelled it. */
  const applied = (list: CompletionList) =>
    list.items.map((i) => {
      const edit = i.textEdit && 'range' in i.textEdit ? i.textEdit : undefined;
      const range = edit?.range ?? (list.itemDefaults?.editRange && 'start' in list.itemDefaults.editRange ? list.itemDefaults.editRange : undefined);
      return { label: i.label, range, newText: edit?.newText ?? i.textEditText ?? i.label, filterText: i.filterText ?? i.label, format: i.insertTextFormat, sortText: i.sortText, kind: i.kind };
    });

  for (const marked of ['SELECT * FROM |', 'SELECT * FROM paym|', 'SELECT p.| FROM payment p', 'SELECT * FROM rental r JOIN customer c ON |', 'INSERT INTO actor |', 'SELECT film_in|', 'SELECT * FROM "Fi|']) {
    it(`gives the same edits for ${JSON.stringify(marked)}, with the range sent once`, async () => {
      const trigger = marked.endsWith(' |') ? ' ' : undefined;
      const a = await plain.completeAt(marked, trigger);
      const b = await withDefaults.completeAt(marked, trigger);
      assert.ok(a.items.length > 0, 'the plain client got items');
      assert.deepEqual(applied(b), applied(a));
      assert.ok(b.itemDefaults?.editRange, 'the shared range is sent as a list default');
      assert.ok(b.items.every((i) => i.textEdit === undefined), 'no item repeats the range');
      // An item whose text is its label sends neither; a filter text equal to the label is not sent.
      assert.ok(b.items.every((i) => i.textEditText !== i.label && i.filterText !== i.label));
      assert.equal(b.isIncomplete, a.isIncomplete);
    });
  }

  it('still completes, with a range per item, for a client whose itemDefaults is not a list', async () => {
    for (const itemDefaults of [42, 'editRange', { editRange: true }]) {
      const { client } = await LspClient.onSnapshot(join(dir, 'sakila.json'), { textDocument: { completion: { completionList: { itemDefaults } } } } as unknown as ClientCapabilities);
      try {
        const list = await client.completeAt('SELECT * FROM paym|');
        assert.ok(list.items.some((i) => i.label === 'payment'), JSON.stringify(itemDefaults));
        assert.equal(list.itemDefaults, undefined);
        assert.ok(list.items.every((i) => i.textEdit !== undefined));
      } finally {
        await client.stop();
      }
    }
  });

  it('sends much less for a long list of tables', async () => {
    const a = await plain.completeAt('SELECT * FROM |');
    const b = await withDefaults.completeAt('SELECT * FROM |');
    assert.ok(JSON.stringify(b).length < 0.7 * JSON.stringify(a).length, `${JSON.stringify(b).length} vs ${JSON.stringify(a).length} bytes`);
  });
});
