// The index advisor's data: options (every threshold named and documented in docs/advisor.md),
// workload queries, candidates, suggestions and drop candidates. The JSON output of
// `schemawise advise --format json` is AdviceReport as is.

export interface AdvisorOptions {
  /** Recommend an index only when it cuts a query's planner cost by at least this percentage (default 50). */
  minSavingsPercent: number;
  /** Tables with fewer estimated rows get no suggestion (rule-based mode) and no hint (default 10 000). */
  minTableRows: number;
  /** Most columns in one candidate index (default 3). */
  maxColumns: number;
  /** Most indexes suggested for the whole workload (default 10). */
  maxIndexes: number;
  /** statement_timeout of the advisor's session, per statement (default 30 000 ms). */
  statementTimeoutMs: number;
}

export const DEFAULT_ADVISOR_OPTIONS: AdvisorOptions = {
  minSavingsPercent: 50,
  minTableRows: 10_000,
  maxColumns: 3,
  maxIndexes: 10,
  statementTimeoutMs: 30_000,
};

export interface WorkloadQuery {
  /** Stable id within the workload: "q1", "q2", … (or pg_stat_statements' queryid). */
  id: string;
  sql: string;
  /** How often it runs (pg_stat_statements calls; 1 for a workload file). */
  weight: number;
  /** 1-based line of the query in the workload file. */
  line?: number;
}

export interface CandidateIndex {
  /** "schema.table" */
  table: string;
  schema: string;
  tableName: string;
  /** Key columns or parenthesised expressions, in order. */
  columns: string[];
  /** WHERE of a partial index. */
  where?: string;
  /** Why it was proposed: "equality", "join", "order by", … */
  reasons: string[];
  /** Workload query ids it was generated from. */
  from: string[];
}

export interface IndexSuggestion {
  table: string;
  columns: string[];
  where?: string;
  /** CREATE INDEX CONCURRENTLY … statement to run yourself. */
  sql: string;
  /** Sum of the planner costs of the queries it helps, without and with the suggested indexes. */
  costBefore: number;
  /** Undefined in unverified (rule-based) advice: no planner was asked. */
  costAfter: number | null;
  /** Workload query ids it helps. */
  queries: string[];
  /** Planner-verified (HypoPG) or rule-based only. */
  verified: boolean;
  reasons: string[];
  /** Plan change of each helped query, e.g. "q3: Seq Scan on rental → Index Scan using <hypo> on rental". */
  planChanges: string[];
  /** Estimated size of the index (HypoPG), bytes. */
  estimatedBytes?: number;
  /** Write overhead note for write-heavy tables (pg_stat_user_tables). */
  writeNote?: string;
}

export interface DropCandidate {
  table: string;
  index: string;
  kind: 'duplicate' | 'redundant' | 'unused';
  /** Why: "same columns as idx_x", "prefix of idx_y (a, b)", "0 scans since stats reset 2026-…". */
  detail: string;
  sql: string;
  /** Bytes on disk, where known. */
  bytes?: number;
}

export interface QueryReport {
  id: string;
  sql: string;
  weight: number;
  costBefore?: number;
  costAfter?: number;
  /** Why the query was not costed or gets nothing: parse error, EXPLAIN error, small tables, … */
  note?: string;
}

export interface AdviceReport {
  dialect: 'postgres' | 'mysql';
  /** True when HypoPG verified the suggestions; false means rule-based, unverified advice. */
  verified: boolean;
  /** Messages for the user: how to enable HypoPG, pg_stat_statements missing, … */
  notices: string[];
  indexes: IndexSuggestion[];
  drop: DropCandidate[];
  queries: QueryReport[];
  options: AdvisorOptions;
  /** Verified rewrites of workload queries (only with the `rewrites` input option; PostgreSQL). */
  rewrites?: RewriteAdvice[];
  /** Time the advice took, ms. */
  durationMs: number;
  /** EXPLAINs sent to the planner. */
  explains: number;
}

export interface RewriteAdvice {
  query: string;
  rule: string;
  title: string;
  sql: string;
  costBefore?: number;
  costAfter?: number;
  /** Rows compared and cost change, or why it is not offered. */
  note: string;
  diff: string;
}
