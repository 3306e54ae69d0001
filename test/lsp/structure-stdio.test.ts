// Folding ranges and INSERT … VALUES inlay hints through the built server over stdio, on a small
// schema snapshot read from DDL.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoldingRangeRequest, InlayHintRequest, SelectionRangeRequest, type FoldingRange, type InlayHint, type SelectionRange } from 'vscode-languageserver-protocol/node';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { LspClient } from '../helpers/lsp-client';
import { pgDdlModel } from '../helpers/pg-ddl-model';

describe('folding ranges, selection ranges and inlay hints over stdio', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-ed-structure-'));
  let client: LspClient;

  before(async function () {
    this.timeout(120000);
    const file = join(dir, 'shop.json');
    await saveSnapshot(file, pgDdlModel('CREATE TABLE customer (id integer PRIMARY KEY, name text NOT NULL, email text);', 'shop'));
    client = await LspClient.start(['--schema', file]);
    const init = await client.initialize();
    assert.equal(init.capabilities.foldingRangeProvider, true);
    assert.equal(init.capabilities.inlayHintProvider, true);
    assert.equal(init.capabilities.selectionRangeProvider, true);
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the snapshot to load');
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds statements, CTE bodies, subqueries, block comments and -- region markers', async () => {
    const text = [
      '-- region reports', // 0
      '/* monthly', // 1
      '   totals */', // 2
      'WITH recent AS (', // 3
      '  SELECT id FROM customer', // 4
      '  WHERE id IN (SELECT 1', // 5
      '    UNION SELECT 2)', // 6
      ')', // 7
      'SELECT *', // 8
      'FROM recent;', // 9
      '-- endregion', // 10
      'SELECT 1;', // 11
    ].join('\n');
    const uri = await client.open(text);
    const ranges = (await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } })) as FoldingRange[];
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine, r.kind ?? '']),
      [
        [0, 10, 'region'],
        [1, 2, 'comment'],
        [3, 9, ''],
        [3, 7, ''],
        [5, 6, ''],
      ],
    );
  });

  it('puts the column name before each value, from the column list or the table', async () => {
    const text = "INSERT INTO customer VALUES (1, 'Ann', lower('A@X.ORG')), (2, 'Bob', NULL);\nINSERT INTO customer (email, id) VALUES ('c@x.org', 3);\nINSERT INTO nosuch VALUES (1);";
    const uri = await client.open(text);
    const hints = (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } })) as InlayHint[];
    assert.deepEqual(
      hints.map((h) => [h.label, h.position.line, text.split('\n')[h.position.line].slice(h.position.character, h.position.character + 5)]),
      [
        ['id:', 0, "1, 'A"],
        ['name:', 0, "'Ann'"],
        ['email:', 0, "lower"],
        ['id:', 0, "2, 'B"],
        ['name:', 0, "'Bob'"],
        ['email:', 0, 'NULL)'],
        ['email:', 1, "'c@x."],
        ['id:', 1, '3);'],
      ],
    );
  });

  it('hints only the requested range', async () => {
    const text = 'INSERT INTO customer VALUES (1, 2, 3);\nINSERT INTO customer VALUES (4, 5, 6);';
    const uri = await client.open(text);
    const hints = (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 99 } } })) as InlayHint[];
    assert.deepEqual(hints.map((h) => h.position.line), [1, 1, 1]);
  });

  it('shows how many columns a select-list * stands for, with their types in the tooltip, and none where they are not certain', async () => {
    const text = 'SELECT * FROM customer;\nSELECT c.*, count(*) FROM customer c GROUP BY 1;\nWITH x AS (SELECT 1 AS a) SELECT * FROM x;';
    const uri = await client.open(text);
    const hints = (await client.connection.sendRequest(InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } })) as InlayHint[];
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.position.character, h.label]),
      [
        [0, 8, '3 columns'],
        [1, 10, '3 columns'],
      ],
    );
    const tooltip = hints[0]!.tooltip as { kind: string; value: string };
    assert.equal(tooltip.kind, 'markdown');
    assert.match(tooltip.value, /\| `id` \| integer NOT NULL \| public\.customer \|/);
    assert.match(tooltip.value, /\| `email` \| text \| public\.customer \|/);
  });

  it('expands the selection word → expression → clause → parentheses → statement', async () => {
    const text = 'SELECT name FROM customer WHERE id IN (SELECT 1 WHERE 2 > 1 AND true) ORDER BY 1;';
    const uri = await client.open(text);
    const [chain] = (await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions: [{ line: 0, character: text.indexOf('2 >') }] })) as SelectionRange[];
    const texts: string[] = [];
    for (let r: SelectionRange | undefined = chain; r; r = r.parent) texts.push(text.slice(r.range.start.character, r.range.end.character));
    assert.deepEqual(texts, [
      '2',
      '2 > 1 AND true',
      'WHERE 2 > 1 AND true',
      'SELECT 1 WHERE 2 > 1 AND true',
      '(SELECT 1 WHERE 2 > 1 AND true)',
      'id IN (SELECT 1 WHERE 2 > 1 AND true)',
      'WHERE id IN (SELECT 1 WHERE 2 > 1 AND true)',
      text.slice(0, -1),
      text,
    ]);
  });
});
