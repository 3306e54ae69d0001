// Puts node-sql-parser's TransactSQL AST into the shape the analyser reads, and says when it
// cannot be trusted. The grammar reads some T-SQL in ways that would turn into false errors:
// `SELECT Total = SUM(x)` (an alias) as a comparison with a column "Total"; the date part of
// DATEPART(year, d) as a column "year"; `AS v(a, b)` as an alias named "v(a, b)"; CTE column lists
// as column references. Statements it parses into something other than DML (CREATE VIEW comes back
// as a run of variable assignments), DML whose target is not a table, and PIVOT/UNPIVOT are left
// alone.
import type { Json } from '../../pg/ast';

/** Functions whose first argument is a date part keyword, not an expression. */
const DATE_PART_FUNCTIONS = new Set(['DATEPART', 'DATEADD', 'DATEDIFF', 'DATEDIFF_BIG', 'DATENAME', 'DATETRUNC', 'DATE_BUCKET']);
/** Statement kinds the analyser judges; `declare` is passed over (no names it could get wrong). */
const STATEMENTS = new Set(['select', 'insert', 'update', 'delete', 'declare']);

/** Rewrites the ASTs in place; false when the statement must not be judged at all. */
export function normalizeTsql(asts: Json[]): boolean {
  if (asts.length === 0 || !asts.every((a) => a && typeof a === 'object' && STATEMENTS.has(a.type))) return false;
  // `UPDATE TOP (5) t SET …` comes back as a function TOP aliased t: a DML target must be a table.
  if (asts.some((a) => a.type !== 'select' && a.type !== 'declare' && !(Array.isArray(a.table) && a.table.every((t: Json) => typeof t?.table === 'string')))) return false;
  let supported = true;
  const visit = (node: Json): void => {
    if (!supported || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node.type === 'select' && Array.isArray(node.columns)) node.columns.forEach(selectAlias);
    if (Array.isArray(node.from)) for (const item of node.from) supported &&= fromItem(item);
    if (Array.isArray(node.with)) for (const w of node.with) cteColumns(w);
    if (node.type === 'function') datePartArgument(node);
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
  };
  asts.forEach(visit);
  return supported;
}

/** `SELECT name = expr` → `SELECT expr AS name` (only at the top of a select-list item). */
function selectAlias(c: Json): void {
  const e = c?.expr;
  if (!c || c.as || e?.type !== 'binary_expr' || e.operator !== '=') return;
  const left = e.left;
  if (left?.type === 'column_ref' && !left.table && typeof left.column === 'string' && !/^[@$]/.test(left.column)) {
    c.as = left.column;
    c.expr = e.right;
  } else if (left && /string$/.test(String(left.type)) && typeof left.value === 'string') {
    c.as = left.value;
    c.expr = e.right;
  }
}

/** Splits `v(a, b)` aliases; false for PIVOT/UNPIVOT, whose output columns are not modelled. */
function fromItem(item: Json): boolean {
  if (!item || typeof item !== 'object') return true;
  if (item.operator) return false;
  if (typeof item.as === 'string') {
    const m = /^([^(]+?)\s*\((.*)\)$/s.exec(item.as);
    if (m) {
      item.as = m[1];
      item._aliasColumns = m[2].split(',').map((s) => s.trim().replace(/^\[(.*)\]$/s, '$1').replace(/^"(.*)"$/s, '$1'));
    }
  }
  return true;
}

function cteColumns(w: Json): void {
  if (!Array.isArray(w?.columns)) return;
  w.columns = w.columns.map((c: Json) => (c?.type === 'column_ref' && typeof c.column === 'string' ? c.column : c));
}

function datePartArgument(fn: Json): void {
  const name = fn.name?.name?.at?.(-1)?.value;
  const args = fn.args?.value;
  if (typeof name !== 'string' || !DATE_PART_FUNCTIONS.has(name.toUpperCase()) || !Array.isArray(args)) return;
  if (args[0]?.type === 'column_ref' && !args[0].table) fn.args.value = args.slice(1);
}
