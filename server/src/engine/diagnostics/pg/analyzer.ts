// Semantic checks of one PostgreSQL statement against the schema, over libpg-query's AST: builds
// the scope of each query block (CTEs, FROM items, joins, derived tables, LATERAL, correlated
// subqueries) and resolves every table, column and function reference in it. Names in the AST are
// already folded by the parser (unquoted → lower case, quoted kept), so lookups are exact.
// Whenever the analysis cannot be sure (unknown derived columns, composite field access, objects
// created by the same document), it stays silent: no false positives on valid SQL.
import type { TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { nearestName } from '../did-you-mean';
import { relationFromColumns, Scope, type OutputColumn, type RawDiagnostic, type Relation } from '../scope';
import type { DocumentContext } from '../document-context';
import { as, list, names, nodeType, type Json } from './ast';
import { PG_BUILTIN_FUNCTIONS } from './builtin-functions';
import { PgLint } from './lint';
import type { PgTokens, Span } from './tokens';

const SYSTEM_COLUMNS = new Set(['ctid', 'oid', 'xmin', 'xmax', 'cmin', 'cmax', 'tableoid']);
type Clause = 'select' | 'where' | 'group' | 'order' | 'having' | 'on' | 'other';

export interface Resolved {
  relation?: Relation;
  column?: OutputColumn;
}

export class PgAnalyzer {
  readonly out: RawDiagnostic[] = [];
  readonly lint: PgLint;
  /** ColumnRef node → what it resolved to (for lint rules that need types and indexes). */
  readonly resolved = new Map<Json, Resolved>();

  constructor(
    readonly tokens: PgTokens,
    readonly index: SchemaIndex | undefined,
    readonly doc: DocumentContext,
  ) {
    this.lint = new PgLint(this);
  }

  report(code: string, span: Span, message: string, fix?: RawDiagnostic['fix']): void {
    this.out.push({ code, start: span.start, end: span.end, message, fix });
  }

  analyzeStatement(stmt: Json): void {
    const type = nodeType(stmt);
    const s = type ? stmt[type] : undefined;
    switch (type) {
      case 'SelectStmt':
        this.analyzeSelect(s, undefined);
        break;
      case 'InsertStmt':
        this.analyzeInsert(s);
        break;
      case 'UpdateStmt':
        this.analyzeUpdate(s);
        break;
      case 'DeleteStmt':
        this.analyzeDelete(s);
        break;
      case 'ViewStmt':
        this.lint.selectStarIn(s.query, 'view');
        this.analyzeSelect(as(s.query, 'SelectStmt'), undefined);
        break;
      case 'CreateTableAsStmt':
      case 'DeclareCursorStmt':
      case 'PrepareStmt':
      case 'ExplainStmt':
        this.analyzeStatement(s.query);
        break;
      default:
        break; // DDL and utility statements: syntax only.
    }
  }

  // ---- query blocks -------------------------------------------------------------------------

  /** Analyses a SELECT (or set operation / VALUES) and returns its output columns, undefined when unknown. */
  analyzeSelect(sel: Json, parent: Scope | undefined): OutputColumn[] | undefined {
    if (!sel) return undefined;
    const scope = new Scope(parent);
    this.addCtes(sel.withClause, scope);
    if (sel.op && sel.op !== 'SETOP_NONE') {
      const left = this.analyzeSelect(sel.larg, scope);
      this.analyzeSelect(sel.rarg, scope);
      // ORDER BY of a set operation sees only the output columns of its first branch.
      const orderScope = new Scope(scope);
      orderScope.relations.push({ ...relationFromColumns('', left, (n) => n), hasAlias: false });
      for (const c of left ?? []) orderScope.outputNames.add(c.name);
      for (const sb of list(sel.sortClause)) this.walk(as(sb, 'SortBy')?.node, orderScope, 'order');
      this.walk(sel.limitCount, scope, 'other');
      this.walk(sel.limitOffset, scope, 'other');
      return left;
    }
    if (sel.valuesLists) {
      let width = 0;
      for (const row of list(sel.valuesLists)) {
        const items = list(as(row, 'List')?.items);
        width = Math.max(width, items.length);
        this.walk(items, scope, 'other');
      }
      return Array.from({ length: width }, (_, i) => ({ name: `column${i + 1}` }));
    }
    for (const item of list(sel.fromClause)) this.addFromItem(item, scope);
    const output = this.outputColumns(sel.targetList, scope);
    for (const t of list(sel.targetList)) {
      const rt = as(t, 'ResTarget');
      if (rt?.name) scope.outputNames.add(rt.name);
      else if (output) for (const c of output) scope.outputNames.add(c.name);
    }
    this.walk(sel.targetList, scope, 'select');
    this.walk(sel.whereClause, scope, 'where');
    this.walk(sel.groupClause, scope, 'group');
    this.walk(sel.havingClause, scope, 'having');
    for (const w of list(sel.windowClause)) this.walk(as(w, 'WindowDef'), scope, 'other');
    this.walk(sel.distinctClause, scope, 'order');
    for (const sb of list(sel.sortClause)) this.walk(as(sb, 'SortBy')?.node, scope, 'order');
    this.walk(sel.limitCount, scope, 'other');
    this.walk(sel.limitOffset, scope, 'other');
    this.lint.selectBlock(sel, scope, output);
    return output;
  }

  private addCtes(withClause: Json, scope: Scope): void {
    const w = as({ WithClause: withClause }, 'WithClause');
    for (const c of list(w?.ctes)) {
      const cte = as(c, 'CommonTableExpr');
      if (!cte?.ctename) continue;
      const colnames = names(cte.aliascolnames);
      // A recursive CTE may reference itself: register it (open) before analysing its body.
      const placeholder = relationFromColumns(cte.ctename, colnames.length ? colnames.map((name) => ({ name })) : undefined, (n) => n);
      if (w.recursive) scope.ctes.set(cte.ctename, placeholder);
      const q = cte.ctequery;
      const qt = nodeType(q);
      let cols: OutputColumn[] | undefined;
      if (qt === 'SelectStmt') cols = this.analyzeSelect(q.SelectStmt, scope);
      else if (qt) {
        const inner = q[qt];
        if (qt === 'InsertStmt') this.analyzeInsert(inner, scope);
        else if (qt === 'UpdateStmt') this.analyzeUpdate(inner, scope);
        else if (qt === 'DeleteStmt') this.analyzeDelete(inner, scope);
        cols = undefined; // RETURNING lists are not modelled: open.
      }
      if (colnames.length) cols = colnames.map((name, i) => ({ ...(cols?.[i] ?? {}), name }));
      if (cols) cols = [...cols, ...searchCycleColumns(cte)];
      scope.ctes.set(cte.ctename, relationFromColumns(cte.ctename, cols, (n) => n));
    }
  }

  private outputColumns(targetList: Json, scope: Scope): OutputColumn[] | undefined {
    const out: OutputColumn[] = [];
    for (const t of list(targetList)) {
      const rt = as(t, 'ResTarget');
      if (!rt) return undefined;
      const val = rt.val;
      const ref = as(val, 'ColumnRef');
      if (ref && names(ref.fields).at(-1) === '*') {
        const parts = names(ref.fields);
        const rels = parts.length === 1 ? scope.relations : scope.relations.filter((r) => r.key === parts[parts.length - 2] && !r.schemaKey);
        if (rels.length === 0 || rels.some((r) => r.open)) return undefined;
        for (const r of rels) out.push(...r.columns.values());
        continue;
      }
      if (rt.name) {
        out.push({ name: rt.name, ...this.baseColumn(val, scope) });
        continue;
      }
      const name = figureColname(val);
      if (name === undefined) return undefined; // PostgreSQL names it in a way we do not model.
      out.push({ name, ...this.baseColumn(val, scope) });
    }
    return out;
  }

  /** The base column behind a plain column reference (for NOT IN nullability and types). */
  private baseColumn(val: Json, scope: Scope): Partial<OutputColumn> {
    const ref = as(val, 'ColumnRef');
    if (!ref) return {};
    const r = this.lookup(names(ref.fields), scope);
    return r?.column ? { info: r.column.info, table: r.column.table } : {};
  }

  // ---- FROM ---------------------------------------------------------------------------------

  private addFromItem(item: Json, scope: Scope): void {
    const type = nodeType(item);
    const n = type ? item[type] : undefined;
    switch (type) {
      case 'RangeVar':
        scope.relations.push(this.rangeVar(n, scope));
        break;
      case 'RangeSubselect': {
        // A LATERAL subquery sees the FROM items before it; a plain one only the outer query.
        const sub = new Scope(n.lateral ? scope : scope.parent);
        for (const [k, v] of scope.ctes) sub.ctes.set(k, v);
        const cols = this.analyzeSelect(as(n.subquery, 'SelectStmt'), sub);
        scope.relations.push(this.aliased(n.alias, cols, 'subquery'));
        break;
      }
      case 'RangeFunction': {
        for (const f of list(n.functions)) this.walk(f, scope, 'other'); // functions in FROM are implicitly LATERAL
        const colnames = names(n.alias?.colnames);
        const fn = as(list(list(n.functions)[0])[0], 'FuncCall');
        const key = n.alias?.aliasname ?? names(fn?.funcname).at(-1) ?? '';
        const rel = relationFromColumns(key, colnames.length ? colnames.map((name) => ({ name })) : undefined, (x) => x);
        rel.open = true; // set-returning functions may have OUT columns and ordinality we do not model
        scope.relations.push(rel);
        break;
      }
      case 'JoinExpr': {
        this.addFromItem(n.larg, scope);
        this.addFromItem(n.rarg, scope);
        for (const u of names(n.usingClause)) scope.usingColumns.add(u);
        if (n.isNatural) scope.natural = true;
        if (n.alias) scope.relations.push(relationFromColumns(n.alias.aliasname, undefined, (x) => x));
        if (n.join_using_alias) scope.relations.push(relationFromColumns(n.join_using_alias.aliasname, undefined, (x) => x));
        this.walk(n.quals, scope, 'on');
        break;
      }
      case 'RangeTableSample':
        this.addFromItem(n.relation, scope);
        this.walk(n.args, scope, 'other');
        break;
      default: {
        // XMLTABLE, JSON_TABLE, ROWS FROM …: visible by alias, columns unknown.
        const alias = n?.alias?.aliasname;
        if (alias) scope.relations.push(relationFromColumns(alias, undefined, (x) => x));
        this.walk(n, scope, 'other');
      }
    }
  }

  private aliased(alias: Json, cols: OutputColumn[] | undefined, fallback: string): Relation {
    const colnames = names(alias?.colnames);
    if (colnames.length && cols) cols = cols.map((c, i) => (i < colnames.length ? { ...c, name: colnames[i] } : c));
    else if (colnames.length) cols = undefined;
    return relationFromColumns(alias?.aliasname ?? fallback, cols, (x) => x);
  }

  /** A table reference: a CTE, a table of the snapshot, or an unknown table (reported). */
  rangeVar(rv: Json, scope: Scope | undefined, reportUnknown = true): Relation {
    const alias: string | undefined = rv.alias?.aliasname;
    const name: string = rv.relname ?? '';
    const schema: string | undefined = rv.schemaname;
    const parts = this.tokens.nameParts(rv.location ?? 0, (rv.catalogname ? 1 : 0) + (schema ? 1 : 0) + 1);
    const nameSpan = parts[parts.length - 1];
    const base = { key: alias ?? name, hasAlias: alias !== undefined, nameEnd: nameSpan.end, tableKey: name };
    const open = (): Relation => ({ ...base, columns: new Map(), open: true });
    if (!schema && scope) {
      const cte = scope.findCte(name);
      if (cte) return { ...cte, ...base };
    }
    if (!this.index || rv.catalogname) return open();
    if (this.doc.createsTable(name)) return open();
    if (schema && this.index.dialect.systemSchemas.has(schema)) return open();
    if (!schema && (name.startsWith('pg_') || this.doc.changesSearchPath)) {
      if (name.startsWith('pg_') || this.index.tablesNamed(name).length === 0) return open();
    }
    const table = this.index.findTable({ text: name, quoted: true }, schema === undefined ? undefined : { text: schema, quoted: true });
    if (table) return this.tableRelation(table, { ...base, schemaKey: alias ? undefined : schema });
    if (reportUnknown) this.reportUnknownTable(name, schema, parts);
    return open();
  }

  tableRelation(table: TableInfo, base: Omit<Relation, 'columns' | 'open'>): Relation {
    const columns = new Map<string, OutputColumn>();
    for (const c of table.columns) columns.set(c.name, { name: c.name, info: c, table });
    // A table altered by this document may have columns the snapshot does not know yet.
    return { ...base, table, columns, open: this.doc.altersTable(table.name) };
  }

  private reportUnknownTable(name: string, schema: string | undefined, parts: Span[]): void {
    const index = this.index!;
    const nameSpan = parts[parts.length - 1];
    if (schema && !index.hasSchema({ text: schema, quoted: true })) {
      const near = nearestName(schema, index.schemaNames());
      const span = parts[parts.length - 2];
      this.report('unknown-schema', span, `Schema "${schema}" does not exist.${near ? ` Did you mean "${near}"?` : ''}`, near ? replaceFix(span, index.dialect.quoteIfNeeded(near)) : undefined);
      return;
    }
    if (!schema) {
      const elsewhere = index.tablesNamed(name).filter((t) => t.name === name);
      if (elsewhere.length > 0) {
        const q = `${index.dialect.quoteIfNeeded(elsewhere[0].schema)}.`;
        this.report('unknown-table', nameSpan, `Table "${name}" is not on the search path; it exists in schema "${elsewhere[0].schema}".`, {
          title: `Qualify as ${q}${index.dialect.quoteIfNeeded(name)}`,
          edits: [{ start: nameSpan.start, end: nameSpan.start, newText: q }],
        });
        return;
      }
    }
    const candidates = schema ? index.tablesOf(schema).map((t) => t.name) : tablesOnSearchPath(index);
    const near = nearestName(name, candidates);
    this.report('unknown-table', nameSpan, `Table or view "${schema ? `${schema}.` : ''}${name}" does not exist.${near ? ` Did you mean "${near}"?` : ''}`, near ? replaceFix(nameSpan, index.dialect.quoteIfNeeded(near)) : undefined);
  }

  // ---- DML ----------------------------------------------------------------------------------

  private analyzeInsert(s: Json, outer?: Scope): void {
    const scope = new Scope(outer);
    this.addCtes(s.withClause, scope);
    const target = this.rangeVar(s.relation, scope);
    const cols = list(s.cols).map((c) => as(c, 'ResTarget'));
    for (const c of cols) {
      if (c?.name && !target.open && !target.columns.has(c.name)) {
        this.unknownColumn(this.tokens.nameParts(c.location, 1)[0], c.name, [target], target.key);
      }
    }
    const sel = as(s.selectStmt, 'SelectStmt');
    if (sel) {
      this.lint.selectStarIn(s.selectStmt, 'insert');
      const width = cols.length || (target.open ? undefined : target.columns.size);
      if (sel.valuesLists) {
        for (const row of list(sel.valuesLists)) {
          const items = list(as(row, 'List')?.items);
          this.walk(items, scope, 'other');
          if (width !== undefined) this.checkInsertCount(items.length, width, cols.length > 0, items, cols);
        }
      } else {
        const out = this.analyzeSelect(sel, scope);
        if (out && width !== undefined && (cols.length > 0 || out.length > width) && sel.targetList) {
          this.checkInsertCount(out.length, width, cols.length > 0, list(sel.targetList), cols);
        }
      }
    }
    const conflictScope = new Scope(scope);
    conflictScope.relations.push(target, { ...target, key: 'excluded', hasAlias: true });
    const oc = s.onConflictClause;
    if (oc) {
      this.walk(oc.infer, conflictScope, 'other');
      for (const t of list(oc.targetList)) this.walk(as(t, 'ResTarget')?.val, conflictScope, 'other');
      this.walk(oc.whereClause, conflictScope, 'where');
    }
    const retScope = new Scope(scope);
    retScope.relations.push(target);
    this.walk(s.returningList, retScope, 'select');
  }

  private checkInsertCount(values: number, width: number, explicitCols: boolean, items: Json[], cols: Json[]): void {
    if (values === width || (!explicitCols && values < width)) return;
    if (values > width) {
      const extra = items[width];
      const loc = locationOf(extra);
      const span = loc !== undefined ? this.tokens.tokenSpan(loc) : { start: 0, end: 0 };
      this.report('insert-value-count', span, `INSERT has more expressions (${values}) than target columns (${width}).`);
    } else {
      const span = this.tokens.nameParts(cols[values].location, 1)[0];
      this.report('insert-value-count', span, `INSERT has more target columns (${width}) than expressions (${values}).`);
    }
  }

  private analyzeUpdate(s: Json, outer?: Scope): void {
    const scope = new Scope(outer);
    this.addCtes(s.withClause, scope);
    const target = this.rangeVar(s.relation, scope);
    scope.relations.push(target);
    for (const item of list(s.fromClause)) this.addFromItem(item, scope);
    for (const t of list(s.targetList)) {
      const rt = as(t, 'ResTarget');
      if (rt?.name && !target.open && !target.columns.has(rt.name)) {
        this.unknownColumn(this.tokens.nameParts(rt.location, 1)[0], rt.name, [target], target.key);
      }
      this.walk(rt?.val, scope, 'other');
      this.walk(rt?.indirection, scope, 'other');
    }
    this.walk(s.whereClause, scope, 'where');
    this.walk(s.returningList, scope, 'select');
    this.lint.updateOrDelete('update', s, target);
  }

  private analyzeDelete(s: Json, outer?: Scope): void {
    const scope = new Scope(outer);
    this.addCtes(s.withClause, scope);
    const target = this.rangeVar(s.relation, scope);
    scope.relations.push(target);
    for (const item of list(s.usingClause)) this.addFromItem(item, scope);
    this.walk(s.whereClause, scope, 'where');
    this.walk(s.returningList, scope, 'select');
    this.lint.updateOrDelete('delete', s, target);
  }

  // ---- expressions --------------------------------------------------------------------------

  walk(node: Json, scope: Scope, clause: Clause): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) this.walk(x, scope, clause);
      return;
    }
    const type = nodeType(node);
    const n = type ? node[type] : undefined;
    if (!type || !n || typeof n !== 'object') {
      for (const v of Object.values(node)) if (v && typeof v === 'object') this.walk(v, scope, clause);
      return;
    }
    switch (type) {
      case 'ColumnRef':
        this.columnRef(n, scope, clause);
        return;
      case 'FuncCall':
        this.funcCall(n);
        this.walk(n.args, scope, clause);
        this.walk(n.agg_order, scope, clause);
        this.walk(n.agg_filter, scope, clause);
        this.walk(n.over, scope, clause);
        return;
      case 'SubLink':
        this.walk(n.testexpr, scope, clause);
        this.analyzeSelect(as(n.subselect, 'SelectStmt'), scope);
        return;
      case 'SelectStmt':
        this.analyzeSelect(n, scope);
        return;
      case 'TypeName':
      case 'String':
      case 'A_Const':
      case 'ParamRef':
        return;
      case 'A_Expr':
        this.walk(n.lexpr, scope, clause);
        this.walk(n.rexpr, scope, clause);
        this.lint.aExpr(n, clause);
        return;
      case 'BoolExpr':
        this.walk(n.args, scope, clause);
        this.lint.boolExpr(n);
        return;
      default:
        for (const v of Object.values(n)) if (v && typeof v === 'object') this.walk(v, scope, clause);
    }
  }

  /** Resolves a dotted name in a scope chain; undefined when the name cannot be judged. */
  lookup(parts: string[], scope: Scope): Resolved | undefined {
    if (parts.length === 1) {
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        const hits = s.relations.filter((r) => r.columns.has(parts[0]));
        if (hits.length > 0) return { relation: hits[0], column: hits[0].columns.get(parts[0]) };
        if (s.relations.some((r) => r.open)) return undefined;
      }
      return undefined;
    }
    if (parts.length === 2) {
      const rel = findRelation(scope, parts[0]);
      if (rel) return { relation: rel, column: rel.columns.get(parts[1]) };
    }
    return undefined;
  }

  private columnRef(ref: Json, scope: Scope, clause: Clause): void {
    const parts = names(ref.fields);
    const loc: number = ref.location ?? 0;
    if (parts.length === 0 || parts.some((p) => p === '')) return;
    const last = parts[parts.length - 1];
    if (parts.length === 1) {
      if (last === '*') return;
      this.unqualified(last, loc, scope, clause, ref);
      return;
    }
    if (parts.length === 2) {
      this.qualified(parts[0], undefined, last, loc, scope, ref);
      return;
    }
    if (parts.length === 3) {
      // s.t.c, or t.compositecol.field
      const bySchema = findRelation(scope, parts[1], parts[0]);
      if (bySchema) this.qualified(parts[1], parts[0], last, loc, scope, ref);
      else if (findRelation(scope, parts[0])) this.qualified(parts[0], undefined, parts[1], loc, scope, ref, 2);
    }
  }

  private unqualified(name: string, loc: number, scope: Scope, clause: Clause, ref: Json): void {
    const span = () => this.tokens.nameParts(loc, 1)[0];
    if ((clause === 'order' || clause === 'group') && scope.outputNames.has(name)) return;
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const hits = s.relations.filter((r) => r.columns.has(name) || (r.table && SYSTEM_COLUMNS.has(name)));
      if (hits.length > 1 && !s.usingColumns.has(name) && !s.natural) {
        const q = `${this.quote(hits[0].key)}.`;
        this.report('ambiguous-column', span(), `Column reference "${name}" is ambiguous: it is in ${hits.map((h) => `"${h.key}"`).join(' and ')}.`, {
          title: `Qualify as ${q}${this.quote(name)}`,
          edits: [{ start: span().start, end: span().start, newText: q }],
        });
        return;
      }
      if (hits.length > 0) {
        this.resolved.set(ref, { relation: hits[0], column: hits[0].columns.get(name) });
        return;
      }
      if (s.relations.some((r) => r.open)) return;
      // A whole-row reference to a table (row_to_json(t)).
      if (s.relations.some((r) => r.key === name)) return;
    }
    if (!this.index) return;
    const visible = allRelations(scope);
    if (visible.length === 0 && clause !== 'order' && clause !== 'group') {
      // No FROM at all (SELECT x): PostgreSQL rejects it, but it is also how people write
      // snippets and function bodies; only report when a schema-backed table is in scope.
      return;
    }
    if (visible.length === 0) return;
    const candidates = visible.flatMap((r) => [...r.columns.keys()]).concat([...scope.outputNames]);
    this.unknownColumn(span(), name, visible, undefined, candidates);
  }

  private qualified(qualifier: string, schema: string | undefined, column: string, loc: number, scope: Scope, ref: Json, partCount?: number): void {
    const count = partCount ?? (schema ? 3 : 2);
    const rel = findRelation(scope, qualifier, schema);
    const parts = () => this.tokens.nameParts(loc, count);
    if (!rel) {
      if (schema) return;
      // `compositecol.field`: PostgreSQL tries a column of that name when no table matches.
      if (this.lookup([qualifier], scope) || anyOpen(scope)) return;
      if (allRelations(scope).some((r) => r.columns.has(qualifier))) return;
      if (this.index?.findRoutines({ text: column, quoted: true }).length) return; // t.func functional notation
      this.undefinedAlias(qualifier, column, parts()[0], scope);
      return;
    }
    if (column === '*' || rel.open) return;
    const col = rel.columns.get(column);
    if (col) {
      this.resolved.set(ref, { relation: rel, column: col });
      return;
    }
    if (rel.table && SYSTEM_COLUMNS.has(column)) return;
    if (rel.table && this.index?.findRoutines({ text: column, quoted: true }).length) return;
    const span = parts()[count - 1] ?? parts()[0];
    this.unknownColumn(span, column, [rel], rel.key);
  }

  private unknownColumn(span: Span, name: string, rels: Relation[], qualifier: string | undefined, candidates?: string[]): void {
    const near = nearestName(name, candidates ?? rels.flatMap((r) => [...r.columns.keys()]));
    const where = qualifier !== undefined ? ` in "${qualifier}"` : '';
    this.report('unknown-column', span, `Column "${name}" does not exist${where}.${near ? ` Did you mean "${near}"?` : ''}`, near ? replaceFix(span, this.quote(near)) : undefined);
  }

  private undefinedAlias(qualifier: string, column: string, span: Span, scope: Scope): void {
    const rels = allRelations(scope);
    // `customer.id FROM customer c`: the table is in scope under its alias.
    const byTable = rels.find((r) => r.hasAlias && r.tableKey === qualifier);
    if (byTable) {
      this.report('undefined-alias', span, `"${qualifier}" is aliased as "${byTable.key}" here; refer to it by its alias.`, replaceFix(span, this.quote(byTable.key)));
      return;
    }
    // `c.name FROM customer`: offer to add the alias to the one unaliased table that has the column.
    const owners = scope.relations.filter((r) => !r.hasAlias && r.nameEnd !== undefined && r.columns.has(column));
    const fix =
      owners.length === 1
        ? { title: `Add alias "${qualifier}" to ${owners[0].key}`, edits: [{ start: owners[0].nameEnd!, end: owners[0].nameEnd!, newText: ` ${this.quote(qualifier)}` }] }
        : undefined;
    this.report('undefined-alias', span, `Missing FROM-clause entry for "${qualifier}": no table or alias of that name is in scope.`, fix);
  }

  private funcCall(fc: Json): void {
    if (!this.index) return;
    const parts = names(fc.funcname);
    const name = parts[parts.length - 1];
    if (!name || parts.length > 2) return;
    if (parts.length === 2 && (parts[0] === 'pg_catalog' || !this.index.hasSchema({ text: parts[0], quoted: true }))) return;
    if (parts.length === 1 && PG_BUILTIN_FUNCTIONS.has(name)) return;
    if (this.index.findRoutines({ text: name, quoted: true }).length > 0) return;
    if (this.doc.createsRoutine(name)) return;
    const span = this.tokens.nameParts(fc.location ?? 0, parts.length).at(-1)!;
    const near = nearestName(name, [...this.index.model.routines.map((r) => r.name)]);
    this.report('unknown-function', span, `Function "${name}" is neither built in nor in the schema snapshot.${near ? ` Did you mean "${near}"?` : ''}`, near ? replaceFix(span, this.quote(near)) : undefined);
  }

  quote(name: string): string {
    return this.index ? this.index.dialect.quoteIfNeeded(name) : name;
  }
}

/** Names of the tables on the search path, built once per schema (every unknown table is compared with all of them). */
const searchPathTables = new WeakMap<SchemaIndex, string[]>();
function tablesOnSearchPath(index: SchemaIndex): string[] {
  let names = searchPathTables.get(index);
  if (!names) searchPathTables.set(index, (names = index.model.searchPath.flatMap((s) => index.tablesOf(s).map((t) => t.name))));
  return names;
}

function findRelation(scope: Scope, key: string, schema?: string): Relation | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const r = s.relations.find((x) => x.key === key && (schema === undefined || x.schemaKey === schema || (!x.hasAlias && x.table?.schema === schema)));
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

function replaceFix(span: Span, newText: string) {
  return { title: `Change to ${newText}`, edits: [{ start: span.start, end: span.end, newText }] };
}

/** PostgreSQL's FigureColname for the expression kinds we model; undefined for the rest. */
function figureColname(val: Json): string | undefined {
  const type = nodeType(val);
  const n = type ? val[type] : undefined;
  switch (type) {
    case 'ColumnRef': {
      const last = names(n.fields).at(-1);
      return last && last !== '*' ? last : undefined;
    }
    case 'FuncCall':
      return names(n.funcname).at(-1);
    case 'TypeCast':
      return figureColname(n.arg) ?? (nodeType(n.arg) === 'A_Const' ? names(n.typeName?.names).at(-1) : undefined);
    case 'A_Const':
    case 'A_Expr':
    case 'BoolExpr':
    case 'NullTest':
    case 'BooleanTest':
      return '?column?';
    case 'CaseExpr':
      return 'case';
    case 'CoalesceExpr':
      return 'coalesce';
    default:
      return undefined;
  }
}

export function locationOf(n: Json): number | undefined {
  const type = nodeType(n);
  const loc = type ? n[type]?.location : undefined;
  return typeof loc === 'number' && loc >= 0 ? loc : undefined;
}

/**
 * Columns a recursive CTE gains from `SEARCH DEPTH|BREADTH FIRST BY … SET seq` and
 * `CYCLE … SET mark [TO … DEFAULT …] USING path` (PostgreSQL 14+): they follow the CTE's own columns.
 */
function searchCycleColumns(cte: Json): OutputColumn[] {
  const out: OutputColumn[] = [];
  const search = cte?.search_clause as Json;
  const cycle = cte?.cycle_clause as Json;
  for (const name of [search?.search_seq_column, cycle?.cycle_mark_column, cycle?.cycle_path_column]) {
    if (typeof name === 'string' && name) out.push({ name });
  }
  return out;
}
