// The valid-read corpus (test/fixtures/safety/valid-reads.json) through the firewall without a
// database: at most 1% refused per dialect (issue 12 item 5), and the MariaDB reads that
// node-sql-parser rejects are let through only by the lexical proof (lexical-read.ts), which the
// adversarial corpus (safety-firewall.test.ts) shows refuses every smuggled write or side effect.
import assert from 'node:assert/strict';
import { classifySql } from '../../server/src/engine/safety/classify';
import { checkStatements, formatRefusal } from '../../server/src/engine/safety/firewall';
import { lexicalReadProof } from '../../server/src/engine/safety/lexical-read';
import { scanSql } from '../../server/src/engine/safety/lexer';
import { validReads } from '../helpers/safety-fixtures';

describe('safety firewall: valid reads, including those only a lexical proof accepts', function () {
  this.timeout(60_000);

  for (const dialect of ['mysql', 'postgres'] as const) {
    it(`refuses at most 1% of the ${dialect} valid reads`, async () => {
      const reads = validReads().filter((r) => r.dialect === dialect);
      assert.ok(reads.length >= (dialect === 'mysql' ? 150 : 60), `${reads.length} reads`);
      const refused: string[] = [];
      for (const { sql } of reads) {
        const verdict = checkStatements(await classifySql(sql, dialect), 'read-only');
        if (verdict.refusals.length) refused.push(`${sql} → ${verdict.refusals.map(formatRefusal).join(' | ')}`);
      }
      assert.ok(refused.length <= reads.length * 0.01, refused.join('\n'));
    });
  }

  it('accepts SHOW CREATE DATABASE, JSON_TABLE, DIV, MOD, <=> and RLIKE, which node-sql-parser rejects, through the lexical proof', async () => {
    for (const sql of ['SHOW CREATE DATABASE x', "SELECT * FROM JSON_TABLE('[1]', '$[*]' COLUMNS (a INT PATH '$')) t", 'SELECT 5 DIV 2', 'SELECT 5 MOD 2', 'SELECT 1 <=> NULL', "SELECT 'a' RLIKE 'a'"]) {
      const [s] = await classifySql(sql, 'mysql');
      assert.ok(s!.parsed || s!.lexicalRead, `${sql}: ${s!.parseError}`);
      assert.deepEqual(checkStatements([s!], 'read-only').refusals, [], sql);
    }
  });

  it('the proof refuses anything that is not plainly a read', () => {
    const cases: [string, RegExp][] = [
      ['select 5 div 2 into outfile "/tmp/x"', /INTO/],
      ['select 5 div 2 for update', /UPDATE|FOR UPDATE/],
      ['select @a := 5 div 2', /:=/],
      ['do sleep(1)', /starts with DO/],
      ['analyze select 1', /starts with ANALYZE/],
      ['select 5 div 2, next value for s', /NEXT/],
      ['select 1 procedure analyse()', /PROCEDURE/],
      ['select 1 from t where a = 1 lock in share mode', /LOCK/],
      ['(show tables)', /only a query/],
      ['set @a = 1', /starts with SET/],
    ];
    for (const [sql, re] of cases) {
      const proof = lexicalReadProof(scanSql(sql, 'mysql').tokens);
      assert.ok('reason' in proof && re.test(proof.reason), `${sql}: ${JSON.stringify(proof)}`);
    }
    // Function names that are also statement keywords are calls, not statements.
    assert.deepEqual(lexicalReadProof(scanSql("select replace('a', 'a', 'b'), insert('abc', 1, 1, 'x'), truncate(1.5, 0)", 'mysql').tokens), { kind: 'select' });
  });
});
