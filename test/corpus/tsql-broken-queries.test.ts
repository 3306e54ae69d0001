// The invalid side for SQL Server: each broken T-SQL query over the Chinook model (assembled from
// the recorded catalog result sets) gives exactly its expected diagnostic, on the exact text, with
// the expected quick fix.
import { strict as assert } from 'node:assert';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { chinookMssqlModel } from './tsql-corpus';
import { BROKEN_TSQL } from './tsql-queries';

describe('diagnostics (SQL Server): broken queries give the expected diagnostic', () => {
  let engine: DiagnosticsEngine;
  const chinook = new SchemaIndex(chinookMssqlModel());
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });

  it('has at least 15 broken queries', () => assert.ok(BROKEN_TSQL.length >= 15));

  for (const q of BROKEN_TSQL) {
    it(`${q.code}: ${q.sql}`, () => {
      const ds = engine.diagnose({ text: q.sql, dialect: 'mssql', schema: chinook });
      assert.deepEqual(
        ds.map((d) => ({ code: d.code, range: q.sql.slice(d.range.start, d.range.end), fix: d.fix?.edits[0]?.newText })),
        [{ code: q.code, range: q.range, fix: q.fix }],
      );
    });
  }
});
