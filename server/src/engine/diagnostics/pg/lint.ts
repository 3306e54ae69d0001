// Lint rules over the PostgreSQL AST, called by the analyser at the nodes they inspect, after the
// node's column references are resolved (so types, nullability and indexes are known).
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { OutputColumn, Relation, Scope } from '../scope';
import { typeCategory, literalFits, categoriesClash } from '../type-categories';
import { as, constValue, list, names, nodeType, type Json } from './ast';
import type { PgAnalyzer } from './analyzer';

const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);

export class PgLint {
  constructor(private readonly a: PgAnalyzer) {}

  updateOrDelete(kind: 'update' | 'delete', s: Json, target: Relation): void {
    if (s.whereClause) return;
    const span = this.a.tokens.nameParts(s.relation?.location ?? 0, (s.relation?.schemaname ? 2 : 1)).at(-1)!;
    const verb = kind === 'update' ? 'UPDATE' : 'DELETE';
    this.a.report(`${kind}-without-where`, span, `${verb} without WHERE ${kind === 'update' ? 'changes' : 'removes'} every row of "${target.tableKey ?? target.key}".`);
  }

  /** SELECT * at the top of a view's query or of INSERT … SELECT. */
  selectStarIn(query: Json, where: 'view' | 'insert'): void {
    let sel = as(query, 'SelectStmt');
    while (sel && sel.op && sel.op !== 'SETOP_NONE') sel = as(sel.larg, 'SelectStmt') ?? sel.larg;
    for (const t of list(sel?.targetList)) {
      const ref = as(as(t, 'ResTarget')?.val, 'ColumnRef');
      if (ref && names(ref.fields).at(-1) === '*') {
        const parts = this.a.tokens.nameParts(ref.location ?? 0, names(ref.fields).length);
        const text = where === 'view' ? 'in a view freezes the column list at creation time' : 'in INSERT … SELECT breaks as soon as either table gains or reorders a column';
        this.a.report('select-star', parts.at(-1)!, `SELECT * ${text}; list the columns.`);
      }
    }
  }

  selectBlock(sel: Json, scope: Scope, output: OutputColumn[] | undefined): void {
    this.orderByOrdinal(sel, output);
    this.crossJoin(sel, scope);
  }

  private orderByOrdinal(sel: Json, _output: OutputColumn[] | undefined): void {
    const targets = list(sel.targetList);
    for (const sb of list(sel.sortClause)) {
      const c = constValue(as(sb, 'SortBy')?.node);
      if (c?.kind !== 'number' || c.location === undefined || !/^\d+$/.test(c.text ?? '')) continue;
      const span = this.a.tokens.tokenSpan(c.location);
      const target = as(targets[Number(c.text) - 1], 'ResTarget');
      let replacement: string | undefined = target?.name ? this.a.quote(target.name) : undefined;
      const ref = as(target?.val, 'ColumnRef');
      if (!replacement && ref && names(ref.fields).at(-1) !== '*') {
        const parts = this.a.tokens.nameParts(ref.location, names(ref.fields).length);
        replacement = this.a.tokens.slice({ start: parts[0].start, end: parts.at(-1)!.end });
      }
      const fix = replacement ? { title: `Order by ${replacement}`, edits: [{ start: span.start, end: span.end, newText: replacement }] } : undefined;
      this.a.report('order-by-ordinal', span, `ORDER BY ${c.text} refers to a select-list position; name the column instead.`, fix);
    }
  }

  /** FROM a, b with no WHERE condition linking b to a: every pair of rows. */
  private crossJoin(sel: Json, scope: Scope): void {
    const items = list(sel.fromClause);
    if (items.length < 2) return;
    // Base tables of each comma-separated item; items without base tables (derived tables,
    // functions, CTEs) are often single-row on purpose and count as joined.
    const keysOf = items.map((it) => baseTableKeys(it, scope));
    const parent = items.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const unite = (i: number, j: number) => (parent[find(i)] = find(j));
    keysOf.forEach((k, i) => k === undefined && items.forEach((_, j) => unite(i, j)));
    const itemOf = (key: string) => keysOf.findIndex((k) => k?.has(key));
    for (const conj of conjuncts(sel.whereClause)) {
      const refs = this.relationKeysIn(conj);
      if (refs === 'unknown') items.forEach((_, j) => unite(0, j));
      else {
        const idx = [...refs].map(itemOf).filter((i) => i >= 0);
        for (const i of idx) unite(idx[0], i);
      }
    }
    const root = find(0);
    items.forEach((it, i) => {
      if (find(i) === root) return;
      const rv = firstRangeVar(it);
      if (!rv) return;
      const span = this.a.tokens.nameParts(rv.location ?? 0, rv.schemaname ? 2 : 1).at(-1)!;
      this.a.report('cross-join', span, `"${rv.alias?.aliasname ?? rv.relname}" has no join condition with the other tables: an implicit cross join pairs every row with every row.`);
    });
  }

  /** Relation keys referenced by an expression, or 'unknown' when a reference could not be resolved. */
  private relationKeysIn(expr: Json): Set<string> | 'unknown' {
    const keys = new Set<string>();
    let unknown = false;
    const visit = (n: Json) => {
      if (!n || typeof n !== 'object') return;
      if (Array.isArray(n)) return n.forEach(visit);
      const ref = as(n, 'ColumnRef');
      if (ref) {
        const parts = names(ref.fields);
        const r = this.a.resolved.get(ref);
        if (r?.relation) keys.add(r.relation.key);
        else if (parts.length >= 2) keys.add(parts[parts.length - 2]);
        else unknown = true;
        return;
      }
      Object.values(n).forEach(visit);
    };
    visit(expr);
    return unknown ? 'unknown' : keys;
  }

  aExpr(n: Json, clause: string): void {
    const op = names(n.name)[0];
    if (n.kind === 'AEXPR_OP' && (op === '=' || op === '<>' || op === '!=')) this.nullComparison(n, op);
    if (n.kind === 'AEXPR_LIKE' || n.kind === 'AEXPR_ILIKE') this.leadingWildcard(n);
    if ((n.kind === 'AEXPR_OP' && COMPARISON.has(op)) || n.kind === 'AEXPR_IN') this.typeMismatch(n, op);
    if (clause === 'where' && (n.kind === 'AEXPR_OP' || n.kind === 'AEXPR_IN' || n.kind === 'AEXPR_LIKE' || n.kind === 'AEXPR_ILIKE' || n.kind === 'AEXPR_BETWEEN')) {
      this.nonSargable(n.lexpr);
      if (n.kind === 'AEXPR_OP') this.nonSargable(n.rexpr);
    }
  }

  private nullComparison(n: Json, op: string): void {
    const l = constValue(n.lexpr);
    const r = constValue(n.rexpr);
    if (r?.kind !== 'null' && l?.kind !== 'null') return;
    const opSpan = this.a.tokens.tokenSpan(n.location);
    const nullSpan = this.a.tokens.tokenSpan((r?.kind === 'null' ? r : l)!.location ?? 0);
    const isNot = op !== '=';
    const replacement = isNot ? 'IS NOT NULL' : 'IS NULL';
    if (r?.kind === 'null') {
      const span = { start: opSpan.start, end: nullSpan.end };
      this.a.report('null-comparison', span, `\`${op} NULL\` is never true (it yields NULL); use ${replacement}.`, { title: `Change to ${replacement}`, edits: [{ ...span, newText: replacement }] });
    } else {
      this.a.report('null-comparison', { start: nullSpan.start, end: opSpan.end }, `\`NULL ${op}\` is never true (it yields NULL); use ${replacement}.`);
    }
  }

  private leadingWildcard(n: Json): void {
    const c = constValue(n.rexpr);
    if (c?.kind !== 'string' || !c.text?.startsWith('%') || c.location === undefined || c.text === '%') return;
    this.a.report('leading-wildcard-like', this.a.tokens.tokenSpan(c.location), `A pattern starting with % cannot use a b-tree index: every row is scanned.`);
  }

  private typeMismatch(n: Json, op: string): void {
    const left = this.columnOf(n.lexpr);
    const rightItems = n.kind === 'AEXPR_IN' ? list(as(n.rexpr, 'List')?.items) : [n.rexpr];
    for (const right of rightItems) {
      for (const [colNode, col, other] of [
        [n.lexpr, left, right],
        [right, this.columnOf(right), n.lexpr],
      ] as const) {
        if (!col) continue;
        const cat = typeCategory(col);
        if (!cat) continue;
        const lit = constValue(other);
        const otherCol = this.columnOf(other);
        let problem: string | undefined;
        if (lit && lit.kind !== 'null' && !literalFits(cat, lit.kind, lit.text ?? '')) {
          problem = `"${col.name}" is ${col.dataType} but is compared with ${lit.kind === 'string' ? `'${lit.text}'` : lit.text ?? lit.kind}`;
        } else if (otherCol && colNode === n.lexpr) {
          const oc = typeCategory(otherCol);
          if (oc && categoriesClash(cat, oc)) problem = `"${col.name}" (${col.dataType}) is compared with "${otherCol.name}" (${otherCol.dataType})`;
        }
        if (problem) {
          const span = this.a.tokens.tokenSpan(n.location);
          this.a.report('type-mismatch', span, `Type mismatch: ${problem}${op ? ` with ${n.kind === 'AEXPR_IN' ? 'IN' : op}` : ''}.`);
          return;
        }
      }
    }
  }

  private columnOf(n: Json): ColumnInfo | undefined {
    const ref = as(n, 'ColumnRef');
    return ref ? this.a.resolved.get(ref)?.column?.info : undefined;
  }

  /** fn(indexed_col) compared in WHERE: the index on the bare column cannot be used. */
  private nonSargable(side: Json): void {
    const fc = as(side, 'FuncCall');
    if (!fc) return;
    const fname = names(fc.funcname).at(-1) ?? '';
    for (const arg of list(fc.args)) {
      const ref = as(arg, 'ColumnRef');
      const r = ref ? this.a.resolved.get(ref) : undefined;
      const table = r?.column?.table;
      const col = r?.column?.info;
      if (!table || !col) continue;
      const idx = leadingIndex(table, col.name);
      if (!idx || hasExpressionIndex(table, fname)) continue;
      this.a.report('non-sargable', this.a.tokens.callSpan(fc.location ?? 0), `${fname}(${col.name}) in WHERE cannot use index "${idx}" on ${table.name}.${col.name}; compare the bare column, or index the expression.`);
      return;
    }
  }

  boolExpr(n: Json): void {
    if (n.boolop !== 'NOT_EXPR') return;
    const sl = as(list(n.args)[0], 'SubLink');
    if (!sl || sl.subLinkType !== 'ANY_SUBLINK') return;
    const sub = as(sl.subselect, 'SelectStmt');
    const target = as(list(sub?.targetList)[0], 'ResTarget');
    const ref = as(target?.val, 'ColumnRef');
    const col = ref ? this.a.resolved.get(ref)?.column?.info : undefined;
    if (!col?.nullable || guardsNotNull(sub?.whereClause, col.name)) return;
    const notTok = this.a.tokens.tokenSpan(sl.location ?? n.location ?? 0);
    const i = this.a.tokens.indexAt(notTok.start);
    const inTok = this.a.tokens.token(i + 1);
    const span = { start: notTok.start, end: inTok?.text.toLowerCase() === 'in' ? inTok.end : notTok.end };
    this.a.report('not-in-nullable', span, `NOT IN over nullable column "${col.name}": one NULL in the subquery makes the result empty. Use NOT EXISTS, or filter ${col.name} IS NOT NULL.`);
  }
}

function conjuncts(expr: Json): Json[] {
  const b = as(expr, 'BoolExpr');
  if (b?.boolop === 'AND_EXPR') return list(b.args).flatMap(conjuncts);
  return expr ? [expr] : [];
}

function firstRangeVar(item: Json): Json | undefined {
  const t = nodeType(item);
  if (t === 'RangeVar') return item.RangeVar;
  if (t === 'JoinExpr') return firstRangeVar(item.JoinExpr.larg);
  return undefined;
}

/** Keys of base-table relations in a FROM item; undefined when it has none we can judge. */
function baseTableKeys(item: Json, scope: Scope): Set<string> | undefined {
  const keys = new Set<string>();
  let ok = true;
  const visit = (it: Json) => {
    const t = nodeType(it);
    if (t === 'RangeVar') {
      const rv = it.RangeVar;
      const key = rv.alias?.aliasname ?? rv.relname;
      const rel = scope.relations.find((r) => r.key === key);
      if (!rel?.table) ok = false;
      keys.add(key);
    } else if (t === 'JoinExpr') {
      visit(it.JoinExpr.larg);
      visit(it.JoinExpr.rarg);
      if (it.JoinExpr.alias) ok = false;
    } else ok = false;
  };
  visit(item);
  return ok ? keys : undefined;
}

function leadingIndex(table: TableInfo, column: string): string | undefined {
  if (table.primaryKey?.columns[0] === column) return table.primaryKey.name;
  return table.indexes.find((i) => i.columns[0] === column)?.name;
}

function hasExpressionIndex(table: TableInfo, fname: string): boolean {
  const f = fname.toLowerCase();
  return table.indexes.some((i) => i.columns.some((c) => c.toLowerCase().includes(`${f}(`)) || (i.definition ?? '').toLowerCase().includes(`${f}(`));
}

function guardsNotNull(where: Json, column: string): boolean {
  let found = false;
  const visit = (n: Json) => {
    if (found || !n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    const nt = as(n, 'NullTest');
    if (nt?.nulltesttype === 'IS_NOT_NULL' && names(as(nt.arg, 'ColumnRef')?.fields).at(-1) === column) found = true;
    Object.values(n).forEach(visit);
  };
  visit(where);
  return found;
}
