// The offline NL→SQL question set (test/fixtures/nl2sql/*.json) run end to end: each question goes
// through askDatabase with the offline provider on a live database (scratch copies of chinook,
// sakila and northwind in the local PostgreSQL, the sample "acme" in PGlite), and the generated SQL
// and the gold SQL are both executed read-only; their result sets must be equal. Shared by
// test/integration/nl2sql-questions.test.ts and scripts/bench-nl2sql.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { createDriver } from '../../server/src/engine/drivers/registry';
import type { DatabaseDriver } from '../../server/src/engine/drivers/types';
import { askDatabase, explainWith, OfflineProvider, valueProbeWith } from '../../server/src/engine/nl2sql';
import { loadSampleDatabase } from '../../server/src/engine/sample';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { datasetPath, dropDatabase, loadPgDataset } from './datasets';
import { pgUrlFor } from './services';

export const QUESTION_DATASETS = ['chinook', 'sakila', 'northwind', 'acme'] as const;
export type QuestionDataset = (typeof QUESTION_DATASETS)[number];

export interface GoldQuestion {
  q: string;
  /** Hand-written SQL whose result set an answer must reproduce. */
  gold: string;
}

export function readQuestions(dataset: QuestionDataset): GoldQuestion[] {
  const file = path.resolve(__dirname, '../fixtures/nl2sql', `${dataset}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as GoldQuestion[];
}

/** Questions the offline translator must decline (answering them would be wrong or a guess). */
export interface DeclineQuestion {
  dataset: QuestionDataset;
  q: string;
  why: string;
}

export function readDeclines(dataset: QuestionDataset): DeclineQuestion[] {
  const file = path.resolve(__dirname, '../fixtures/nl2sql/declines.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as DeclineQuestion[]).filter((d) => d.dataset === dataset);
}

/** Asks without judging: declined or the SQL it answered with. */
export async function askOffline(live: LiveDatabase, question: string): Promise<{ declined: true; message: string } | { declined: false; sql: string }> {
  const query = live.driver.queryReadOnly.bind(live.driver);
  const r = await askDatabase({ question, schema: live.index, provider: new OfflineProvider(), valueProbe: valueProbeWith(query, live.index.model.dialect) });
  return r.status === 'ok' ? { declined: false, sql: r.sql } : { declined: true, message: r.message };
}

export interface LiveDatabase {
  dataset: QuestionDataset;
  driver: DatabaseDriver;
  index: SchemaIndex;
}

const SCRATCH: Record<Exclude<QuestionDataset, 'acme'>, string> = { chinook: 'sw_nl_q_chinook', sakila: 'sw_nl_q_sakila', northwind: 'sw_nl_q_northwind' };

/** Loads (or reuses, within one run) the scratch database of a dataset and connects read-only. */
export async function openQuestionDatabase(dataset: QuestionDataset): Promise<LiveDatabase> {
  let driver: DatabaseDriver;
  if (dataset === 'acme') {
    // The sample through the driver's seed hook (the driver's own lazy import of the sample module
    // is for the bundle; mocha's ESM loader cannot resolve it from the sources).
    driver = new PgliteDriver({ ...parseConnectionUrl('pglite:sample'), sample: false }, { seed: (exec) => loadSampleDatabase(exec) });
  } else {
    const db = SCRATCH[dataset];
    if (dataset === 'sakila') await loadSakilaWithData(db);
    else await loadPgDataset(dataset, db);
    driver = createDriver(parseConnectionUrl(pgUrlFor(db)));
  }
  await driver.connect();
  return { dataset, driver, index: new SchemaIndex(await driver.introspect()) };
}

export async function dropQuestionDatabases(): Promise<void> {
  for (const db of Object.values(SCRATCH)) await dropDatabase(db);
}

export type Verdict = { kind: 'right'; sql: string } | { kind: 'wrong'; sql: string; detail: string } | { kind: 'declined'; message: string };

/** Asks the offline translator and compares what its SQL returns with what the gold SQL returns. */
export async function judgeQuestion(live: LiveDatabase, q: GoldQuestion): Promise<Verdict> {
  const query = live.driver.queryReadOnly.bind(live.driver);
  const dialect = live.index.model.dialect;
  const r = await askDatabase({ question: q.q, schema: live.index, provider: new OfflineProvider(), explain: explainWith(query), valueProbe: valueProbeWith(query, dialect) });
  if (r.status !== 'ok') return { kind: 'declined', message: r.message };
  const body = stripQuestionComment(r.sql);
  let got: unknown[][];
  try {
    got = (await live.driver.queryReadOnly(body, { maxRows: 20000 })).rows;
  } catch (e) {
    return { kind: 'wrong', sql: r.sql, detail: `the generated SQL failed: ${(e as Error).message}` };
  }
  const want = (await live.driver.queryReadOnly(q.gold, { maxRows: 20000 })).rows;
  const a = normaliseRows(got);
  const b = normaliseRows(want);
  if (a.length === b.length && a.every((x, i) => x === b[i])) return { kind: 'right', sql: r.sql };
  return { kind: 'wrong', sql: r.sql, detail: `${got.length} rows, expected ${want.length}; first got ${a[0] ?? '-'} expected ${b[0] ?? '-'}` };
}

/** The generated SQL without the question comment askDatabase may put above it. */
function stripQuestionComment(sql: string): string {
  return sql.replace(/^(--[^\n]*\n)+/, '');
}

/** Rows as sorted JSON text (a multiset of rows); numbers compared to 9 significant digits, dates as ISO. */
export function normaliseRows(rows: unknown[][]): string[] {
  const cell = (v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    if (v instanceof Date) return v.toISOString();
    const s = String(v);
    if (typeof v === 'number' || typeof v === 'bigint' || /^-?\d+(\.\d+)?$/.test(s)) return Number(Number(s).toPrecision(9));
    return s;
  };
  // Cells sorted within a row: the column order of a projection is not part of the answer.
  const key = (x: unknown) => JSON.stringify(x);
  return rows.map((r) => JSON.stringify(r.map(cell).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)))).sort();
}

/**
 * Sakila's schema through the shared loader, then its data: the published data file is a pg_dump
 * with COPY … FROM stdin blocks, which become batched parameterised INSERTs (same rows; foreign-key
 * triggers off while loading, as in the dump).
 */
const sakilaLoads = new Map<string, Promise<void>>();
export function loadSakilaWithData(database: string): Promise<void> {
  let p = sakilaLoads.get(database);
  if (!p) {
    p = loadSakila(database);
    p.catch(() => sakilaLoads.delete(database));
    sakilaLoads.set(database, p);
  }
  return p;
}

async function loadSakila(database: string): Promise<void> {
  await loadPgDataset('sakila', database);
  const text = readFileSync(datasetPath('sakila/sakila.postgres.data.sql'), 'utf8');
  const client = new Client({ connectionString: pgUrlFor(database) });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    for (const block of text.matchAll(/^COPY ([\w.]+) \(([^)]*)\) FROM stdin;\n([\s\S]*?)^\\\.$/gm)) {
      const [, table, cols, body] = block;
      const columns = cols!.split(',').map((c) => c.trim());
      const rows = body!.split('\n').filter((l) => l.length > 0).map((l) => l.split('\t').map(copyValue));
      const per = Math.floor(30000 / columns.length);
      for (let i = 0; i < rows.length; i += per) {
        const batch = rows.slice(i, i + per);
        const values = batch.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, batch.flat());
      }
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

function copyValue(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(.)/g, (_, ch: string) => ({ t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' })[ch] ?? ch);
}
