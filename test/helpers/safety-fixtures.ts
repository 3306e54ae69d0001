// The safety corpora as data (test/fixtures/safety): adversarial statements, function/view attacks
// with their seeds, and valid reads. Shared by the tests and `npm run bench:safety`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectId } from '../../server/src/engine/schema/model';

const DIR = join(__dirname, '..', 'fixtures', 'safety');

export interface CorpusEntry {
  dialect: DialectId;
  sql: string;
  expect: 'refused' | 'allowed';
  rule?: string;
  kind?: string;
  statement?: number;
  /** Function attacks: what the refusal must name (a regular expression; {{db}} is the database). */
  names?: string;
}

export function adversarialCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(DIR, 'adversarial.json'), 'utf8')) as CorpusEntry[];
}

export function functionCorpus(): { attacks: CorpusEntry[]; reads: { dialect: DialectId; sql: string }[] } {
  return JSON.parse(readFileSync(join(DIR, 'functions.json'), 'utf8'));
}

export function validReads(): { dialect: DialectId; sql: string }[] {
  return JSON.parse(readFileSync(join(DIR, 'valid-reads.json'), 'utf8'));
}

/** The seed SQL of the function attacks, for database `db`. */
export function functionSeed(dialect: 'postgres' | 'mysql', db: string): string {
  return readFileSync(join(DIR, `functions-${dialect}.sql`), 'utf8').split('{{db}}').join(db);
}

/** The regular expression a refusal must match, for database `db`. */
export function namesPattern(e: CorpusEntry, db: string): RegExp {
  return new RegExp((e.names ?? '').split('{{db}}').join(db));
}
