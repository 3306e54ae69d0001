// Turns a server's EXPLAIN output into one neutral tree for the plan view: PostgreSQL's FORMAT JSON,
// MySQL/MariaDB's FORMAT=JSON (and MariaDB's ANALYZE FORMAT=JSON), and MySQL's EXPLAIN ANALYZE text.
// Each node gets its own ("self") share of the work: time when the plan was analysed, else cost,
// else rows; the nodes with the largest share are marked hot.
import type { ExplainResult } from '../drivers/types';

export interface PlanNode {
  id: number;
  /** "Seq Scan on customers", "Hash Join", "ALL on t (key: PRIMARY)". */
  label: string;
  /** One line per interesting property: conditions, keys, sort keys. */
  details: string[];
  startupCost?: number;
  totalCost?: number;
  /** Estimated rows. */
  planRows?: number;
  /** Measured rows per loop (analysed plans). */
  actualRows?: number;
  /** Measured time of one loop, ms (analysed plans). */
  actualTotalMs?: number;
  loops?: number;
  /** This node's own share of the metric (its total minus its children's). */
  self: number;
  /** self / sum of all selves, 0..1. */
  heat: number;
  /** Among the hottest nodes of the plan. */
  hot: boolean;
  children: PlanNode[];
}

export interface PlanTree {
  root: PlanNode;
  analyzed: boolean;
  /** What `self`/`heat` measure. */
  metric: 'time' | 'cost' | 'rows';
  planningMs?: number;
  executionMs?: number;
  nodeCount: number;
  /** The rule that marks nodes hot, for the legend: the largest always, others from this share, at most `maxHot`. */
  hotShare: number;
  maxHot: number;
}

/** At most this many nodes are marked hot; a node needs this share of the total to be one. */
const MAX_HOT = 3;
const HOT_SHARE = 0.15;

/** Build state: node ids, and the nodes whose figures are their own rather than inclusive of their children. */
interface Build {
  next: number;
  own: Set<PlanNode>;
}

export function planTree(explain: Pick<ExplainResult, 'format' | 'plan' | 'analyzed'>): PlanTree {
  const ids: Build = { next: 1, own: new Set() };
  let tree: Omit<PlanTree, 'metric' | 'nodeCount' | 'hotShare' | 'maxHot'>;
  if (explain.format === 'postgres-json') tree = fromPostgres(explain.plan, ids);
  else if (explain.format === 'mysql-json') tree = fromMysqlJson(explain.plan, ids, explain.analyzed);
  else tree = fromMysqlText(String(explain.plan ?? ''), ids);
  const metric = markHeat(tree.root, tree.analyzed, ids.own);
  return { ...tree, metric, nodeCount: ids.next - 1, hotShare: HOT_SHARE, maxHot: MAX_HOT };
}

// ------------------------------------------------------------------ PostgreSQL

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

function fromPostgres(plan: unknown, ids: Build): Omit<PlanTree, 'metric' | 'nodeCount' | 'hotShare' | 'maxHot'> {
  const top = Array.isArray(plan) ? plan[0] : plan;
  if (!isObj(top) || !isObj(top.Plan)) throw new Error('not a PostgreSQL JSON plan (expected [{ "Plan": … }])');
  const root = pgNode(top.Plan, ids);
  return { root, analyzed: root.actualTotalMs !== undefined, planningMs: num(top['Planning Time']), executionMs: num(top['Execution Time']) };
}

const PG_DETAILS = ['Index Cond', 'Recheck Cond', 'Filter', 'Join Filter', 'Hash Cond', 'Merge Cond', 'Sort Key', 'Group Key', 'Output', 'Strategy', 'Sort Method', 'Rows Removed by Filter', 'Heap Fetches'];

function pgNode(p: Json, ids: Build): PlanNode {
  const id = ids.next++;
  // ModifyTable says what it modifies in "Operation" (EXPLAIN text prints "Delete on t").
  const type = p['Node Type'] === 'ModifyTable' && p.Operation ? String(p.Operation) : String(p['Node Type'] ?? 'Node');
  const on = p['Relation Name'] ? ` on ${p.Schema ? `${String(p.Schema)}.` : ''}${String(p['Relation Name'])}${p.Alias && p.Alias !== p['Relation Name'] ? ` ${String(p.Alias)}` : ''}` : '';
  const using = p['Index Name'] ? ` using ${String(p['Index Name'])}` : '';
  const join = p['Join Type'] && type.includes('Join') ? `${String(p['Join Type'])} ` : '';
  const cte = p['CTE Name'] ? ` ${String(p['CTE Name'])}` : '';
  const rel = p['Parent Relationship'] && p['Parent Relationship'] !== 'Outer' && p['Parent Relationship'] !== 'Inner' ? ` (${String(p['Parent Relationship'])}${p['Subplan Name'] ? `: ${String(p['Subplan Name'])}` : ''})` : '';
  const details: string[] = [];
  for (const k of PG_DETAILS) {
    const v = p[k];
    if (v === undefined || v === null || k === 'Output') continue;
    details.push(`${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  }
  const children = Array.isArray(p.Plans) ? p.Plans.filter(isObj).map((c) => pgNode(c, ids)) : [];
  return {
    id,
    label: `${join}${type}${using}${on}${cte}${rel}`,
    details,
    startupCost: num(p['Startup Cost']),
    totalCost: num(p['Total Cost']),
    planRows: num(p['Plan Rows']),
    actualRows: num(p['Actual Rows']),
    actualTotalMs: num(p['Actual Total Time']),
    loops: num(p['Actual Loops']),
    self: 0,
    heat: 0,
    hot: false,
    children,
  };
}

// ------------------------------------------------------------------ MySQL / MariaDB JSON

/** Wrapper keys of the MySQL/MariaDB JSON format that stand for an operation over their content. */
const MYSQL_OPERATIONS: Record<string, string> = {
  ordering_operation: 'Sort',
  grouping_operation: 'Group',
  duplicates_removal: 'Distinct',
  filesort: 'Filesort',
  temporary_table: 'Temporary table',
  'block-nl-join': 'Block nested loop join',
  'hash-join': 'Hash join',
  materialized_from_subquery: 'Materialized subquery',
  materialization: 'Materialization',
  union_result: 'Union',
  window_functions_computation: 'Window functions',
  read_sorted_file: 'Read sorted file',
  having_condition: 'Having',
};

function fromMysqlJson(plan: unknown, ids: Build, analyzed: boolean): Omit<PlanTree, 'metric' | 'nodeCount' | 'hotShare' | 'maxHot'> {
  if (!isObj(plan) || !isObj(plan.query_block)) throw new Error('not a MySQL/MariaDB JSON plan (expected { "query_block": … })');
  const root = myBlock(plan.query_block, 'Query block', ids);
  const optimization = isObj(plan.query_optimization) ? num(plan.query_optimization.r_total_time_ms) : undefined;
  return { root, analyzed, planningMs: optimization, executionMs: num(plan.query_block.r_total_time_ms) };
}

/**
 * A query block's time and cost cover everything in it; the operations inside (filesort, temporary
 * table) and the tables report their own share only, which is how MySQL and MariaDB print them.
 */
function myBlock(o: Json, label: string, ids: Build): PlanNode {
  const id = ids.next++;
  const node: PlanNode = { id, label, details: [], self: 0, heat: 0, hot: false, children: [] };
  if (label !== 'Query block') ids.own.add(node);
  if (o.select_id !== undefined) node.label = `${label} #${String(o.select_id)}`;
  const cost = isObj(o.cost_info) ? num(o.cost_info.query_cost) : num(o.cost);
  if (cost !== undefined) node.totalCost = cost;
  if (o.r_total_time_ms !== undefined) node.actualTotalMs = num(o.r_total_time_ms);
  for (const k of ['sort_key', 'attached_condition', 'having_condition', 'join_type', 'message']) if (typeof o[k] === 'string') node.details.push(`${k.replace(/_/g, ' ')}: ${String(o[k])}`);
  node.children = myChildren(o, ids);
  return node;
}

function myChildren(o: Json, ids: Build): PlanNode[] {
  const out: PlanNode[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (k === 'table' && isObj(v)) out.push(myTable(v, ids));
    else if (k === 'nested_loop' && Array.isArray(v)) {
      const loop: PlanNode = { id: ids.next++, label: 'Nested loop', details: [], self: 0, heat: 0, hot: false, children: [] };
      for (const item of v) if (isObj(item)) loop.children.push(...myChildren(item, ids));
      out.push(loop);
    } else if (k === 'query_block' && isObj(v)) out.push(myBlock(v, 'Query block', ids));
    else if ((k === 'subqueries' || k === 'query_specifications' || k === 'union_result_children') && Array.isArray(v)) {
      for (const item of v) if (isObj(item)) out.push(...myChildren(item, ids));
    } else if (MYSQL_OPERATIONS[k] && isObj(v)) out.push(myBlock(v, MYSQL_OPERATIONS[k]!, ids));
  }
  return out;
}

function myTable(t: Json, ids: Build): PlanNode {
  const id = ids.next++;
  const name = String(t.table_name ?? t.message ?? 'table');
  const access = t.access_type ? `${String(t.access_type)} on ` : '';
  const details: string[] = [];
  if (t.key) details.push(`key: ${String(t.key)}${Array.isArray(t.used_key_parts) ? ` (${t.used_key_parts.join(', ')})` : ''}`);
  if (Array.isArray(t.possible_keys)) details.push(`possible keys: ${t.possible_keys.join(', ')}`);
  if (typeof t.attached_condition === 'string') details.push(`condition: ${t.attached_condition}`);
  if (t.filtered !== undefined) details.push(`filtered: ${String(t.filtered)}%`);
  // MySQL's prefix_cost is cumulative over the join order; this table's own work is read + eval.
  const own = isObj(t.cost_info) ? [num(t.cost_info.read_cost), num(t.cost_info.eval_cost)].filter((x): x is number => x !== undefined) : [];
  const cost = own.length > 0 ? own.reduce((a, b) => a + b, 0) : num(t.cost);
  const node: PlanNode = {
    id,
    label: `${access}${name}`,
    details,
    totalCost: cost,
    planRows: num(t.rows_examined_per_scan) ?? num(t.rows),
    // Like PostgreSQL's figures, per loop: r_rows already is, r_total_time_ms is the total of all loops.
    actualRows: num(t.r_rows),
    actualTotalMs: perLoop(num(t.r_total_time_ms), num(t.r_loops)),
    loops: num(t.r_loops),
    self: 0,
    heat: 0,
    hot: false,
    children: [],
  };
  ids.own.add(node);
  // Derived tables and subqueries attached to a table access.
  for (const k of ['materialized', 'materialized_from_subquery']) if (isObj(t[k])) node.children.push(...myChildren(t[k] as Json, ids));
  return node;
}

function perLoop(total: number | undefined, loops: number | undefined): number | undefined {
  return total === undefined || !loops ? total : total / loops;
}

// ------------------------------------------------------------------ MySQL EXPLAIN ANALYZE (text)

const TEXT_LINE = /^(\s*)->\s*(.*?)(?:\s+\(cost=([\d.e+]+)(?:\.\.([\d.e+]+))?\s+rows=([\d.e+]+)\))?(?:\s+\(actual time=([\d.e+]+)\.\.([\d.e+]+)\s+rows=([\d.e+]+)\s+loops=(\d+)\))?\s*$/;

function fromMysqlText(text: string, ids: Build): Omit<PlanTree, 'metric' | 'nodeCount' | 'hotShare' | 'maxHot'> {
  const stack: { indent: number; node: PlanNode }[] = [];
  let root: PlanNode | undefined;
  for (const line of text.split('\n')) {
    const m = TEXT_LINE.exec(line);
    if (!m) continue;
    const hasEnd = m[4] !== undefined;
    const node: PlanNode = {
      id: ids.next++,
      label: m[2]!,
      details: [],
      startupCost: hasEnd ? num(m[3]) : undefined,
      totalCost: hasEnd ? num(m[4]) : num(m[3]),
      planRows: num(m[5]),
      actualTotalMs: num(m[7]),
      actualRows: num(m[8]),
      loops: num(m[9]),
      self: 0,
      heat: 0,
      hot: false,
      children: [],
    };
    const indent = m[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
    if (stack.length === 0) {
      if (root) {
        // Several top-level lines: put them under a synthetic root.
        if (root.label !== 'Plan') root = { id: 0, label: 'Plan', details: [], self: 0, heat: 0, hot: false, children: [root] };
        root.children.push(node);
      } else root = node;
    } else stack[stack.length - 1]!.node.children.push(node);
    stack.push({ indent, node });
  }
  if (!root) throw new Error('not a MySQL EXPLAIN ANALYZE plan (no "->" lines)');
  return { root, analyzed: root.actualTotalMs !== undefined };
}

// ------------------------------------------------------------------ heat

/** Fills self/heat/hot over the tree; returns the metric used. */
function markHeat(root: PlanNode, analyzed: boolean, own: Set<PlanNode>): PlanTree['metric'] {
  const all: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    all.push(n);
    n.children.forEach(walk);
  };
  walk(root);
  const metric: PlanTree['metric'] = analyzed && all.some((n) => n.actualTotalMs !== undefined) ? 'time' : all.some((n) => n.totalCost !== undefined) ? 'cost' : 'rows';
  const figure = (n: PlanNode): number | undefined =>
    metric === 'time' ? (n.actualTotalMs === undefined ? undefined : n.actualTotalMs * (n.loops ?? 1)) : metric === 'cost' ? n.totalCost : (n.actualRows ?? n.planRows);
  /** Bottom-up: a node's own share is its figure, minus what its subtree accounts for when the figure is inclusive. */
  const subtree = (n: PlanNode): number => {
    const below = n.children.reduce((sum, c) => sum + subtree(c), 0);
    const value = figure(n);
    // Rows are never inclusive; a node without a figure (MySQL's nested loop) adds nothing itself.
    n.self = value === undefined ? 0 : metric === 'rows' || own.has(n) ? value : Math.max(0, value - below);
    return n.self + below;
  };
  const total = subtree(root);
  if (total <= 0) return metric;
  for (const n of all) n.heat = n.self / total;
  const ranked = [...all].sort((a, b) => b.self - a.self);
  ranked.slice(0, MAX_HOT).forEach((n, i) => (n.hot = i === 0 || n.heat >= HOT_SHARE));
  return metric;
}
