// Statement classification: splitting (as the server splits), kinds per dialect, and the facts the
// firewall relies on (writes hidden in CTEs, SELECT INTO, locking clauses, functions anywhere).
import assert from 'node:assert/strict';
import type { DialectId } from '../../server/src/engine/schema/model';
import { classifySql } from '../../server/src/engine/safety/classify';
import { checkSql } from '../../server/src/engine/safety/firewall';
import type { StatementKind } from '../../server/src/engine/safety/types';

async function kinds(sql: string, dialect: DialectId): Promise<StatementKind[]> {
  return (await classifySql(sql, dialect)).map((s) => s.kind);
}

describe('safety classify: splitting', () => {
  it('splits PostgreSQL input with the real parser and keeps each statement text exactly', async () => {
    const sql = "select 'é;' as a; -- c;\n/* x; */ delete from t where id = 1;\nselect $$;$$";
    const s = await classifySql(sql, 'postgres');
    assert.deepEqual(
      s.map((x) => [x.index, x.text, x.kind]),
      [
        [1, "select 'é;' as a", 'select'],
        [2, 'delete from t where id = 1', 'delete'],
        [3, 'select $$;$$', 'select'],
      ],
    );
    // Offsets are string offsets (libpg-query reports UTF-8 bytes).
    for (const x of s) assert.equal(sql.slice(x.start, x.end), x.text);
  });

  it('splits MySQL input by its own quoting rules: backslash escapes, # comments, `--` only before a space', async () => {
    assert.deepEqual(await kinds("select 'a\\'; delete from t; -- '", 'mysql'), ['select']);
    assert.deepEqual(await kinds('select 1 # ; delete from t', 'mysql'), ['select']);
    assert.deepEqual(await kinds('select 1 --1; delete from t', 'mysql'), ['select', 'delete']);
    assert.deepEqual(await kinds('select "a;b"; truncate t', 'mysql'), ['select', 'ddl']);
  });

  it('splits T-SQL at semicolons and GO lines', async () => {
    assert.deepEqual(await kinds('select 1\nGO\ndelete from t where id = 1;\nselect 2', 'mssql'), ['select', 'delete', 'select']);
  });

  it('still classifies each statement when one of them does not parse (PostgreSQL)', async () => {
    const s = await classifySql('select 1; selec 2; drop table t', 'postgres');
    assert.deepEqual(
      s.map((x) => [x.parsed, x.kind]),
      [
        [true, 'select'],
        [false, 'unknown'],
        [true, 'ddl'],
      ],
    );
    assert.match(s[1]!.parseError!, /syntax error at or near "selec"/);
  });
});

describe('safety classify: kinds', () => {
  const cases: [DialectId, string, StatementKind][] = [
    ['postgres', 'values (1)', 'select'],
    ['postgres', 'table t', 'select'],
    ['postgres', 'explain select 1', 'explain'],
    ['postgres', 'show work_mem', 'show'],
    ['postgres', 'merge into t using s on t.id = s.id when matched then delete', 'merge'],
    ['postgres', 'comment on table t is $$x$$', 'ddl'],
    ['postgres', 'grant select on t to public', 'dcl'],
    ['postgres', 'begin isolation level serializable', 'transaction'],
    ['postgres', 'set search_path = x', 'session'],
    ['postgres', 'do $$ begin end $$', 'execute'],
    ['postgres', 'copy t to stdout', 'copy'],
    ['postgres', 'lock t', 'lock'],
    ['postgres', 'notify c', 'notify'],
    ['postgres', 'vacuum t', 'maintenance'],
    ['mysql', 'show tables', 'show'],
    ['mysql', 'describe t', 'show'],
    ['mysql', 'replace into t values (1)', 'insert'],
    ['mysql', 'rename table a to b', 'ddl'],
    ['mysql', "load data infile 'x' into table t", 'copy'],
    ['mysql', 'lock tables t read', 'lock'],
    ['mysql', 'use db', 'session'],
    ['mssql', 'select top 3 * from t', 'select'],
    ['mssql', 'exec sp_who', 'execute'],
    ['mssql', 'declare @x int', 'session'],
    ['mssql', 'truncate table t', 'ddl'],
    // Not understood by the T-SQL grammar: the kind is guessed from the keywords (and refused).
    ['mssql', 'bulk insert t from \'c:\\x.csv\'', 'copy'],
    ['mssql', 'waitfor delay \'00:00:01\'', 'session'],
  ];
  for (const [dialect, sql, kind] of cases) {
    it(`${dialect}: ${sql} → ${kind}`, async () => {
      assert.deepEqual(await kinds(sql, dialect), [kind]);
    });
  }
});

describe('safety classify: facts found anywhere in the statement', () => {
  it('finds a data-modifying CTE below the top level and reports it', async () => {
    const [s] = await classifySql('select * from a where id in (with d as (delete from b returning id) select id from d)', 'postgres');
    assert.deepEqual(s!.nestedWrites, ['DELETE inside WITH']);
  });

  it('collects functions from every clause, with the names the server resolves (quotes, U& escapes, schema)', async () => {
    const [s] = await classifySql(
      'select pg_catalog."lower"(x), U&"\\0070g_sleep"(0) from t, lateral (select nextval(\'s\')) l where abs(1) > 0 order by coalesce(max_x(1), 0)',
      'postgres',
    );
    assert.deepEqual([...s!.functions].sort(), ['abs', 'lower', 'max_x', 'nextval', 'pg_sleep']);
  });

  it('tells EXPLAIN from EXPLAIN ANALYZE, including the option spellings', async () => {
    const analyze = async (sql: string) => (await classifySql(sql, 'postgres'))[0]!.explain?.analyze;
    assert.equal(await analyze('explain analyze delete from t'), true);
    assert.equal(await analyze('explain (analyse) delete from t'), true);
    assert.equal(await analyze('explain (analyze true) delete from t'), true);
    assert.equal(await analyze('explain (analyze false) delete from t'), false);
    assert.equal(await analyze('explain (analyze off, verbose) delete from t'), false);
    assert.equal(await analyze('explain delete from t'), false);
  });

  it('reports SELECT INTO, locking clauses and MySQL variable assignment', async () => {
    assert.equal((await classifySql('select 1 into temp x', 'postgres'))[0]!.selectInto, 'INTO x');
    assert.equal((await classifySql("select * from t into outfile '/tmp/x'", 'mysql'))[0]!.selectInto, 'INTO OUTFILE');
    assert.equal((await classifySql('select * into x from t', 'mssql'))[0]!.selectInto, 'INTO x');
    assert.equal((await classifySql('select * from t for no key update', 'postgres'))[0]!.lockingClause, 'FOR NO KEY UPDATE');
    assert.equal((await classifySql('select * from t for update', 'mysql'))[0]!.lockingClause, 'FOR UPDATE');
    assert.equal((await classifySql('select @a := 1', 'mysql'))[0]!.assignsVariables, true);
  });

  it('counts MySQL executable comments, which the server runs and parsers skip', async () => {
    const s = await classifySql('select 1 /*!50000 , sleep(1) */; /*M! drop table t */', 'mysql');
    assert.deepEqual(
      s.map((x) => x.executableComments),
      [1, 1],
    );
  });

  it('marks destructive writes for confirmation: UPDATE/DELETE without WHERE, DROP, TRUNCATE, ALTER', async () => {
    const sql = 'update t set a = 1; update t set a = 1 where id = 2; delete from t; drop table t; truncate t; alter table t add b int; insert into t values (1)';
    for (const dialect of ['postgres', 'mysql'] as const) {
      const verdict = await checkSql(sql, dialect, 'writable');
      assert.deepEqual(verdict.refusals, []);
      assert.deepEqual(
        verdict.confirmations.map((c) => c.index),
        [1, 3, 4, 5, 6],
        dialect,
      );
      assert.match(verdict.confirmations[0]!.reason, /without WHERE/);
    }
  });

  it('refuses empty input with a reason instead of running nothing silently', async () => {
    const verdict = await checkSql('  -- just a comment\n ;; ', 'postgres', 'read-only');
    assert.deepEqual(
      verdict.refusals.map((r) => r.rule),
      ['empty'],
    );
  });
});
