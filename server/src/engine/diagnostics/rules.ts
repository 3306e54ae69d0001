// Every diagnostic code the engine can emit, with its default severity and one line saying what it
// finds. Syntax and semantic codes are configurable like lint rules (a team may silence any of them).
import type { DiagnosticsConfig, RuleSetting, Severity } from './types';

export interface RuleMeta {
  id: string;
  kind: 'syntax' | 'semantic' | 'lint' | 'live' | 'hint';
  defaultSeverity: Severity;
  summary: string;
}

const rule = (id: string, kind: RuleMeta['kind'], defaultSeverity: Severity, summary: string): RuleMeta => ({ id, kind, defaultSeverity, summary });

export const RULES: readonly RuleMeta[] = [
  rule('syntax', 'syntax', 'error', 'The statement does not parse for the dialect.'),
  rule('unknown-schema', 'semantic', 'error', 'A schema that is not in the schema snapshot.'),
  rule('unknown-table', 'semantic', 'error', 'A table or view that is not in the schema snapshot.'),
  rule('unknown-column', 'semantic', 'error', 'A column that no table in scope has.'),
  rule('unknown-function', 'semantic', 'warning', 'A function that is neither built in nor in the snapshot.'),
  rule('ambiguous-column', 'semantic', 'error', 'An unqualified column that more than one table in scope has.'),
  rule('insert-value-count', 'semantic', 'error', 'INSERT with a different number of values than target columns.'),
  rule('undefined-alias', 'semantic', 'error', 'A qualifier that names no table or alias in scope.'),
  rule('update-without-where', 'lint', 'warning', 'UPDATE without WHERE changes every row.'),
  rule('delete-without-where', 'lint', 'warning', 'DELETE without WHERE removes every row.'),
  rule('null-comparison', 'lint', 'warning', '`= NULL` / `<> NULL` is never true; use IS [NOT] NULL.'),
  rule('not-in-nullable', 'lint', 'warning', 'NOT IN over a nullable subquery column returns no rows once a NULL appears.'),
  rule('cross-join', 'lint', 'warning', 'A table in FROM with no join condition to the others (implicit cross join).'),
  rule('select-star', 'lint', 'warning', 'SELECT * in a view or in INSERT … SELECT breaks when columns change.'),
  rule('leading-wildcard-like', 'lint', 'info', "LIKE '%…' cannot use a b-tree index."),
  rule('non-sargable', 'lint', 'warning', 'A function over an indexed column in WHERE prevents use of the index.'),
  rule('order-by-ordinal', 'lint', 'info', 'ORDER BY a column number breaks silently when the select list changes.'),
  rule('type-mismatch', 'lint', 'warning', 'A comparison of values whose types the schema knows do not match.'),
  rule('live-check', 'live', 'error', 'The database rejected the statement when preparing it.'),
  // Optimization hints (engine/advisor/hints.ts): only on tables the planner estimates as large.
  rule('perf-large-offset', 'hint', 'hint', 'Large OFFSET pagination on a large table reads and discards every skipped row.'),
  rule('perf-order-by-random', 'hint', 'hint', 'ORDER BY random() sorts a whole large table to pick a few rows.'),
  rule('perf-count-estimate', 'hint', 'hint', 'count(*) of a whole very large table where the planner estimate may do.'),
  rule('perf-or-different-columns', 'hint', 'hint', 'OR across different columns of a large table: no single index serves it.'),
  rule('perf-cast-on-indexed-column', 'hint', 'hint', 'A cast on an indexed column of a large table prevents use of the index.'),
  rule('perf-unindexed-join', 'hint', 'hint', 'A join column without an index on a large table.'),
  rule('perf-implicit-cast', 'hint', 'hint', 'An integer column compared with a decimal literal is cast to numeric: its index is not used.'),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleMeta(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

/** Effective severity of a rule under a config, or 'off'. Bad config values fall back to the default. */
export function effectiveSeverity(id: string, config: DiagnosticsConfig | undefined): RuleSetting {
  const setting = config?.rules?.[id];
  if (setting === 'off' || setting === 'hint' || setting === 'info' || setting === 'warning' || setting === 'error') return setting;
  return BY_ID.get(id)?.defaultSeverity ?? 'warning';
}
