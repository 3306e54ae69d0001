// Zero false positives on real, valid SQL: every gold query of BIRD mini-dev (PostgreSQL and
// MySQL) and of the Spider dev set must give no syntax and no unknown-name error against its own
// schema. Lint findings are allowed (they are style advice) and counted in the output.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import type { Diagnostic } from '../../server/src/engine/diagnostics';
import type { DialectId } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { birdGold, DATASETS, modelsFromTablesJson, spiderDev, type GoldQuery } from '../helpers/spider-models';
import { BIRD_EXCLUDED, SPIDER_EXCLUDED, spiderToPostgres } from './exclusions';

const ERROR_CODES = new Set(['syntax', 'unknown-schema', 'unknown-table', 'unknown-column', 'unknown-function', 'ambiguous-column', 'undefined-alias', 'insert-value-count']);

function run(engine: DiagnosticsEngine, queries: GoldQuery[], dialect: DialectId, indexes: Map<string, SchemaIndex>, excluded: Set<string>, rewrite = (s: string) => s) {
  const failures: string[] = [];
  const lint: Record<string, number> = {};
  let checked = 0;
  for (const q of queries) {
    if (excluded.has(q.id)) continue;
    const schema = indexes.get(q.db);
    assert.ok(schema, `schema ${q.db} of ${q.id} is in the tables file`);
    const sql = rewrite(q.sql);
    const ds: Diagnostic[] = engine.diagnose({ text: sql, dialect, schema });
    checked++;
    for (const d of ds) {
      if (ERROR_CODES.has(d.code)) failures.push(`${q.id} ${d.code} "${sql.slice(d.range.start, d.range.end)}": ${d.message}\n    ${sql}`);
      else lint[d.code] = (lint[d.code] ?? 0) + 1;
    }
  }
  return { failures, lint, checked };
}

function indexes(file: string, dialect: DialectId): Map<string, SchemaIndex> {
  return new Map([...modelsFromTablesJson(file, dialect)].map(([k, m]) => [k, new SchemaIndex(m)]));
}

describe('diagnostics: zero false positives on benchmark gold SQL', function () {
  this.timeout(60_000);
  let engine: DiagnosticsEngine;
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });
  const birdTables = join(DATASETS, 'bird-minidev', 'mini_dev_sqlite_tables.json');

  it('reports no syntax or unknown-name error on the 500 BIRD PostgreSQL gold queries', () => {
    const queries = birdGold('postgresql');
    assert.equal(queries.length, 500);
    const r = run(engine, queries, 'postgres', indexes(birdTables, 'postgres'), new Set(BIRD_EXCLUDED.map((e) => e.id)));
    console.log(`      BIRD PostgreSQL: ${r.checked} checked, ${BIRD_EXCLUDED.length} excluded, lint findings ${JSON.stringify(r.lint)}`);
    assert.deepEqual(r.failures, []);
  });

  it('reports no syntax or unknown-name error on the 500 BIRD MySQL gold queries', () => {
    const queries = birdGold('mysql');
    assert.equal(queries.length, 500);
    const r = run(engine, queries, 'mysql', indexes(birdTables, 'mysql'), new Set(BIRD_EXCLUDED.map((e) => e.id)));
    console.log(`      BIRD MySQL: ${r.checked} checked, ${BIRD_EXCLUDED.length} excluded, lint findings ${JSON.stringify(r.lint)}`);
    assert.deepEqual(r.failures, []);
  });

  it('reports no syntax or unknown-name error on the Spider dev gold queries valid for PostgreSQL', () => {
    const queries = spiderDev();
    assert.equal(queries.length, 1034);
    const excluded = new Set(SPIDER_EXCLUDED.map((e) => e.id));
    const r = run(engine, queries, 'postgres', indexes(join(DATASETS, 'spider', 'tables.json'), 'postgres'), excluded, spiderToPostgres);
    console.log(`      Spider dev (PostgreSQL path): ${r.checked} checked, ${excluded.size} excluded (SQLite-only syntax), lint findings ${JSON.stringify(r.lint)}`);
    assert.equal(r.checked, 1034 - excluded.size);
    assert.deepEqual(r.failures, []);
  });

  it('still finds a misspelt column in a gold query, so the runs above are not vacuous', () => {
    const q = birdGold('postgresql')[1];
    const broken = q.sql.replace('T2.Consumption', 'T2.Consumptoin');
    const ds = engine.diagnose({ text: broken, dialect: 'postgres', schema: indexes(birdTables, 'postgres').get(q.db) });
    assert.deepEqual(
      ds.map((d) => [d.code, broken.slice(d.range.start, d.range.end)]),
      [['unknown-column', 'Consumptoin']],
    );
  });
});
