import { strict as assert } from 'node:assert';
import { complete } from '../../server/src/engine/features/completion/complete';
import { resolveDocumentation } from '../../server/src/engine/features/completion/resolve';
import type { CompletionItem, CompletionOptions } from '../../server/src/engine/features/completion/types';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { chinook, cursor, indexOf, shopModel } from '../helpers/fixtures';

function items(marked: string, model: SchemaModel, options?: CompletionOptions): CompletionItem[] {
  const { text, offset } = cursor(marked);
  return complete(text, offset, indexOf(model), options).items.sort((a, b) => a.sortText.localeCompare(b.sortText));
}
const labels = (list: CompletionItem[], kind?: string) => list.filter((i) => !kind || i.kind === kind).map((i) => i.label);
const insert = (list: CompletionItem[], label: string) => list.find((i) => i.label === label)?.insertText;

const CHINOOK_TABLES = ['album', 'artist', 'customer', 'employee', 'genre', 'invoice', 'invoice_line', 'media_type', 'playlist', 'playlist_track', 'track'];

describe('completion: keywords', () => {
  it('offers only statement keywords at the start of a statement', () => {
    const list = items('SEL|', chinook());
    assert.ok(labels(list).includes('SELECT'));
    assert.ok(!labels(list).includes('FROM'));
    assert.ok(list.every((i) => i.kind === 'keyword'));
  });

  it('answers in the case the user types in', () => {
    assert.ok(labels(items('sel|', chinook())).includes('select'));
  });

  it('offers clause keywords (JOIN, WHERE first) after a table with its alias', () => {
    const list = items('SELECT * FROM album a |', chinook());
    assert.ok(list.every((i) => i.kind === 'keyword'));
    const order = labels(list);
    for (const first of ['WHERE', 'JOIN', 'LEFT', 'ORDER']) assert.ok(order.indexOf(first) < order.indexOf('SELECT'), first);
  });
});

describe('completion: tables and schemas', () => {
  it('offers every Chinook table after FROM, and no keywords', () => {
    const list = items('SELECT * FROM |', chinook());
    assert.deepEqual(labels(list, 'table').sort(), CHINOOK_TABLES);
    assert.equal(labels(list, 'keyword').length, 0);
    assert.ok(labels(list, 'schema').includes('public'));
  });

  it('offers tables after JOIN, INSERT INTO, UPDATE and DELETE FROM', () => {
    for (const sql of ['SELECT * FROM album JOIN |', 'INSERT INTO |', 'UPDATE |', 'DELETE FROM |']) assert.deepEqual(labels(items(sql, chinook()), 'table').sort(), CHINOOK_TABLES, sql);
  });

  it('qualifies tables that are not on the search path and ranks them after those that are, then schemas, then set-returning functions', () => {
    const list = items('SELECT * FROM |', shopModel());
    assert.equal(insert(list, 'customers'), 'customers');
    assert.equal(insert(list, 'invoices'), 'sales.invoices');
    assert.equal(list.find((i) => i.label === 'monthly_totals')!.kind, 'view');
    const order = labels(list);
    assert.ok(order.indexOf('customers') < order.indexOf('invoices'));
    assert.ok(order.indexOf('invoices') < order.indexOf('sales'));
    const firstFunction = list.findIndex((i) => i.kind === 'function');
    assert.ok(firstFunction > order.indexOf('sales'), 'in FROM, set-returning functions come after every table and schema');
  });

  it('offers only the tables of a schema after `schema.`, unqualified', () => {
    const list = items('SELECT * FROM sales.|', shopModel());
    assert.deepEqual(labels(list).sort(), ['invoices', 'monthly_totals']);
    assert.equal(insert(list, 'invoices'), 'invoices');
    assert.deepEqual(items('SELECT * FROM nosuch.|', shopModel()), []);
  });

  it('quotes names that need it in the dialect: mixed case and reserved words in PostgreSQL', () => {
    const shop = items('SELECT * FROM |', shopModel());
    assert.equal(insert(shop, 'LineItem'), '"LineItem"');
    assert.equal(insert(shop, 'user'), '"user"');
    const pascal = items('SELECT * FROM |', chinook({ naming: 'original' }));
    assert.equal(insert(pascal, 'InvoiceLine'), '"InvoiceLine"');
  });

  it('does not quote Pascal-case names in MySQL, which compares names case-insensitively', () => {
    const list = items('SELECT * FROM |', chinook({ naming: 'original', dialect: 'mysql' }));
    assert.equal(insert(list, 'InvoiceLine'), 'InvoiceLine');
  });

  it('completes a quoted prefix with a quoted name and matches the quote', () => {
    const list = items('SELECT * FROM "Line|', shopModel());
    const item = list.find((i) => i.label === 'LineItem')!;
    assert.equal(item.insertText, '"LineItem"');
    assert.equal(item.filterText, '"LineItem');
  });

  it('offers CTE names first in FROM', () => {
    const list = items('WITH recent AS (SELECT * FROM invoice) SELECT * FROM |', chinook());
    assert.equal(list[0].label, 'recent');
    assert.equal(list[0].kind, 'cte');
  });
});

describe('completion: columns', () => {
  it('offers only the columns of the tables in scope, also when FROM comes after the cursor', () => {
    const list = items('SELECT | FROM album', chinook());
    assert.deepEqual(labels(list, 'column'), ['album_id', 'title', 'artist_id']);
  });

  it('ranks in-scope columns before aliases before keywords', () => {
    const list = items('SELECT * FROM track t WHERE |', chinook());
    assert.deepEqual(
      list.slice(0, 10).map((i) => i.kind),
      Array(9).fill('column').concat('alias'),
    );
    assert.equal(list.at(-1)!.kind, 'keyword');
  });

  it('offers the columns of the aliased table after `alias.`', () => {
    const list = items('SELECT ar.| FROM album a JOIN artist ar ON ar.artist_id = a.artist_id', chinook());
    assert.deepEqual(labels(list), ['artist_id', 'name']);
    assert.match(list[0].detail!, /integer — ar/);
    assert.match(resolveDocumentation(list[0].resolve!, indexOf(chinook()))!, /primary key/);
  });

  it('offers the columns after `schema.table.` and `table.` even when not in scope', () => {
    assert.deepEqual(labels(items('SELECT sales.invoices.| ', shopModel())), ['invoice_no', 'order_id', 'issued_on']);
    assert.deepEqual(labels(items('SELECT genre.|', chinook())), ['genre_id', 'name']);
  });

  it('inserts a column two tables share qualified with each alias', () => {
    const list = items('SELECT | FROM album a JOIN artist ar ON true', chinook());
    assert.equal(insert(list, 'a.artist_id'), 'a.artist_id');
    assert.equal(insert(list, 'ar.artist_id'), 'ar.artist_id');
    assert.equal(insert(list, 'title'), 'title');
  });

  it('quotes mixed-case column names', () => {
    assert.equal(insert(items('SELECT li.| FROM "LineItem" li', shopModel()), 'OrderId'), '"OrderId"');
  });

  it('offers the columns of the UPDATE target after SET and of the INSERT target in its column list', () => {
    assert.deepEqual(labels(items('UPDATE genre SET |', chinook()), 'column'), ['genre_id', 'name']);
    const ins = items('INSERT INTO sales.invoices (|', shopModel());
    assert.deepEqual(labels(ins), ['invoice_no', 'order_id', 'issued_on']);
  });

  it('offers the columns a CTE produces after its name', () => {
    const list = items('WITH t AS (SELECT album_id, title AS name FROM album) SELECT t.| FROM t', chinook());
    assert.deepEqual(labels(list), ['album_id', 'name']);
  });

  it('offers enclosing-query columns in a correlated subquery, after its own, qualified', () => {
    const list = items('SELECT * FROM artist ar WHERE EXISTS (SELECT 1 FROM album al WHERE al.artist_id = |)', chinook());
    const cols = labels(list, 'column');
    assert.deepEqual(cols.slice(0, 3), ['album_id', 'title', 'artist_id']);
    assert.ok(cols.includes('ar.name'));
  });
});

describe('completion: where it stays quiet', () => {
  it('offers nothing while an alias is typed after FROM t AS / FROM t', () => {
    for (const sql of ['SELECT * FROM album AS |', 'SELECT * FROM album |', 'SELECT * FROM album al|', 'SELECT * FROM album a JOIN artist |'])
      assert.deepEqual(items(sql, chinook()), [], sql);
  });

  it('offers nothing inside strings and comments', () => {
    for (const sql of ["SELECT 'al|' FROM album", 'SELECT 1 -- fr|', 'SELECT /* a| */ 1']) assert.deepEqual(items(sql, chinook()), [], sql);
  });

  it('answers a space trigger only where a name or keyword is expected', () => {
    assert.deepEqual(items('SELECT title |', chinook(), { triggerCharacter: ' ' }), []);
    assert.equal(labels(items('SELECT * FROM |', chinook(), { triggerCharacter: ' ' }), 'table').length, 11);
    assert.equal(labels(items('SELECT * FROM album WHERE |', chinook(), { triggerCharacter: ' ' }), 'column').length, 3);
  });
});
