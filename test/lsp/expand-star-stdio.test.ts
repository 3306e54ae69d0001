// The "Expand *" code action through the built server over stdio: offered on a select-list `*` or
// `t.*` over known tables, never where the expansion could change the result.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeActionRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { LspClient } from '../helpers/lsp-client';
import { pgDdlModel } from '../helpers/pg-ddl-model';

describe('expand * over stdio', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-ed-star-'));
  let client: LspClient;

  before(async function () {
    this.timeout(120000);
    const file = join(dir, 'shop.json');
    await saveSnapshot(file, pgDdlModel('CREATE TABLE customer (id integer PRIMARY KEY, name text NOT NULL, "E Mail" text); CREATE TABLE orders (id int, customer_id int, total numeric);', 'shop'));
    client = await LspClient.start(['--schema', file]);
    const init = await client.initialize();
    assert.ok((init.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds.includes('refactor.rewrite.expandStar'));
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the snapshot to load');
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const expand = async (text: string, at = text.indexOf('*')) => {
    const uri = await client.open(text);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: at }, end: { line: 0, character: at } },
      context: { diagnostics: [] },
    })) as CodeAction[];
    const a = actions.find((x) => x.kind === 'refactor.rewrite.expandStar');
    if (!a) return undefined;
    const [e] = a.edit!.changes![uri];
    return { title: a.title, text: text.slice(0, e.range.start.character) + e.newText + text.slice(e.range.end.character) };
  };

  it('expands * over one table, quoting names that need it', async () => {
    assert.deepEqual(await expand('SELECT * FROM customer WHERE id = 1'), { title: 'Expand * to 3 columns', text: 'SELECT id, name, "E Mail" FROM customer WHERE id = 1' });
  });

  it('qualifies columns over a join, and expands t.* to that table only', async () => {
    assert.equal((await expand('SELECT * FROM customer c JOIN orders o ON o.customer_id = c.id'))!.text, 'SELECT c.id, c.name, c."E Mail", o.id, o.customer_id, o.total FROM customer c JOIN orders o ON o.customer_id = c.id');
    assert.equal((await expand('SELECT o.*, c.name FROM customer c JOIN orders o ON o.customer_id = c.id'))!.text, 'SELECT o.id, o.customer_id, o.total, c.name FROM customer c JOIN orders o ON o.customer_id = c.id');
  });

  it('is not offered where the expansion could change the result or the columns are unknown', async () => {
    for (const sql of [
      'SELECT count(*) FROM customer',
      'SELECT 2 * 3 FROM customer',
      'SELECT * FROM nosuch',
      'SELECT * FROM customer JOIN orders USING (id)',
      'SELECT * FROM customer NATURAL JOIN orders',
      'WITH x AS (SELECT id, count(*) FROM customer GROUP BY id) SELECT * FROM x',
      'SELECT * FROM (SELECT id, upper(name) FROM customer) d',
    ])
      assert.equal(await expand(sql, sql.lastIndexOf('*')), undefined, sql);
  });
});
