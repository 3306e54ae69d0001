// SQL Server language features over the model assembled from the recorded Chinook catalog result
// sets (test/fixtures/mssql/chinook; no SQL Server runs here): [bracket] quoting, TOP and
// OFFSET … FETCH instead of LIMIT, GO batches, case-insensitive names (default collation), hover,
// FK join help and the T-SQL function catalog.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleMssqlModel } from '../../server/src/engine/drivers/mssql/mssql-assemble';
import { MSSQL_RESULT_SET_KEYS, type MssqlResultSets } from '../../server/src/engine/drivers/mssql/mssql-rows';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { complete, hover, signatureHelp } from '../../server/src/engine/features';
import type { SchemaModel, TableInfo } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { SqlDocument } from '../../server/src/engine/sql/sql-document';
import { cursor } from '../helpers/fixtures';

const FIXTURES = join(__dirname, '..', 'fixtures', 'mssql', 'chinook');

function chinookMssql(): SchemaModel {
  const sets = Object.fromEntries(MSSQL_RESULT_SET_KEYS.map((k) => [k, JSON.parse(readFileSync(join(FIXTURES, `${k}.json`), 'utf8'))])) as unknown as MssqlResultSets;
  const model = assembleMssqlModel(sets);
  // Chinook's names are all plain; one table and column that T-SQL must bracket pin the quoting.
  const orderDetails: TableInfo = {
    schema: 'dbo', name: 'Order Details', kind: 'table', foreignKeys: [], uniques: [], checks: [], indexes: [],
    columns: [
      { name: 'Key', ordinal: 1, dataType: 'int', nullable: false },
      { name: 'Unit Price', ordinal: 2, dataType: 'money', nullable: true },
    ],
  };
  model.tables.push(orderDetails);
  return model;
}

describe('SQL Server features (recorded Chinook catalog)', () => {
  const index = new SchemaIndex(chinookMssql());
  const at = (marked: string) => {
    const { text, offset } = cursor(marked);
    return complete(text, offset, index, { limit: 1000 });
  };
  const labels = (marked: string) => at(marked).items.map((i) => i.label);
  const insert = (marked: string, label: string) => at(marked).items.find((i) => i.label === label)?.insertText;

  it('brackets names with spaces or reserved words, and leaves plain names bare', () => {
    assert.equal(insert('SELECT * FROM |', 'Album'), 'Album');
    assert.equal(insert('SELECT * FROM |', 'Order Details'), '[Order Details]');
    assert.equal(insert('SELECT | FROM [Order Details]', 'Key'), '[Key]');
    assert.equal(insert('SELECT | FROM [Order Details]', 'Unit Price'), '[Unit Price]');
    // A bracket the user opened is completed with the closing bracket.
    assert.equal(insert('SELECT * FROM [Al|', 'Album'), '[Album]');
  });

  it('offers TOP right after SELECT and OFFSET … FETCH after ORDER BY, never LIMIT', () => {
    const afterSelect = at('SELECT | FROM Album').items;
    assert.ok(afterSelect.some((i) => i.label === 'TOP' && i.sortText.startsWith('7')), 'TOP ranks as a preferred keyword after SELECT');
    assert.ok(!afterSelect.some((i) => i.label === 'LIMIT'));
    const afterOrder = at('SELECT Title FROM Album ORDER BY Title |').items;
    assert.ok(afterOrder.some((i) => i.label === 'OFFSET' && i.sortText.startsWith('7')));
    const snippet = afterOrder.find((i) => i.kind === 'snippet');
    assert.equal(snippet?.insertText, 'OFFSET ${1:0} ROWS FETCH NEXT ${2:10} ROWS ONLY');
    assert.ok(!afterOrder.some((i) => i.label === 'LIMIT'));
    assert.ok(labels('|').includes('MERGE') && labels('|').includes('DECLARE'), 'T-SQL statement keywords at a statement start');
  });

  it('completes inside the GO batch under the cursor only', () => {
    const { text, offset } = cursor('SELECT * FROM Artist\nGO\nSELECT | FROM Track t\nGO 2\nSELECT 1');
    const doc = new SqlDocument(text, index.dialect);
    const items = complete(doc, offset, index, { limit: 1000 }).items;
    assert.ok(items.some((i) => i.label === 'Milliseconds'), 'columns of Track, in the batch at the cursor');
    assert.ok(!items.some((i) => i.label === 'ArtistId' && i.detail?.includes('Artist')), 'nothing of the previous batch');
    const st = doc.statementAt(offset);
    assert.equal(text.slice(st.start, st.end), 'SELECT  FROM Track t');
    // An edit keeps the batches: typing in the first batch still leaves three statements.
    doc.applyEdit({ start: 7, end: 8, newText: 'ArtistId, Name' });
    assert.deepEqual(doc.semicolons.length, 2);
    assert.equal(doc.text.slice(doc.statementAt(doc.text.length).start), 'SELECT 1');
  });

  it('resolves names case-insensitively (default collation) and hovers with the catalog types', () => {
    const { text, offset } = cursor('select a.tit|le from album a');
    const h = hover(text, offset, index);
    assert.ok(h?.markdown.includes('**column** `Album.Title`'), h?.markdown);
    assert.ok(h?.markdown.includes('nvarchar(160)'), h?.markdown);
    const t = cursor('SELECT * FROM "Invo|ice"');
    assert.ok(hover(t.text, t.offset, index)?.markdown.startsWith('**table** `dbo.Invoice`'), 'a double-quoted T-SQL identifier');
    const od = cursor('SELECT [Unit Price] FROM [Order |Details]');
    assert.ok(hover(od.text, od.offset, index)?.markdown.startsWith('**table** `dbo.[Order Details]`'));
  });

  it('joins along the Chinook foreign keys', () => {
    const joins = at('SELECT * FROM Album al JOIN |').items.filter((i) => i.kind === 'join').map((i) => i.label);
    assert.ok(joins.includes('Artist a ON al.ArtistId = a.ArtistId'), joins.join('\n'));
    assert.ok(joins.some((j) => j.startsWith('Track t ON t.AlbumId = al.AlbumId')), joins.join('\n'));
  });

  it('offers the T-SQL function catalog with signatures', () => {
    const fns = at('SELECT | FROM Track').items.filter((i) => i.kind === 'function').map((i) => i.label);
    for (const f of ['len', 'getdate', 'isnull', 'iif', 'charindex', 'datepart', 'string_agg']) assert.ok(fns.includes(f), f);
    for (const f of ['group_concat', 'ifnull', 'now', 'date_trunc']) assert.ok(!fns.includes(f), `${f} is not T-SQL`);
    const { text, offset } = cursor('SELECT DATEADD(day, |) FROM Invoice');
    const sig = signatureHelp(text, offset, index);
    assert.equal(sig?.signatures[0].label, 'dateadd(datepart keyword, number int, date datetime) → datetime');
    assert.equal(sig?.activeParameter, 1);
  });

  it('diagnostics split GO batches: T-SQL in one batch is not flagged, a broken batch is', async () => {
    const engine = await DiagnosticsEngine.create();
    const text = 'SELECT TOP 5 Title FROM Album ORDER BY Title\nGO\nSELECT Title FROM Album WHERE\nGO\nSELECT 1';
    const found = engine.diagnose({ text, dialect: 'mssql', schema: index });
    assert.deepEqual(found.map((d) => d.code), ['syntax']);
    assert.ok(found[0].range.start >= text.indexOf('WHERE') && found[0].range.start < text.lastIndexOf('GO'), 'reported in the second batch');
  });
});
