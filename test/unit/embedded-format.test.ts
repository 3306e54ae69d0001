// Formatting the SQL templates of TS/JS files: each whole-statement template is formatted with its
// `${…}` substitutions written back byte for byte, re-indented as a block under the line it starts
// on; nothing outside a template is ever touched, and a template that cannot be formatted safely
// (escape sequences, a multi-line string literal, a marker-like text, a format-off marker) is left
// exactly as written.
import { strict as assert } from 'node:assert';
import { loadPgParser } from '../../server/src/engine/diagnostics/pg/parser';
import { detectIndentation, embeddedSql, findSqlTemplates, formatTemplates } from '../../server/src/engine/embedded';
import { DEFAULT_FORMAT_SETTINGS, type FormatSettings } from '../../server/src/engine/features/formatting/format-sql';
import type { DialectId } from '../../server/src/engine/schema/model';

function format(host: string, dialect: DialectId = 'postgres', settings: FormatSettings = DEFAULT_FORMAT_SETTINGS, start?: number, end?: number) {
  const view = embeddedSql(host, findSqlTemplates(host, { kind: 'ts' }), dialect);
  const report = formatTemplates(host, view, settings, start, end);
  let out = host;
  for (const e of [...report.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { out, report };
}

describe('embedded: formatting SQL templates', () => {
  before(async () => {
    await loadPgParser();
  });

  it('formats a template as a block under its line, with every ${…} written back as it was', () => {
    const host = [
      'export async function tracks(db: Db, albumId: number, limit: number) {',
      '  return db.sql`select t.name,t.milliseconds from track t where t.album_id=${albumId} and t.genre_id in (select genre_id from genre) limit ${ limit }`;',
      '}',
      '',
    ].join('\n');
    const { out, report } = format(host);
    assert.equal(report.formatted, 1);
    assert.deepEqual(report.untouched, []);
    assert.equal(
      out,
      [
        'export async function tracks(db: Db, albumId: number, limit: number) {',
        '  return db.sql`',
        '    SELECT',
        '      t.name,',
        '      t.milliseconds',
        '    FROM',
        '      track t',
        '    WHERE',
        '      t.album_id = ${albumId}',
        '      AND t.genre_id IN (',
        '        SELECT',
        '          genre_id',
        '        FROM',
        '          genre',
        '      )',
        '    LIMIT',
        '      ${ limit }',
        '  `;',
        '}',
        '',
      ].join('\n'),
    );
    // Idempotent: formatting the result again changes nothing.
    assert.deepEqual(format(out).report.edits, []);
  });

  it('touches only templates: the code around them, fragments and nested templates keep their text', () => {
    const host = 'const  a=1;\nconst where = sql`name = ${n}`;\nconst q = sql`select * from t where ${sql`a=1`} and b=2`;\nfunction   f( ) {return 2}\n';
    const { out, report } = format(host);
    assert.equal(report.edits.length, 1);
    assert.equal(
      out,
      'const  a=1;\nconst where = sql`name = ${n}`;\nconst q = sql`\n  SELECT\n    *\n  FROM\n    t\n  WHERE\n    ${sql`a=1`}\n    AND b = 2\n`;\nfunction   f( ) {return 2}\n',
    );
  });

  it('keeps template literal code safe: escapes, multi-line string literals, marker-like text and format-off are left as written', () => {
    const cases = [
      "const a = sql`select 'it\\'s' from t where id = ${id}`;",
      "const b = sql`select 'line one\n   line two' as s from t where id = ${id}`;",
      'const c = sql`select * from t where a = $1 and b = ${b}`;',
      'const d = sql`-- schemawise-format-off\nselect   1`;',
    ];
    for (const host of cases) {
      const { out, report } = format(host);
      if (host.includes('$1')) {
        // A template's own $1 is kept apart: the substitution becomes $2 while formatting.
        assert.match(out, /a = \$1\s+AND b = \$\{b\}/, out);
        continue;
      }
      assert.equal(out, host, host);
      assert.equal(report.untouched.length, 1, host);
    }
  });

  it('MySQL templates use ? markers, and one with a ? of its own is left alone', () => {
    assert.equal(format('const q = sql`select a from t where id=${id}`;', 'mysql').out, 'const q = sql`\n  SELECT\n    a\n  FROM\n    t\n  WHERE\n    id = ${id}\n`;');
    const own = "const q = sql`select a from t where b = '?' and id=${id}`;";
    assert.equal(format(own, 'mysql').out, own);
  });

  it('formats only the templates overlapping the range', () => {
    const host = 'const a = sql`select 1`;\nconst b = sql`select 2`;\n';
    const { out } = format(host, 'postgres', DEFAULT_FORMAT_SETTINGS, host.indexOf('select 2'), host.indexOf('select 2') + 3);
    assert.equal(out, 'const a = sql`select 1`;\nconst b = sql`\n  SELECT\n    2\n`;\n');
  });

  it('uses tabs and the tab width asked for, and keeps CRLF line breaks', () => {
    const host = 'function f() {\r\n\tconst q = sql`select a from t`;\r\n}\r\n';
    const { out } = format(host, 'postgres', { ...DEFAULT_FORMAT_SETTINGS, useTabs: true });
    assert.equal(out, 'function f() {\r\n\tconst q = sql`\r\n\t\tSELECT\r\n\t\t\ta\r\n\t\tFROM\r\n\t\t\tt\r\n\t`;\r\n}\r\n');
  });

  it('detects the indentation a file uses', () => {
    assert.deepEqual(detectIndentation('a\n  b\n    c\n  d\n'), { tabSize: 2, insertSpaces: true });
    assert.deepEqual(detectIndentation('a\n    b\n        c\n'), { tabSize: 4, insertSpaces: true });
    assert.deepEqual(detectIndentation('a\n\tb\n\t\tc\n'), { tabSize: 4, insertSpaces: false });
    assert.deepEqual(detectIndentation('one line'), { tabSize: 2, insertSpaces: true });
  });
});
