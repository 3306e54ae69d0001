// The index advisor: one entry point for the CLI and the language server. PostgreSQL runs in the
// advisor's own read-only session (HypoPG when the database has it enabled); PGlite and
// MySQL/MariaDB give rule-based advice through the connection's ordinary read-only paths.
import { openPostgresAdvisorSession, type AdvisorSqlSession } from '../drivers/postgres/advisor-session';
import type { ConnectionConfig, DatabaseDriver } from '../drivers/types';
import type { SchemaIndex } from '../schema/schema-index';
import { loadPgParser } from '../diagnostics/pg/parser';
import { adviseMysql } from './mysql-advisor';
import { verifiedRewrites } from './optimize';
import { advisePostgres } from './pg-advisor';
import { Planner } from './planner';
import { DEFAULT_ADVISOR_OPTIONS, type AdviceReport, type AdvisorOptions, type WorkloadQuery } from './types';
import { PG_STAT_STATEMENTS_SQL, workloadFromPgStatStatements } from './workload';

export * from './types';
export { workloadFromText } from './workload';
export { formatAdvice, type AdviceFormat } from './format';

export interface AdviseInput {
  config: ConnectionConfig;
  /** The connection's driver, connected (introspection, and the read-only path for PGlite/MySQL). */
  driver: DatabaseDriver;
  schema: SchemaIndex;
  /** Queries, or 'pg-stat-statements' to read the workload from that extension. */
  workload: WorkloadQuery[] | 'pg-stat-statements';
  options?: Partial<AdvisorOptions>;
  /** Most statements read from pg_stat_statements (default 50). */
  statementsLimit?: number;
  /**
   * Also look for rule-based rewrites of each query, offered only when the database returns the
   * same rows (this RUNS the queries, read-only and bounded by a timeout; PostgreSQL only).
   */
  rewrites?: boolean;
}

export async function adviseIndexes(input: AdviseInput): Promise<AdviceReport> {
  const options = { ...DEFAULT_ADVISOR_OPTIONS, ...input.options };
  await loadPgParser();
  if (input.driver.dialect === 'mysql') {
    if (input.workload === 'pg-stat-statements') throw new AdvisorInputError('--pg-stat-statements is PostgreSQL only; give MySQL/MariaDB a --workload file');
    return adviseMysql((sql) => input.driver.explain!(sql, { timeoutMs: options.statementTimeoutMs }), input.schema, input.workload, options);
  }
  if (input.driver.dialect !== 'postgres') throw new AdvisorInputError(`the index advisor supports PostgreSQL and MySQL/MariaDB, not ${input.driver.dialect}`);
  const session = input.config.driver === 'postgres' ? await openPostgresAdvisorSession(input.config, options.statementTimeoutMs) : driverSession(input.driver);
  try {
    const planner = new Planner(session);
    let workload = input.workload;
    if (workload === 'pg-stat-statements') workload = await readPgStatStatements(planner, input.statementsLimit ?? 50);
    const report = await advisePostgres(planner, input.schema, workload, options);
    if (input.rewrites) {
      report.rewrites = [];
      const query = input.driver.queryReadOnly.bind(input.driver);
      for (const q of workload) {
        const r = await verifiedRewrites(q.sql, input.schema, query, { timeoutMs: options.statementTimeoutMs });
        for (const c of r.checked.filter((x) => x.offered)) {
          report.rewrites.push({ query: q.id, rule: c.rule, title: c.title, sql: c.rewritten, costBefore: c.costBefore, costAfter: c.costAfter, note: c.note, diff: c.diff });
        }
      }
    }
    return report;
  } finally {
    await session.close();
  }
}

export class AdvisorInputError extends Error {
  override readonly name = 'AdvisorInputError';
}

async function readPgStatStatements(planner: Planner, limit: number): Promise<WorkloadQuery[]> {
  const installed = await planner.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'`);
  if (installed.length === 0) {
    throw new AdvisorInputError('pg_stat_statements is not enabled in this database: add it to shared_preload_libraries, restart, and run CREATE EXTENSION pg_stat_statements; (or give a --workload file)');
  }
  let rows: Record<string, unknown>[];
  try {
    rows = await planner.query(PG_STAT_STATEMENTS_SQL.replace('$LIMIT', String(Math.max(1, Math.floor(limit)))));
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    if (/shared_preload_libraries/i.test(message)) throw new AdvisorInputError(`pg_stat_statements is created in this database but not loaded: add it to shared_preload_libraries and restart the server (or give a --workload file). The server said: ${message}`);
    throw e;
  }
  const workload = workloadFromPgStatStatements(rows);
  if (workload.length === 0) throw new AdvisorInputError('pg_stat_statements has recorded no SELECT, UPDATE or DELETE statement for this database yet (or give a --workload file)');
  return workload;
}

/** PGlite: its single connection through the driver's read-only path (no HypoPG there). */
function driverSession(driver: DatabaseDriver): AdvisorSqlSession {
  return {
    async query(sql) {
      const r = await driver.queryReadOnly(sql, { maxRows: 10_000 });
      return r.rows.map((row) => Object.fromEntries(r.fields.map((f, i) => [f.name, row[i]])));
    },
    async close() {},
  };
}
