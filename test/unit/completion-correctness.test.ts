// Completion cases where the first release gave a wrong or no answer (issue 13 §3, issue 20): no kind
// of item cut by the list cap, clause keywords where an alias could also go, no list in an alias
// position, the second JOIN ranked from the most recent table, and enum values after `col =`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complete } from '../../server/src/engine/features/completion/complete';
import type { CompletionItem } from '../../server/src/engine/features/completion/types';
import { emptyModel, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';
import { chinook, cursor, indexOf, shopModel } from '../helpers/fixtures';

function run(marked: string, model: SchemaModel, triggerCharacter?: string) {
  const { text, offset } = cursor(marked);
  const r = complete(text, offset, indexOf(model), { triggerCharacter });
  return { ...r, items: r.items.sort((a, b) => (a.sortText < b.sortText ? -1 : 1)), text };
}
const labels = (list: CompletionItem[], kind?: string) => list.filter((i) => !kind || i.kind === kind).map((i) => i.label);

/** 5,000 tables in five schemas, none on the search path; table names start with every letter. */
function bigModel(): SchemaModel {
  const schemas = ['sales', 'stock', 'support', 'hr', 'audit'];
  const m = emptyModel('postgres', 'big', ['public']);
  m.schemas.push({ name: 'public' }, ...schemas.map((name) => ({ name })));
  for (let i = 0; i < 5000; i++) {
    const letter = String.fromCharCode(97 + (i % 26));
    const t: TableInfo = { schema: schemas[i % 5]!, name: `${letter}${letter}_table_${i}`, kind: 'table', columns: [{ name: 'id', dataType: 'bigint', ordinal: 1, nullable: false }], foreignKeys: [], uniques: [], checks: [], indexes: [] };
    m.tables.push(t);
  }
  return m;
}

describe('completion: nothing cut by the cap', () => {
  const big = bigModel();

  it('FROM s| on 5,000 tables offers every schema starting with s among the tables that do', () => {
    const r = run('SELECT * FROM s|', big);
    assert.equal(r.items.length, 100);
    assert.ok(r.isIncomplete);
    assert.deepEqual(labels(r.items, 'schema').sort(), ['sales', 'stock', 'support']);
    assert.ok(labels(r.items, 'table').length >= 50, 'tables keep most of the list');
  });

  it('FROM | on 5,000 tables: schemas and set-returning functions are in the list, not only tables', () => {
    const r = run('SELECT * FROM |', big);
    assert.ok(labels(r.items, 'schema').includes('sales'));
    assert.ok(labels(r.items, 'function').length > 0);
    assert.equal(r.items.length, 100);
  });

  it('keeps the rank order when nothing needs a reserved place', () => {
    const r = run('SELECT * FROM |', chinook());
    assert.ok(!r.isIncomplete);
    const order = labels(r.items);
    assert.ok(order.indexOf('album') < order.indexOf('public'));
  });
});

describe('completion: keywords and aliases after a table', () => {
  it('FROM album WH| puts WHERE first (in either case)', () => {
    assert.deepEqual(labels(run('SELECT * FROM album WH|', chinook()).items).slice(0, 1), ['WHERE']);
    assert.deepEqual(labels(run('SELECT * FROM album wh|', chinook()).items).slice(0, 1), ['where']);
    assert.ok(labels(run('SELECT * FROM album OR|', chinook()).items).slice(0, 3).includes('ORDER'));
  });

  it('no list where an alias is being typed: FROM track t|, FROM track AS wh|, FROM track |', () => {
    assert.deepEqual(run('SELECT * FROM track t|', chinook()).items, []);
    assert.deepEqual(run('SELECT * FROM track AS wh|', chinook()).items, []);
    assert.deepEqual(run('SELECT * FROM track |', chinook(), ' ').items, []);
    assert.deepEqual(run('SELECT * FROM track tr|', chinook()).items, []);
    // A keyword typed in full is left alone: Enter ends the line, it does not pick an item.
    assert.deepEqual(run('SELECT * FROM track WHERE|', chinook()).items, []);
  });

  it("VS Code's word-based suggestions are off for SQL, so an empty answer shows no list (not `track` again)", () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { configurationDefaults: Record<string, Record<string, unknown>> } };
    assert.equal(manifest.contributes.configurationDefaults['[sql]']!['editor.wordBasedSuggestions'], 'off');
  });
});

describe('completion: the second JOIN', () => {
  it('ranks the links of the most recently joined table first, and tables already joined last', () => {
    const r = run('SELECT * FROM track t JOIN album a ON a.album_id = t.album_id JOIN |', chinook());
    const joins = labels(r.items, 'join');
    assert.equal(joins[0], 'artist a2 ON a.artist_id = a2.artist_id');
    assert.ok(joins.indexOf('genre g ON t.genre_id = g.genre_id') > 0);
    assert.equal(joins.at(-1), 'album a2 ON t.album_id = a2.album_id', 'album again comes last');
  });

  it('the third JOIN follows the newest table again', () => {
    const joins = labels(run('SELECT * FROM invoice_line il JOIN track t ON t.track_id = il.track_id JOIN genre g ON g.genre_id = t.genre_id JOIN |', chinook()).items, 'join');
    // genre links only back to track (joined): the next best are the links of track, then of invoice_line.
    assert.match(joins[0]!, /^(album|media_type|playlist_track) /);
    assert.ok(joins.findIndex((j) => j.startsWith('invoice ')) > joins.findIndex((j) => j.startsWith('album ')));
  });
});

describe('completion: enum values', () => {
  it('after `o.status = ` offers the enum values quoted, first, on a space too', () => {
    const r = run('SELECT * FROM orders o WHERE o.status = |', shopModel(), ' ');
    assert.deepEqual(labels(r.items).slice(0, 3), ["'new'", "'paid'", "'shipped'"]);
    assert.equal(r.items[0]!.insertText, "'new'");
    assert.ok(labels(r.items, 'column').length > 0, 'columns still follow');
  });

  it('inside an opened quote: only the matching values, replacing the literal', () => {
    const r = run("SELECT * FROM orders WHERE status <> 'pa|", shopModel());
    assert.deepEqual(labels(r.items), ["'paid'"]);
    assert.equal(r.text.slice(r.replaceStart, r.replaceEnd), "'pa");
    const closed = run("SELECT * FROM orders o WHERE o.status = 's|' AND true", shopModel());
    assert.deepEqual(labels(closed.items), ["'shipped'"]);
    assert.equal(closed.text.slice(closed.replaceStart, closed.replaceEnd), "'s'");
  });

  it('in an IN list, after earlier values', () => {
    assert.deepEqual(labels(run("SELECT * FROM orders o WHERE o.status IN ('new', |", shopModel()).items).slice(0, 3), ["'new'", "'paid'", "'shipped'"]);
  });

  it('nothing special for a column that is not an enum', () => {
    assert.ok(!run('SELECT * FROM album a WHERE a.title = |', chinook()).items.some((i) => i.kind === 'enum-value'));
    assert.deepEqual(run("SELECT * FROM album a WHERE a.title = 'x|", chinook()).items, []);
  });
});
