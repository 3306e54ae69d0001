// Semantic checks and lint of one MySQL/MariaDB or SQL Server statement over node-sql-parser's
// AST: the same scope rules as the PostgreSQL analyser (CTEs, derived tables, joins with USING,
// correlated subqueries), with case-insensitive names. Where each name is in the text comes from a
// NameLocator (node-sql-parser's locations for MySQL, token matching for T-SQL); a name it cannot
// place is never reported. Whatever cannot be judged (unnamed expressions, table functions, names
// in other databases) is accepted silently. SQL Server specifics (APPLY, UPDATE … FROM, #temp and
// @table variables, three-part names, recursive CTEs) are switched on by the `tsql` option.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { nearestName } from '../did-you-mean';
import type { DocumentContext } from '../document-context';
import type { Json } from '../pg/ast';
import { relationFromColumns, Scope, type OutputColumn, type RawDiagnostic, type Relation } from '../scope';
import { literalFits, typeCategory } from '../type-categories';
import type { QuickFix } from '../types';
import { escapeRe, LocLocator, type NameLocator, type Span } from './locator';

const key = (s: string) => s.toLowerCase();

/** Names SQL Server reads as niladic functions or keywords where a column could stand. */
const TSQL_NOT_COLUMNS = new Set(['current_timestamp', 'current_user', 'session_user', 'system_user', 'user', 'current_date', 'default']);
/** Schemas whose objects are not in the snapshot (catalog views). */
const TSQL_SYSTEM_SCHEMAS = new Set(['sys', 'information_schema']);

export interface NspAnalyzerOptions {
  /** Finds names in the text; default: node-sql-parser's locations. */
  locator?: NameLocator;
  /** SQL Server semantics (TransactSQL grammar). */
  tsql?: boolean;
}

export class NspAnalyzer {
  readonly out: RawDiagnostic[] = [];
  /** Target table of the last INSERT/UPDATE/DELETE analysed (T-SQL OUTPUT inserted./deleted.). */
  dmlTarget: Relation | undefined;
  private readonly loc: NameLocator;
  private readonly tsql: boolean;
  constructor(
    private readonly sql: string,
    private readonly index: SchemaIndex | undefined,
    private readonly doc: DocumentContext,
    options: NspAnalyzerOptions = {},
  ) {
    this.loc = options.locator ?? new LocLocator(sql);
    this.tsql = options.tsql === true;
  }

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

  private select(sel: Json, parent: Scope | undefined, setOpBranch = false): OutputColumn[] | undefined {
    if (!sel || typeof sel !== 'object') return undefined;
    const scope = new Scope(parent);
    this.withClause(sel.with, scope);
    for (const item of arr(sel.from)) this.fromItem(item, scope);
    const output = this.outputColumns(sel.columns, scope);
    for (const c of arr(sel.columns)) if (c?.as) scope.outputNames.add(key(text(c.as) ?? ''));
    this.walk(sel.columns, scope);
    this.walk(sel.where, scope);
    this.walk(sel.groupby, scope);
    this.walk(sel.having, scope);
    // ORDER BY after UNION/EXCEPT/INTERSECT names the output of the whole set operation, which the
    // TransactSQL AST hangs on its last branch: not judged there.
    if (!(this.tsql && setOpBranch && !sel._next)) this.walk(sel.orderby, scope);
    this.walk(sel.limit, scope);
    this.walk(sel.top, scope);
    this.crossJoin(sel, scope);
    if (sel._next) {
      const next = new Scope(parent);
      for (const [k, v] of scope.ctes) next.ctes.set(k, v);
      this.select(sel._next, next, true);
    }
    return output;
  }

  /** Registers the CTEs of a WITH clause in a scope, analysing each body. */
  private withClause(list: Json, scope: Scope): void {
    for (const w of arr(list)) {
      const name = text(w?.name);
      if (!name) continue;
      // T-SQL CTEs are recursive without a RECURSIVE keyword: the body may name the CTE itself.
      if (this.tsql) scope.ctes.set(key(name), relationFromColumns(key(name), undefined, key));
      const cols = this.select(w.stmt?.ast ?? w.stmt, scope);
      const colnames = arr(w.columns).map(text).filter(Boolean) as string[];
      scope.ctes.set(key(name), relationFromColumns(key(name), colnames.length ? colnames.map((n) => ({ name: n })) : cols, key));
    }
  }

  private fromItem(item: Json, scope: Scope): void {
    if (!item || typeof item !== 'object' || item.type === 'dual') return;
    const alias = text(item.as);
    const aliasColumns: string[] | undefined = Array.isArray(item._aliasColumns) ? item._aliasColumns : undefined;
    const named = (cols: OutputColumn[] | undefined): OutputColumn[] | undefined =>
      aliasColumns ? (cols === undefined || cols.length === aliasColumns.length ? aliasColumns.map((n) => ({ name: n })) : undefined) : cols;
    if (item.expr?.ast || item.expr?.type === 'select') {
      // CROSS/OUTER APPLY sees the tables before it (like LATERAL); a derived table does not.
      const lateral = this.tsql && /APPLY/i.test(String(item.join ?? ''));
      const sub = new Scope(lateral ? scope : scope.parent);
      if (!lateral) for (const [k, v] of scope.ctes) sub.ctes.set(k, v);
      const cols = this.select(item.expr.ast ?? item.expr, sub);
      scope.relations.push(relationFromColumns(key(alias ?? ''), named(cols), key));
    } else if (this.tsql && item.expr?.type === 'values' && aliasColumns) {
      scope.relations.push(relationFromColumns(key(alias ?? ''), named(undefined), key));
      this.walk(item.expr, scope);
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
    const parts = this.loc.tableParts(item);
    const nameSpan = parts.at(-1);
    const base = { key: key(alias ?? name), hasAlias: alias !== undefined, nameEnd: nameSpan?.end, tableKey: key(name) };
    const open = (): Relation => ({ ...base, columns: new Map(), open: true });
    if (!db && scope) {
      const cte = scope.findCte(key(name));
      if (cte) return { ...cte, ...base };
    }
    if (this.tsql) return this.tsqlTableRef(item, name, parts, base) ?? open();
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

  /**
   * SQL Server names: `table`, `schema.table`, `database.schema.table` (this database only) and
   * `server.database.schema.table` (never judged); #temp tables, @table variables, the trigger
   * tables inserted/deleted and catalog views are accepted unseen. Undefined: an open relation.
   */
  private tsqlTableRef(item: Json, name: string, parts: Span[], base: Omit<Relation, 'columns' | 'open'>): Relation | undefined {
    const index = this.index;
    if (!index || /^[#@]/.test(name) || item.server || this.doc.createsTable(name)) return undefined;
    let schema: string | undefined;
    let written = 1;
    if (item.db && item.schema) {
      if (key(text(item.db) ?? '') !== key(index.model.database)) return undefined; // another database
      schema = text(item.schema);
      written = 3;
    } else if (item.db || item.schema) {
      schema = text(item.db) ?? text(item.schema);
      written = 2;
    }
    // After `USE` of another database, names other than database.schema.table may be in it;
    // `USE <the snapshot's database>` (case-insensitive, like SQL Server's default collation) keeps them checked.
    if ((this.doc.mayLeaveDatabase(index.model.database, true) && written !== 3) || (schema === undefined && ['inserted', 'deleted'].includes(key(name)))) return undefined;
    if (schema !== undefined && TSQL_SYSTEM_SCHEMAS.has(key(schema))) return undefined;
    const located = parts.length === written;
    if (schema !== undefined && !index.hasSchema({ text: schema, quoted: false })) {
      const span = parts[parts.length - 2];
      if (!located || !span) return undefined;
      const near = nearestName(schema, index.schemaNames());
      this.report('unknown-schema', span, `Schema "${schema}" does not exist.${near ? ` Did you mean "${near}"?` : ''}`, near ? this.replaceFix(span, near) : undefined);
      return undefined;
    }
    const table = index.findTable({ text: name, quoted: false }, schema === undefined ? undefined : { text: schema, quoted: false });
    if (table) return this.tableRelation(table, base);
    // Unqualified: a user whose default schema is not dbo reaches tables of other schemas too.
    if (schema === undefined && index.tablesNamed(name).length > 0) return undefined;
    const nameSpan = parts.at(-1);
    if (!located || !nameSpan) return undefined;
    const candidates = schema !== undefined ? index.tablesOf(schema).map((t) => t.name) : index.model.searchPath.flatMap((s) => index.tablesOf(s).map((t) => t.name));
    const near = nearestName(name, candidates);
    this.report('unknown-table', nameSpan, `Table or view "${schema !== undefined ? `${schema}.` : ''}${name}" does not exist.${near ? ` Did you mean "${near}"?` : ''}`, near ? this.replaceFix(nameSpan, near) : undefined);
    return undefined;
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
    this.withClause(ast.with, scope);
    const targetItem = arr(ast.table)[0];
    if (!targetItem) return;
    const target = this.tableRef(targetItem, scope);
    this.dmlTarget = target;
    const cols = arr(ast.columns).map(text);
    if (!target.open && cols.length) {
      cols.forEach((c, i) => {
        if (typeof c !== 'string' || target.columns.has(key(c))) return;
        const span = this.loc.insertColumn(ast, i, c);
        if (span) this.unknownColumn(span, c, [target]);
      });
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
    const ctes = new Scope();
    this.withClause(ast.with, ctes);
    const scope = new Scope(ctes);
    // T-SQL `UPDATE t SET … FROM a t JOIN …` / `DELETE t FROM …`: the target names a FROM table or alias.
    const tsqlFrom = this.tsql && ast.type === 'update' && arr(ast.from).length > 0;
    const items = ast.type === 'update' && !tsqlFrom ? arr(ast.table) : arr(ast.from);
    for (const item of items) this.fromItem(item, scope);
    let target = scope.relations[0];
    if (this.tsql) {
      const t = arr(ast.table)[0];
      const k = t && !t.addition && !t.db && !t.schema ? key(text(t.table) ?? '') : undefined;
      const hit = k === undefined ? undefined : scope.relations.find((r) => r.key === k) ?? scope.relations.find((r) => !r.hasAlias && r.tableKey === k);
      if (hit) target = hit;
      else if (tsqlFrom && t) scope.relations.push((target = this.tableRef(t, scope)));
    }
    this.dmlTarget = target;
    if (ast.type === 'update') {
      const only = tsqlFrom ? target : scope.relations.length === 1 ? scope.relations[0] : undefined;
      for (const s of arr(ast.set)) {
        const col = text(s?.column);
        const tbl = text(s?.table);
        const rel = tbl ? scope.relations.find((r) => r.key === key(tbl)) : only;
        if (col && rel && !rel.open && !rel.columns.has(key(col))) {
          const span = this.loc.setColumn(ast, s, col);
          if (span) this.unknownColumn(span, col, [rel]);
        }
        this.walk(s?.value, scope);
      }
    }
    this.walk(ast.where, scope);
    // A T-SQL UPDATE/DELETE … FROM with joins is limited by its join conditions.
    if (!ast.where && !(this.tsql && items.length > 1)) {
      const target = items[0];
      const span = target ? this.loc.tableParts(target).at(-1) : undefined;
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
    if (!col || col === '*' || ref.db || ref.schema || !this.index) return;
    if (this.tsql && (/^[@$]/.test(col) || (!tbl && TSQL_NOT_COLUMNS.has(key(col))))) return;
    const parts = this.loc.columnParts(ref);
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

  /** T-SQL `OUTPUT inserted.col, deleted.col`: columns of the DML target. */
  checkOutputRefs(refs: { pseudo: string; column: string; span: Span }[]): void {
    const target = this.dmlTarget;
    if (!target || target.open || !this.index) return;
    for (const r of refs) if (!target.columns.has(key(r.column))) this.unknownColumn(r.span, r.column, [target], r.pseudo);
  }

  private unknownColumn(span: Span, name: string, rels: Relation[], qualifier?: string): void {
    const near = nearestName(name, rels.flatMap((r) => [...r.columns.values()].map((c) => c.name)));
    this.report('unknown-column', span, `Unknown column "${name}"${qualifier ? ` in "${qualifier}"` : ''}.${near ? ` Did you mean "${near}"?` : ''}`, near ? this.replaceFix(span, near) : undefined);
  }

  // ---- lint ---------------------------------------------------------------------------------

  private binary(n: Json, scope: Scope): void {
    const span = this.loc.exprSpan(n);
    if (!span) return;
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
      if (e?.type === 'column_ref' && text(e.column) === '*') {
        const span = this.loc.starSpan(e);
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
      const span = this.loc.tableParts(it).at(-1);
      if (span) this.report('cross-join', span, `"${k}" has no join condition with the other tables: an implicit cross join pairs every row with every row.`);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

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
