// What one query asks of each base table it reads: columns compared with a value (equality, IN,
// range), join columns, ORDER BY and GROUP BY columns, functions over a column, and IS [NOT] NULL /
// boolean tests that could become the WHERE of a partial index. Read from PostgreSQL's own parse
// tree (libpg-query); names are resolved against the SchemaModel, and anything that does not resolve
// for certain (a CTE, a derived table, an unknown table) is left out rather than guessed.
import type { TableInfo } from '../schema/model';
import type { SchemaIndex } from '../schema/schema-index';
import { as, list, names, nodeType, type Json } from '../diagnostics/pg/ast';
import { parsePg } from '../diagnostics/pg/parser';

export interface TableUsage {
  table: TableInfo;
  /** Columns compared with a value (=, IN (…), = outer column): any order works for a b-tree prefix. */
  eq: string[];
  /** Columns with a range condition (<, >, BETWEEN, LIKE 'prefix%'). */
  range: string[];
  /** Columns joined to another table of the same query. */
  join: string[];
  order: { column: string; desc: boolean }[];
  group: string[];
  /** Expressions over one column compared with a value, as index expression text, e.g. "lower(email)". */
  expressions: string[];
  /** Conditions that select a subset and suit a partial index's WHERE, e.g. "return_date IS NULL". */
  partial: string[];
  /** The query has a LIMIT (an index in ORDER BY order can stop early). */
  limited: boolean;
}

export interface QueryFacts {
  kind: 'select' | 'update' | 'delete' | 'insert' | 'other';
  usages: TableUsage[];
}

const RANGE_OPS = new Set(['<', '>', '<=', '>=']);

interface Rel {
  key: string;
  table: TableInfo;
  usage: TableUsage;
}

/** Facts of one statement; undefined when it does not parse. */
export function queryFacts(sql: string, schema: SchemaIndex): QueryFacts | undefined {
  const parsed = parsePg(sql);
  if (!parsed.ok || parsed.stmts.length !== 1) return undefined;
  const stmt: Json = parsed.stmts[0].stmt;
  const collector = new Collector(sql, parsed.toChar, schema);
  const type = nodeType(stmt);
  let kind: QueryFacts['kind'] = 'other';
  if (type === 'SelectStmt') {
    kind = 'select';
    collector.select(stmt.SelectStmt, []);
  } else if (type === 'UpdateStmt' || type === 'DeleteStmt') {
    kind = type === 'UpdateStmt' ? 'update' : 'delete';
    const s = stmt[type];
    collector.withClause(s.withClause, []);
    const rels = collector.relationsOf([s.relation, ...list(type === 'UpdateStmt' ? s.fromClause : s.usingClause)], []);
    collector.where(s.whereClause, rels, []);
  } else if (type === 'InsertStmt') {
    kind = 'insert';
    const sel = as(stmt.InsertStmt.selectStmt, 'SelectStmt');
    if (sel && !sel.valuesLists) collector.select(sel, []);
  }
  return { kind, usages: collector.usages() };
}

class Collector {
  private readonly all: TableUsage[] = [];
  private readonly ctes = new Set<string>();

  constructor(
    private readonly sql: string,
    private readonly toChar: (b: number) => number,
    private readonly schema: SchemaIndex,
  ) {}

  usages(): TableUsage[] {
    return this.all.filter((u) => u.eq.length + u.range.length + u.join.length + u.order.length + u.group.length + u.expressions.length + u.partial.length > 0);
  }

  withClause(w: Json, outer: Rel[]): void {
    for (const c of list(as(w, 'WithClause')?.ctes)) {
      const cte = as(c, 'CommonTableExpr');
      if (!cte) continue;
      this.ctes.add(String(cte.ctename));
      const q = as(cte.ctequery, 'SelectStmt');
      if (q) this.select(q, outer);
    }
  }

  select(sel: Json, outer: Rel[]): void {
    if (!sel) return;
    this.withClause(sel.withClause, outer);
    if (sel.op && sel.op !== 'SETOP_NONE') {
      this.select(as(sel.larg, 'SelectStmt') ?? sel.larg, outer);
      this.select(as(sel.rarg, 'SelectStmt') ?? sel.rarg, outer);
      return;
    }
    const rels = this.relationsOf(list(sel.fromClause), outer);
    this.where(sel.whereClause, rels, outer);
    this.where(sel.havingClause, rels, outer);
    for (const t of list(sel.targetList)) this.subLinks(as(t, 'ResTarget')?.val, [...rels, ...outer]);
    const limited = Boolean(sel.limitCount);
    for (const sb of list(sel.sortClause)) {
      const by = as(sb, 'SortBy');
      const col = this.column(by?.node, rels);
      if (col) col.rel.usage.order.push({ column: col.column, desc: by.sortby_dir === 'SORTBY_DESC' });
    }
    if (limited) for (const r of rels) if (r.usage.order.length) r.usage.limited = true;
    for (const g of list(sel.groupClause)) {
      const col = this.column(g, rels);
      if (col) col.rel.usage.group.push(col.column);
    }
  }

  /** Base tables of FROM items (joins included, with their ON conditions); subqueries recursed into. */
  relationsOf(items: Json[], outer: Rel[]): Rel[] {
    const rels: Rel[] = [];
    const ons: Json[] = [];
    const visit = (it: Json) => {
      const t = nodeType(it);
      if (t === 'RangeVar') {
        const rv = it.RangeVar;
        const name = String(rv.relname);
        if (!rv.schemaname && this.ctes.has(name)) return;
        const table = this.schema.findTable({ text: name, quoted: true }, rv.schemaname ? { text: String(rv.schemaname), quoted: true } : undefined);
        if (!table || (table.kind !== 'table' && table.kind !== 'partitioned_table' && table.kind !== 'materialized_view')) return;
        const usage: TableUsage = { table, eq: [], range: [], join: [], order: [], group: [], expressions: [], partial: [], limited: false };
        this.all.push(usage);
        rels.push({ key: String(rv.alias?.aliasname ?? name), table, usage });
      } else if (t === 'JoinExpr') {
        const j = it.JoinExpr;
        visit(j.larg);
        visit(j.rarg);
        if (j.quals) ons.push(j.quals);
        for (const u of names(j.usingClause)) this.usingJoin(u, rels);
      } else if (t === 'RangeSubselect') {
        const sub = as(it.RangeSubselect.subquery, 'SelectStmt');
        if (sub) this.select(sub, it.RangeSubselect.lateral ? [...rels, ...outer] : outer);
      }
    };
    items.forEach(visit);
    for (const on of ons) this.where(on, rels, outer);
    return rels;
  }

  private usingJoin(column: string, rels: Rel[]): void {
    for (const r of rels) if (r.table.columns.some((c) => c.name === column)) push(r.usage.join, column);
  }

  where(expr: Json, rels: Rel[], outer: Rel[]): void {
    for (const c of conjuncts(expr)) this.conjunct(c, rels, outer);
  }

  private conjunct(n: Json, rels: Rel[], outer: Rel[]): void {
    const t = nodeType(n);
    if (t === 'A_Expr') {
      const e = n.A_Expr;
      const op = names(e.name)[0] ?? '';
      const l = this.column(e.lexpr, rels);
      const r = this.column(e.rexpr, rels);
      if (e.kind === 'AEXPR_OP' && (op === '=' || RANGE_OPS.has(op))) {
        if (l && r && l.rel !== r.rel) {
          push(l.rel.usage.join, l.column);
          push(r.rel.usage.join, r.column);
        } else if (l && !r && this.isValue(e.rexpr, rels)) push(op === '=' ? l.rel.usage.eq : l.rel.usage.range, l.column);
        else if (r && !l && this.isValue(e.lexpr, rels)) push(op === '=' ? r.rel.usage.eq : r.rel.usage.range, r.column);
        else if (op === '=' && !this.expression(e.lexpr, e.rexpr, rels)) this.expression(e.rexpr, e.lexpr, rels);
      } else if (e.kind === 'AEXPR_IN' && l && op === '=') push(l.rel.usage.eq, l.column);
      else if (e.kind === 'AEXPR_BETWEEN' && l) push(l.rel.usage.range, l.column);
      else if (e.kind === 'AEXPR_LIKE' && l && op === '~~') {
        const pat = as(e.rexpr, 'A_Const')?.sval?.sval;
        if (typeof pat === 'string' && /^[^%_]/.test(pat)) push(l.rel.usage.range, l.column);
      }
    } else if (t === 'NullTest') {
      const col = this.column(n.NullTest.arg, rels);
      if (col) push(col.rel.usage.partial, `${quoteIdent(col.column)} IS ${n.NullTest.nulltesttype === 'IS_NULL' ? '' : 'NOT '}NULL`);
    } else if (t === 'BooleanTest' || t === 'ColumnRef') {
      const col = this.column(t === 'ColumnRef' ? n : n.BooleanTest.arg, rels);
      const info = col?.rel.table.columns.find((c) => c.name === col.column);
      if (col && info?.dataType === 'boolean') push(col.rel.usage.partial, t === 'ColumnRef' ? quoteIdent(col.column) : `${quoteIdent(col.column)} IS ${String(n.BooleanTest.booltesttype).replace('IS_', '').replace('_', ' ')}`);
    } else if (t === 'SubLink') {
      this.subLinks(n, [...rels, ...outer]);
      // `col IN (SELECT …)`: the column is probed with the subquery's values.
      if (n.SubLink.subLinkType === 'ANY_SUBLINK') {
        const col = this.column(n.SubLink.testexpr, rels);
        if (col) push(col.rel.usage.eq, col.column);
      }
    } else if (t === 'BoolExpr' && n.BoolExpr.boolop === 'NOT_EXPR') {
      this.subLinks(n, [...rels, ...outer]);
    } else if (t === 'BoolExpr' && n.BoolExpr.boolop === 'OR_EXPR') {
      this.subLinks(n, [...rels, ...outer]);
    }
    // A correlated reference (inner column = outer column) works like a value for the inner table.
    if (t === 'A_Expr' && outer.length) {
      const e = n.A_Expr;
      if (names(e.name)[0] === '=') {
        const l = this.column(e.lexpr, rels);
        const r = this.column(e.rexpr, rels);
        if (l && !r && this.column(e.rexpr, outer)) push(l.rel.usage.eq, l.column);
        if (r && !l && this.column(e.lexpr, outer)) push(r.rel.usage.eq, r.column);
      }
    }
  }

  /** Subqueries anywhere in an expression, analysed with the enclosing relations as outer scope. */
  private subLinks(n: Json, scope: Rel[]): void {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x) => this.subLinks(x, scope));
    const sl = as(n, 'SubLink');
    if (sl) {
      const sub = as(sl.subselect, 'SelectStmt');
      if (sub) this.select(sub, scope);
      return;
    }
    for (const v of Object.values(n)) this.subLinks(v, scope);
  }

  /** `f(col) = value` with one column of one table: an expression index candidate. */
  private expression(side: Json, other: Json, rels: Rel[]): boolean {
    const fc = as(side, 'FuncCall');
    if (!fc || !this.isValue(other, rels)) return false;
    const cols = this.columnsIn(side, rels);
    if (cols.length !== 1) return false;
    const text = this.sourceOf(fc.location, cols[0].qualifier);
    if (!text) return false;
    push(cols[0].rel.usage.expressions, text);
    return true;
  }

  private columnsIn(n: Json, rels: Rel[]): { rel: Rel; column: string; qualifier?: string }[] {
    const out: { rel: Rel; column: string; qualifier?: string }[] = [];
    const visit = (x: Json) => {
      if (!x || typeof x !== 'object') return;
      if (Array.isArray(x)) return x.forEach(visit);
      if (as(x, 'ColumnRef')) {
        const c = this.column(x, rels);
        if (c) out.push(c);
        return;
      }
      Object.values(x).forEach(visit);
    };
    visit(n);
    return out;
  }

  /** The source text of a function call starting at a byte location, without the column's qualifier. */
  private sourceOf(location: number | undefined, qualifier: string | undefined): string | undefined {
    if (location === undefined) return undefined;
    const start = this.toChar(location);
    let depth = 0;
    let end = -1;
    for (let i = start; i < this.sql.length; i++) {
      const ch = this.sql[i];
      if (ch === "'") {
        const close = this.sql.indexOf("'", i + 1);
        if (close < 0) return undefined;
        i = close;
      } else if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) return undefined;
    let text = this.sql.slice(start, end).replace(/\s+/g, ' ');
    if (qualifier) text = text.replace(new RegExp(`(^|[^\\w."])"?${escapeRegex(qualifier)}"?\\.`, 'g'), '$1');
    return text;
  }

  /** A value for the duration of the query: constant, parameter, cast of one, or an expression without columns of this block. */
  private isValue(n: Json, rels: Rel[]): boolean {
    if (!n) return false;
    const t = nodeType(n);
    if (t === 'A_Const' || t === 'ParamRef') return true;
    if (t === 'TypeCast') return this.isValue(n.TypeCast.arg, rels);
    if (t === 'SubLink') return false;
    return this.columnsIn(n, rels).length === 0 && !hasColumnRef(n);
  }

  column(n: Json, rels: Rel[]): { rel: Rel; column: string; qualifier?: string } | undefined {
    let node = n;
    while (as(node, 'TypeCast')) node = node.TypeCast.arg; // `col::text = …` still names the column (the index may not apply; the planner decides)
    const ref = as(node, 'ColumnRef');
    if (!ref) return undefined;
    const parts = names(ref.fields);
    if (parts.includes('*') || parts.length === 0 || parts.length > 3) return undefined;
    const column = parts[parts.length - 1];
    if (parts.length >= 2) {
      const q = parts[parts.length - 2];
      const rel = rels.find((r) => r.key === q);
      if (!rel || !rel.table.columns.some((c) => c.name === column)) return undefined;
      return { rel, column, qualifier: q };
    }
    const owners = rels.filter((r) => r.table.columns.some((c) => c.name === column));
    return owners.length === 1 ? { rel: owners[0], column } : undefined;
  }
}

function hasColumnRef(n: Json): boolean {
  if (!n || typeof n !== 'object') return false;
  if (Array.isArray(n)) return n.some(hasColumnRef);
  if (as(n, 'ColumnRef') || as(n, 'SubLink')) return true;
  return Object.values(n).some(hasColumnRef);
}

export function conjuncts(expr: Json): Json[] {
  const b = as(expr, 'BoolExpr');
  if (b?.boolop === 'AND_EXPR') return list(b.args).flatMap(conjuncts);
  return expr ? [expr] : [];
}

function push(arr: string[], v: string): void {
  if (!arr.includes(v)) arr.push(v);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A PostgreSQL identifier, quoted only when it has to be. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const RESERVED = new Set(['all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'both', 'case', 'cast', 'check', 'collate', 'column', 'constraint', 'create', 'default', 'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'into', 'leading', 'limit', 'not', 'null', 'offset', 'on', 'only', 'or', 'order', 'primary', 'references', 'select', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'when', 'where', 'window', 'with']);
