// The offline translator on the whole question set (test/fixtures/nl2sql/*.json: chinook, sakila,
// northwind on the local PostgreSQL, the sample "acme" in PGlite). Each question is answered through
// askDatabase, and the generated SQL and the gold SQL are executed and their result sets compared.
// The contract: never a wrong answer (declining is allowed), and most questions answered.
// `npm run bench:nl2sql` prints the same figures per dataset.
import { strict as assert } from 'node:assert';
import { askOffline, dropQuestionDatabases, judgeQuestion, openQuestionDatabase, QUESTION_DATASETS, readDeclines, readQuestions, type LiveDatabase } from '../helpers/nl2sql-questions';
import { requirePostgres } from '../helpers/services';

/** Share of each dataset's questions that must be answered (measured: 86–94 %; target ≥ 75 %). */
const ANSWERED_FLOOR = 0.8;

describe('nl2sql offline translator on the question set (gold SQL executed)', function () {
  this.timeout(180_000);

  before(async function () {
    await requirePostgres(this);
  });
  after(async () => {
    await dropQuestionDatabases();
  });

  it('has at least 150 questions over chinook, sakila, northwind and the sample, including the 23 Chinook examples of issue 13', () => {
    const total = QUESTION_DATASETS.reduce((n, d) => n + readQuestions(d).length, 0);
    assert.ok(total >= 150, `${total} questions`);
    const chinook = readQuestions('chinook').map((q) => q.q);
    for (const q of ['What is the total of all invoices?', "List the tracks of the album 'Let There Be Rock'", 'How many tracks are longer than 5 minutes?', "List the albums whose title contains 'Greatest'", 'List the email of customers from Canada', 'total invoice amount per billing country', 'customers who have no invoices', 'which employee supports the most customers', 'average track length in minutes per genre']) {
      assert.ok(chinook.includes(q), `missing: ${q}`);
    }
  });

  for (const dataset of QUESTION_DATASETS) {
    it(`answers ${dataset} questions right or declines, never wrongly, answers at least ${ANSWERED_FLOOR * 100}%, and declines the listed out-of-reach questions`, async () => {
      let live: LiveDatabase | undefined;
      try {
        live = await openQuestionDatabase(dataset);
        const questions = readQuestions(dataset);
        const wrong: string[] = [];
        let answered = 0;
        for (const q of questions) {
          const v = await judgeQuestion(live, q);
          if (v.kind !== 'declined') answered++;
          if (v.kind === 'wrong') wrong.push(`${q.q}\n  ${v.detail}\n  ${v.sql.replace(/\n/g, '\n  ')}`);
        }
        assert.deepEqual(wrong, [], `wrong answers on ${dataset}`);
        assert.ok(answered / questions.length >= ANSWERED_FLOOR, `${dataset}: answered ${answered} of ${questions.length}`);
        // Questions just outside its reach, where an answer would be wrong: declined.
        const answeredInstead: string[] = [];
        for (const d of readDeclines(dataset)) {
          const r = await askOffline(live, d.q);
          if (!r.declined) answeredInstead.push(`${d.q} (${d.why})\n  ${r.sql.replace(/\n/g, '\n  ')}`);
        }
        assert.deepEqual(answeredInstead, [], `answered questions it must decline on ${dataset}`);
      } finally {
        await live?.driver.close();
      }
    });
  }
});
