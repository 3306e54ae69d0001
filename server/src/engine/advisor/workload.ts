// The workload to advise on: the statements of a SQL file (with their line numbers), or the most
// expensive statements pg_stat_statements has recorded (weighted by calls). Statements no index can
// help (SET, DDL, transaction control) are left out.
import type { DialectId } from '../schema/model';
import { splitStatements } from '../diagnostics/splitter';
import type { WorkloadQuery } from './types';

const ADVISABLE = /^(select|with|update|delete|insert|table|values)\b/i;
/** Statements no index helps; anything else that is not advisable (a typo, garbage) is kept so the report says it was not understood. */
const OTHER = /^(set|reset|show|create|alter|drop|grant|revoke|begin|commit|rollback|abort|start|end|savepoint|release|vacuum|analy[sz]e|explain|copy|truncate|comment|do|call|prepare|execute|deallocate|listen|unlisten|notify|lock|discard|refresh|cluster|reindex|checkpoint|load|declare|fetch|close|move|security|import|use|delimiter|go)\b/i;

export function workloadFromText(text: string, dialect: DialectId): WorkloadQuery[] {
  const out: WorkloadQuery[] = [];
  for (const s of splitStatements(text, dialect)) {
    const lead = /^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/.exec(s.text)?.[0].length ?? 0;
    const sql = s.text.slice(lead).replace(/[\s;]+$/, '');
    if (!sql || (!ADVISABLE.test(sql) && OTHER.test(sql))) continue;
    const start = s.start + lead;
    out.push({ id: `q${out.length + 1}`, sql, weight: 1, line: text.slice(0, start).split('\n').length });
  }
  return out;
}

/** pg_stat_statements' top statements of the current database by total time (needs the extension). */
export const PG_STAT_STATEMENTS_SQL = `SELECT s.queryid::text AS id, s.query, s.calls::float8 AS calls
FROM pg_stat_statements s
JOIN pg_database d ON d.oid = s.dbid AND d.datname = current_database()
WHERE s.query ~* '^\\s*(select|with|update|delete)\\b' AND s.query !~* '(pg_catalog|information_schema|pg_stat_|hypopg)'
ORDER BY s.total_exec_time DESC
LIMIT $LIMIT`;

export function workloadFromPgStatStatements(rows: Record<string, unknown>[]): WorkloadQuery[] {
  return rows.map((r) => ({ id: `qid:${String(r.id)}`, sql: String(r.query).replace(/[\s;]+$/, ''), weight: Math.max(1, Number(r.calls ?? 1)) }));
}
