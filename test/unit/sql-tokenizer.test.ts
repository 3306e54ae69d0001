import { strict as assert } from 'node:assert';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { tokenize } from '../../server/src/engine/sql/tokenizer';

const pg = getDialect('postgres');
const my = getDialect('mysql');
const ms = getDialect('mssql');
const kinds = (sql: string, d = pg) => tokenize(sql, d).map((t) => `${t.kind}:${t.text}`);

describe('sql tokenizer', () => {
  it('splits words, numbers, operators and punctuation with exact offsets', () => {
    const tokens = tokenize('SELECT a.b, 1.5e3 FROM t WHERE x >= $1', pg);
    assert.deepEqual(
      tokens.map((t) => `${t.kind}:${t.text}`),
      ['word:SELECT', 'word:a', 'punct:.', 'word:b', 'punct:,', 'number:1.5e3', 'word:FROM', 'word:t', 'word:WHERE', 'word:x', 'operator:>=', 'param:$1'],
    );
    assert.equal(tokens[5].start, 12);
    assert.equal(tokens[5].end, 17);
  });

  it('reads strings with doubled quotes and PostgreSQL E-strings with backslash escapes', () => {
    assert.deepEqual(kinds("'it''s' E'a\\'b' x"), ["string:'it''s'", "string:E'a\\'b'", 'word:x']);
  });

  it('reads dollar-quoted bodies, tagged or not, as one string', () => {
    const sql = "CREATE FUNCTION f() AS $body$ SELECT ';' $x$ $body$; SELECT $$a;b$$";
    const strings = tokenize(sql, pg).filter((t) => t.kind === 'string').map((t) => t.text);
    assert.deepEqual(strings, ["$body$ SELECT ';' $x$ $body$", '$$a;b$$']);
  });

  it('reads quoted identifiers per dialect and unescapes doubled quotes', () => {
    assert.deepEqual(
      tokenize('"My ""T""" x', pg).map((t) => t.value),
      ['My "T"', 'x'],
    );
    assert.deepEqual(kinds('`order` "str"', my), ['quoted:`order`', 'string:"str"']);
    const t = tokenize('[dbo].[My Table]', ms);
    assert.deepEqual(t.map((x) => x.kind + ':' + x.value), ['quoted:dbo', 'punct:undefined', 'quoted:My Table']);
  });

  it('nests block comments in PostgreSQL but not in MySQL', () => {
    assert.deepEqual(kinds('/* a /* b */ c */ x'), ['comment:/* a /* b */ c */', 'word:x']);
    assert.deepEqual(kinds('/* a /* b */ c', my), ['comment:/* a /* b */', 'word:c']);
  });

  it('knows MySQL # comments and that -- needs a following space there', () => {
    assert.deepEqual(kinds('a # note\nb', my), ['word:a', 'comment:# note', 'word:b']);
    assert.deepEqual(kinds('1--2', my), ['number:1', 'operator:-', 'operator:-', 'number:2']);
    assert.deepEqual(kinds('1 -- c\n2', my), ['number:1', 'comment:-- c', 'number:2']);
  });

  it('flags unterminated strings, identifiers and comments and runs them to the end', () => {
    for (const sql of ["SELECT 'abc", 'SELECT "abc', 'SELECT /* abc', 'SELECT $$ abc']) {
      const last = tokenize(sql, pg).at(-1)!;
      assert.equal(last.unterminated, true, sql);
      assert.equal(last.end, sql.length, sql);
    }
  });

  it('tells casts from named parameters and reads variables', () => {
    assert.deepEqual(kinds('x::int = :name'), ['word:x', 'operator:::', 'word:int', 'operator:=', 'param::name']);
    assert.deepEqual(kinds('@v = @@ROWCOUNT', ms), ['param:@v', 'operator:=', 'param:@@ROWCOUNT']);
    assert.deepEqual(kinds('SELECT * FROM #tmp', ms).at(-1), 'word:#tmp');
  });
});
