// The offline "Explain this SQL" (structural, from the parser), the offline rewrite's fix
// application, and the `-- question` line recogniser of the "Generate SQL" code action.
import { strict as assert } from 'node:assert';
import { describeSql } from '../../server/src/engine/nl2sql/explain/describe-statement';
import { applyFixes } from '../../server/src/engine/nl2sql/explain/optimize-sql';
import { questionOfLine } from '../../server/src/lsp/question-comment';
import { chinook, indexOf, shopModel } from '../helpers/fixtures';

describe('structural SQL explanation (offline)', () => {
  const chinookIndex = indexOf(chinook());

  it('describes CTEs, USING joins, aggregates and paging in plain words', () => {
    const md = describeSql('WITH x AS (SELECT artist_id, count(*) c FROM album GROUP BY artist_id) SELECT a.name, x.c FROM artist a LEFT JOIN x USING (artist_id) ORDER BY x.c DESC, a.name LIMIT 5 OFFSET 10', chinookIndex);
    assert.match(md, /\*\*First defines `x`\*\* \(a common table expression\):\n\n> \*\*Reads\*\* `album`\./);
    assert.match(md, /> \*\*Groups\*\* rows by `artist_id`/);
    assert.match(md, /- `x`, matched on equal `artist_id` \(left join: keeps every row on the left/);
    assert.match(md, /\*\*Sorts\*\* by `x\.c` descending, then `a\.name` ascending\./);
    assert.match(md, /\*\*Returns at most\*\* 5 rows, skipping the first 10\./);
  });

  it('spells out what a write changes, loudly when there is no WHERE', () => {
    assert.match(describeSql('UPDATE track SET unit_price = 0.99 WHERE genre_id = 2', chinookIndex), /\*\*Changes data\*\*: updates `track`, setting `unit_price` to `0\.99`\.\n\n\*\*Only rows\*\* where `genre_id = 2`\./);
    assert.match(describeSql('DELETE FROM invoice_line', chinookIndex), /\*\*Every row\*\* of the table is deleted \(there is no WHERE clause\)/);
  });

  it('names schemas off the search path and quotes table comments', () => {
    const md = describeSql('SELECT * FROM sales.invoices i JOIN customers c ON c.id = i.customer_id', indexOf(shopModel()));
    assert.match(md, /`sales\.invoices` \(as `i`\)/);
    assert.match(md, /`customers` \(as `c`\), matched on `c\.id = i\.customer_id` \(inner join[^)]*\) — _People who buy things_/);
  });

  it('says when it cannot parse, instead of guessing', () => {
    assert.match(describeSql('SELEC name FROM artist', chinookIndex), /could not parse completely[\s\S]*It names the tables `public\.artist`/);
  });
});

describe('offline rewrite: applying quick fixes', () => {
  it('applies non-overlapping fixes right to left and skips overlapping ones', () => {
    const d = (start: number, end: number, newText: string) => ({ range: { start, end }, severity: 'warning' as const, code: 'x', message: 'm', source: 'schemawise' as const, fix: { title: newText, edits: [{ start, end, newText }] } });
    const r = applyFixes('abcdef', [d(0, 1, 'A'), d(4, 6, 'EF'), d(0, 2, 'zz')]);
    assert.equal(r.text, 'AbcdEF');
    assert.deepEqual(r.applied.map((x) => x.fix!.title), ['A', 'EF']);
  });
});

describe('"Generate SQL" question lines', () => {
  it('accepts question comments and rejects directives, commented-out SQL and noise', () => {
    assert.equal(questionOfLine('-- how many customers are there?'), 'how many customers are there?');
    assert.equal(questionOfLine('   --Q: top 5 albums by tracks'), 'top 5 albums by tracks');
    assert.equal(questionOfLine('-- schemawise: dialect=mysql'), undefined);
    assert.equal(questionOfLine('-- schemawise-disable-next-line select-star'), undefined);
    assert.equal(questionOfLine('-- select * from album;'), undefined);
    assert.equal(questionOfLine('-- TODO'), undefined);
    assert.equal(questionOfLine('SELECT 1 -- how many'), undefined);
  });
});
