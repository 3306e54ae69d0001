// A small query plan the offline translator fills in, and its rendering as SQL: the FROM clause
// joins every table the plan touches along the shortest foreign-key paths from the root table.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import type { JoinStep, SchemaGraph } from '../schema-graph';
import { tableLabel } from '../linking/render';

export interface ColumnRef {
  table: TableInfo;
  column: ColumnInfo;
}

export type AggFn = 'count' | 'avg' | 'sum' | 'min' | 'max';

export type SelectItem =
  | { kind: 'star'; table: TableInfo }
  | { kind: 'column'; ref: ColumnRef }
  /** `ref` absent: COUNT(*) (or COUNT(DISTINCT root key) when joins could repeat rows). */
  | { kind: 'agg'; fn: AggFn; ref?: ColumnRef; alias: string; divisor?: number };

export type Filter =
  | { kind: 'eq'; ref: ColumnRef; value: string | number }
  | { kind: 'cmp'; ref: ColumnRef; op: '>' | '<' | '>=' | '<='; value: number }
  /** from ≤ column < toExclusive (dates as ISO text). */
  | { kind: 'range'; ref: ColumnRef; from: string; toExclusive: string }
  /** contains / starts with / ends with: LIKE with the value's own % and _ escaped. */
  | { kind: 'like'; ref: ColumnRef; value: string; match: 'contains' | 'starts' | 'ends' }
  /** "who have no invoices": no row of `step.to` refers to the root row. */
  | { kind: 'none'; step: JoinStep }
  /** A boolean column is true (or false). */
  | { kind: 'flag'; ref: ColumnRef; value: boolean };

export type OrderKey = { ref: ColumnRef; dir: 'ASC' | 'DESC' } | { alias: string; dir: 'ASC' | 'DESC' };

export interface QueryPlan {
  root: TableInfo;
  select: SelectItem[];
  filters: Filter[];
  groupBy: ColumnRef[];
  orderBy: OrderKey[];
  limit?: number;
}

export class PlanError extends Error {}

/** The joins the plan needs: shortest foreign-key paths from the root to every table it touches. */
export function planJoins(plan: QueryPlan, graph: SchemaGraph): JoinStep[] {
  const tables = new Set<TableInfo>([plan.root]);
  const need = (t: TableInfo) => tables.add(t);
  for (const s of plan.select) if (s.kind === 'column' || (s.kind === 'agg' && s.ref)) need((s as { ref: ColumnRef }).ref.table);
  for (const f of plan.filters) if (f.kind !== 'none') need(f.ref.table);
  for (const g of plan.groupBy) need(g.table);
  for (const o of plan.orderBy) if ('ref' in o) need(o.ref.table);

  const joined = new Set<TableInfo>([plan.root]);
  const steps: JoinStep[] = [];
  for (const t of tables) {
    if (joined.has(t)) continue;
    const path = graph.pathFrom(joined, t, 4);
    if (!path) throw new PlanError(`no foreign-key path joins ${plan.root.name} and ${t.name}`);
    for (const step of path) {
      if (joined.has(step.to)) continue;
      joined.add(step.to);
      steps.push(step);
    }
  }
  return steps;
}

export function renderPlan(plan: QueryPlan, index: SchemaIndex, graph: SchemaGraph): string {
  const d = index.dialect;
  const steps = planJoins(plan, graph);
  const joined = new Set<TableInfo>([plan.root, ...steps.map((s) => s.to)]);
  const name = (t: TableInfo) => tableLabel(index, t);
  const col = (r: ColumnRef) => (joined.size > 1 ? `${name(r.table)}.${d.quoteIfNeeded(r.column.name)}` : d.quoteIfNeeded(r.column.name));
  const rootKey = plan.root.primaryKey?.columns.length === 1 ? plan.root.primaryKey.columns[0] : undefined;

  const items = plan.select.map((s) => {
    if (s.kind === 'star') return joined.size > 1 ? `${name(s.table)}.*` : '*';
    if (s.kind === 'column') return col(s.ref);
    const alias = d.quoteIfNeeded(s.alias);
    if (s.fn === 'count' && !s.ref) {
      if (joined.size > 1 && rootKey) return `COUNT(DISTINCT ${col({ table: plan.root, column: plan.root.columns.find((c) => c.name === rootKey)! })}) AS ${alias}`;
      return `COUNT(*) AS ${alias}`;
    }
    const scaled = s.divisor && s.divisor !== 1 ? ` / ${s.divisor.toFixed(1)}` : '';
    return `${s.fn.toUpperCase()}(${col(s.ref!)})${scaled} AS ${alias}`;
  });
  const lines = [`SELECT ${items.join(', ')}`, `FROM ${name(plan.root)}`];
  for (const s of steps) {
    const on = s.fk.columns
      .map((c, i) => {
        const [local, remote] = s.owner === s.to ? [c, s.fk.refColumns[i]!] : [s.fk.refColumns[i]!, c];
        return `${name(s.to)}.${d.quoteIfNeeded(local)} = ${name(s.from)}.${d.quoteIfNeeded(remote)}`;
      })
      .join(' AND ');
    lines.push(`JOIN ${name(s.to)} ON ${on}`);
  }
  if (plan.filters.length > 0) lines.push(`WHERE ${plan.filters.map((f) => (f.kind === 'none' ? renderNone(f.step, name, index) : renderFilter(f, col, index))).join('\n  AND ')}`);
  if (plan.groupBy.length > 0) lines.push(`GROUP BY ${plan.groupBy.map(col).join(', ')}`);
  if (plan.orderBy.length > 0) lines.push(`ORDER BY ${plan.orderBy.map((o) => `${'ref' in o ? col(o.ref) : d.quoteIfNeeded(o.alias)} ${o.dir}`).join(', ')}`);
  if (plan.limit !== undefined) lines.push(index.model.dialect === 'mssql' ? `OFFSET 0 ROWS FETCH NEXT ${plan.limit} ROWS ONLY` : `LIMIT ${plan.limit}`);
  return lines.join('\n');
}

/** NOT EXISTS over the foreign key of one join step (from the root to the table that refers to it). */
function renderNone(step: JoinStep, name: (t: TableInfo) => string, index: SchemaIndex): string {
  const d = index.dialect;
  const on = step.fk.columns
    .map((c, i) => {
      const [inner, outer] = step.owner === step.to ? [c, step.fk.refColumns[i]!] : [step.fk.refColumns[i]!, c];
      return `${name(step.to)}.${d.quoteIfNeeded(inner)} = ${name(step.from)}.${d.quoteIfNeeded(outer)}`;
    })
    .join(' AND ');
  return `NOT EXISTS (SELECT 1 FROM ${name(step.to)} WHERE ${on})`;
}

function renderFilter(f: Exclude<Filter, { kind: 'none' }>, col: (r: ColumnRef) => string, index: SchemaIndex): string {
  if (f.kind === 'eq') return `${col(f.ref)} = ${literal(f.value, index)}`;
  if (f.kind === 'like') {
    const body = f.value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
    const pattern = f.match === 'starts' ? `${body}%` : f.match === 'ends' ? `%${body}` : `%${body}%`;
    // SQL Server has no default escape character; PostgreSQL's is the backslash already.
    const escaped = body !== f.value && index.model.dialect !== 'mysql';
    return `${col(f.ref)} LIKE ${literal(pattern, index)}${escaped ? " ESCAPE '\\'" : ''}`;
  }
  if (f.kind === 'cmp') return `${col(f.ref)} ${f.op} ${f.value}`;
  if (f.kind === 'flag') return index.model.dialect === 'postgres' ? `${f.value ? '' : 'NOT '}${col(f.ref)}` : `${col(f.ref)} = ${f.value ? 1 : 0}`;
  return `${col(f.ref)} >= ${literal(f.from, index)} AND ${col(f.ref)} < ${literal(f.toExclusive, index)}`;
}

export function literal(v: string | number, index: SchemaIndex): string {
  if (typeof v === 'number') return String(v);
  const body = index.model.dialect === 'mysql' ? v.replace(/\\/g, '\\\\') : v;
  return `'${body.replace(/'/g, "''")}'`;
}
