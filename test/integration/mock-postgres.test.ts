// Mock data into empty copies of published PostgreSQL schemas (Chinook, Sakila, Northwind,
// AdventureWorks: DDL only, every constraint enabled) and into a schema of our own with a cycle, a
// self-reference, composite keys, cross-column CHECKs, domains and a partial unique index. The
// database is the judge: the load must commit, counts must be exact, and the same seed must give
// the same table checksums.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { createDriver } from '../../server/src/engine/drivers/registry';
import { generateMock } from '../../server/src/engine/mock/generate';
import { PostgresCopySink } from '../../server/src/engine/mock/sinks/postgres-sink';
import type { MockReport } from '../../server/src/engine/mock/types';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { datasetPath, dropDatabase, pgScriptStatements, recreateDatabase } from '../helpers/datasets';
import { pgUrlFor, requirePostgres } from '../helpers/services';

const DATASETS = {
  chinook: 'chinook/chinook.postgres.sql',
  sakila: 'sakila/sakila.postgres.schema.sql',
  northwind: 'northwind/northwind.postgres.sql',
  adventureworks: 'adventureworks/install.postgres.sql',
} as const;

const ROWS = 300;

async function withClient<T>(database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** An empty copy: the script's DDL only (no INSERT/COPY), all constraints as published. */
export async function loadEmptyCopy(database: string, script: string): Promise<void> {
  await recreateDatabase(database);
  const statements = pgScriptStatements(readFileSync(script, 'utf8'), { ddlOnly: true });
  await withClient(database, (c) => c.query(statements.join('\n;\n') + '\n;'));
}

export async function introspect(database: string): Promise<SchemaModel> {
  const driver = createDriver(parseConnectionUrl(pgUrlFor(database)));
  await driver.connect();
  try {
    return await driver.introspect();
  } finally {
    await driver.close();
  }
}

export function writable(database: string) {
  return { ...parseConnectionUrl(pgUrlFor(database)), readOnly: false };
}

/** count(*) and an md5 over every row's text, per table. */
export async function checksums(database: string, model: SchemaModel): Promise<Map<string, { count: number; md5: string }>> {
  const out = new Map<string, { count: number; md5: string }>();
  await withClient(database, async (c) => {
    for (const t of model.tables.filter((x) => x.kind === 'table')) {
      const name = `"${t.schema}"."${t.name}"`;
      const r = await c.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ONLY ${name} x`);
      out.set(`${t.schema}.${t.name}`, { count: r.rows[0].n, md5: r.rows[0].h });
    }
  });
  return out;
}

async function truncateAll(database: string, model: SchemaModel): Promise<void> {
  const names = model.tables.filter((t) => t.kind === 'table').map((t) => `"${t.schema}"."${t.name}"`);
  await withClient(database, (c) => c.query(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`));
}

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
