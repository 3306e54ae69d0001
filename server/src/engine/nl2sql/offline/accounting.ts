// The last check of the offline translator before it answers: every content word of the question
// must be accounted for by the plan. A schema name counts when its table or column is in the SQL
// (selected, filtered, grouped, ordered or joined on); a value, a number, an aggregate word, a
// superlative, a comparison, a pattern, a negation or a unit counts when a step of the plan took it.
// Anything left over means the SQL would answer a different question, so the translator declines.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaGraph } from '../schema-graph';
import { PlanError, planJoins, type QueryPlan } from './query-plan';
import type { QToken } from './question-tokens';
import { columnsOf, tablesOf, type Mention } from './schema-lexicon';
import { CUE_WORDS } from './vocabulary';

export interface AccountingInput {
  tokens: QToken[];
  mentions: Mention[];
  values: { start: number; end: number }[];
  /** Token indices a step of the plan consumed. */
  consumed: ReadonlySet<number>;
  plan: QueryPlan;
  graph: SchemaGraph;
}

/** Throws a PlanError naming the words the plan does not account for. */
export function assertAccounted(input: AccountingInput): void {
  const left = unaccountedWords(input);
  if (left.length > 0) {
    const words = left.map((t) => `"${t.raw}"`).join(', ');
    throw new PlanError(`could not work ${words} into the query (the offline translator answers only when every word of the question is used)`);
  }
}

export function unaccountedWords({ tokens, mentions, values, consumed, plan, graph }: AccountingInput): QToken[] {
  const { tables, columns } = planSchema(plan, graph);
  const left: QToken[] = [];
  const inValue = (i: number) => values.some((v) => i >= v.start && i < v.end);
  for (const m of mentions) {
    if (consumed.has(m.start)) continue;
    const ok = tablesOf(m).some((t) => tables.has(t)) || columnsOf(m).some((c) => columns.has(c.column));
    if (!ok) left.push(...tokens.slice(m.start, m.end));
  }
  const inMention = (i: number) => mentions.some((m) => i >= m.start && i < m.end);
  tokens.forEach((t, i) => {
    if (consumed.has(i) || inMention(i)) return;
    const content = t.kind === 'number' || t.kind === 'date' || ((t.kind === 'quoted' || t.kind === 'code') && !inValue(i)) || (t.kind === 'word' && CUE_WORDS.has(t.lower));
    if (content) left.push(t);
  });
  // Values reach the plan only as filters; a value no filter took is unaccounted.
  for (const v of values) if (![...Array(v.end - v.start).keys()].some((k) => consumed.has(v.start + k))) left.push(...tokens.slice(v.start, v.end));
  return [...new Set(left)].sort((a, b) => a.index - b.index);
}

/** The tables and columns the SQL of a plan touches, joins included. */
function planSchema(plan: QueryPlan, graph: SchemaGraph): { tables: Set<TableInfo>; columns: Set<ColumnInfo> } {
  const tables = new Set<TableInfo>([plan.root]);
  const columns = new Set<ColumnInfo>();
  const ref = (r: { table: TableInfo; column: ColumnInfo } | undefined) => {
    if (!r) return;
    tables.add(r.table);
    columns.add(r.column);
  };
  const fkColumns = (step: { fk: { columns: string[]; refColumns: string[] }; owner: TableInfo; from: TableInfo; to: TableInfo }) => {
    const other = step.owner === step.to ? step.from : step.to;
    tables.add(step.to).add(step.from);
    for (const c of step.fk.columns) step.owner.columns.filter((x) => x.name === c).forEach((x) => columns.add(x));
    for (const c of step.fk.refColumns) other.columns.filter((x) => x.name === c).forEach((x) => columns.add(x));
  };
  for (const s of plan.select) if (s.kind === 'column' || s.kind === 'agg') ref(s.ref);
  for (const f of plan.filters) if (f.kind === 'none') fkColumns(f.step);
  else ref(f.ref);
  plan.groupBy.forEach(ref);
  for (const o of plan.orderBy) if ('ref' in o) ref(o.ref);
  for (const step of planJoins(plan, graph)) fkColumns(step);
  return { tables, columns };
}
