// NL→SQL benchmarks, in three parts:
// 1. The offline translator on the question set (test/fixtures/nl2sql/*.json): answered / right /
//    wrong per dataset, gold and generated SQL executed on live databases (scratch copies in the
//    local PostgreSQL, the sample in PGlite). Skipped with --no-answers.
// 2. Time per question on a generated 50,000-table snapshot (issue 13.5), first question (builds the
//    per-schema indexes) and the following ones. --tables=N for another size.
// 3. Schema-linking recall on the text-to-SQL benchmarks: for each question, are all the tables its
//    gold SQL reads in the context that linking selects at a 1k / 2k / 4k-token budget? Spider dev
//    (dev.json + tables.json) and BIRD mini-dev (mini_dev_postgresql.json + mini_dev_sqlite_tables.json).
//    BIRD questions are linked with their "evidence" hint appended, as BIRD intends. Skipped with --no-recall.
// Run: npm run bench:nl2sql [-- --no-descriptions --verbose --no-answers --no-recall --tables=N]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectSchema } from '../server/src/engine/nl2sql/linking/link-schema';
import { emptyModel, type SchemaModel } from '../server/src/engine/schema/model';
import { SchemaIndex } from '../server/src/engine/schema/schema-index';
import { DATASETS, modelFromTablesJson, readTablesJson, type TablesJsonEntry } from '../test/helpers/spider-models';

export interface BenchQuestion {
  db: string;
  question: string;
  sql: string;
}

export const BUDGETS = [1000, 2000, 4000] as const;

/**
 * A benchmark schema as a SchemaModel. With `descriptions`, the natural-language column names of
 * tables.json ("client segment" for Segment) become column comments: metadata a real catalog
 * would hold as comments.
 */
export function benchModel(entry: TablesJsonEntry & { column_names?: [number, string][] }, descriptions: boolean): SchemaModel {
  const model = modelFromTablesJson(entry, 'postgres');
  if (!descriptions || !entry.column_names) return model;
  entry.column_names.forEach(([ti, text], k) => {
    if (ti < 0) return;
    const original = entry.column_names_original[k]![1];
    const table = model.tables[ti]!;
    const col = table.columns.find((c) => c.name.toLowerCase() === original.toLowerCase());
    if (col && text.replace(/[\s_]/g, '').toLowerCase() !== original.replace(/[\s_]/g, '').toLowerCase()) col.comment = text;
  });
  return model;
}

/** Table names after FROM / JOIN in gold SQL, lower case (CTE names included; resolve them later). */
export function goldTableNames(sql: string): Set<string> {
  const out = new Set<string>();
  const ident = String.raw`(?:"[^"]+"|\x60[^\x60]+\x60|\[[^\]]+\]|[\w$]+)`;
  for (const m of sql.matchAll(new RegExp(String.raw`\b(?:FROM|JOIN)\s+(${ident}(?:\s*\.\s*${ident})?)`, 'gi'))) {
    out.add(m[1]!.split('.').pop()!.trim().replace(/^["\x60[]|["\x60\]]$/g, '').toLowerCase());
  }
  return out;
}

export interface RecallItem {
  index: SchemaIndex;
  question: string;
  /** Gold tables as "schema.table" keys (lower case). */
  gold: Set<string>;
}

export interface RecallRow {
  dataset: string;
  questions: number;
  budget: number;
  recall: number;
  /** Average share of the schema's tables that the context holds. */
  tableShare: number;
  avgTokens: number;
}

const key = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`.toLowerCase();

/** One recall item per question whose gold SQL names at least one table of its schema. */
export function recallItems(questions: BenchQuestion[], indexFor: (db: string) => SchemaIndex | undefined, schemaFor: (db: string) => string): RecallItem[] {
  const items: RecallItem[] = [];
  for (const q of questions) {
    const index = indexFor(q.db);
    if (!index) continue;
    const schema = schemaFor(q.db).toLowerCase();
    const known = new Set(index.model.tables.map(key));
    const gold = new Set([...goldTableNames(q.sql)].map((n) => `${schema}.${n}`).filter((k) => known.has(k)));
    if (gold.size > 0) items.push({ index, question: q.question, gold });
  }
  return items;
}

export function measureRecall(dataset: string, items: RecallItem[], budgets: readonly number[] = BUDGETS): RecallRow[] {
  return budgets.map((budget) => {
    let hits = 0;
    let share = 0;
    let tokens = 0;
    for (const it of items) {
      const linked = selectSchema(it.index, it.question, { budgetTokens: budget });
      const picked = new Set(linked.tables.map((t) => key(t.table)));
      if ([...it.gold].every((g) => picked.has(g))) hits++;
      share += linked.tables.length / it.index.model.tables.length;
      tokens += linked.tokens;
    }
    const n = Math.max(1, items.length);
    return { dataset, questions: items.length, budget, recall: hits / n, tableShare: share / n, avgTokens: tokens / n };
  });
}

/**
 * Every database of a tables.json file in one schema-per-database model: a large catalog where
 * the other databases' tables are distractors, so the budget has to choose.
 */
export function pooledModel(models: Map<string, SchemaModel>): SchemaModel {
  const pool = emptyModel('postgres', 'pool', []);
  for (const [db, m] of models) {
    pool.schemas.push({ name: db });
    for (const t of m.tables) pool.tables.push({ ...t, schema: db, foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, refSchema: db })) });
  }
  return pool;
}

export function spiderQuestions(): BenchQuestion[] {
  const dev = JSON.parse(readFileSync(join(DATASETS, 'spider', 'dev.json'), 'utf8')) as { db_id: string; question: string; query: string }[];
  return dev.map((d) => ({ db: d.db_id, question: d.question, sql: d.query }));
}

export function birdQuestions(): BenchQuestion[] {
  const dev = JSON.parse(readFileSync(join(DATASETS, 'bird-minidev', 'mini_dev_postgresql.json'), 'utf8')) as { db_id: string; question: string; evidence?: string; SQL: string }[];
  return dev.map((d) => ({ db: d.db_id, question: `${d.question} ${d.evidence ?? ''}`.trim(), sql: d.SQL }));
}

export function benchModels(file: 'spider' | 'bird', descriptions: boolean): Map<string, SchemaModel> {
  const path = file === 'spider' ? join(DATASETS, 'spider', 'tables.json') : join(DATASETS, 'bird-minidev', 'mini_dev_sqlite_tables.json');
  return new Map(readTablesJson(path).map((e) => [e.db_id, benchModel(e, descriptions)]));
}

/** Seconds per question on a generated snapshot of `tables` tables, through the whole ask pipeline. */
async function benchLargeSchema(tables: number): Promise<void> {
  const { largeSchema } = await import('../test/helpers/large-schema');
  const { askDatabase, OfflineProvider } = await import('../server/src/engine/nl2sql');
  const { nl2sqlWork } = await import('../server/src/engine/nl2sql/work-counters');
  let t0 = performance.now();
  const index = new SchemaIndex(largeSchema(tables));
  const indexMs = performance.now() - t0;
  const questions = [
    'how many rows in customer_00010',
    'what is the total amount of customer_00010',
    'top 5 order_00011 by amount',
    'list the name of product_00012',
    'how many invoice_00013 have an amount greater than 10',
    'what is the average amount per status',
  ];
  console.log(`NL→SQL on a generated ${tables.toLocaleString('en')}-table snapshot (SchemaIndex built in ${indexMs.toFixed(0)} ms):`);
  console.log('');
  console.log('| # | question | ms (wall) | ms (CPU) | tables scored | tables rendered | path searches | answer |');
  console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  const times: number[] = [];
  for (const [i, question] of questions.entries()) {
    const before = { ...nl2sqlWork };
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await askDatabase({ question, schema: index, provider: new OfflineProvider() });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    times.push(ms);
    const answer = r.status === 'ok' ? r.sql.replace(/\s+/g, ' ').slice(0, 60) : r.message.slice(0, 60);
    console.log(`| ${i + 1} | ${question} | ${ms.toFixed(0)} | ${cpuMs.toFixed(0)} | ${nl2sqlWork.tablesScored - before.tablesScored} | ${nl2sqlWork.tablesRendered - before.tablesRendered} | ${nl2sqlWork.pathSearches - before.pathSearches} | ${answer.replace(/\|/g, '\\|')} |`);
  }
  const later = times.slice(1);
  console.log(`\nfirst question ${times[0]!.toFixed(0)} ms (builds the word index and lexicon once), then ${(later.reduce((a, b) => a + b, 0) / later.length).toFixed(0)} ms per question on average.\n`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (!args.includes('--no-answers')) {
    const { benchAnswers, printAnswers } = await import('./bench-nl2sql-answers');
    const { dropQuestionDatabases } = await import('../test/helpers/nl2sql-questions');
    try {
      printAnswers(await benchAnswers(args.includes('--verbose')));
    } finally {
      await dropQuestionDatabases();
    }
    console.log('');
  }
  await benchLargeSchema(Number(args.find((a) => a.startsWith('--tables='))?.slice(9) ?? 50_000));
  if (!args.includes('--no-recall')) recallMain();
}

function recallMain(): void {
  const descriptions = !process.argv.includes('--no-descriptions');
  const started = performance.now();
  const rows: RecallRow[] = [];
  for (const [label, file, questions] of [['spider dev', 'spider', spiderQuestions()], ['bird mini-dev', 'bird', birdQuestions()]] as const) {
    const models = benchModels(file, descriptions);
    const own = new Map([...models].map(([db, m]) => [db, new SchemaIndex(m)]));
    rows.push(...measureRecall(`${label}, own database`, recallItems(questions, (db) => own.get(db), () => 'public')));
    const pool = new SchemaIndex(pooledModel(models));
    rows.push(...measureRecall(`${label}, all ${models.size} databases pooled (${pool.model.tables.length} tables)`, recallItems(questions, () => pool, (db) => db)));
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`Schema-linking recall: share of questions whose gold tables are all in the selected context.`);
  console.log(`Tokens estimated as characters / 4. Column descriptions ${descriptions ? 'used as comments' : 'left out (--no-descriptions)'}.`);
  console.log('');
  console.log('| dataset | questions | budget | recall | tables in context | avg context tokens |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.dataset} | ${r.questions} | ${r.budget} | ${pct(r.recall)} | ${pct(r.tableShare)} | ${Math.round(r.avgTokens)} |`);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

if (require.main === module) void main();
