// The invalid side of the corpus: each broken query gives exactly its expected diagnostic, on the
// exact text, with the expected quick fix.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import type { DialectId } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { DATASETS, modelsFromTablesJson } from '../helpers/spider-models';
import { BROKEN_QUERIES } from './broken-queries';

describe('diagnostics: broken queries give the expected diagnostic', () => {
  let engine: DiagnosticsEngine;
  const indexes = new Map<DialectId, Map<string, SchemaIndex>>();
  before(async () => {
    engine = await DiagnosticsEngine.create();
    for (const d of ['postgres', 'mysql'] as const) {
      const models = modelsFromTablesJson(join(DATASETS, 'bird-minidev', 'mini_dev_sqlite_tables.json'), d);
      indexes.set(d, new Map([...models].map(([k, m]) => [k, new SchemaIndex(m)])));
    }
  });

  it('has at least 30 broken queries', () => assert.ok(BROKEN_QUERIES.length >= 30));

  for (const q of BROKEN_QUERIES) {
    it(`${q.dialect} ${q.code}: ${q.sql}`, () => {
      const ds = engine.diagnose({ text: q.sql, dialect: q.dialect, schema: indexes.get(q.dialect)!.get(q.db) });
      assert.deepEqual(
        ds.map((d) => ({ code: d.code, range: q.sql.slice(d.range.start, d.range.end), fix: d.fix?.edits[0]?.newText })),
        [{ code: q.code, range: q.range, fix: q.fix }],
      );
    });
  }
});
