// NL→SQL on a huge schema (issue 13: `ask` on a 50,000-table snapshot took 57 s). The schema is
// indexed once per SchemaIndex (word index for linking, lexicon for the offline translator), and
// each question only touches the tables that share a word with it, plus a bounded number of
// candidates while filling the token budget. Work is counted, not timed: timings are in
// `npm run bench:nl2sql`.
import { strict as assert } from 'node:assert';
import { askDatabase, OfflineProvider } from '../../server/src/engine/nl2sql';
import { MAX_MISSES } from '../../server/src/engine/nl2sql/linking/link-schema';
import { nl2sqlWork, resetNl2sqlWork } from '../../server/src/engine/nl2sql/work-counters';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { largeSchema } from '../helpers/large-schema';

const TABLES = 20_000;
const QUESTIONS = ['how many customers are there', 'what is the average amount per status', 'list the name of products', 'how many invoices have an amount greater than 10'];

describe('nl2sql on a 20,000-table snapshot: work bounded per question', function () {
  this.timeout(120_000);
  let index: SchemaIndex;
  const perQuestion: (typeof nl2sqlWork)[] = [];

  before(async () => {
    index = new SchemaIndex(largeSchema(TABLES));
    resetNl2sqlWork();
    for (const question of QUESTIONS) {
      const before = { ...nl2sqlWork };
      const r = await askDatabase({ question, schema: index, provider: new OfflineProvider() });
      assert.ok(r.status === 'ok' || r.kind === 'cannot-answer', JSON.stringify(r));
      perQuestion.push(Object.fromEntries(Object.entries(nl2sqlWork).map(([k, v]) => [k, v - before[k as keyof typeof before]])) as typeof nl2sqlWork);
    }
  });

  it('indexes the schema once for all questions (linking word index and translator lexicon)', () => {
    assert.equal(nl2sqlWork.wordIndexBuilds, 1);
    assert.equal(nl2sqlWork.lexiconBuilds, 1);
    assert.ok(perQuestion.slice(1).every((w) => w.wordIndexBuilds === 0 && w.lexiconBuilds === 0));
  });

  it('scores only the tables that share a word with the question (a tenth of the schema here), never all of them', () => {
    // Each business word names a tenth of the tables; every table has "amount", "name", "status".
    assert.ok(perQuestion[0]!.tablesScored <= TABLES / 10, `scored ${perQuestion[0]!.tablesScored}`);
    for (const w of perQuestion) assert.ok(w.tablesScored <= TABLES, `scored ${w.tablesScored}`);
  });

  it('renders and joins a bounded number of tables per question, whatever the size of the schema', () => {
    // The budget fits a few dozen tables; each loop gives up after MAX_MISSES misses in a row.
    const bound = 4 * MAX_MISSES + 200;
    for (const w of perQuestion) {
      assert.ok(w.tablesRendered <= bound, `rendered ${w.tablesRendered} > ${bound}`);
      assert.ok(w.pathSearches <= bound, `path searches ${w.pathSearches} > ${bound}`);
    }
  });
});
