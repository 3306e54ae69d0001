// The document-level behaviour of diagnostics: statements checked independently, only edited
// statements re-analysed, per-rule severities, inline suppressions, and silence on valid SQL that
// node-sql-parser's grammars do not cover.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { IncrementalSplitter, splitStatements } from '../../server/src/engine/diagnostics/splitter';
import { mulberry32, mutate } from '../../scripts/fuzz-diagnostics';
import { emptyModel, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { birdGold, DATASETS, modelsFromTablesJson } from '../helpers/spider-models';

function table(schema: string, name: string, cols: [string, string][]): TableInfo {
  return { schema, name, kind: 'table', columns: cols.map(([n, t], i) => ({ name: n, dataType: t, ordinal: i + 1, nullable: true })), foreignKeys: [], uniques: [], checks: [], indexes: [] };
}

function model(dialect: 'postgres' | 'mysql' | 'mssql'): SchemaModel {
  const schema = dialect === 'postgres' ? 'public' : dialect === 'mysql' ? 'shop' : 'dbo';
  const m = emptyModel(dialect, 'shop', [schema]);
  m.schemas.push({ name: schema });
  m.tables.push(table(schema, 'film', [['film_id', 'integer'], ['title', 'text']]), table(schema, 'actor', [['actor_id', 'integer'], ['first_name', 'text']]));
  return m;
}

const codes = (text: string, ds: { code: string; range: { start: number; end: number } }[]) => ds.map((d) => `${d.code}:${text.slice(d.range.start, d.range.end)}`);

describe('diagnostics engine', () => {
  let engine: DiagnosticsEngine;
  const pg = new SchemaIndex(model('postgres'));
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });

  it('reports each broken statement on its own: one syntax error does not hide the next statement', () => {
    const text = 'SELECT title FROM film WHERE;\nSELECT titel FROM film;\nSELECT 1';
    assert.deepEqual(codes(text, engine.diagnose({ text, dialect: 'postgres', schema: pg })), ['syntax:WHERE', 'unknown-column:titel']);
  });

  it('diagnoses in slices with the same findings, letting timers run in between, and stops when cancelled', async () => {
    const stmts = Array.from({ length: 400 }, (_, i) => (i % 7 === 3 ? `SELECT titel FROM film WHERE film_id = ${i};` : `SELECT title FROM film f JOIN actor a ON a.actor_id = f.film_id WHERE f.film_id = ${i};`));
    const text = stmts.join('\n');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sliced = await new DiagnosticsEngine().diagnoseAsync({ text, dialect: 'postgres', schema: pg }, { sliceMs: 1 });
    clearInterval(timer);
    assert.deepEqual(sliced, new DiagnosticsEngine().diagnose({ text, dialect: 'postgres', schema: pg }));
    assert.equal(sliced!.length, 57);
    assert.ok(ticks > 0, 'the event loop ran while diagnosing');
    let checks = 0;
    assert.equal(await new DiagnosticsEngine().diagnoseAsync({ text, dialect: 'postgres', schema: pg }, { sliceMs: 0, cancelled: () => ++checks > 3 }), undefined);
  });

  it('re-analyses only the edited statement (cache per statement text)', () => {
    const e = new DiagnosticsEngine();
    const stmts = Array.from({ length: 50 }, (_, i) => `SELECT title FROM film WHERE film_id = ${i};`);
    e.diagnose({ text: stmts.join('\n'), dialect: 'postgres', schema: pg });
    assert.equal(e.analysed, 50);
    stmts[17] = 'SELECT titl FROM film WHERE film_id = 17;';
    const text = stmts.join('\n');
    const ds = e.diagnose({ text, dialect: 'postgres', schema: pg });
    assert.equal(e.analysed, 51);
    assert.deepEqual(codes(text, ds), ['unknown-column:titl']);
  });

  it('maps ranges to document offsets past multi-byte characters', () => {
    const text = "SELECT 'héllo — ✓', titel FROM film";
    assert.deepEqual(codes(text, engine.diagnose({ text, dialect: 'postgres', schema: pg })), ['unknown-column:titel']);
  });

  it('applies per-rule severities and turns rules off', () => {
    const text = 'DELETE FROM film';
    assert.equal(engine.diagnose({ text, dialect: 'postgres', schema: pg })[0].severity, 'warning');
    assert.equal(engine.diagnose({ text, dialect: 'postgres', schema: pg, config: { rules: { 'delete-without-where': 'error' } } })[0].severity, 'error');
    assert.deepEqual(engine.diagnose({ text, dialect: 'postgres', schema: pg, config: { rules: { 'delete-without-where': 'off' } } }), []);
    // A bad setting value falls back to the default instead of breaking.
    const bad = { rules: { 'delete-without-where': 'loud' } } as unknown as { rules: Record<string, 'off'> };
    assert.equal(engine.diagnose({ text, dialect: 'postgres', schema: pg, config: bad })[0].severity, 'warning');
  });

  it('honours -- schemawise-disable-next-line for the listed rules only', () => {
    const text = '-- schemawise-disable-next-line delete-without-where, null-comparison\nDELETE FROM film;\nDELETE FROM actor;\n-- schemawise-disable-next-line null-comparison\nSELECT titel FROM film WHERE title = NULL';
    assert.deepEqual(codes(text, engine.diagnose({ text, dialect: 'postgres', schema: pg })), ['delete-without-where:actor', 'unknown-column:titel']);
  });

  it('without a schema, reports syntax and schema-free lint only', () => {
    const text = 'SELECT nope FROM nowhere WHERE a = NULL';
    assert.deepEqual(codes(text, engine.diagnose({ text, dialect: 'postgres' })), ['null-comparison:= NULL']);
  });

  it('knows tables the document itself creates, and PostgreSQL built-ins and catalogs', () => {
    const text = 'CREATE TEMP TABLE scratch AS SELECT 1 AS x;\nSELECT x, now(), to_char(now(), $$YYYY$$) FROM scratch;\nSELECT relname FROM pg_class;\nSELECT table_name FROM information_schema.tables';
    assert.deepEqual(engine.diagnose({ text, dialect: 'postgres', schema: pg }), []);
  });

  it('does not split inside dollar quotes, BEGIN ATOMIC bodies, or MySQL DELIMITER blocks', () => {
    const pgText = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\nDO $$ BEGIN PERFORM 1; END $$;\nSELECT titel FROM film";
    assert.equal(splitStatements(pgText, 'postgres').length, 3);
    assert.deepEqual(codes(pgText, engine.diagnose({ text: pgText, dialect: 'postgres', schema: pg })), ['unknown-column:titel']);
    const my = 'DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END //\nDELIMITER ;\nSELECT 1;';
    assert.deepEqual(splitStatements(my, 'mysql').map((s) => s.text), ['CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END', 'SELECT 1']);
    assert.deepEqual(splitStatements('SELECT 1\nGO\nSELECT 2', 'mssql').map((s) => s.text), ['SELECT 1', 'SELECT 2']);
  });

  it('incremental splitting after random edits always equals a full split', () => {
    const rnd = mulberry32(3);
    for (const dialect of ['postgres', 'mysql', 'mssql'] as const) {
      const inc = new IncrementalSplitter();
      let text = Array.from({ length: 40 }, (_, i) => `SELECT ${i}, 'a;b' FROM t${i} -- c;\n WHERE x = $$;$$;`).join('\n');
      for (let i = 0; i < 300; i++) {
        const at = Math.floor(rnd() * text.length);
        text = rnd() < 0.7 ? text.slice(0, at) + mutate(text.slice(at, at + 30), rnd) + text.slice(at + 30) : text.slice(0, at) + text.slice(at + 5);
        assert.deepEqual(inc.split(text, dialect), splitStatements(text, dialect), `${dialect} edit ${i}`);
      }
    }
  });

  it('stays silent on valid MySQL that node-sql-parser rejects, but reports errors both parsers see', () => {
    const my = new SchemaIndex(model('mysql'));
    const valid = [
      'SELECT title FROM film WHERE MATCH(title) AGAINST ("x" IN BOOLEAN MODE)',
      'SELECT title FROM film FORCE INDEX (PRIMARY) WHERE film_id > 1',
      'SELECT JSON_ARRAYAGG(title) FROM film',
      'HANDLER film OPEN',
    ];
    for (const text of valid) assert.deepEqual(codes(text, engine.diagnose({ text, dialect: 'mysql', schema: my })), [], text);
    const broken = 'SELECT title FROM film WHERE film_id = = 1';
    assert.deepEqual(codes(broken, engine.diagnose({ text: broken, dialect: 'mysql', schema: my })), ['syntax:=']);
  });

  it('checks SQL Server syntax through the T-SQL grammar, conservatively', () => {
    const ms = new SchemaIndex(model('mssql'));
    const valid = 'SELECT TOP 5 [title] FROM [dbo].[film] WITH (NOLOCK) CROSS APPLY (SELECT 1 AS x) a';
    assert.deepEqual(engine.diagnose({ text: valid, dialect: 'mssql', schema: ms }), []);
    const broken = 'SELECT [title] FROM [dbo].[film] WHERE';
    assert.deepEqual(codes(broken, engine.diagnose({ text: broken, dialect: 'mssql', schema: ms })), ['syntax:WHERE']);
  });

  it('benchmark: re-diagnoses a 20k-line file after editing one statement (prints the time)', () => {
    const gold = birdGold('postgresql').filter((q) => q.db === 'debit_card_specializing');
    const schema = new SchemaIndex(modelsFromTablesJson(join(DATASETS, 'bird-minidev', 'mini_dev_sqlite_tables.json'), 'postgres').get('debit_card_specializing')!);
    // Gold queries laid out over 4 lines each, numbered so every statement text is distinct.
    const stmts = Array.from({ length: 5000 }, (_, i) => `-- q${i}\n${gold[i % gold.length].sql.replace(/ (FROM|WHERE) /, '\n$1 ')}\n  ;`);
    const lines = () => stmts.join('\n').split('\n').length;
    assert.ok(lines() >= 20_000, `${lines()} lines`);
    const e = new DiagnosticsEngine();
    let t = performance.now();
    e.diagnose({ text: stmts.join('\n'), dialect: 'postgres', schema, uri: 'file:///big.sql' });
    const cold = performance.now() - t;
    stmts[2500] = '-- edited\nSELECT segmnt\nFROM customers\n  ;';
    const text = stmts.join('\n');
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      stmts[2500] = stmts[2500].replace(/ *;$/, `${' '.repeat(i)};`);
      const edited = stmts.join('\n');
      t = performance.now();
      e.diagnose({ text: edited, dialect: 'postgres', schema, uri: 'file:///big.sql' });
      runs.push(performance.now() - t);
    }
    const ds = e.diagnose({ text, dialect: 'postgres', schema });
    console.log(`      20k-line file (${lines()} lines, 5000 statements): cold ${cold.toFixed(0)} ms, after one edit ${runs.map((r) => r.toFixed(1)).join(' / ')} ms`);
    assert.ok(ds.some((d) => d.code === 'unknown-column' && text.slice(d.range.start, d.range.end) === 'segmnt'));
  });
});
