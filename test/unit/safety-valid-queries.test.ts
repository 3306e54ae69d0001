// Real read queries must pass the firewall: the gold SQL of BIRD mini-dev (PostgreSQL and MySQL
// versions) and of Spider dev (SQLite-flavoured, so checked with the PostgreSQL and MySQL parsers and
// counted only where that parser accepts them). A refused valid query is listed with its reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectId } from '../../server/src/engine/schema/model';
import { classifySql } from '../../server/src/engine/safety/classify';
import { checkStatements, formatRefusal } from '../../server/src/engine/safety/firewall';

import { DATASETS_DIR as DATASETS } from '../helpers/datasets-dir';

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(DATASETS, ...parts), 'utf8')) as T;
}

interface Outcome {
  checked: number;
  unparsed: number;
  refused: string[];
}

async function check(queries: string[], dialect: DialectId, countOnlyParsed: boolean): Promise<Outcome> {
  const out: Outcome = { checked: 0, unparsed: 0, refused: [] };
  for (const sql of queries) {
    const statements = await classifySql(sql, dialect);
    if (countOnlyParsed && statements.some((s) => !s.parsed)) {
      out.unparsed++;
      continue;
    }
    out.checked++;
    const verdict = checkStatements(statements, 'read-only');
    if (verdict.refusals.length) out.refused.push(`${sql}\n    → ${verdict.refusals.map(formatRefusal).join(' | ')}`);
  }
  return out;
}

describe('safety firewall: real read queries are not refused', function () {
  const totals = { checked: 0 };

  it('passes every BIRD mini-dev PostgreSQL gold query (500)', async () => {
    const queries = readJson<{ SQL: string }[]>('bird-minidev', 'mini_dev_postgresql.json').map((q) => q.SQL);
    const r = await check(queries, 'postgres', false);
    totals.checked += r.checked;
    assert.equal(r.checked, 500);
    assert.deepEqual(r.refused, [], `${r.refused.length} refused:\n${r.refused.join('\n')}`);
  });

  it('passes every BIRD mini-dev MySQL gold query (500)', async () => {
    const queries = readJson<{ SQL: string }[]>('bird-minidev', 'mini_dev_mysql.json').map((q) => q.SQL);
    const r = await check(queries, 'mysql', false);
    totals.checked += r.checked;
    assert.equal(r.checked, 500);
    assert.deepEqual(r.refused, [], `${r.refused.length} refused:\n${r.refused.join('\n')}`);
  });

  it('passes the Spider dev queries that the PostgreSQL and MySQL parsers accept', async () => {
    const queries = readJson<{ query: string }[]>('spider', 'dev.json').map((q) => q.query);
    for (const dialect of ['postgres', 'mysql'] as const) {
      const r = await check(queries, dialect, true);
      totals.checked += r.checked;
      // SQLite spellings the other parsers reject are skipped, but most Spider SQL is portable.
      assert.ok(r.checked > queries.length * 0.8, `${dialect}: only ${r.checked} of ${queries.length} parse`);
      assert.deepEqual(r.refused, [], `${dialect}: ${r.refused.length} refused:\n${r.refused.join('\n')}`);
    }
  });

  it('checked at least 1,000 valid queries in all', () => {
    assert.ok(totals.checked >= 1000, `${totals.checked} checked`);
  });
});
