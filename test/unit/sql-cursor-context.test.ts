import { strict as assert } from 'node:assert';
import { cursorContext, type CursorContext } from '../../server/src/engine/sql/cursor-context';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { statementAt } from '../../server/src/engine/sql/statement-splitter';
import { cursor } from '../helpers/fixtures';

const pg = getDialect('postgres');

function at(marked: string): CursorContext {
  const { text, offset } = cursor(marked);
  return cursorContext(statementAt(text, offset, pg).tokens, offset, pg);
}

describe('sql cursor context', () => {
  const cases: [string, string][] = [
    ['|', 'keyword'],
    ['SEL|', 'keyword'],
    ['SELECT * FROM |', 'table'],
    ['SELECT * FROM cu|', 'table'],
    ['SELECT * FROM a, |', 'table'],
    ['SELECT * FROM a JOIN |', 'table'],
    ['INSERT INTO |', 'table'],
    ['UPDATE |', 'table'],
    ['DELETE FROM |', 'table'],
    ['SELECT * FROM sales.|', 'table'],
    ['SELECT * FROM t AS |', 'alias'],
    ['SELECT * FROM t |', 'alias'],
    ['SELECT * FROM t x|', 'alias'],
    ['SELECT * FROM a, s.t |', 'alias'],
    ['SELECT * FROM t c |', 'keyword'],
    ['SELECT |', 'column'],
    ['SELECT | FROM t', 'column'],
    ['SELECT a, b| FROM t', 'column'],
    ['SELECT * FROM t WHERE |', 'column'],
    ['SELECT * FROM t WHERE a IS DISTINCT FROM |', 'column'],
    ['SELECT * FROM a JOIN b ON |', 'column'],
    ['SELECT * FROM a JOIN b ON a.|', 'column'],
    ['SELECT count(|) FROM t', 'column'],
    ['SELECT * FROM t WHERE id IN (|', 'column'],
    ['SELECT * FROM t ORDER BY |', 'column'],
    ['UPDATE t SET |', 'column'],
    ['INSERT INTO t (|', 'insert-column'],
    ['INSERT INTO s.t (a, |) VALUES (1)', 'insert-column'],
    ["SELECT 'abc|'", 'none'],
    ['SELECT 1 -- note |', 'none'],
    ['SELECT /* x | */ 1', 'none'],
    ['SELECT 12|', 'none'],
  ];
  for (const [sql, expected] of cases) {
    it(`${JSON.stringify(sql)} is a ${expected} position`, () => assert.equal(at(sql).position, expected));
  }

  it('returns the typed prefix, its replace range and the dotted qualifier', () => {
    const c = at('SELECT x.y.na|me FROM t');
    assert.equal(c.prefix, 'na');
    assert.deepEqual([c.replaceStart, c.replaceEnd], [11, 15]);
    assert.deepEqual(c.qualifier.map((t) => t.text), ['x', 'y']);
  });

  it('strips the opening quote of a quoted prefix', () => {
    const c = at('SELECT * FROM "Line|');
    assert.equal(c.prefix, 'Line');
    assert.equal(c.quoted, true);
    assert.equal(c.position, 'table');
  });

  it('names the INSERT target of a column list', () => {
    assert.deepEqual(at('INSERT INTO sales.invoices (|').insertTarget!.map((t) => t.text), ['sales', 'invoices']);
  });
});
