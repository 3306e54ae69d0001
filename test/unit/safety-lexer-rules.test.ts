// Each lexer follows exactly its server's whitespace and comment rules (issue 12 item 3), as probed on
// MariaDB 10.11 and PostgreSQL 15: after `--`, MariaDB needs an ASCII space or control character;
// U+00A0, U+3000 and U+FEFF are name characters on both servers; PostgreSQL ends a `--` comment at a
// carriage return, MariaDB only at a newline.
import assert from 'node:assert/strict';
import { scanSql } from '../../server/src/engine/safety/lexer';
import { splitScript } from '../../server/src/engine/sql/script-splitter';

const words = (sql: string, dialect: 'mysql' | 'postgres') => scanSql(sql, dialect).tokens.map((t) => t.text);

describe('safety lexer: the server’s own whitespace and comment rules', () => {
  for (const space of ['\u00a0', '\u3000', '\ufeff', '\u2028', '\u0085']) {
    it(`MariaDB: "--" followed by U+${space.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not a comment, and the character is part of a name`, () => {
      const tokens = words(`select 1 --${space}, load_file('x')`, 'mysql');
      assert.ok(tokens.includes('load_file'), tokens.join(' '));
      assert.ok(tokens.includes(space), tokens.join(' '));
    });
  }

  it('MariaDB: "--" followed by a tab, a control character or DEL is a comment to the newline only', () => {
    for (const c of ['\t', '\x01', '\x7f', ' ']) assert.deepEqual(words(`select 1 --${c}x, sleep(1)\n, 2`, 'mysql'), ['select', '1', ',', '2']);
    assert.deepEqual(words('select 1 -- x\r, sleep(1)\n, 2', 'mysql'), ['select', '1', ',', '2']);
    assert.deepEqual(words('select 1 # x\r, sleep(1)\n, 2', 'mysql'), ['select', '1', ',', '2']);
  });

  it('PostgreSQL: a "--" comment ends at a carriage return; U+00A0 belongs to a name', () => {
    assert.deepEqual(words('select 1 --x\r, pg_sleep(1)', 'postgres'), ['select', '1', ',', 'pg_sleep', '(', '1', ')']);
    assert.deepEqual(words('select a\u00a0b', 'postgres'), ['select', 'a\u00a0b']);
  });

  it('the editor’s script splitter agrees with the server on MariaDB "--"', () => {
    // With U+00A0 after "--" there is no comment, so the ';' ends the first statement.
    assert.equal(splitScript('select 1 --\u00a0; select 2', 'mysql').statements.length, 2);
    assert.equal(splitScript('select 1 -- ; select 2', 'mysql').statements.length, 1);
  });
});
