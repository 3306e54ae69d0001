// Engine-level checks of the issue 19 features in the other dialects: INSERT hints in MySQL
// (INSERT IGNORE, backticks) and SQL Server (INSERT without INTO, brackets), folding of a T-SQL
// script cut by GO, and no hints past the known columns.
import { strict as assert } from 'node:assert';
import { foldingRanges } from '../../server/src/engine/features/folding/folding-ranges';
import { insertValueHints } from '../../server/src/engine/features/inlay-hints/insert-value-hints';
import { emptyModel, type DialectId, type SchemaModel } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { inlayHintSettings } from '../../server/src/lsp/structure-handler';

function model(dialect: DialectId, schema: string): SchemaModel {
  const m = emptyModel(dialect, 'shop', [schema]);
  m.schemas.push({ name: schema } as SchemaModel['schemas'][number]);
  const col = (name: string, ordinal: number) => ({ name, ordinal, dataType: 'int', nullable: true }) as unknown as SchemaModel['tables'][number]['columns'][number];
  m.tables.push({ schema, name: 'Track', kind: 'table', columns: [col('TrackId', 1), col('Name', 2)], foreignKeys: [], uniques: [], checks: [], indexes: [] } as unknown as SchemaModel['tables'][number]);
  return m;
}

describe('editor structure features across dialects', () => {
  it('hints MySQL INSERT IGNORE with backticked names and the table columns', () => {
    const index = new SchemaIndex(model('mysql', 'shop'));
    const text = "INSERT IGNORE INTO `Track` VALUES (1, 'a', 'extra');\nINSERT INTO Track (`Name`) VALUE ('b');";
    assert.deepEqual(insertValueHints(text, index).map((h) => [h.column, text.slice(h.offset, h.offset + 3)]), [
      ['TrackId', '1, '],
      ['Name', "'a'"],
      ['Name', "'b'"],
    ]);
  });

  it('hints SQL Server INSERT without INTO and bracketed names', () => {
    const index = new SchemaIndex(model('mssql', 'dbo'));
    const text = "INSERT dbo.[Track] ([Name], TrackId) VALUES (N'x', 7)";
    assert.deepEqual(insertValueHints(text, index).map((h) => h.column), ['Name', 'TrackId']);
  });

  it('folds the statements of a T-SQL script cut by GO', () => {
    const text = 'SELECT 1\nFROM a\nGO\nSELECT 2\nFROM b\nGO';
    const folds = foldingRanges(text, getDialect('mssql')).filter((f) => f.kind === 'statement');
    assert.deepEqual(folds.map((f) => text.slice(f.start, f.start + 8)), ['SELECT 1', 'SELECT 2']);
  });
});

describe('inlay hint settings', () => {
  it('turns each kind off only when set to false (bad values keep the default)', () => {
    assert.deepEqual(inlayHintSettings(undefined), { insertValues: true, selectStar: true });
    assert.deepEqual(inlayHintSettings({ selectStar: false }), { insertValues: true, selectStar: false });
    assert.deepEqual(inlayHintSettings({ insertValues: false, selectStar: 'no' }), { insertValues: false, selectStar: true });
    assert.deepEqual(inlayHintSettings('garbage'), { insertValues: true, selectStar: true });
  });
});
