// The pure building blocks of the sample data generator (no database): seeded randomness, SQL
// literals and INSERT batching, calendar arithmetic. The loaded result is tested in
// sample-database.test.ts.
import { strict as assert } from 'node:assert';
import { generateSampleTables } from '../../server/src/engine/sample';
import { Random } from '../../server/src/engine/sample/random';
import { insertStatements, literal, money } from '../../server/src/engine/sample/sql-values';
import { addMonths, date, timestamp } from '../../server/src/engine/sample/time';

describe('sample data generator', () => {
  describe('Random', () => {
    it('repeats the same sequence for the same seed and differs for another seed', () => {
      const draw = (seed: number) => { const r = new Random(seed); return Array.from({ length: 5 }, () => r.next()); };
      assert.deepEqual(draw(42), draw(42));
      assert.notDeepEqual(draw(42), draw(43));
      for (const x of draw(7)) assert.ok(x >= 0 && x < 1);
    });

    it('draws integers within inclusive bounds, reaching both ends', () => {
      const r = new Random(1);
      const seen = new Set(Array.from({ length: 500 }, () => r.int(3, 6)));
      assert.deepEqual([...seen].sort(), [3, 4, 5, 6]);
    });

    it('samples distinct items and never more than the list holds', () => {
      const r = new Random(9);
      const picked = r.sample([1, 2, 3, 4, 5], 3);
      assert.equal(new Set(picked).size, 3);
      assert.equal(r.sample([1, 2], 5).length, 2);
      assert.throws(() => r.pick([]), /empty list/);
    });
  });

  describe('SQL values', () => {
    it('quotes strings (doubling single quotes), JSON, booleans and NULL', () => {
      assert.equal(literal("O'Brien"), "'O''Brien'");
      assert.equal(literal({ json: { note: "it's" } }), `'{"note":"it''s"}'`);
      assert.equal(literal(true), 'true');
      assert.equal(literal(null), 'NULL');
      assert.equal(literal(-12), '-12');
      assert.throws(() => literal(Number.NaN), /non-finite/);
    });

    it('formats integer cents as exact numeric text', () => {
      assert.equal(money(123456), '1234.56');
      assert.equal(money(5), '0.05');
      assert.equal(money(-250), '-2.50');
      assert.throws(() => money(1.5), /integer/);
    });

    it('batches rows into INSERTs of at most 1000 rows and rejects a row of the wrong width', () => {
      const rows = Array.from({ length: 2500 }, (_, i) => [i, `n${i}`]);
      const statements = insertStatements({ table: 'crm.tags', columns: ['tag_id', 'name'], rows });
      assert.equal(statements.length, 3);
      assert.match(statements[0]!, /^INSERT INTO crm\.tags \(tag_id, name\) VALUES\n\(0, 'n0'\),/);
      assert.ok(statements[2]!.endsWith("(2499, 'n2499');"));
      assert.throws(() => insertStatements({ table: 't', columns: ['a', 'b'], rows: [[1]] }), /t row has 1 values for 2 columns/);
    });
  });

  describe('calendar', () => {
    it('formats UTC dates and timestamps and clamps month arithmetic like PostgreSQL', () => {
      const jan31 = Date.UTC(2024, 0, 31, 9, 5, 7);
      assert.equal(timestamp(jan31), '2024-01-31 09:05:07+00');
      assert.equal(date(addMonths(jan31, 1)), '2024-02-29');
      assert.equal(date(addMonths(jan31, 3)), '2024-04-30');
    });
  });

  it('produces every table once, parents before children, with the same rows for the same seed', () => {
    const a = generateSampleTables();
    const names = a.map((t) => t.table);
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.indexOf('crm.customers') < names.indexOf('crm.accounts'));
    assert.ok(names.indexOf('sales.order_lines') < names.indexOf('sales.returns'));
    assert.ok(names.indexOf('billing.subscriptions') < names.indexOf('billing.invoices'));
    assert.deepEqual(generateSampleTables().map((t) => t.rows), a.map((t) => t.rows));
    assert.notDeepEqual(generateSampleTables(1).find((t) => t.table === 'crm.customers')!.rows, a.find((t) => t.table === 'crm.customers')!.rows);
  });
});
