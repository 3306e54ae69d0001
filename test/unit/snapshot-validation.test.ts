// Snapshot files are validated before anything walks them: absurd nesting and null or malformed
// entries give a message that names the place, never a stack overflow or a TypeError later.
import { strict as assert } from 'node:assert';
import { parseSnapshot, serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { tooDeep } from '../../server/src/engine/schema/snapshot-shape';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { chinook, shopModel } from '../helpers/fixtures';

const base = () => JSON.parse(serializeSnapshot(chinook())) as Record<string, unknown> & { tables: Record<string, unknown>[] };
const fails = (data: unknown) => {
  try {
    parseSnapshot(typeof data === 'string' ? data : JSON.stringify(data), 'x.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('schema snapshot validation', () => {
  it('accepts real snapshots unchanged (Chinook, the shop fixture with enums and views)', () => {
    for (const m of [chinook(), shopModel()]) assert.deepEqual(parseSnapshot(serializeSnapshot(m)), JSON.parse(serializeSnapshot(m)));
  });

  it('refuses a 100,000-deep unknown field with its place, without overflowing the stack', () => {
    const text = serializeSnapshot(chinook()).replace(/^\{/, `{"extra": ${'['.repeat(100_000)}${']'.repeat(100_000)},`);
    assert.equal(fails(text), 'x.json: extra[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0] is nested more than 64 levels deep; a schema snapshot never is');
    assert.equal(tooDeep({ a: { b: [1] } }), undefined);
    assert.equal(tooDeep({ a: { b: [[1]] } }, 3), 'a.b[0]');
  });

  it('names null or malformed entries: columns, tables, foreign keys, schemas, enums', () => {
    const nullColumn = base();
    (nullColumn.tables[2]!.columns as unknown[])[1] = null;
    assert.equal(fails(nullColumn), 'x.json: tables[2].columns[1] must be an object, not null');
    const nullTable = base();
    nullTable.tables[0] = null as never;
    assert.equal(fails(nullTable), 'x.json: tables[0] needs "schema", "name" and "columns"');
    const badFk = base();
    (badFk.tables[0]!.foreignKeys as unknown[]).push({ name: 'x', columns: 'a', refTable: 't', refColumns: [] });
    assert.match(fails(badFk), /^x\.json: tables\[0\]\.foreignKeys\[\d+\]\.columns must be an array, not string$/);
    const nameless = base();
    (nameless.tables[1]!.columns as Record<string, unknown>[])[0]!.name = 42;
    assert.equal(fails(nameless), 'x.json: tables[1].columns[0].name must be a string, not number');
    assert.equal(fails({ ...base(), schemas: [null] }), 'x.json: schemas[0] must be an object, not null');
    assert.equal(fails({ ...base(), enums: [{ schema: 'public', name: 'e', values: null }] }), 'x.json: enums[0].values must be an array, not null');
  });

  it('fills missing constraint lists, as older snapshots omit them', () => {
    const old = base();
    delete old.tables[0]!.indexes;
    old.tables[0]!.checks = null;
    const m = parseSnapshot(JSON.stringify(old));
    assert.deepEqual([m.tables[0]!.indexes, m.tables[0]!.checks], [[], []]);
    assert.ok(new SchemaIndex(m).findTable({ text: m.tables[0]!.name, quoted: true }));
  });
});
