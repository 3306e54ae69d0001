import { strict as assert } from 'node:assert';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { emptyModel, type TableInfo } from '../../server/src/engine/schema/model';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSnapshot, parseSnapshot, saveSnapshot, serializeSnapshot, SnapshotError } from '../../server/src/engine/schema/snapshot';

function table(schema: string, name: string, cols: string[]): TableInfo {
  return {
    schema, name, kind: 'table', foreignKeys: [], uniques: [], checks: [], indexes: [],
    columns: cols.map((c, i) => ({ name: c, ordinal: i + 1, dataType: 'integer', nullable: true })),
  };
}

describe('SchemaIndex', () => {
  const model = emptyModel('postgres', 'db', ['public']);
  model.schemas.push({ name: 'public' }, { name: 'sales' });
  model.tables.push(table('public', 'album', ['album_id', 'Title']), table('sales', 'Order', ['id']));
  const idx = new SchemaIndex(model);

  it('folds unquoted PostgreSQL names to lower case and keeps quoted names exact', () => {
    assert.equal(idx.findTable({ text: 'ALBUM', quoted: false })?.name, 'album');
    assert.equal(idx.findTable({ text: 'ALBUM', quoted: true }), undefined);
    assert.equal(idx.findTable({ text: 'Order', quoted: true }, { text: 'sales', quoted: false })?.name, 'Order');
    assert.equal(idx.findTable({ text: 'Order', quoted: false }, { text: 'sales', quoted: false }), undefined);
  });

  it('resolves unqualified names along the search path only', () => {
    assert.equal(idx.findTable({ text: 'Order', quoted: true }), undefined);
    assert.equal(idx.isOnSearchPath(model.tables[0]!), true);
    assert.equal(idx.isOnSearchPath(model.tables[1]!), false);
  });

  it('finds columns with the dialect case rules', () => {
    const album = model.tables[0]!;
    assert.equal(idx.findColumn(album, { text: 'Title', quoted: true })?.name, 'Title');
    assert.equal(idx.findColumn(album, { text: 'Title', quoted: false }), undefined);
  });

  it('compares MySQL names case-insensitively', () => {
    const m = emptyModel('mysql', 'shop', ['shop']);
    m.tables.push(table('shop', 'Customer', ['CustomerId']));
    const i = new SchemaIndex(m);
    assert.equal(i.findTable({ text: 'customer', quoted: false })?.name, 'Customer');
    assert.equal(i.findColumn(m.tables[0]!, { text: 'customerid', quoted: true })?.name, 'CustomerId');
  });
});

describe('schema snapshots', () => {
  it('round-trips through JSON', () => {
    const m = emptyModel('postgres', 'db', ['public']);
    m.tables.push(table('public', 't', ['a']));
    assert.deepEqual(parseSnapshot(serializeSnapshot(m)), m);
  });

  it('rejects text that is not JSON with a clear message', () => {
    assert.throws(() => parseSnapshot('{nope', 'x.json'), (e: Error) => e instanceof SnapshotError && /x\.json is not valid JSON/.test(e.message));
  });

  it('rejects JSON that is not a snapshot', () => {
    assert.throws(() => parseSnapshot('[1,2]'), /must hold a JSON object/);
    assert.throws(() => parseSnapshot('{"format":"other"}'), /not a Schemawise schema snapshot/);
  });

  it('saves into directories that do not exist yet (introspect --out snapshots/prod.json) and names the path when it cannot write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-rev-snap-'));
    try {
      const m = emptyModel('postgres', 'db', ['public']);
      m.tables.push(table('public', 't', ['a']));
      const out = join(dir, 'missing', 'deeper', 'schema.json');
      await saveSnapshot(out, m);
      assert.deepEqual(await loadSnapshot(out), m);
      writeFileSync(join(dir, 'a-file'), '');
      await assert.rejects(saveSnapshot(join(dir, 'a-file', 'schema.json'), m), (e: Error) => e instanceof SnapshotError && e.message === `cannot create the directory ${join(dir, 'a-file')} for the schema snapshot ${join(dir, 'a-file', 'schema.json')}: EEXIST`);
      await assert.rejects(saveSnapshot(dir, m), /cannot write the schema snapshot to .*: EISDIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema snapshot errors', () => {
  it('say where the JSON breaks without quoting the file, which may hold anything', () => {
    assert.throws(
      () => parseSnapshot('root:x:0:0:root:/root:/bin/bash\n', '/etc/passwd'),
      (e: Error) => /^\/etc\/passwd is not valid JSON/.test(e.message) && !e.message.includes('root:x'),
    );
    assert.throws(() => parseSnapshot('{\n  "format": "schemawise.schema",\n  oops\n}', 's.json'), /s\.json is not valid JSON \(line 3, column \d+\)/);
    assert.throws(() => parseSnapshot('{"format": ', 's.json'), /not valid JSON \(it ends too early\)/);
  });
});
