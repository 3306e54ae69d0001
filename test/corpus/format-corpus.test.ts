// Formatting never corrupts real SQL: every statement of the BIRD gold queries (PostgreSQL and
// MySQL), of the Spider dev set and of the hand-written T-SQL corpus is formatted, and
// every statement the formatter replaces must parse to the same AST as before (checked here again,
// independently of the engine's own check, on the whole formatted text).
import { strict as assert } from 'node:assert';
import { loadPgParser } from '../../server/src/engine/diagnostics/pg/parser';
import { DEFAULT_FORMAT_SETTINGS, formatSql, sameStatement } from '../../server/src/engine/features/formatting/format-sql';
import type { DialectId } from '../../server/src/engine/schema/model';
import { birdGold, spiderDev } from '../helpers/spider-models';
import { spiderToPostgres } from './exclusions';
import { VALID_TSQL } from './tsql-queries';

function check(queries: string[], dialect: DialectId) {
  let formatted = 0;
  let untouched = 0;
  const failures: string[] = [];
  for (const sql of queries) {
    const r = formatSql(sql, dialect, DEFAULT_FORMAT_SETTINGS);
    formatted += r.formatted;
    untouched += r.untouched;
    for (const e of r.edits) {
      const before = sql.slice(e.start, e.end);
      if (!sameStatement(before, e.newText, dialect)) failures.push(`${before}\n  =>\n${e.newText}`);
    }
  }
  return { formatted, untouched, failures };
}

describe('formatting: the corpora keep their meaning', function () {
  this.timeout(120_000);
  before(async () => {
    await loadPgParser();
  });

  it('BIRD PostgreSQL gold queries: most are formatted, none changes its AST', () => {
    const r = check(birdGold('postgresql').map((q) => q.sql), 'postgres');
    console.log(`      BIRD PostgreSQL: ${r.formatted} formatted, ${r.untouched} left as written`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.formatted >= 450, `${r.formatted} formatted`);
  });

  it('BIRD MySQL gold queries: none changes its AST', () => {
    const r = check(birdGold('mysql').map((q) => q.sql), 'mysql');
    console.log(`      BIRD MySQL: ${r.formatted} formatted, ${r.untouched} left as written`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.formatted >= 400, `${r.formatted} formatted`);
  });

  it('Spider dev gold queries (all 1034, PostgreSQL path): none changes its AST', () => {
    const r = check(spiderDev().map((q) => spiderToPostgres(q.sql)), 'postgres');
    console.log(`      Spider: ${r.formatted} formatted, ${r.untouched} left as written`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.formatted >= 950, `${r.formatted} formatted`);
  });

  it('hand-written T-SQL corpus: none changes its AST', () => {
    const r = check(VALID_TSQL.map((q) => q.sql), 'mssql');
    console.log(`      T-SQL: ${r.formatted} formatted, ${r.untouched} left as written`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.formatted > 0);
  });
});
