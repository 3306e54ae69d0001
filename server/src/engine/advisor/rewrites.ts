// Rule-based rewrites for "Optimize this SQL" without an AI provider (PostgreSQL): NOT IN → NOT
// EXISTS, OR across columns → UNION ALL, a correlated aggregate subquery in the select list → a
// LEFT JOIN of a grouped derived table, and non-sargable predicates → sargable ones. Proposing is
// pure text work guided by the real parser (clauses are cut at top-level keywords, each fragment is
// re-parsed to classify it); whether a rewrite is offered is decided by verify-rewrite.ts on the
// live database (same rows, EXPLAIN cost before/after).
import type { SchemaIndex } from '../schema/schema-index';
import { as, constValue, list, names, nodeType, type Json } from '../diagnostics/pg/ast';
import { parsePg } from '../diagnostics/pg/parser';
import { conjuncts } from './query-facts';

export type RewriteRule = 'not-in-to-not-exists' | 'or-to-union-all' | 'correlated-subquery-to-join' | 'sargable-predicate';

export interface Rewrite {
  rule: RewriteRule;
  title: string;
  original: string;
  rewritten: string;
  /** The one table of the outer FROM ("schema.table") and its row estimate, when known. */
  outerTable?: string;
  outerRows?: number;
  /**
   * The same pair with the outer table replaced by a repeatable sample of it (TABLESAMPLE BERNOULLI
   * (percent) REPEATABLE (7)): every rewrite here maps outer rows to result rows the same way, so
   * equal results on the same sample are evidence at a bounded cost on large tables.
   */
  sample?: (percent: number) => { original: string; rewritten: string } | undefined;
}

interface Clauses {
  select: string;
  from: string;
  where?: string;
  /** Text after WHERE's end (GROUP BY …, ORDER BY …), or after FROM's end without WHERE. */
  tail: string;
  hasTail: boolean;
}

/** Candidate rewrites of one SELECT statement; empty when nothing applies or the text is not one plain SELECT. */
export function proposeRewrites(sql: string, schema?: SchemaIndex, samplePercent?: number): Rewrite[] {
  const text = sql.trim().replace(/;\s*$/, '');
  const parsed = parsePg(text);
  if (!parsed.ok || parsed.stmts.length !== 1) return [];
  const sel = as(parsed.stmts[0].stmt, 'SelectStmt');
  if (!sel || (sel.op && sel.op !== 'SETOP_NONE') || sel.withClause || sel.valuesLists) return [];
  const c0 = clauses(text);
  if (!c0) return [];
  const from = list(sel.fromClause);
  const rv = from.length === 1 ? as(from[0], 'RangeVar') : undefined;
  const relation = rv ? `${rv.schemaname ? quoteName(String(rv.schemaname)) + '.' : ''}${quoteName(String(rv.relname))}` : undefined;
  const outer = rv ? schema?.findTable({ text: String(rv.relname), quoted: true }, rv.schemaname ? { text: String(rv.schemaname), quoted: true } : undefined) : undefined;
  if (samplePercent !== undefined && !relation) return [];
  const c: Clauses = samplePercent !== undefined ? { ...c0, from: `(SELECT * FROM ${relation} TABLESAMPLE BERNOULLI (${samplePercent}) REPEATABLE (7)) ${quoteName(String(rv.alias?.aliasname ?? rv.relname))}` } : c0;
  const original = samplePercent !== undefined ? `SELECT ${c.select} FROM ${c.from}${c.where ? ` WHERE ${c.where}` : ''}${c.hasTail ? ' ' + c.tail : ''}` : text;
  const out: Rewrite[] = [];
  const push = (rule: RewriteRule, title: string, rewritten: string | undefined) => {
    if (!rewritten || rewritten === original || !parsePg(rewritten).ok) return;
    const r: Rewrite = { rule, title, original, rewritten };
    if (outer) {
      r.outerTable = `${outer.schema}.${outer.name}`;
      if (outer.rowEstimate !== undefined) r.outerRows = outer.rowEstimate;
    }
    if (samplePercent === undefined && relation) {
      const nth = out.filter((x) => x.rule === rule).length;
      r.sample = (percent) => {
        const s = proposeRewrites(text, schema, percent).filter((x) => x.rule === rule)[nth];
        return s ? { original: s.original, rewritten: s.rewritten } : undefined;
      };
    }
    out.push(r);
  };
  const fromAliases = outerAliases(sel);
  if (c.where) {
    const parts = splitTopLevel(c.where, 'and');
    parts.forEach((part, i) => {
      const others = parts.filter((_, j) => j !== i);
      push('not-in-to-not-exists', 'NOT IN → NOT EXISTS', notInToNotExists(part, fromAliases, schema, (replacement) => rebuild(c, [...parts.slice(0, i), replacement, ...parts.slice(i + 1)])));
      push('sargable-predicate', 'Make the predicate sargable (index-friendly)', sargable(part, (replacement) => rebuild(c, [...parts.slice(0, i), replacement, ...parts.slice(i + 1)])));
      if (!sel.groupClause && !sel.sortClause && !sel.limitCount && !sel.distinctClause && !sel.havingClause && !hasAggregate(sel.targetList)) {
        push('or-to-union-all', 'OR → UNION ALL (one indexable query per branch)', orToUnionAll(c, part, others));
      }
    });
  }
  push('correlated-subquery-to-join', 'Correlated subquery → LEFT JOIN of a grouped table', correlatedToJoin(c, sel));
  return out;
}

function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function rebuild(c: Clauses, whereParts: string[]): string {
  return `SELECT ${c.select} FROM ${c.from} WHERE ${whereParts.join(' AND ')}${c.hasTail ? ' ' + c.tail : ''}`;
}

/** `x NOT IN (SELECT y FROM t [WHERE w])` → `NOT EXISTS (SELECT 1 FROM t WHERE [w AND] t.y = x)`. */
function notInToNotExists(part: string, outer: Map<string, string>, schema: SchemaIndex | undefined, wrap: (s: string) => string): string | undefined {
  const m = /^\s*(.+?)\s+not\s+in\s*\(\s*(select\b[\s\S]*)\)\s*$/i.exec(part);
  if (!m) return undefined;
  const [, lhsText, subText] = m;
  const node = fragment(part);
  const sl = as(as(node, 'BoolExpr')?.args?.[0], 'SubLink');
  if (as(node, 'BoolExpr')?.boolop !== 'NOT_EXPR' || sl?.subLinkType !== 'ANY_SUBLINK') return undefined;
  const lhs = as(sl.testexpr, 'ColumnRef');
  const sub = as(sl.subselect, 'SelectStmt');
  const target = as(as(list(sub?.targetList)[0], 'ResTarget')?.val, 'ColumnRef');
  const from = list(sub?.fromClause);
  if (!lhs || !target || list(sub?.targetList).length !== 1 || from.length !== 1 || !as(from[0], 'RangeVar') || sub.groupClause || sub.limitCount || sub.distinctClause) return undefined;
  const rv = as(from[0], 'RangeVar');
  const innerKey = String(rv.alias?.aliasname ?? rv.relname);
  const inner = clauses(subText);
  if (!inner) return undefined;
  const tcols = names(target.fields);
  const innerCol = tcols.length === 1 ? `${innerKey}.${tcols[0]}` : tcols.join('.');
  let outerCol = lhsText.trim();
  const lcols = names(lhs.fields);
  if (lcols.length === 1) {
    // Unqualified outer column: qualify it with the only outer table that has it, or give up.
    const owners = [...outer.entries()].filter(([, table]) => schema?.findTable({ text: table, quoted: true })?.columns.some((c) => c.name === lcols[0]));
    if (owners.length !== 1) return undefined;
    outerCol = `${owners[0][0]}.${lcols[0]}`;
  }
  if (outer.has(innerKey) && lcols.length > 1 && lcols[0] === innerKey) return undefined; // same alias inside and out
  const conds = [...(inner.where ? [`(${inner.where})`] : []), `${innerCol} = ${outerCol}`];
  return wrap(`NOT EXISTS (SELECT 1 FROM ${inner.from} WHERE ${conds.join(' AND ')})`);
}

/** `(a OR b) AND rest` → `… WHERE a AND rest UNION ALL … WHERE b AND (a) IS NOT TRUE AND rest`: same rows, same multiplicity. */
function orToUnionAll(c: Clauses, part: string, rest: string[]): string | undefined {
  const node = fragment(part);
  if (as(node, 'BoolExpr')?.boolop !== 'OR_EXPR') return undefined;
  const branches = splitTopLevel(stripParens(part), 'or');
  if (branches.length < 2 || branches.length > 4) return undefined;
  // Only when the branches filter different columns: one index per branch is the point.
  const cols = branches.map((b) => columnsOf(fragment(b)).join(','));
  if (new Set(cols).size < 2) return undefined;
  const selects = branches.map((b, i) => {
    const conds = [`(${b.trim()})`, ...branches.slice(0, i).map((p) => `(${p.trim()}) IS NOT TRUE`), ...rest];
    return `SELECT ${c.select} FROM ${c.from} WHERE ${conds.join(' AND ')}`;
  });
  return selects.join(' UNION ALL ');
}

/**
 * `SELECT …, (SELECT agg(x) FROM t WHERE t.k = o.k [AND w]) AS n FROM o …` →
 * `SELECT …, coalesce(sq.v, 0) AS n FROM o LEFT JOIN (SELECT t.k AS k, agg(x) AS v FROM t [WHERE w] GROUP BY t.k) sq ON sq.k = o.k …`
 */
function correlatedToJoin(c: Clauses, sel: Json): string | undefined {
  if (splitTopLevel(c.from, ',').length !== 1 || sel.groupClause || sel.distinctClause) return undefined;
  const items = splitTopLevel(c.select, ',');
  let done = false;
  let join = '';
  const rewritten = items.map((item) => {
    if (done) return item;
    const m = /^\s*\(\s*(select\b[\s\S]*)\)\s*(?:as\s+("?[\w$]+"?))?\s*$/i.exec(item);
    if (!m) return item;
    const parsed = parsePg(m[1]);
    if (!parsed.ok) return item;
    const sub = as(parsed.stmts[0].stmt, 'SelectStmt');
    const agg = as(as(list(sub?.targetList)[0], 'ResTarget')?.val, 'FuncCall');
    const fname = names(agg?.funcname).at(-1) ?? '';
    const from = list(sub?.fromClause);
    if (!agg || list(sub.targetList).length !== 1 || !['count', 'sum', 'min', 'max', 'avg'].includes(fname) || agg.agg_distinct || from.length !== 1 || !as(from[0], 'RangeVar') || sub.groupClause || sub.limitCount) return item;
    const rv = as(from[0], 'RangeVar');
    const innerKey = String(rv.alias?.aliasname ?? rv.relname);
    const inner = clauses(m[1]);
    if (!inner?.where) return item;
    const parts = splitTopLevel(inner.where, 'and');
    let key: { inner: string; outer: string } | undefined;
    const others: string[] = [];
    for (const p of parts) {
      const e = as(fragment(p), 'A_Expr');
      const l = names(as(e?.lexpr, 'ColumnRef')?.fields);
      const r = names(as(e?.rexpr, 'ColumnRef')?.fields);
      if (e && names(e.name)[0] === '=' && l.length === 2 && r.length === 2 && (l[0] === innerKey) !== (r[0] === innerKey) && !key) {
        key = l[0] === innerKey ? { inner: l.join('.'), outer: r.join('.') } : { inner: r.join('.'), outer: l.join('.') };
      } else {
        if (references(fragment(p), innerKey)) return item; // another correlated condition: leave it
        others.push(p);
      }
    }
    if (!key || references(agg, innerKey, true)) return item;
    const name = m[2] ?? fname;
    const aggText = /^\s*select\s+([\s\S]*?)\s+from\s/i.exec(m[1])?.[1];
    if (!aggText) return item;
    done = true;
    join = ` LEFT JOIN (SELECT ${key.inner} AS k, ${aggText} AS v FROM ${inner.from}${others.length ? ` WHERE ${others.join(' AND ')}` : ''} GROUP BY ${key.inner}) sw_sq ON sw_sq.k = ${key.outer}`;
    return ` ${fname === 'count' ? 'coalesce(sw_sq.v, 0)' : 'sw_sq.v'} AS ${name}`;
  });
  if (!done) return undefined;
  return `SELECT ${rewritten.map((x) => x.trim()).join(', ')} FROM ${c.from.trim()}${join}${c.where ? ` WHERE ${c.where}` : ''}${c.hasTail ? ' ' + c.tail : ''}`;
}

/** Only references `key.` inside (true) or any column outside `key` (false) — used to keep rewrites safe. */
function references(n: Json, key: string, onlyOther = false): boolean {
  let found = false;
  const visit = (x: Json) => {
    if (found || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(visit);
    const ref = as(x, 'ColumnRef');
    if (ref) {
      const parts = names(ref.fields);
      if (onlyOther ? parts.length === 2 && parts[0] !== key : parts.length === 2 && parts[0] !== key) found = true;
      return;
    }
    Object.values(x).forEach(visit);
  };
  visit(n);
  return found;
}

/** Predicates over a function of a column, rewritten as a range on the bare column. */
function sargable(part: string, wrap: (s: string) => string): string | undefined {
  const e = as(fragment(part), 'A_Expr');
  if (!e || e.kind !== 'AEXPR_OP') return undefined;
  const op = names(e.name)[0];
  const lit = constValue(e.rexpr);
  const colText = (n: Json) => {
    const ref = as(n, 'ColumnRef');
    return ref ? names(ref.fields).join('.') : undefined;
  };
  // extract(year FROM col) = N / date_part('year', col) = N
  const fc = as(e.lexpr, 'FuncCall');
  const fname = names(fc?.funcname).at(-1);
  if (op === '=' && (fname === 'extract' || fname === 'date_part') && lit?.kind === 'number') {
    const [field, arg] = list(fc.args);
    const col = colText(arg);
    const year = Number(lit.text);
    if (constValue(field)?.text?.toLowerCase() === 'year' && col && Number.isInteger(year) && year > 0 && year < 10000) {
      return wrap(`${col} >= '${pad(year)}-01-01' AND ${col} < '${pad(year + 1)}-01-01'`);
    }
  }
  // col::date = 'D' / date(col) = 'D'
  const castArg = as(e.lexpr, 'TypeCast');
  const castTo = names(castArg?.typeName?.names).at(-1);
  const dateCol = castArg && castTo === 'date' ? colText(castArg.arg) : fname === 'date' && list(fc.args).length === 1 ? colText(list(fc.args)[0]) : undefined;
  if (op === '=' && dateCol && lit?.kind === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(lit.text ?? '')) {
    return wrap(`${dateCol} >= date '${lit.text}' AND ${dateCol} < date '${lit.text}' + 1`);
  }
  // col + k op v → col op v - k
  const arith = as(e.lexpr, 'A_Expr');
  const aop = names(arith?.name)[0];
  if (arith && (aop === '+' || aop === '-') && ['=', '<', '>', '<=', '>='].includes(op)) {
    const col = colText(arith.lexpr);
    const k = constValue(arith.rexpr);
    if (col && k?.kind === 'number' && lit?.kind === 'number') return wrap(`${col} ${op} ${lit.text} ${aop === '+' ? '-' : '+'} ${k.text}`);
  }
  return undefined;
}

function pad(y: number): string {
  return String(y).padStart(4, '0');
}

/** Parses a WHERE fragment alone and returns its expression node. */
function fragment(text: string): Json {
  const p = parsePg(`SELECT 1 WHERE ${text}`);
  return p.ok ? as(p.stmts[0]?.stmt, 'SelectStmt')?.whereClause : undefined;
}

function columnsOf(n: Json): string[] {
  const out = new Set<string>();
  const visit = (x: Json) => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(visit);
    const ref = as(x, 'ColumnRef');
    if (ref) return void out.add(names(ref.fields).join('.'));
    if (as(x, 'SubLink')) return;
    Object.values(x).forEach(visit);
  };
  visit(n);
  return [...out].sort();
}

function hasAggregate(targets: Json): boolean {
  let found = false;
  const visit = (x: Json) => {
    if (found || !x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(visit);
    if (as(x, 'SubLink')) return;
    const fc = as(x, 'FuncCall');
    if (fc && (fc.agg_star || ['count', 'sum', 'min', 'max', 'avg', 'array_agg', 'string_agg', 'bool_and', 'bool_or'].includes(names(fc.funcname).at(-1) ?? ''))) found = true;
    Object.values(x).forEach(visit);
  };
  visit(targets);
  return found;
}

function outerAliases(sel: Json): Map<string, string> {
  const m = new Map<string, string>();
  const visit = (it: Json) => {
    const t = nodeType(it);
    if (t === 'RangeVar') m.set(String(it.RangeVar.alias?.aliasname ?? it.RangeVar.relname), String(it.RangeVar.relname));
    else if (t === 'JoinExpr') {
      visit(it.JoinExpr.larg);
      visit(it.JoinExpr.rarg);
    }
  };
  list(sel.fromClause).forEach(visit);
  return m;
}

const CLAUSE_AFTER_WHERE = /^(group\s+by|having|order\s+by|limit|offset|fetch|window|for\s+update|for\s+share)\b/i;

/** Cuts a plain `SELECT … FROM … [WHERE …] [tail]` at its top-level keywords. */
export function clauses(sql: string): Clauses | undefined {
  const tops = topLevelWords(sql);
  const at = (re: RegExp, from = 0) => tops.find((t) => t.index >= from && re.test(sql.slice(t.index)));
  const sel = at(/^select\b/i);
  if (!sel || sql.slice(0, sel.index).trim()) return undefined;
  const from = at(/^from\b/i, sel.index);
  if (!from) return undefined;
  if (tops.some((t) => /^(union|intersect|except)\b/i.test(sql.slice(t.index)))) return undefined;
  const where = at(/^where\b/i, from.index);
  const tail = at(CLAUSE_AFTER_WHERE, where?.index ?? from.index);
  const end = tail?.index ?? sql.length;
  const selectText = sql.slice(sel.index + 6, from.index).trim();
  if (/^distinct\b/i.test(selectText)) return undefined;
  return {
    select: selectText,
    from: sql.slice(from.index + 4, where?.index ?? end).trim(),
    where: where ? sql.slice(where.index + 5, end).trim() : undefined,
    tail: tail ? sql.slice(tail.index).trim() : '',
    hasTail: Boolean(tail),
  };
}

/** Start offsets of words at parenthesis depth 0, outside strings, quoted names and comments. */
function topLevelWords(sql: string): { index: number }[] {
  const out: { index: number }[] = [];
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const close = sql.indexOf(ch, i + 1);
      i = close < 0 ? sql.length : close;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl;
    } else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /[A-Za-z_]/.test(ch) && !/[\w$.]/.test(sql[i - 1] ?? ' ')) {
      out.push({ index: i });
      while (i + 1 < sql.length && /[\w$]/.test(sql[i + 1])) i++;
    }
  }
  return out;
}

/** Splits at a top-level separator: a keyword (`and`, `or`, not inside BETWEEN … AND) or `,`. */
export function splitTopLevel(text: string, sep: 'and' | 'or' | ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  let between = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      i = close < 0 ? text.length : close;
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) {
      if (sep === ',' && ch === ',') {
        parts.push(text.slice(last, i));
        last = i + 1;
      } else if (sep !== ',' && /[A-Za-z]/.test(ch) && !/[\w$.]/.test(text[i - 1] ?? ' ')) {
        const word = /^[A-Za-z_]\w*/.exec(text.slice(i))![0].toLowerCase();
        if (word === 'between') between++;
        else if (word === sep) {
          if (sep === 'and' && between > 0) between--;
          else {
            parts.push(text.slice(last, i));
            last = i + word.length;
          }
        }
        i += word.length - 1;
      }
    }
  }
  parts.push(text.slice(last));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function stripParens(s: string): string {
  let t = s.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

function balanced(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if (ch === '(') d++;
    else if (ch === ')' && --d < 0) return false;
  }
  return d === 0;
}

export { conjuncts };
