// Schema linking: the token budget holds, the tables a question names come first and are joined
// up along foreign keys, comments follow the setting, and recall on fixed benchmark subsets stays
// above a floor (scripts/bench-nl2sql.ts prints the full figures).
import { strict as assert } from 'node:assert';
import { benchModels, birdQuestions, measureRecall, pooledModel, recallItems, spiderQuestions } from '../../scripts/bench-nl2sql';
import { estimateTokens, selectSchema } from '../../server/src/engine/nl2sql';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { adventureWorksModel } from '../helpers/pg-ddl-model';

describe('nl2sql schema linking', function () {
  this.timeout(30000);
  const aw = new SchemaIndex(adventureWorksModel());

  it('keeps the rendered schema within the token budget on a 68-table schema (estimate: chars/4)', () => {
    for (const budget of [300, 1000, 2000, 4000]) {
      const linked = selectSchema(aw, 'Which sales person sold the most orders in each territory?', { budgetTokens: budget });
      assert.ok(linked.tokens <= budget, `${linked.tokens} > ${budget}`);
      assert.equal(linked.tokens, estimateTokens(linked.text));
      assert.equal(linked.tokenEstimate, 'chars/4');
      assert.ok(linked.tables.length > 0 && linked.omittedTables > 0);
    }
  });

  it('puts the tables a question names first and connects them along foreign keys', () => {
    const linked = selectSchema(aw, 'list the email addresses of each person', { budgetTokens: 400 });
    const names = linked.tables.map((t) => `${t.table.schema}.${t.table.name}`);
    assert.ok(names.includes('person.emailaddress'), names.join(', '));
    assert.ok(names.includes('person.person'), names.join(', '));
    assert.match(linked.text, /CREATE TABLE person\.emailaddress \(/);
    assert.match(linked.text, /businessentityid int(eger)? NOT NULL REFERENCES person\.person\(businessentityid\)/i);
  });

  it('renders comments unless told not to', () => {
    const q = 'list the email addresses of each person';
    const withComments = selectSchema(aw, q, { budgetTokens: 4000 });
    const without = selectSchema(aw, q, { budgetTokens: 4000, includeComments: false });
    assert.match(withComments.text, /-- .*[Ee]mail/);
    assert.doesNotMatch(without.text, /--(?! \d+ more column)/);
  });

  it('keeps recall of gold tables above the floor on a fixed Spider subset (876 pooled tables, 2k tokens)', () => {
    const pool = new SchemaIndex(pooledModel(benchModels('spider', true)));
    const items = recallItems(spiderQuestions().filter((_, i) => i % 5 === 0), () => pool, (db) => db);
    const [row] = measureRecall('spider', items, [2000]);
    assert.equal(row!.questions, 207);
    assert.ok(row!.recall >= 0.88, `recall ${row!.recall}`);
    assert.ok(row!.tableShare < 0.06, 'the budget forces a choice among the pooled tables');
  });

  it('keeps recall above the floor on a fixed BIRD mini-dev subset (75 pooled tables, 1k tokens)', () => {
    const pool = new SchemaIndex(pooledModel(benchModels('bird', true)));
    const items = recallItems(birdQuestions().filter((_, i) => i % 5 === 0), () => pool, (db) => db);
    const [row] = measureRecall('bird', items, [1000]);
    assert.equal(row!.questions, 100);
    assert.ok(row!.recall >= 0.9, `recall ${row!.recall}`);
  });
});
