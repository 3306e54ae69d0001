// The bundled sample database "acme": lets a newcomer try every feature with no database server
// (it is loaded into PGlite, in-process PostgreSQL). Schema in schema.sql, deterministic rows from
// data.ts, then finalize.sql (identity sequences, materialized view, statistics).
import { generateSampleDataSql } from './data';
import finalizeSql from './finalize.sql';
import schemaSql from './schema.sql';
import { DATA_AS_OF, date } from './time';

export { SAMPLE_QUESTIONS } from './questions';
export { SAMPLE_SEED, generateSampleDataSql, generateSampleTables } from './data';

/** Short display name (connection list, status bar). */
export const SAMPLE_DATABASE_NAME = 'acme';
/** The schemas the sample creates; put them on the search_path to write unqualified names. */
export const SAMPLE_SCHEMAS: readonly string[] = ['crm', 'sales', 'billing'];
/** The sample company's "today": no row is dated later. Relative questions should count from here. */
export const SAMPLE_DATA_AS_OF: string = date(DATA_AS_OF); // '2025-06-30'

/** A failed step of loadSampleDatabase, with the step's name and the database's own message. */
export class SampleLoadError extends Error {
  constructor(readonly step: 'schema' | 'data' | 'finalize', cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`Loading the sample database failed at the ${step} step: ${detail}`, { cause });
    this.name = 'SampleLoadError';
  }
}

/**
 * Creates the sample schemas and fills them. `exec` runs a multi-statement SQL string (PGlite's
 * db.exec). Meant for an empty database: when the schemas exist already, it fails at the schema
 * step with PostgreSQL's "already exists" message and changes nothing else.
 */
export async function loadSampleDatabase(exec: (sql: string) => Promise<void>, onStep?: (step: string) => void): Promise<void> {
  onStep?.('creating the sample schemas (crm, sales, billing)');
  await step('schema', () => exec(schemaSql));
  onStep?.('generating and loading about 18,000 rows');
  await step('data', () => exec(generateSampleDataSql()));
  onStep?.('creating indexes and statistics');
  await step('finalize', () => exec(finalizeSql));
}

async function step(name: SampleLoadError['step'], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new SampleLoadError(name, error);
  }
}
