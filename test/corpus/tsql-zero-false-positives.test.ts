// Zero false positives for SQL Server: the Spider dev gold SQL rewritten into T-SQL (against
// mssql-dialect models of spider/tables.json, schema dbo) and hand-written T-SQL over the Chinook
// model assembled from the recorded SQL Server catalog give no syntax or unknown-name error. The
// runs are shown not to be vacuous: the same queries with one name misspelt give the error, on
// exactly that name.
import { strict as assert } from 'node:assert';
import { DiagnosticsEngine, type Diagnostic } from '../../server/src/engine/diagnostics';
import { tsqlCoverage } from '../../server/src/engine/diagnostics/nsp/tsql/check-statement';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { spiderModel } from '../helpers/fixtures';
import { birdGold, spiderDev } from '../helpers/spider-models';
import { birdMssqlIndexes, birdToTsql, chinookMssqlModel, spiderToTsql, TSQL_SPIDER_EXCLUSIONS } from './tsql-corpus';
import { VALID_TSQL } from './tsql-queries';

const ERROR_CODES = new Set(['syntax', 'unknown-schema', 'unknown-table', 'unknown-column', 'unknown-function', 'ambiguous-column', 'undefined-alias', 'insert-value-count']);

interface SpiderTsql {
  id: string;
  sql: string;
  schema: SchemaIndex;
}

describe('diagnostics (SQL Server): zero false positives', function () {
  this.timeout(30_000);
  let engine: DiagnosticsEngine;
  const checked: SpiderTsql[] = [];
  const excluded = new Map<string, number>();
  const errorsOf = (ds: Diagnostic[], sql: string) => ds.filter((d) => ERROR_CODES.has(d.code)).map((d) => `${d.code} "${sql.slice(d.range.start, d.range.end)}": ${d.message}`);

  before(async () => {
    engine = await DiagnosticsEngine.create();
    const indexes = new Map<string, SchemaIndex>();
    for (const q of spiderDev()) {
      const sql = spiderToTsql(q.sql);
      const why = TSQL_SPIDER_EXCLUSIONS.find((x) => x.test(sql))?.reason;
      if (why) {
        excluded.set(why, (excluded.get(why) ?? 0) + 1);
        continue;
      }
      let schema = indexes.get(q.db);
      if (!schema) indexes.set(q.db, (schema = new SchemaIndex(spiderModel(q.db, { dialect: 'mssql' }))));
      checked.push({ id: q.id, sql, schema });
    }
  });

  it('rewrites Spider LIMIT n into TOP n on the SELECT of the same query block', () => {
    assert.equal(spiderToTsql('SELECT name FROM singer ORDER BY age DESC LIMIT 1'), 'SELECT TOP 1 name FROM singer ORDER BY age DESC');
    assert.equal(spiderToTsql('SELECT DISTINCT name FROM t WHERE x = (SELECT x FROM u ORDER BY y LIMIT 1)'), 'SELECT DISTINCT name FROM t WHERE x = (SELECT TOP 1 x FROM u ORDER BY y)');
    assert.equal(spiderToTsql('SELECT name FROM t WHERE a = "x"'), "SELECT name FROM t WHERE a = 'x'");
  });

  it('reports no syntax or unknown-name error on the Spider dev gold queries the TransactSQL grammar reads', () => {
    const failures: string[] = [];
    let listed = 0;
    let located = 0;
    for (const q of checked) {
      const c = tsqlCoverage(q.sql);
      assert.ok(c.parsed && c.supported, `${q.id} parses as T-SQL: ${q.sql}`);
      listed += c.listed;
      located += c.located;
      for (const e of errorsOf(engine.diagnose({ text: q.sql, dialect: 'mssql', schema: q.schema }), q.sql)) failures.push(`${q.id} ${e}\n    ${q.sql}`);
    }
    const excl = [...excluded].map(([why, n]) => `${n} × ${why}`).join('; ');
    console.log(`      Spider dev (T-SQL path): ${checked.length} checked, excluded ${excl}; names located ${located}/${listed}`);
    assert.equal(checked.length + [...excluded.values()].reduce((a, b) => a + b, 0), 1034);
    assert.ok(checked.length >= 950, `only ${checked.length} Spider queries checked`);
    assert.ok(located >= listed * 0.98, `names located: ${located}/${listed}`);
    assert.deepEqual(failures, []);
  });

  it('finds a misspelt table and a misspelt qualified column in every Spider query that has one, on exactly that name', () => {
    let tables = 0;
    let columns = 0;
    const missed: string[] = [];
    for (const q of checked) {
      const from = /\bFROM\s+(\w+)/i.exec(q.sql);
      if (from) {
        tables++;
        const at = from.index + from[0].length - from[1].length;
        if (!misspeltFound(q, at, from[1].length, 'unknown-table')) missed.push(`${q.id} table ${from[1]}: ${q.sql}`);
      }
      const col = /\b(T\d)\.(\w+)/i.exec(q.sql);
      if (col) {
        columns++;
        const at = col.index + col[1].length + 1;
        if (!misspeltFound(q, at, col[2].length, 'unknown-column')) missed.push(`${q.id} column ${col[2]}: ${q.sql}`);
      }
    }
    console.log(`      misspelt: ${tables} tables, ${columns} qualified columns`);
    assert.ok(tables >= 950 && columns >= 300);
    assert.deepEqual(missed, []);
  });

  function misspeltFound(q: SpiderTsql, at: number, length: number, code: string): boolean {
    const broken = `${q.sql.slice(0, at + length)}qq${q.sql.slice(at + length)}`;
    const ds = engine.diagnose({ text: broken, dialect: 'mssql', schema: q.schema });
    return ds.some((d) => d.code === code && d.range.start === at && d.range.end === at + length + 2);
  }

  it('reports no unknown-name error on the BIRD gold queries (PostgreSQL and MySQL) the TransactSQL grammar reads', () => {
    const indexes = birdMssqlIndexes();
    const failures: string[] = [];
    let read = 0;
    let total = 0;
    let columns = 0;
    let caught = 0;
    for (const dialect of ['postgresql', 'mysql'] as const) {
      for (const q of birdGold(dialect)) {
        total++;
        const sql = birdToTsql(q.sql, dialect);
        const c = tsqlCoverage(sql);
        if (!c.parsed || !c.supported) continue;
        read++;
        const schema = indexes.get(q.db)!;
        for (const e of errorsOf(engine.diagnose({ text: sql, dialect: 'mssql', schema }), sql)) failures.push(`${q.id} ${e}\n    ${sql}`);
        const col = /\b(T\d)\.(\w+)/i.exec(sql);
        if (col) {
          columns++;
          if (misspeltFound({ id: q.id, sql, schema }, col.index + col[1].length + 1, col[2].length, 'unknown-column')) caught++;
        }
      }
    }
    console.log(`      BIRD gold (T-SQL path): ${read}/${total} read by the grammar; misspelt qualified columns caught ${caught}/${columns}`);
    assert.equal(total, 1000);
    assert.ok(read >= 850, `only ${read} BIRD queries read`);
    assert.ok(caught >= columns * 0.95, `caught ${caught}/${columns}`);
    assert.deepEqual(failures, []);
  });

  describe('hand-written T-SQL over the Chinook SQL Server model', () => {
    const chinook = new SchemaIndex(chinookMssqlModel());

    it(`has at least 30 valid queries the checks judge (of ${VALID_TSQL.length})`, () => {
      assert.ok(VALID_TSQL.filter((q) => q.judged === 'checked').length >= 30);
    });

    for (const q of VALID_TSQL) {
      it(`${q.judged === 'checked' ? 'judges' : `stays silent on (${q.judged})`}: ${q.sql}`, () => {
        assert.deepEqual(errorsOf(engine.diagnose({ text: q.sql, dialect: 'mssql', schema: chinook }), q.sql), []);
        const c = tsqlCoverage(q.sql);
        const judged = c.parsed && c.supported && c.listed > 0 && c.located === c.listed;
        assert.equal(judged, q.judged === 'checked', JSON.stringify(c));
      });
    }
  });
});
