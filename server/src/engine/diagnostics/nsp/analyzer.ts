// Semantic checks and lint of one MySQL/MariaDB or SQL Server statement over node-sql-parser's
// AST: the same scope rules as the PostgreSQL analyser (CTEs, derived tables, joins with USING,
// correlated subqueries), with case-insensitive names. node-sql-parser's locations are coarse, so
// exact ranges come from re-reading the dotted name at each location. Whatever cannot be judged
// (unnamed expressions, table functions, three-part names) is accepted silently.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { nearestName } from '../did-you-mean';
import type { DocumentContext } from '../document-context';
import type { Json } from '../pg/ast';
import { relationFromColumns, Scope, type OutputColumn, type RawDiagnostic, type Relation } from '../scope';
import { literalFits, typeCategory } from '../type-categories';
import type { QuickFix } from '../types';

interface Span {
  start: number;
  end: number;
}

const key = (s: string) => s.toLowerCase();

export class NspAnalyzer {
  readonly out: RawDiagnostic[] = [];
  constructor(
    private readonly sql: string,
    private readonly index: SchemaIndex | undefined,
    private readonly doc: DocumentContext,
  ) {}

  private report(code: string, span: Span, message: string, fix?: QuickFix): void {
    this.out.push({ code, start: span.start, end: span.end, message, fix });
  }

  analyzeStatement(ast: Json): void {
    if (!ast || typeof ast !== 'object') return;
    switch (ast.type) {
      case 'select':
        this.select(ast, undefined);
        break;
      case 'insert':
      case 'replace':
        this.insert(ast);
        break;
      case 'update':
      case 'delete':
        this.updateOrDelete(ast);
        break;
      case 'create':
        if (ast.keyword === 'view' && ast.select) {
          this.selectStar(ast.select, 'view');
          this.select(ast.select, undefined);
        }
        break;
      default:
        break;
    }
  }

  // ---- query blocks -------------------------------------------------------------------------

  private select(sel: Json, parent: Scope | undefined): OutputColumn[] | undefined {
    if (!sel || typeof sel !== 'object') return undefined;
    const scope = new Scope(parent);
    for (const w of arr(sel.with)) {
      const name = text(w?.name);
      if (!name) continue;
      const cols = this.select(w.stmt?.ast ?? w.stmt, scope);
      const colnames = arr(w.columns).map(text).filter(Boolean) as string[];
      scope.ctes.set(key(name), relationFromColumns(key(name), colnames.length ? colnames.map((n) => ({ name: n })) : cols, key));
    }
    for (const item of arr(sel.from)) this.fromItem(item, scope);
    const output = this.outputColumns(sel.columns, scope);
    for (const c of arr(sel.columns)) if (c?.as) scope.outputNames.add(key(text(c.as) ?? ''));
    this.walk(sel.columns, scope);
    this.walk(sel.where, scope);
    this.walk(sel.groupby, scope);
    this.walk(sel.having, scope);
    this.walk(sel.orderby, scope);
    this.walk(sel.limit, scope);
    this.crossJoin(sel, scope);
    if (sel._next) {
      const next = new Scope(parent);
      for (const [k, v] of scope.ctes) next.ctes.set(k, v);
      this.select(sel._next, next);
    }
    return output;
  }

  private fromItem(item: Json, scope: Scope): void {
    if (!item || typeof item !== 'object' || item.type === 'dual') return;
    const alias = text(item.as);
    if (item.expr?.ast || item.expr?.type === 'select') {
      const sub = new Scope(scope.parent);
      for (const [k, v] of scope.ctes) sub.ctes.set(k, v);
      const cols = this.select(item.expr.ast ?? item.expr, sub);
      scope.relations.push(relationFromColumns(key(alias ?? ''), cols, key));
    } else if (item.table !== undefined && item.table !== null && typeof text(item.table) === 'string') {
      scope.relations.push(this.tableRef(item, scope));
    } else {
      scope.relations.push(relationFromColumns(key(alias ?? ''), undefined, key));
      this.walk(item.expr, scope);
    }
    for (const u of arr(item.using)) {
      const n = text(u);
      if (n) scope.usingColumns.add(key(n));
    }
    if (/natural/i.test(String(item.join ?? ''))) scope.natural = true;
    this.walk(item.on, scope);
  }

  private tableRef(item: Json, scope: Scope | undefined): Relation {
    const name = text(item.table)!;
    const db = text(item.db) ?? text(item.schema);
    const alias = text(item.as);
    const parts = item.loc ? dottedNameAt(this.sql, item.loc.start.offset) : [];
    const nameSpan = parts.at(-1);
    const base = { key: key(alias ?? name), hasAlias: alias !== undefined, nameEnd: nameSpan?.end, tableKey: key(name) };
    const open = (): Relation => ({ ...base, columns: new Map(), open: true });
    if (!db && scope) {
      const cte = scope.findCte(key(name));
      if (cte) return { ...cte, ...base };
    }
    if (!this.index || this.doc.createsTable(name) || (db && this.index.dialect.systemSchemas.has(db.toLowerCase())) || (item.db && item.schema)) return open();
    if (this.doc.changesSearchPath && !db && this.index.tablesNamed(name).length > 0) {
      const t = this.index.tablesNamed(name)[0];
      return this.tableRelation(t, base);
    }
    const table = this.index.findTable({ text: name, quoted: false }, db ? { text: db, quoted: false } : undefined);
    if (table) return this.tableRelation(table, base);
    if (nameSpan && (!db || parts.length >= 2)) {
      if (db && !this.index.hasSchema({ text: db, quoted: false })) return open(); // another database: not in the snapshot
      const candidates = db ? this.index.tablesOf(db).map((t) => t.name) : this.index.model.searchPath.flatMap((s) => this.index!.tablesOf(s).map((t) => t.name));
      const near = nearestName(name, candidates);
      this.report('unknown-table', nameSpan, `Table or view "${db ? `${db}.` : ''}${name}" does not exist.${near ? ` Did you mean "${near}"?` : ''}`, near ? this.replaceFix(nameSpan, near) : undefined);
    }
    return open();
  }

  private tableRelation(table: TableInfo, base: Omit<Relation, 'columns' | 'open'>): Relation {
    const columns = new Map<string, OutputColumn>();
    for (const c of table.columns) columns.set(key(c.name), { name: c.name, info: c, table });
    return { ...base, table, columns, open: this.doc.altersTable(table.name) };
  }

  private outputColumns(columns: Json, scope: Scope): OutputColumn[] | undefined {
    if (!Array.isArray(columns)) return undefined;
    const out: OutputColumn[] = [];
    for (const c of columns) {
      const expr = c?.expr;
      const as = text(c?.as);
      if (expr?.type === 'column_ref') {
        const col = text(expr.column);
        const tbl = text(expr.table);
        if (col === '*') {
          const rels = tbl ? scope.relations.filter((r) => r.key === key(tbl)) : scope.relations;
          if (rels.length === 0 || rels.some((r) => r.open)) return undefined;
          for (const r of rels) out.push(...r.columns.values());
          continue;
        }
        const rel = tbl ? scope.relations.find((r) => r.key === key(tbl)) : scope.relations.find((r) => col && r.columns.has(key(col)));
        const base = col ? rel?.columns.get(key(col)) : undefined;
        out.push({ name: as ?? col ?? '', info: base?.info, table: base?.table });
      } else if (as) out.push({ name: as });
      else return undefined; // MySQL names such a column after its text: not modelled
    }
    return out;
  }

  // ---- DML ----------------------------------------------------------------------------------

  private insert(ast: Json): void {
    const scope = new Scope();
    const targetItem = arr(ast.table)[0];
    if (!targetItem) return;
    const target = this.tableRef(targetItem, scope);
    const cols = arr(ast.columns).map(text).filter((c): c is string => typeof c === 'string');
    if (!target.open && cols.length) {
      for (const c of cols) {
        if (target.columns.has(key(c))) continue;
        const span = this.findWord(c, targetItem.loc?.end?.offset ?? 0);
        if (span) this.unknownColumn(span, c, [target]);
      }
    }
    const values = ast.values;
    if (values?.type === 'values') this.walk(values.values, scope);
    else if (values && typeof values === 'object') {
      const sel = values.ast ?? values;
      if (sel?.type === 'select') {
        this.selectStar(sel, 'insert');
        this.select(sel, scope);
      }
    }
    if (ast.select) {
      this.selectStar(ast.select, 'insert');
      this.select(ast.select, scope);
    }
  }

  private updateOrDelete(ast: Json): void {
    const scope = new Scope();
    const items = ast.type === 'update' ? arr(ast.table) : arr(ast.from);
    for (const item of items) this.fromItem(item, scope);
    if (ast.type === 'update') {
      const only = scope.relations.length === 1 ? scope.relations[0] : undefined;
      for (const s of arr(ast.set)) {
        const col = text(s?.column);
        const tbl = text(s?.table);
        const rel = tbl ? scope.relations.find((r) => r.key === key(tbl)) : only;
        if (col && rel && !rel.open && !rel.columns.has(key(col))) {
          const span = this.findWord(col, items[0]?.loc?.end?.offset ?? 0);
          if (span) this.unknownColumn(span, col, [rel]);
        }
        this.walk(s?.value, scope);
      }
    }
    this.walk(ast.where, scope);
    if (!ast.where) {
      const target = items[0];
      const span = target?.loc ? dottedNameAt(this.sql, target.loc.start.offset).at(-1) : undefined;
      const kind = ast.type as 'update' | 'delete';
      if (span) this.report(`${kind}-without-where`, span, `${kind.toUpperCase()} without WHERE ${kind === 'update' ? 'changes' : 'removes'} every row of "${text(target.table)}".`);
    }
  }

  // ---- expressions --------------------------------------------------------------------------

  private walk(node: Json, scope: Scope): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) this.walk(x, scope);
      return;
    }
    if (node.type === 'column_ref') {
      this.columnRef(node, scope);
      return;
    }
    if (node.ast && typeof node.ast === 'object') {
      this.select(node.ast, scope);
      return;
    }
    if (node.type === 'select') {
      this.select(node, scope);
      return;
    }
    if (node.type === 'binary_expr') this.binary(node, scope);
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') this.walk(v, scope);
  }

  private columnRef(ref: Json, scope: Scope): void {
    const col = text(ref.column);
    const tbl = text(ref.table);
    if (!col || col === '*' || ref.db || ref.schema || !ref.loc || !this.index) return;
    const parts = dottedNameAt(this.sql, ref.loc.start.offset);
    const span = parts.at(-1);
    if (!span || key(this.unquote(span)) !== key(col)) return; // location does not point at the name
    if (tbl) {
      const rel = findRelation(scope, key(tbl));
      if (!rel) {
        if (anyOpen(scope) || allRelations(scope).some((r) => r.columns.has(key(tbl)))) return;
        const byTable = allRelations(scope).find((r) => r.hasAlias && r.tableKey === key(tbl));
        const qspan = parts[parts.length - 2] ?? span;
        if (byTable) this.report('undefined-alias', qspan, `"${tbl}" is aliased as "${byTable.key}" here; refer to it by its alias.`, this.replaceFix(qspan, byTable.key));
        else this.report('undefined-alias', qspan, `Unknown table or alias "${tbl}": nothing of that name is in scope.`);
        return;
      }
      if (rel.open || rel.columns.has(key(col))) return;
      this.unknownColumn(span, col, [rel], rel.key);
      return;
    }
    if (scope.outputNames.has(key(col))) return;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const hits = s.relations.filter((r) => r.columns.has(key(col)));
      if (hits.length > 1 && !s.usingColumns.has(key(col)) && !s.natural) {
        const q = `${this.quote(hits[0].key)}.`;
        this.report('ambiguous-column', span, `Column "${col}" is ambiguous: it is in ${hits.map((h) => `"${h.key}"`).join(' and ')}.`, { title: `Qualify as ${q}${col}`, edits: [{ start: span.start, end: span.start, newText: q }] });
        return;
      }
      if (hits.length > 0 || s.relations.some((r) => r.open) || s.outputNames.has(key(col))) return;
    }
    const visible = allRelations(scope);
    if (visible.length === 0) return;
    this.unknownColumn(span, col, visible);
  }

  private unknownColumn(span: Span, name: string, rels: Relation[], qualifier?: string): void {
    const near = nearestName(name, rels.flatMap((r) => [...r.columns.values()].map((c) => c.name)));
    this.report('unknown-column', span, `Unknown column "${name}"${qualifier ? ` in "${qualifier}"` : ''}.${near ? ` Did you mean "${near}"?` : ''}`, near ? this.replaceFix(span, near) : undefined);
  }

  // ---- lint ---------------------------------------------------------------------------------

  private binary(n: Json, scope: Scope): void {
    if (!n.loc) return;
    const span = { start: n.loc.start.offset, end: n.loc.end.offset };
    const op = String(n.operator).toUpperCase();
    if ((op === '=' || op === '!=' || op === '<>') && (n.right?.type === 'null' || n.left?.type === 'null')) {
      this.report('null-comparison', span, `\`${op} NULL\` is never true (it yields NULL); use IS ${op === '=' ? '' : 'NOT '}NULL.`);
    }
    if ((op === 'LIKE' || op === 'NOT LIKE') && isString(n.right) && String(n.right.value).startsWith('%') && n.right.value !== '%') {
      this.report('leading-wildcard-like', span, `A pattern starting with % cannot use a b-tree index: every row is scanned.`);
    }
    if (['=', '!=', '<>', '<', '>', '<=', '>='].includes(op)) {
      for (const [c, lit] of [
        [n.left, n.right],
        [n.right, n.left],
      ]) {
        if (c?.type !== 'column_ref' || !lit || (lit.type !== 'number' && !isString(lit))) continue;
        const info = this.columnInfo(c, scope);
        const cat = info ? typeCategory(info) : undefined;
        if (info && cat && !literalFits(cat, lit.type === 'number' ? 'number' : 'string', String(lit.value))) {
          this.report('type-mismatch', span, `Type mismatch: "${info.name}" is ${info.dataType} but is compared with ${isString(lit) ? `'${lit.value}'` : lit.value}; the database converts every row.`);
          return;
        }
      }
    }
  }

  private columnInfo(ref: Json, scope: Scope): ColumnInfo | undefined {
    const col = text(ref.column);
    const tbl = text(ref.table);
    if (!col) return undefined;
    if (tbl) return findRelation(scope, key(tbl))?.columns.get(key(col))?.info;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const hits = s.relations.filter((r) => r.columns.has(key(col)));
      if (hits.length === 1) return hits[0].columns.get(key(col))?.info;
      if (hits.length > 1 || s.relations.some((r) => r.open)) return undefined;
    }
    return undefined;
  }

  private selectStar(sel: Json, where: 'view' | 'insert'): void {
    for (const c of arr(sel?.columns)) {
      const e = c?.expr;
      if (e?.type === 'column_ref' && text(e.column) === '*' && e.loc) {
        const span = dottedNameAt(this.sql, e.loc.start.offset).at(-1);
        if (span) this.report('select-star', span, `SELECT * ${where === 'view' ? 'in a view freezes the column list at creation time' : 'in INSERT … SELECT breaks as soon as either table gains or reorders a column'}; list the columns.`);
      }
    }
  }

  /** FROM a, b with no WHERE condition naming both. */
  private crossJoin(sel: Json, scope: Scope): void {
    const items = arr(sel.from);
    const comma = items.filter((it, i) => i > 0 && !it?.join);
    if (comma.length === 0 || !items.every((it) => it?.table && !it.expr)) return;
    const where = JSON.stringify(sel.where ?? null);
    for (const it of comma) {
      const k = key(text(it.as) ?? text(it.table) ?? '');
      const rel = scope.relations.find((r) => r.key === k);
      if (!rel?.table) continue;
      const named = new RegExp(`"table":(?:"${escapeRe(k)}"|\\{"type":"[a-z_]+","value":"${escapeRe(k)}"\\})`, 'i').test(where);
      const unqualified = /"table":null/.test(where);
      if (named || unqualified) continue;
      const span = it.loc ? dottedNameAt(this.sql, it.loc.start.offset).at(-1) : undefined;
      if (span) this.report('cross-join', span, `"${k}" has no join condition with the other tables: an implicit cross join pairs every row with every row.`);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private findWord(word: string, from: number): Span | undefined {
    const re = new RegExp(`[\`"\\[]?${escapeRe(word)}[\`"\\]]?`, 'i');
    const m = re.exec(this.sql.slice(from));
    return m ? { start: from + m.index, end: from + m.index + m[0].length } : undefined;
  }

  private unquote(span: Span): string {
    const t = this.sql.slice(span.start, span.end);
    return /^[`"[]/.test(t) ? t.slice(1, -1) : t;
  }

  private quote(name: string): string {
    return this.index ? this.index.dialect.quoteIfNeeded(name) : name;
  }

  private replaceFix(span: Span, name: string): QuickFix {
    const newText = this.quote(name);
    return { title: `Change to ${newText}`, edits: [{ start: span.start, end: span.end, newText }] };
  }
}

function arr(x: Json): Json[] {
  return Array.isArray(x) ? x : [];
}

/** Text of a name node: a plain string or `{ type, value }` / `{ expr: { value } }`. */
function text(x: Json): string | undefined {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    if (typeof x.value === 'string') return x.value;
    if (x.expr && typeof x.expr.value === 'string') return x.expr.value;
  }
  return undefined;
}

function isString(n: Json): boolean {
  return typeof n?.type === 'string' && /string$/.test(n.type) && typeof n.value === 'string';
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Spans of the parts of a dotted name starting at an offset: `db`.`t`, [s].[t], a.b. */
export function dottedNameAt(sql: string, offset: number): Span[] {
  const re = /(`(?:[^`]|``)*`|"(?:[^"]|"")*"|\[[^\]]*\]|[\w$@#\u0080-\uffff]+|\*)/y;
  const out: Span[] = [];
  let i = offset;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(sql);
    if (!m) break;
    out.push({ start: i, end: i + m[0].length });
    i += m[0].length;
    let j = i;
    while (sql[j] === ' ') j++;
    if (sql[j] !== '.') break;
    j++;
    while (sql[j] === ' ') j++;
    i = j;
  }
  return out;
}

function findRelation(scope: Scope, k: string): Relation | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const r = s.relations.find((x) => x.key === k);
    if (r) return r;
  }
  return undefined;
}

function allRelations(scope: Scope): Relation[] {
  const out: Relation[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) out.push(...s.relations);
  return out;
}

function anyOpen(scope: Scope): boolean {
  return allRelations(scope).some((r) => r.open);
}
