// MySQL/MariaDB: no hypothetical indexes exist, so the advice is rule-based and labelled unverified.
// EXPLAIN FORMAT=JSON says which tables are read in full (access_type ALL / index) and how many rows
// that examines; the columns to index come from the table's attached_condition (equality first,
// then range) and, when the plan sorts, from the ORDER BY of a filesort.
import type { ExplainResult } from '../drivers/types';
import type { TableInfo } from '../schema/model';
import { qualifiedName } from '../schema/model';
import type { SchemaIndex } from '../schema/schema-index';
import { candidateKey, coveringIndex } from './candidates';
import { dropCandidates } from './existing-indexes';
import type { AdviceReport, AdvisorOptions, CandidateIndex, IndexSuggestion, QueryReport, WorkloadQuery } from './types';

export type MysqlExplain = (sql: string) => Promise<ExplainResult>;

interface PlanTable {
  name: string;
  access: string;
  rows: number;
  condition?: string;
  cost?: number;
}

export async function adviseMysql(explain: MysqlExplain, schema: SchemaIndex, workload: WorkloadQuery[], options: AdvisorOptions): Promise<AdviceReport> {
  const started = performance.now();
  const queries: QueryReport[] = [];
  const byKey = new Map<string, { c: CandidateIndex; cost: number }>();
  let explains = 0;
  for (const q of workload) {
    const report: QueryReport = { id: q.id, sql: q.sql, weight: q.weight };
    queries.push(report);
    let plan: unknown;
    try {
      explains++;
      plan = (await explain(q.sql)).plan;
    } catch (e) {
      report.note = `EXPLAIN failed: ${(e as Error).message}`;
      continue;
    }
    const cost = queryCost(plan);
    if (cost !== undefined) report.costBefore = cost;
    for (const pt of planTables(plan)) {
      if (pt.access !== 'ALL' && pt.access !== 'index') continue;
      const table = findTable(schema, pt.name);
      if (!table || Math.max(pt.rows, table.rowEstimate ?? 0) < options.minTableRows) continue;
      const cols = conditionColumns(pt.condition ?? '', pt.name, table);
      const key = [...cols.eq, ...cols.range.slice(0, 1)].slice(0, options.maxColumns);
      if (key.length === 0) continue;
      const c: CandidateIndex = { table: qualifiedName(table), schema: table.schema, tableName: table.name, columns: key, reasons: [`full scan (${pt.access}) of ~${pt.rows} rows`], from: [q.id] };
      if (coveringIndex(c, table)) continue;
      const k = candidateKey(c);
      const seen = byKey.get(k);
      if (seen) {
        if (!seen.c.from.includes(q.id)) seen.c.from.push(q.id);
        seen.cost += cost ?? 0;
      } else byKey.set(k, { c, cost: cost ?? 0 });
    }
  }
  // Fold a key that is the leading part of another one on the same table into the longer one.
  const all = [...byKey.values()];
  const kept = all.filter((a) => !all.some((b) => b !== a && b.c.table === a.c.table && b.c.columns.length > a.c.columns.length && a.c.columns.every((x, i) => b.c.columns[i] === x)));
  const indexes: IndexSuggestion[] = kept.slice(0, options.maxIndexes).map(({ c, cost }) => {
    const folded = all.filter((a) => a.c.table === c.table && a.c.columns.every((x, i) => c.columns[i] === x));
    const ids = [...new Set(folded.flatMap((f) => f.c.from))];
    return {
      table: c.table,
      columns: c.columns,
      sql: `ALTER TABLE ${bq(c.schema)}.${bq(c.tableName)} ADD INDEX (${c.columns.map(bq).join(', ')}), ALGORITHM=INPLACE, LOCK=NONE`,
      costBefore: Math.round(folded.reduce((s, f) => s + f.cost, 0) * 100) / 100 || cost,
      costAfter: null,
      queries: ids,
      verified: false,
      reasons: [...c.reasons, 'unverified: MySQL/MariaDB have no hypothetical indexes; rule-based from EXPLAIN FORMAT=JSON'],
      planChanges: [],
    };
  });
  return {
    dialect: 'mysql',
    verified: false,
    notices: ['MySQL/MariaDB cannot cost hypothetical indexes: these suggestions are rule-based (from EXPLAIN FORMAT=JSON) and UNVERIFIED. Check each with EXPLAIN after creating it on a copy.'],
    indexes,
    // Duplicates and redundant prefixes from the catalog; "unused" needs PostgreSQL's statistics.
    drop: dropCandidates(schema.model, undefined),
    queries,
    options,
    durationMs: Math.round(performance.now() - started),
    explains,
  };
}

/** Every table access in a MySQL or MariaDB JSON plan. */
export function planTables(plan: unknown): PlanTable[] {
  const out: PlanTable[] = [];
  const visit = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const o = n as Record<string, unknown>;
    const t = o.table as Record<string, unknown> | undefined;
    if (t && typeof t === 'object' && typeof t.table_name === 'string') {
      const cost = (t.cost_info as Record<string, unknown> | undefined)?.read_cost;
      out.push({
        name: t.table_name,
        access: String(t.access_type ?? ''),
        rows: Number(t.rows_examined_per_scan ?? t.rows ?? 0),
        condition: typeof t.attached_condition === 'string' ? t.attached_condition : undefined,
        cost: cost !== undefined ? Number(cost) : undefined,
      });
    }
    Object.values(o).forEach(visit);
  };
  visit(plan);
  return out;
}

function queryCost(plan: unknown): number | undefined {
  const qb = (plan as { query_block?: Record<string, unknown> })?.query_block;
  const mysql = (qb?.cost_info as Record<string, unknown> | undefined)?.query_cost;
  if (mysql !== undefined) return Number(mysql);
  if (qb?.cost !== undefined) return Number(qb.cost);
  return undefined;
}

/** Columns of `table` compared with a value (eq/range) or another table's column in a condition text. */
export function conditionColumns(condition: string, alias: string, table: TableInfo): { eq: string[]; range: string[] } {
  const eq: string[] = [];
  const range: string[] = [];
  const colNames = new Set(table.columns.map((c) => c.name.toLowerCase()));
  const ref = String.raw`(?:\x60?\w+\x60?\.)?\x60?(\w+)\x60?\.\x60?(\w+)\x60?`;
  const re = new RegExp(`${ref}\\s*(=|<=>|<=|>=|<|>|\\bbetween\\b|\\blike\\b|\\bin\\b)\\s*(.)`, 'gi');
  for (const m of condition.matchAll(re)) {
    const [, tbl, col, op, next] = m;
    if (tbl.toLowerCase() !== alias.toLowerCase() || !colNames.has(col.toLowerCase())) continue;
    const name = table.columns.find((c) => c.name.toLowerCase() === col.toLowerCase())!.name;
    const o = op.toLowerCase();
    if (o === 'like' && next === "'" && /^'%/.test(condition.slice((m.index ?? 0) + m[0].length - 1))) continue;
    const bucket = o === '=' || o === '<=>' || o === 'in' ? eq : range;
    if (!eq.includes(name) && !range.includes(name)) bucket.push(name);
  }
  return { eq, range };
}

function findTable(schema: SchemaIndex, name: string): TableInfo | undefined {
  return schema.findTable({ text: name, quoted: false }) ?? schema.tablesNamed(name)[0];
}

function bq(name: string): string {
  return '`' + name.replace(/`/g, '``') + '`';
}
