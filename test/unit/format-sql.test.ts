// Formatting through sql-formatter, one statement at a time, never corrupting: real statements are
// formatted, a statement whose formatted text would parse differently (or not at all) is left as
// written, and `-- schemawise-format-off/on` regions are kept byte for byte.
import { strict as assert } from 'node:assert';
import { loadPgParser } from '../../server/src/engine/diagnostics/pg/parser';
import { DEFAULT_FORMAT_SETTINGS, formatOffRegions, formatSql, formatSqlAsync, formatStatement, sameStatement } from '../../server/src/engine/features/formatting/format-sql';

function apply(text: string, edits: { start: number; end: number; newText: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

describe('format-sql', () => {
  before(async () => {
    await loadPgParser();
  });

  it('formats a PostgreSQL statement with upper-case keywords and keeps the ; and the text between statements', () => {
    const text = 'select t.name,count(*) from track t join album a on a.album_id=t.album_id where t.milliseconds>$1 group by t.name;\n\n-- next\nselect 1;';
    const r = formatSql(text, 'postgres');
    assert.equal(r.formatted, 2);
    assert.equal(r.untouched, 0);
    assert.equal(
      apply(text, r.edits),
      'SELECT\n  t.name,\n  count(*)\nFROM\n  track t\n  JOIN album a ON a.album_id = t.album_id\nWHERE\n  t.milliseconds > $1\nGROUP BY\n  t.name;\n\n-- next\nSELECT\n  1;',
    );
  });

  it('honours keyword case, tabs and line width', () => {
    const sql = 'SELECT a, b FROM t WHERE a = 1';
    assert.equal(formatStatement(sql, 'postgres', { ...DEFAULT_FORMAT_SETTINGS, keywordCase: 'lower', useTabs: true }), 'select\n\ta,\n\tb\nfrom\n\tt\nwhere\n\ta = 1');
    const long = "SELECT a FROM t WHERE a IN ('first value', 'second value', 'third value', 'fourth value')";
    const narrow = formatStatement(long, 'postgres', { ...DEFAULT_FORMAT_SETTINGS, lineWidth: 20 })!;
    const wide = formatStatement(long, 'postgres', { ...DEFAULT_FORMAT_SETTINGS, lineWidth: 200 })!;
    assert.ok(narrow.split('\n').length > wide.split('\n').length, `${narrow}\n---\n${wide}`);
  });

  it('formats MySQL and SQL Server statements in their dialect (backticks, brackets, TOP)', () => {
    assert.equal(formatStatement('select `a`,b from t where x=1 limit 5', 'mysql', DEFAULT_FORMAT_SETTINGS), 'SELECT\n  `a`,\n  b\nFROM\n  t\nWHERE\n  x = 1\nLIMIT\n  5');
    assert.equal(formatStatement('select top 10 [Name] from dbo.Track where GenreId=@g', 'mssql', DEFAULT_FORMAT_SETTINGS), 'SELECT\n  TOP 10 [Name]\nFROM\n  dbo.Track\nWHERE\n  GenreId = @g');
  });

  it('refuses a statement whose formatted text parses to a different AST (a subscript split from its parenthesised array)', () => {
    const sql = 'select (array[1,2])[1]';
    assert.equal(formatStatement(sql, 'postgres', DEFAULT_FORMAT_SETTINGS), undefined);
    const r = formatSql(`${sql};\nselect 1;`, 'postgres');
    assert.deepEqual([r.formatted, r.untouched], [1, 1]);
    assert.equal(r.edits.length, 1);
    assert.ok(r.edits[0].start > sql.length, 'the array statement is not edited');
  });

  it('refuses a statement whose formatted text would no longer parse (adjacent string literals on one line)', () => {
    assert.equal(formatStatement("select 'a'\n'b'", 'postgres', DEFAULT_FORMAT_SETTINGS), undefined);
    assert.equal(sameStatement("select 'a'\n'b'", "select 'a' 'b'", 'postgres'), false);
  });

  it('leaves broken SQL exactly as written', () => {
    const text = 'selec * fro t;\nselect a from (select 1;\nSELECT 1 FROM';
    const r = formatSql(text, 'postgres');
    assert.deepEqual(r.edits, []);
    assert.equal(r.untouched, 3);
    assert.deepEqual(formatSql('selec broken', 'mysql').edits, []);
    assert.deepEqual(formatSql('SELEC broken', 'mssql').edits, []);
  });

  it('keeps -- schemawise-format-off/on regions byte for byte, to the end of the file when never turned on', () => {
    const text = 'select 1;\n-- schemawise-format-off\nselect   a,b   from t ;\nselect 2   ;\n-- schemawise-format-on\nselect   3;\n-- schemawise-format-off\nselect  4;';
    const out = apply(text, formatSql(text, 'postgres').edits);
    assert.ok(out.includes('-- schemawise-format-off\nselect   a,b   from t ;\nselect 2   ;\n'), out);
    assert.ok(out.endsWith('-- schemawise-format-off\nselect  4;'), out);
    assert.ok(out.startsWith('SELECT\n  1;'), out);
    assert.ok(out.includes('SELECT\n  3;'), out);
    assert.deepEqual(formatOffRegions(text).length, 2);
  });

  it('formats only the statements overlapping a range', () => {
    const text = 'select 1;\nselect 2;\nselect 3;';
    const r = formatSql(text, 'postgres', DEFAULT_FORMAT_SETTINGS, text.indexOf('2'), text.indexOf('2') + 1);
    assert.deepEqual(r.edits.map((e) => text.slice(e.start, e.end)), ['select 2']);
  });

  it('is idempotent: formatting formatted text changes nothing', () => {
    const text = "with x as (select a, b from t where c in (1,2,3)) select x.a, sum(x.b) over (partition by x.a) from x order by 1 desc limit 10;\ninsert into t (a,b) values (1,'x') on conflict (a) do update set b = excluded.b returning *;";
    const once = apply(text, formatSql(text, 'postgres').edits);
    assert.notEqual(once, text);
    assert.deepEqual(formatSql(once, 'postgres').edits, []);
  });

  it('formats in slices with the same edits, letting timers run in between, and stops when cancelled', async () => {
    const text = Array.from({ length: 300 }, (_, i) => `select a${i}, b from t where c = ${i} and d in (1,2,3);`).join('\n');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const sliced = await formatSqlAsync(text, 'postgres', DEFAULT_FORMAT_SETTINGS, 0, text.length, { sliceMs: 1 });
    clearInterval(timer);
    assert.deepEqual(sliced, formatSql(text, 'postgres'));
    assert.ok(ticks > 0, 'the event loop ran while formatting');
    let checks = 0;
    assert.equal(await formatSqlAsync(text, 'postgres', DEFAULT_FORMAT_SETTINGS, 0, text.length, { cancelled: () => ++checks > 5 }), undefined);
  });

  it('splits in chunks with the same result: dollar quotes, comments and strings holding ; across chunk edges, and ranges', async () => {
    const statements = Array.from({ length: 60 }, (_, i) =>
      i % 3 === 0
        ? `create function f${i}() returns int language plpgsql as $$ begin perform 1; return ${i}; end $$;`
        : i % 3 === 1
          ? `select 'a;b' as s${i}, c from t -- a comment; with a semicolon\nwhere d=${i};`
          : `/* block; comment */ select x${i} from u where y in (1,2);`,
    );
    const text = statements.join('\n');
    for (const chunk of [1, 37, 200, 10_000]) {
      assert.deepEqual(await formatSqlAsync(text, 'postgres', DEFAULT_FORMAT_SETTINGS, 0, text.length, { splitChunkChars: chunk }), formatSql(text, 'postgres'), `chunk ${chunk}`);
      const mid = Math.floor(text.length / 2);
      assert.deepEqual(
        await formatSqlAsync(text, 'postgres', DEFAULT_FORMAT_SETTINGS, mid, mid + 300, { splitChunkChars: chunk }),
        formatSql(text, 'postgres', DEFAULT_FORMAT_SETTINGS, mid, mid + 300),
        `range, chunk ${chunk}`,
      );
    }
    const mysql = 'DELIMITER //\ncreate procedure p() begin select 1; end //\nDELIMITER ;\nselect a,b from t;';
    assert.deepEqual(await formatSqlAsync(mysql, 'mysql', DEFAULT_FORMAT_SETTINGS, 0, mysql.length, { splitChunkChars: 1 }), formatSql(mysql, 'mysql'));
  });
});
