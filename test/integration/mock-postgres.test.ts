// Mock data into empty copies of published PostgreSQL schemas (Chinook, Sakila, Northwind,
// AdventureWorks: DDL only, every constraint enabled) and into a schema of our own with a cycle, a
// self-reference, composite keys, cross-column CHECKs, domains and a partial unique index. The
// database is the judge: the load must commit, counts must be exact, and the same seed must give
// the same table checksums.
import assert from 'node:assert/strict';
import { generateMock } from '../../server/src/engine/mock/generate';
import { PostgresCopySink } from '../../server/src/engine/mock/sinks/postgres-sink';
import type { MockReport } from '../../server/src/engine/mock/types';
import { datasetPath, dropDatabase } from '../helpers/datasets';
import { checksums, introspect, loadEmptyCopy, truncateAll, writable } from '../helpers/mock-db';
import { requirePostgres } from '../helpers/services';

const DATASETS = {
  chinook: 'chinook/chinook.postgres.sql',
  sakila: 'sakila/sakila.postgres.schema.sql',
  northwind: 'northwind/northwind.postgres.sql',
  adventureworks: 'adventureworks/install.postgres.sql',
} as const;

const ROWS = 200;

function assertExactCounts(report: MockReport, counts: Map<string, { count: number }>): void {
  for (const t of report.tables) {
    const actual = counts.get(t.table)?.count;
    assert.equal(actual, (t.existingBefore ?? 0) + t.written, `${t.table}: rows in the database`);
    const shortfall = report.findings.some((f) => f.table === t.table && /domain too small|rejection bound|skipped/.test(f.message));
    if (!shortfall) assert.equal(t.written, t.requested, `${t.table}: written rows (no shortfall reported)`);
  }
}

describe('mock data into empty copies of published PostgreSQL schemas', function () {
  this.timeout(300_000);
  before(async function () {
    await requirePostgres(this);
  });

  for (const [name, file] of Object.entries(DATASETS)) {
    const db = `sw_mock_${name}`;
    it(`${name}: the load commits with every constraint, counts are exact, the same seed gives the same checksums`, async () => {
      await loadEmptyCopy(db, datasetPath(file));
      try {
        const model = await introspect(db);
        const first = await generateMock(model, { rows: ROWS, seed: 7 }, new PostgresCopySink(writable(db)));
        const errors = first.findings.filter((f) => f.level === 'error');
        assert.deepEqual(errors, [], 'no table skipped');
        const a = await checksums(db, model);
        assertExactCounts(first, a);
        assert.ok(first.totalRows >= ROWS * first.tables.length * 0.5, `most tables full (${first.totalRows} rows)`);
        await truncateAll(db, model);
        await generateMock(model, { rows: ROWS, seed: 7 }, new PostgresCopySink(writable(db)));
        const b = await checksums(db, model);
        assert.deepEqual([...b.entries()], [...a.entries()], 'same seed → same table checksums');
      } finally {
        await dropDatabase(db);
      }
    });
  }
});
