// Pathological SQL that froze the server (issue 13 §5): thousands of unbalanced or nested
// parentheses and derived tables. Completion, hover and scope must answer (the timings are in
// `npm run bench:pathological`), and nesting deeper than anyone writes must not overflow the stack.
import { strict as assert } from 'node:assert';
import { complete } from '../../server/src/engine/features/completion/complete';
import { hover } from '../../server/src/engine/features/hover/hover';
import { isSubqueryGroup } from '../../server/src/engine/sql/paren-groups';
import { tokenize } from '../../server/src/engine/sql/tokenizer';
import { chinook, indexOf } from '../helpers/fixtures';

const index = indexOf(chinook());
const labels = (text: string, offset: number) => complete(text, offset, index).items.map((i) => i.label);

describe('pathological SQL: unbalanced and deeply nested parentheses', () => {
  it('isSubqueryGroup answers for every `(` of a long run, including the innermost', () => {
    const tokens = tokenize('select ' + '('.repeat(1000) + 'select 1', index.dialect).filter((t) => t.kind !== 'comment');
    for (let i = 1; i <= 1000; i++) assert.equal(isSubqueryGroup(tokens, i), true, `( number ${i}`);
    const plain = tokenize('select ((a + b))', index.dialect);
    assert.equal(isSubqueryGroup(plain, 1), false);
  });

  it('100,000 unclosed `(` before `a.`: completion and hover answer', () => {
    const text = 'select ' + '('.repeat(100_000) + ' a. from artist a';
    assert.deepEqual(labels(text, text.indexOf('a.') + 2), []);
    assert.match(hover(text, text.length - 5, index)?.markdown ?? '', /artist/);
  });

  it('50,000 balanced `(` around `a.`: the alias still resolves', () => {
    const text = 'select ' + '('.repeat(50_000) + 'a.' + ')'.repeat(50_000) + ' from artist a';
    assert.deepEqual(labels(text, text.indexOf('a.') + 2).sort(), ['artist_id', 'name']);
  });

  it('5,000 nested derived tables: no stack overflow; the innermost alias resolves', () => {
    const n = 5000;
    const text = 'select * from ' + '(select * from '.repeat(n) + 'artist a where a.' + ') x'.repeat(n);
    const at = text.indexOf('a.') + 2;
    assert.deepEqual(labels(text, at).sort(), ['artist_id', 'name']);
    assert.match(hover(text, text.indexOf('artist') + 2, index)?.markdown ?? '', /artist/);
  });

  it('4,000 nested scalar subqueries: the innermost FROM is in scope', () => {
    const text = 'select ' + '(select '.repeat(4000) + 'a. from artist a' + ')'.repeat(4000);
    assert.deepEqual(labels(text, text.indexOf('a.') + 2).sort(), ['artist_id', 'name']);
  });
});
