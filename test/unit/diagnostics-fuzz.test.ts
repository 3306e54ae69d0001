// Seeded fuzzing in the suite: random edits of real gold queries, garbage, NUL bytes, huge lines and
// a statement over 1 MB. The engine never throws, answers within a bound, and keeps every range
// inside the text. (scripts/fuzz-diagnostics.ts runs the same for longer.)
import { strict as assert } from 'node:assert';
import { bigInputs, checkOne, fuzz, fuzzContext, type FuzzContext } from '../../scripts/fuzz-diagnostics';

describe('diagnostics fuzz (seeded)', function () {
  this.timeout(60_000);
  let ctx: FuzzContext;
  before(async () => {
    ctx = await fuzzContext();
  });

  it('survives 250 random edits and garbage inputs across the three dialects (seed 42)', () => {
    const failures = fuzz(ctx, 250, 42, 2000);
    assert.deepEqual(failures, []);
  });

  it('answers on a >1 MB statement, a 200k-char line and NUL bytes within 5 s each', () => {
    const inputs = bigInputs(ctx.gold.postgres[0].sql);
    assert.ok(inputs[0].length > 1_000_000);
    for (const input of inputs) {
      for (const dialect of ['postgres', 'mysql', 'mssql'] as const) {
        const schema = dialect === 'mssql' ? undefined : ctx.schemas[dialect].get('debit_card_specializing');
        assert.equal(checkOne(ctx, input, dialect, schema, 5000), undefined, `${dialect} ${input.length} chars`);
      }
    }
  });

  it('stays silent on expressions too deeply nested to parse (1+1+… with 3,000 and 30,000 terms)', () => {
    for (const terms of [3_000, 30_000]) {
      const text = `select ${Array.from({ length: terms }, () => '1').join('+')}`;
      for (const dialect of ['postgres', 'mysql', 'mssql'] as const) {
        // A stack overflow in the parser used to surface as a "Maximum call stack size exceeded" syntax error.
        assert.deepEqual(ctx.engine.diagnose({ text, dialect }), [], `${dialect} ${terms} terms`);
      }
    }
  });

  it('still reports the real error of a fuzzed statement next to a clean one', () => {
    const text = `${ctx.gold.postgres[0].sql};\nSELECT FROM WHERE;`;
    const ds = ctx.engine.diagnose({ text, dialect: 'postgres', schema: ctx.schemas.postgres.get(ctx.gold.postgres[0].db) });
    assert.deepEqual(ds.map((d) => [d.code, text.slice(d.range.start, d.range.end)]), [['syntax', 'WHERE']]);
  });
});
