// Locations for the TransactSQL AST, which has none. The AST's table and column names are listed
// in the order they appear in the text, the statement's identifier names (bare, [bracketed] or
// "quoted", dotted) are read with the T-SQL tokenizer, and the first list is matched into the
// second as a subsequence. A name gets a location only when every possible matching puts it on the
// same token: the earliest matching (greedy from the left) and the latest (greedy from the right)
// agree. Anything else, including a statement where no matching exists (the AST lists a name the
// text does not have, or in another order), gets no location, and the analyser stays silent on it.
import type { Json } from '../../pg/ast';
import { getDialect } from '../../../sql/dialect';
import { tokenize } from '../../../sql/tokenizer';
import type { Token } from '../../../sql/tokens';
import type { NameLocator, Span } from '../locator';

type Kind = 'table' | 'column' | 'insertColumn' | 'setColumn';

interface Occurrence {
  kind: Kind;
  /** Lower-cased name parts as written, e.g. ['dbo', 'album']. */
  parts: string[];
  node: Json;
  /** INSERT column position. */
  index?: number;
}

interface TextName {
  parts: string[];
  spans: Span[];
  /** Followed by `(`: a function or a table with a column list, never a column reference. */
  call: boolean;
}

export class TsqlLocator implements NameLocator {
  private readonly nodes = new Map<Json, Span[]>();
  private readonly insertColumns = new Map<Json, (Span | undefined)[]>();
  /** Names of the AST placed / listed (for tests and the corpus statistics). */
  located = 0;
  listed = 0;

  constructor(sql: string, asts: Json[]) {
    const occurrences: Occurrence[] = [];
    const list = new OccurrenceList(occurrences);
    for (const ast of asts) list.statement(ast);
    this.listed = occurrences.length;
    const names = textNames(sql);
    const placed = forcedMatches(occurrences, names);
    placed.forEach((at, i) => {
      if (at === undefined) return;
      const o = occurrences[i];
      const spans = names[at].spans;
      this.located++;
      if (o.kind === 'insertColumn') {
        let row = this.insertColumns.get(o.node);
        if (!row) this.insertColumns.set(o.node, (row = []));
        row[o.index ?? 0] = spans[0];
      } else this.nodes.set(o.node, spans);
    });
  }

  tableParts(item: Json): Span[] {
    return this.nodes.get(item) ?? [];
  }

  columnParts(ref: Json): Span[] {
    return this.nodes.get(ref) ?? [];
  }

  insertColumn(ast: Json, i: number): Span | undefined {
    return this.insertColumns.get(ast)?.[i];
  }

  setColumn(_ast: Json, item: Json): Span | undefined {
    return this.nodes.get(item)?.at(-1);
  }

  exprSpan(): Span | undefined {
    return undefined;
  }

  starSpan(): Span | undefined {
    return undefined;
  }
}

/** Collects the AST's names in text order. */
class OccurrenceList {
  constructor(private readonly out: Occurrence[]) {}

  statement(ast: Json): void {
    if (ast?.type !== 'select') for (const w of arr(ast?.with)) this.select(w?.stmt?.ast ?? w?.stmt);
    switch (ast?.type) {
      case 'select':
        this.select(ast);
        break;
      case 'insert':
        for (const t of arr(ast.table)) this.table(t);
        arr(ast.columns).forEach((c, index) => {
          if (typeof c === 'string') this.out.push({ kind: 'insertColumn', parts: [c.toLowerCase()], node: ast, index });
        });
        if (ast.values?.type === 'values') this.expr(ast.values.values);
        else this.expr(ast.values);
        this.expr(ast.select);
        break;
      case 'update':
        for (const t of arr(ast.table)) this.table(t);
        for (const s of arr(ast.set)) {
          if (typeof s?.column === 'string') this.out.push({ kind: 'setColumn', parts: [s.table, s.column].filter((p) => typeof p === 'string').map((p: string) => p.toLowerCase()), node: s });
          this.expr(s?.value);
        }
        this.fromList(ast.from);
        this.expr(ast.where);
        break;
      case 'delete':
        // `DELETE FROM t` lists t both as target (flagged `addition`) and in FROM.
        for (const t of arr(ast.table)) if (!t?.addition) this.table(t);
        this.fromList(ast.from);
        this.expr(ast.where);
        break;
      default:
        break;
    }
  }

  private select(sel: Json): void {
    if (!sel || typeof sel !== 'object') return;
    for (const w of arr(sel.with)) this.select(w?.stmt?.ast ?? w?.stmt);
    this.expr(sel.top);
    for (const c of arr(sel.columns)) this.expr(c?.expr);
    this.fromList(sel.from);
    for (const k of ['where', 'groupby', 'having', 'orderby', 'limit']) this.expr(sel[k]);
    if (sel._next) this.select(sel._next);
  }

  private fromList(items: Json): void {
    for (const item of arr(items)) {
      if (typeof item?.table === 'string') this.table(item);
      else if (item?.expr) this.expr(item.expr);
      this.expr(item?.on);
    }
  }

  private table(item: Json): void {
    if (typeof item?.table !== 'string' || /^[#@]/.test(item.table)) return;
    const parts = [item.server, item.db, item.schema, item.table].filter((p) => typeof p === 'string' && p !== '').map((p: string) => p.toLowerCase());
    this.out.push({ kind: 'table', parts, node: item });
  }

  private expr(node: Json): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((n) => this.expr(n));
      return;
    }
    if (node.type === 'column_ref') {
      const col = node.column;
      if (typeof col !== 'string' || col === '*' || /^[@$]/.test(col)) return;
      const parts = [node.db, node.schema, node.table, col].filter((p) => typeof p === 'string' && p !== '').map((p: string) => p.toLowerCase());
      this.out.push({ kind: 'column', parts, node });
      return;
    }
    if (node.ast && typeof node.ast === 'object') return this.select(node.ast);
    if (node.type === 'select') return this.select(node);
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && k !== 'tableList' && k !== 'columnList' && v && typeof v === 'object') this.expr(v);
  }
}

/** Dotted identifier names of the statement, in text order (`a.*` and `db..t` are left out). */
function textNames(sql: string): TextName[] {
  const tokens = tokenize(sql, getDialect('mssql')).filter((t) => t.kind !== 'comment');
  const out: TextName[] = [];
  const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');
  const isDot = (t: Token | undefined) => t !== undefined && t.kind === 'punct' && t.text === '.';
  let i = 0;
  while (i < tokens.length) {
    if (!isName(tokens[i]) || isDot(tokens[i - 1])) {
      i++;
      continue;
    }
    const parts: Token[] = [tokens[i]];
    let j = i + 1;
    let whole = true;
    while (isDot(tokens[j])) {
      if (!isName(tokens[j + 1])) {
        whole = false; // `a.*`, `db..t`, a trailing dot
        break;
      }
      parts.push(tokens[j + 1]);
      j += 2;
    }
    if (whole) {
      out.push({
        parts: parts.map((p) => (p.kind === 'quoted' ? (p.value ?? '') : p.text).toLowerCase()),
        spans: parts.map((p) => ({ start: p.start, end: p.end })),
        call: tokens[j]?.kind === 'punct' && tokens[j].text === '(',
      });
    }
    i = j;
  }
  return out;
}

/**
 * For each occurrence, the index of the text name it must sit on in every order-preserving
 * matching, or undefined. All undefined when no matching exists.
 */
function forcedMatches(occ: Occurrence[], names: TextName[]): (number | undefined)[] {
  const byKey = new Map<string, number[]>();
  names.forEach((n, i) => {
    const k = n.parts.join('\u0000');
    const l = byKey.get(k);
    if (l) l.push(i);
    else byKey.set(k, [i]);
  });
  // Computed once per distinct name and kind: a statement repeats the same names many times.
  const lists = new Map<string, number[]>();
  const candidates = occ.map((o) => {
    const k = o.parts.join('\u0000');
    const lk = `${o.kind === 'table' ? 't' : 'c'}${k}`;
    let l = lists.get(lk);
    if (!l) lists.set(lk, (l = (byKey.get(k) ?? []).filter((i) => o.kind === 'table' || !names[i].call)));
    return l;
  });
  const none = occ.map(() => undefined);
  const earliest: number[] = [];
  let prev = -1;
  for (const c of candidates) {
    const x = firstAbove(c, prev);
    if (x === c.length) return none;
    earliest.push((prev = c[x]));
  }
  const latest: number[] = new Array<number>(occ.length);
  let next = Infinity;
  for (let k = occ.length - 1; k >= 0; k--) {
    const c = candidates[k];
    const x = firstAbove(c, next - 1) - 1; // last candidate below `next`
    if (x < 0) return none;
    latest[k] = next = c[x];
  }
  return occ.map((_, k) => (earliest[k] === latest[k] ? earliest[k] : undefined));
}

/** Index of the first element > v in an ascending list (its length when there is none). */
function firstAbove(list: number[], v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] > v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function arr(x: Json): Json[] {
  return Array.isArray(x) ? x : [];
}
