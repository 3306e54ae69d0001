// Optimization hints for the editor (severity hint by default): what the schema says will be slow.
// Every hint is gated on the planner's row estimate of the tables involved, so small tables, where
// none of this matters, get no hint. PostgreSQL only (the real parser); offsets are relative to the
// statement. Rules that the lint rules already cover (function over an indexed column,
// leading-wildcard LIKE, NOT IN over a nullable column, SELECT * in views) are not repeated here.
import type { TableInfo } from '../schema/model';
import type { SchemaIndex } from '../schema/schema-index';
import { as, list, names, nodeType, type Json } from '../diagnostics/pg/ast';
import { parsePg } from '../diagnostics/pg/parser';
import type { RawDiagnostic } from '../diagnostics/scope';

/** Tables with at least this many estimated rows get hints. */
export const LARGE_TABLE_ROWS = 10_000;
/** count(*) over a whole table is worth an estimate from this many rows. */
export const HUGE_TABLE_ROWS = 1_000_000;
/** OFFSET from which keyset pagination is advised. */
export const LARGE_OFFSET = 1_000;

interface Rel {
  key: string;
  table: TableInfo;
}

const hasLargeTable = new WeakMap<SchemaIndex, boolean>();

export function optimizationHints(sql: string, schema: SchemaIndex): RawDiagnostic[] {
  if (schema.model.dialect !== 'postgres') return [];
  // Most snapshots (and every small database) have no large table: skip the second parse.
  let large = hasLargeTable.get(schema);
  if (large === undefined) hasLargeTable.set(schema, (large = schema.model.tables.some(isLarge)));
  if (!large) return [];
  const parsed = parsePg(sql);
  if (!parsed.ok) return [];
  const h = new Hints(sql, parsed.toChar, schema);
  for (const s of parsed.stmts) h.walk(s.stmt, []);
  return h.out;
}

class Hints {
  readonly out: RawDiagnostic[] = [];

  constructor(
    private readonly sql: string,
    private readonly toChar: (b: number) => number,
    private readonly schema: SchemaIndex,
  ) {}

  /** Finds every SELECT block (also inside CTEs, subqueries, UPDATE/DELETE) and checks it. */
  walk(n: Json, outer: Rel[]): void {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x) => this.walk(x, outer));
    const sel = as(n, 'SelectStmt');
    if (sel && (!sel.op || sel.op === 'SETOP_NONE')) {
      const rels = this.relations(list(sel.fromClause));
      this.select(sel, rels);
      for (const [k, v] of Object.entries(sel)) if (k !== 'fromClause') this.walk(v, [...rels, ...outer]);
      for (const it of list(sel.fromClause)) this.walk(it, outer);
      return;
    }
    for (const v of Object.values(n)) this.walk(v, outer);
  }

  private relations(items: Json[]): Rel[] {
    const rels: Rel[] = [];
    const visit = (it: Json) => {
      const t = nodeType(it);
      if (t === 'RangeVar') {
        const rv = it.RangeVar;
        const table = this.schema.findTable({ text: String(rv.relname), quoted: true }, rv.schemaname ? { text: String(rv.schemaname), quoted: true } : undefined);
        if (table) rels.push({ key: String(rv.alias?.aliasname ?? rv.relname), table });
      } else if (t === 'JoinExpr') {
        visit(it.JoinExpr.larg);
        visit(it.JoinExpr.rarg);
      }
    };
    items.forEach(visit);
    return rels;
  }

  private select(sel: Json, rels: Rel[]): void {
    const large = rels.filter((r) => isLarge(r.table));
    if (large.length === 0) return;
    this.offset(sel, large);
    this.orderByRandom(sel, large);
    this.countStar(sel, rels);
    for (const c of conjuncts(sel.whereClause)) {
      this.orAcrossColumns(c, rels);
      this.castOnIndexed(c, rels);
      this.implicitNumericCast(c, rels);
    }
    const joinQuals: Json[] = [];
    const collect = (it: Json) => {
      const j = as(it, 'JoinExpr');
      if (!j) return;
      collect(j.larg);
      collect(j.rarg);
      if (j.quals) joinQuals.push(...conjuncts(j.quals));
    };
    list(sel.fromClause).forEach(collect);
    for (const c of [...joinQuals, ...conjuncts(sel.whereClause)]) this.unindexedJoin(c, rels);
  }

  private offset(sel: Json, large: Rel[]): void {
    const c = as(sel.limitOffset, 'A_Const');
    const v = Number(c?.ival?.ival ?? NaN);
    if (!(v >= LARGE_OFFSET) || c.location === undefined) return;
    const start = this.toChar(c.location);
    this.report('perf-large-offset', start, start + String(v).length, `OFFSET ${v} reads and throws away ${v} rows of ${names1(large)} on every page; paginate by key instead (WHERE id > last_seen_id ORDER BY id LIMIT n).`);
  }

  private orderByRandom(sel: Json, large: Rel[]): void {
    for (const sb of list(sel.sortClause)) {
      const fc = as(as(sb, 'SortBy')?.node, 'FuncCall');
      if (!fc || names(fc.funcname).at(-1) !== 'random' || fc.location === undefined) continue;
      const start = this.toChar(fc.location);
      this.report('perf-order-by-random', start, this.callEnd(start), `ORDER BY random() sorts all ~${rows(large)} rows of ${names1(large)} to pick a few; use TABLESAMPLE SYSTEM (…) or a random key range instead.`);
    }
  }

  /** SELECT count(*) FROM huge_table, nothing else: pg_class.reltuples is instant. */
  private countStar(sel: Json, rels: Rel[]): void {
    if (sel.whereClause || list(sel.groupClause).length || list(sel.fromClause).length !== 1 || rels.length !== 1) return;
    const targets = list(sel.targetList);
    const fc = as(as(targets[0], 'ResTarget')?.val, 'FuncCall');
    if (targets.length !== 1 || !fc?.agg_star || names(fc.funcname).at(-1) !== 'count' || fc.location === undefined) return;
    const t = rels[0].table;
    if ((t.rowEstimate ?? 0) < HUGE_TABLE_ROWS) return;
    const start = this.toChar(fc.location);
    const whole = /^\s*select\s+count\s*\(\s*\*\s*\)\s+from\s+[\w."]+\s*;?\s*$/i.test(this.sql);
    const regclass = `'${t.schema}.${t.name}'`.replace(/"/g, '');
    const fix = whole ? { title: 'Use the planner\'s row estimate (pg_class.reltuples)', edits: [{ start: 0, end: this.sql.replace(/[\s;]+$/, '').length, newText: `SELECT reltuples::bigint AS estimate FROM pg_class WHERE oid = ${regclass}::regclass` }] } : undefined;
    this.report('perf-count-estimate', start, this.callEnd(start), `count(*) scans all ~${fmt(t.rowEstimate ?? 0)} rows of ${t.name}; if an estimate will do, read pg_class.reltuples instead.`, fix);
  }

  /** `a = 1 OR b = 2` on a large table: one index cannot serve both sides. */
  private orAcrossColumns(c: Json, rels: Rel[]): void {
    const b = as(c, 'BoolExpr');
    if (b?.boolop !== 'OR_EXPR') return;
    const cols = new Set<string>();
    let table: TableInfo | undefined;
    for (const arg of list(b.args)) {
      const e = as(arg, 'A_Expr');
      const col = e ? this.column(e.lexpr, rels) ?? this.column(e.rexpr, rels) : undefined;
      if (!col) return;
      if (table && table !== col.rel.table) return;
      table = col.rel.table;
      cols.add(col.name);
    }
    if (!table || cols.size < 2 || !isLarge(table)) return;
    const at = this.orKeyword(b);
    if (!at) return;
    this.report('perf-or-different-columns', at, at + 2, `OR across different columns (${[...cols].join(', ')}) of ${table.name} usually means a scan of all ~${fmt(table.rowEstimate ?? 0)} rows; "Optimize this SQL" can rewrite it as UNION of indexable queries.`);
  }

  /** `col::type = value` on an indexed column of a large table: the index on col cannot be used. */
  private castOnIndexed(c: Json, rels: Rel[]): void {
    const e = as(c, 'A_Expr');
    if (!e) return;
    for (const side of [e.lexpr, e.rexpr]) {
      const tc = as(side, 'TypeCast');
      if (!tc) continue;
      const col = this.column(tc.arg, rels);
      if (!col || !isLarge(col.rel.table)) continue;
      const idx = leadingIndex(col.rel.table, col.name);
      if (!idx) continue;
      const ref = as(tc.arg, 'ColumnRef');
      const start = this.toChar(ref?.location ?? tc.location ?? 0);
      this.report('perf-cast-on-indexed-column', start, start + this.identLength(start), `A cast of "${col.name}" prevents the use of index "${idx}" on ${col.rel.table.name}; cast the other side to the column's type (${col.rel.table.columns.find((x) => x.name === col.name)?.dataType}) instead.`);
    }
  }

  /** `int_col = 1.5`: PostgreSQL compares as numeric, casting the column, so its index is not used. */
  private implicitNumericCast(c: Json, rels: Rel[]): void {
    const e = as(c, 'A_Expr');
    if (!e || e.kind !== 'AEXPR_OP' || !['=', '<', '>', '<=', '>='].includes(names(e.name)[0] ?? '')) return;
    for (const [colSide, litSide] of [[e.lexpr, e.rexpr], [e.rexpr, e.lexpr]] as const) {
      const col = this.column(colSide, rels);
      const lit = as(litSide, 'A_Const');
      if (!col || lit?.fval === undefined || !isLarge(col.rel.table)) continue;
      const info = col.rel.table.columns.find((x) => x.name === col.name);
      if (!info || !/^(integer|bigint|smallint|int[248]?)$/.test(info.dataType)) continue;
      const idx = leadingIndex(col.rel.table, col.name);
      if (!idx || lit.location === undefined) continue;
      const start = this.toChar(lit.location);
      const text = String(lit.fval.fval);
      this.report('perf-implicit-cast', start, start + text.length, `"${col.name}" is ${info.dataType} but ${text} is numeric: PostgreSQL casts the column to numeric for the comparison, so index "${idx}" is not used. Compare with a whole number.`);
    }
  }

  /** `a.x = b.y` where x has no index leading with it on a large table. */
  private unindexedJoin(c: Json, rels: Rel[]): void {
    const e = as(c, 'A_Expr');
    if (!e || names(e.name)[0] !== '=') return;
    const l = this.column(e.lexpr, rels);
    const r = this.column(e.rexpr, rels);
    if (!l || !r || l.rel === r.rel) return;
    for (const [side, node] of [[l, e.lexpr], [r, e.rexpr]] as const) {
      const t = side.rel.table;
      if (!isLarge(t) || leadingIndex(t, side.name)) continue;
      const ref = as(node, 'ColumnRef');
      if (ref?.location === undefined) continue;
      const parts = names(ref.fields);
      let start = this.toChar(ref.location);
      if (parts.length > 1) start = this.sql.indexOf('.', start) + 1 || start;
      this.report('perf-unindexed-join', start, start + this.identLength(start), `Join column ${t.name}.${side.name} has no index and ${t.name} has ~${fmt(t.rowEstimate ?? 0)} rows; "Suggest indexes for this query" can check whether one would help.`);
    }
  }

  private column(n: Json, rels: Rel[]): { rel: Rel; name: string } | undefined {
    const ref = as(n, 'ColumnRef');
    if (!ref) return undefined;
    const parts = names(ref.fields);
    const name = parts.at(-1);
    if (!name || name === '*') return undefined;
    if (parts.length >= 2) {
      const rel = rels.find((r) => r.key === parts[parts.length - 2]);
      return rel && rel.table.columns.some((c) => c.name === name) ? { rel, name } : undefined;
    }
    const owners = rels.filter((r) => r.table.columns.some((c) => c.name === name));
    return owners.length === 1 ? { rel: owners[0], name } : undefined;
  }

  private orKeyword(b: Json): number | undefined {
    const from = b.location !== undefined ? this.toChar(b.location) : 0;
    const m = /\bor\b/i.exec(this.sql.slice(from));
    return m ? from + m.index : undefined;
  }

  private identLength(start: number): number {
    const m = /^("(?:[^"]|"")*"|[\w$]+)/.exec(this.sql.slice(start));
    return m ? m[0].length : 1;
  }

  private callEnd(start: number): number {
    let depth = 0;
    for (let i = start; i < this.sql.length; i++) {
      if (this.sql[i] === '(') depth++;
      else if (this.sql[i] === ')' && --depth === 0) return i + 1;
    }
    return start + 1;
  }

  private report(code: string, start: number, end: number, message: string, fix?: RawDiagnostic['fix']): void {
    if (this.out.some((d) => d.code === code && d.start === start)) return;
    this.out.push({ code, start, end: Math.max(end, start + 1), message, ...(fix ? { fix } : {}) });
  }
}

function isLarge(t: TableInfo): boolean {
  return (t.rowEstimate ?? 0) >= LARGE_TABLE_ROWS;
}

function leadingIndex(t: TableInfo, column: string): string | undefined {
  if (t.primaryKey?.columns[0] === column) return t.primaryKey.name;
  return t.indexes.find((i) => i.columns[0] === column && !i.predicate)?.name;
}

function conjuncts(expr: Json): Json[] {
  const b = as(expr, 'BoolExpr');
  if (b?.boolop === 'AND_EXPR') return list(b.args).flatMap(conjuncts);
  return expr ? [expr] : [];
}

function names1(rels: Rel[]): string {
  return rels.map((r) => r.table.name).join(', ');
}

function rows(rels: Rel[]): string {
  return fmt(Math.max(...rels.map((r) => r.table.rowEstimate ?? 0)));
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
