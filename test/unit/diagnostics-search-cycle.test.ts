// WITH RECURSIVE … SEARCH DEPTH|BREADTH FIRST BY … SET col and CYCLE … SET … USING add columns to the
// CTE (PostgreSQL 14+): they are known in the outer query, and a misspelling of them is still caught.
import { strict as assert } from 'node:assert';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { emptyModel } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';

const schema = new SchemaIndex(emptyModel('postgres', 'db', ['public']));
const RECURSE = 'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5)';

describe('diagnostics: SEARCH and CYCLE clauses of recursive CTEs', () => {
  let engine: DiagnosticsEngine;
  before(async () => (engine = await DiagnosticsEngine.create()));
  const check = (text: string) => engine.diagnose({ text, dialect: 'postgres', schema }).map((d) => `${d.code}:${text.slice(d.range.start, d.range.end)}`);

  it('SEARCH DEPTH FIRST BY … SET ordercol: ordercol is a column of the CTE', () => {
    assert.deepEqual(check(`${RECURSE} SEARCH DEPTH FIRST BY n SET ordercol SELECT * FROM t ORDER BY ordercol`), []);
  });

  it('SEARCH BREADTH FIRST, qualified: t.ordercol', () => {
    assert.deepEqual(check(`${RECURSE} SEARCH BREADTH FIRST BY n SET ordercol SELECT t.n, t.ordercol FROM t ORDER BY t.ordercol`), []);
  });

  it('CYCLE … SET mark USING path: both columns exist, with or without TO … DEFAULT', () => {
    assert.deepEqual(check(`${RECURSE} CYCLE n SET is_cycle USING path SELECT n, is_cycle, path FROM t WHERE NOT is_cycle`), []);
    assert.deepEqual(check(`${RECURSE} CYCLE n SET is_cycle TO 'Y' DEFAULT 'N' USING path SELECT t.is_cycle, t.path FROM t`), []);
  });

  it('SEARCH and CYCLE together, in a CTE without a column list', () => {
    const sql = 'WITH RECURSIVE t AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM t WHERE n < 5) SEARCH DEPTH FIRST BY n SET ord CYCLE n SET cyc USING pth SELECT n, ord, cyc, pth FROM t';
    assert.deepEqual(check(sql), []);
  });

  it('still reports a column the CTE does not have', () => {
    assert.deepEqual(check(`${RECURSE} SEARCH DEPTH FIRST BY n SET ordercol SELECT ordrecol FROM t`), ['unknown-column:ordrecol']);
  });
});
