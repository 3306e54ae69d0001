// The offline translator on the question set (test/fixtures/nl2sql/*.json): answered / right / wrong
// per dataset, generated and gold SQL both executed on live databases (scratch copies in the local
// PostgreSQL, the sample in PGlite). Part of `npm run bench:nl2sql`; `--verbose` lists each question.
import { askOffline, dropQuestionDatabases, judgeQuestion, openQuestionDatabase, QUESTION_DATASETS, readDeclines, readQuestions, type Verdict } from '../test/helpers/nl2sql-questions';

export interface AnswerRow {
  dataset: string;
  questions: number;
  answered: number;
  right: number;
  wrong: number;
  msPerQuestion: number;
  /** Out-of-reach questions (declines.json) and how many of them were declined. */
  mustDecline: number;
  declinedOk: number;
}

export async function benchAnswers(verbose: boolean, only?: string): Promise<AnswerRow[]> {
  const rows: AnswerRow[] = [];
  for (const dataset of QUESTION_DATASETS) {
    if (only && dataset !== only) continue;
    const live = await openQuestionDatabase(dataset);
    try {
      const questions = readQuestions(dataset);
      const row: AnswerRow = { dataset, questions: questions.length, answered: 0, right: 0, wrong: 0, msPerQuestion: 0, mustDecline: 0, declinedOk: 0 };
      const started = performance.now();
      for (const q of questions) {
        const v: Verdict = await judgeQuestion(live, q);
        if (v.kind !== 'declined') row.answered++;
        if (v.kind === 'right') row.right++;
        if (v.kind === 'wrong') row.wrong++;
        if (verbose || v.kind === 'wrong') {
          const detail = v.kind === 'declined' ? v.message : v.kind === 'wrong' ? `${v.detail}\n${v.sql}` : v.sql.replace(/\s+/g, ' ');
          console.log(`[${dataset}] ${v.kind.toUpperCase()}: ${q.q}\n    ${detail.replace(/\n/g, '\n    ')}`);
        }
      }
      row.msPerQuestion = (performance.now() - started) / Math.max(1, questions.length);
      for (const d of readDeclines(dataset)) {
        row.mustDecline++;
        const r = await askOffline(live, d.q);
        if (r.declined) row.declinedOk++;
        else console.log(`[${dataset}] ANSWERED, SHOULD DECLINE: ${d.q} (${d.why})\n    ${r.sql.replace(/\n/g, '\n    ')}`);
      }
      rows.push(row);
    } finally {
      await live.driver.close();
    }
  }
  return rows;
}

export function printAnswers(rows: AnswerRow[]): void {
  const total = rows.reduce(
    (t, r) => ({ ...t, questions: t.questions + r.questions, answered: t.answered + r.answered, right: t.right + r.right, wrong: t.wrong + r.wrong, mustDecline: t.mustDecline + r.mustDecline, declinedOk: t.declinedOk + r.declinedOk }),
    { dataset: 'total', questions: 0, answered: 0, right: 0, wrong: 0, msPerQuestion: 0, mustDecline: 0, declinedOk: 0 },
  );
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  console.log('Offline NL→SQL on the question set (gold SQL and generated SQL executed, result sets compared):');
  console.log('');
  console.log('| dataset | questions | answered | right | wrong | answered % | out of reach: declined | ms / question (incl. execution) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of [...rows, total]) console.log(`| ${r.dataset} | ${r.questions} | ${r.answered} | ${r.right} | ${r.wrong} | ${pct(r.answered, r.questions)} | ${r.declinedOk} / ${r.mustDecline} | ${r.dataset === 'total' ? '' : r.msPerQuestion.toFixed(1)} |`);
}

if (require.main === module) {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  void benchAnswers(process.argv.includes('--verbose'), only)
    .then(printAnswers)
    .finally(() => (process.argv.includes('--keep') ? undefined : dropQuestionDatabases()));
}
