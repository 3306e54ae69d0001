// The ERD's saved layout file (client/src/erd/layout-file.ts) and the table-under-the-cursor
// heuristic of "Show ERD for Table" (client/src/erd/table-at-cursor.ts).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutFileName, readLayout, serializeLayout, validateLayout, writeLayout } from '../../client/src/erd/layout-file';
import { tableAtCursor } from '../../client/src/erd/table-at-cursor';
import { chinook, cursor, shopModel } from '../helpers/fixtures';

describe('client ERD layout file', () => {
  it('derives a portable file name from the connection name', () => {
    assert.equal(layoutFileName('sample'), 'sample.json');
    assert.equal(layoutFileName('prod: eu/west'), 'prod_ eu_west.json');
    assert.equal(layoutFileName('..'), 'connection.json');
    assert.equal(layoutFileName('a\u0000b'), 'a_b.json');
  });

  it('round-trips a layout through a stable, sorted file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-ed-layout-'));
    try {
      const path = join(dir, 'deep', 'x.json');
      await writeLayout(path, { format: 'schemawise.erd-layout', version: 1, positions: { 'b.t': { x: 1, y: 2 }, 'a.t': { x: 3.14159, y: 4 } } });
      const read = await readLayout(path);
      assert.deepEqual(read, { kind: 'ok', layout: { format: 'schemawise.erd-layout', version: 1, positions: { 'a.t': { x: 3.1, y: 4 }, 'b.t': { x: 1, y: 2 } } }, dropped: 0 });
      if (read.kind === 'ok') assert.equal(serializeLayout(read.layout), serializeLayout(read.layout));
      assert.deepEqual(await readLayout(join(dir, 'missing.json')), { kind: 'none' });
      writeFileSync(join(dir, 'bad.json'), '[]');
      assert.deepEqual(await readLayout(join(dir, 'bad.json')), { kind: 'invalid', reason: 'not a JSON object' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects other formats and versions, and drops malformed positions', () => {
    assert.equal(validateLayout({ format: 'other', version: 1, positions: {} }).kind, 'invalid');
    assert.match((validateLayout({ format: 'schemawise.erd-layout', version: 2, positions: {} }) as { reason: string }).reason, /unsupported version 2/);
    const r = validateLayout({ format: 'schemawise.erd-layout', version: 1, positions: { 'a.b': { x: 1, y: 2 }, 'c.d': { x: Infinity, y: 0 }, 'e.f': null } });
    assert.deepEqual(r, { kind: 'ok', layout: { format: 'schemawise.erd-layout', version: 1, positions: { 'a.b': { x: 1, y: 2 } } }, dropped: 2 });
  });
});

describe('client ERD: table under the cursor', () => {
  const at = (model: Parameters<typeof tableAtCursor>[0], marked: string) => {
    const { text, offset } = cursor(marked);
    return tableAtCursor(model, text, offset);
  };

  it('finds a bare, a qualified and a quoted table name', () => {
    assert.equal(at(chinook(), 'SELECT * FROM alb|um'), 'public.album');
    assert.equal(at(shopModel(), 'SELECT * FROM sales.inv|oices'), 'sales.invoices');
    assert.equal(at(shopModel(), 'SELECT * FROM sal|es.invoices'), 'sales.invoices');
    assert.equal(at(shopModel(), 'SELECT * FROM "LineI|tem"'), 'public.LineItem');
  });

  it('resolves alias.column and table.column to the table', () => {
    assert.equal(at(chinook(), 'SELECT a.ti|tle FROM album a JOIN artist r ON r.artist_id = a.artist_id'), 'public.album');
    assert.equal(at(chinook(), 'SELECT r.na|me FROM album a JOIN artist AS r ON r.artist_id = a.artist_id'), 'public.artist');
    assert.equal(at(chinook(), 'SELECT album.ti|tle FROM album'), 'public.album');
  });

  it('finds nothing on keywords or unknown names', () => {
    assert.equal(at(chinook(), 'SEL|ECT 1'), undefined);
    assert.equal(at(chinook(), 'SELECT * FROM nothing_he|re'), undefined);
  });
});
