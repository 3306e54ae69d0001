// PostgreSQL classification with the real PostgreSQL parser (libpg-query, compiled to WASM): it
// splits statements exactly as the server does and resolves quoting, U&"…" escapes and comments,
// so the firewall sees the names the server will see.
import { loadModule, parseSync } from 'libpg-query';
import { scanSql } from './lexer';
import { splitStatements } from './split';
import { addAll, isStackOverflow, lexicalStatement, tokensIn, unparsed } from './statement';
import type { ClassifiedStatement, StatementKind } from './types';

type PgNode = Record<string, unknown>;
interface RawStmt {
  stmt?: PgNode;
  stmt_location?: number;
  stmt_len?: number;
}

let loading: Promise<void> | undefined;

/** The WASM parser loads once per process (a few ms); later calls are synchronous. */
export function loadPostgresParser(): Promise<void> {
  // Without the parser nothing PostgreSQL can pass the firewall (it fails closed); a failed load is
  // retried on the next call rather than cached.
  loading ??= loadModule().catch((e: unknown) => {
    loading = undefined;
    throw new Error(`the PostgreSQL parser (libpg-query.wasm) could not be loaded, so no SQL can be checked: ${e instanceof Error ? e.message : String(e)}`);
  });
  return loading;
}

export async function classifyPostgres(sql: string): Promise<ClassifiedStatement[]> {
  await loadPostgresParser();
  const scan = scanSql(sql, 'postgres');
  // An unterminated comment or quote: the server would reject it; refuse it here by statement.
  if (scan.unterminated !== undefined) return classifySlices(sql);
  let stmts: RawStmt[];
  try {
    stmts = (parseSync(sql) as { stmts?: RawStmt[] }).stmts ?? [];
  } catch {
    return classifySlices(sql);
  }
  const toChar = byteToCharOffsets(sql);
  const bytes = Buffer.byteLength(sql);
  const out: ClassifiedStatement[] = [];
  for (const raw of stmts) {
    const from = toChar(raw.stmt_location ?? 0);
    const to = toChar(raw.stmt_len ? (raw.stmt_location ?? 0) + raw.stmt_len : bytes);
    const tokens = tokensIn(scan.tokens, from, to);
    if (tokens.length === 0 || !raw.stmt) continue;
    const start = tokens[0]!.start;
    const end = tokens[tokens.length - 1]!.end;
    const base = lexicalStatement({ text: sql.slice(start, end), start, end, tokens, executableComments: 0, unterminated: false }, out.length + 1, 'postgres');
    out.push(fromAstOrTooDeep(base, raw.stmt));
  }
  return out;
}

/** When the whole input does not parse: split lexically and parse each statement on its own. */
function classifySlices(sql: string): ClassifiedStatement[] {
  return splitStatements(sql, 'postgres').map((slice, i) => {
    const base = lexicalStatement(slice, i + 1, 'postgres');
    if (slice.unterminated) return unparsed(base, new Error('unterminated string, quoted name or comment'));
    try {
      const stmts = (parseSync(slice.text) as { stmts?: RawStmt[] }).stmts ?? [];
      if (stmts.length !== 1 || !stmts[0]!.stmt) return { ...base, statementCount: stmts.length };
      return fromAstOrTooDeep(base, stmts[0]!.stmt);
    } catch (e) {
      return unparsed(base, e);
    }
  });
}

/** The AST walk recurses once per nesting level: a huge expression overflows the stack there. */
function fromAstOrTooDeep(base: ClassifiedStatement, node: PgNode): ClassifiedStatement {
  try {
    return fromAst(base, node);
  } catch (e) {
    if (isStackOverflow(e)) return unparsed(base, e);
    throw e;
  }
}

function fromAst(base: ClassifiedStatement, node: PgNode): ClassifiedStatement {
  const [type, body] = entry(node);
  const s: ClassifiedStatement = { ...base, parsed: true, kind: pgKind(type), functions: [] };
  let facts: Facts;
  if (type === 'ExplainStmt') {
    const options = ((body.options as PgNode[] | undefined) ?? []).map((o) => (o as { DefElem?: { defname?: string; arg?: unknown } }).DefElem ?? {});
    const analyze = options.some((o) => o.defname === 'analyze' && !isFalse(o.arg));
    const [innerType, innerBody] = entry((body.query as PgNode | undefined) ?? {});
    s.explain = { analyze, inner: pgKind(innerType), innerVerb: pgVerb(innerType) };
    // The explained statement is judged as a statement of its own; only what it contains is nested.
    facts = walk(innerBody);
  } else {
    facts = walk(body);
  }
  addAll(s.functions, facts.functions);
  // CTE names are kept: a CTE may share a view's name (even read it), and a name no relation has costs nothing.
  s.relations = [...facts.relations];
  s.operators = [...facts.operators];
  s.nestedWrites = facts.nestedWrites;
  s.selectInto = facts.selectInto;
  s.lockingClause = facts.locking;
  if (type === 'CopyStmt') s.copy = { direction: body.is_from ? 'from' : 'to', program: Boolean(body.is_program), file: typeof body.filename === 'string' };
  s.destructive = destructive(type, body);
  return s;
}

function entry(node: PgNode): [string, PgNode] {
  const [type, body] = Object.entries(node)[0] ?? ['', {}];
  return [type, (body ?? {}) as PgNode];
}

const WRITES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);
const LOCKING: Record<string, string> = {
  LCS_FORUPDATE: 'FOR UPDATE',
  LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE',
  LCS_FORSHARE: 'FOR SHARE',
  LCS_FORKEYSHARE: 'FOR KEY SHARE',
};

interface Facts {
  functions: Set<string>;
  relations: Set<string>;
  operators: Set<string>;
  nestedWrites: string[];
  selectInto?: string;
  locking?: string;
}

/** Visits every node below a statement's body: any write found there is a nested write. */
function walk(root: PgNode): Facts {
  const facts: Facts = { functions: new Set(), relations: new Set(), operators: new Set(), nestedWrites: [] };
  const visit = (value: unknown, inCte: boolean): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, inCte);
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as PgNode)) {
      if (key === 'FuncCall') {
        const names = ((child as PgNode).funcname as PgNode[] | undefined) ?? [];
        const last = names[names.length - 1] as { String?: { sval?: string } } | undefined;
        if (last?.String?.sval) facts.functions.add(last.String.sval.toLowerCase());
      }
      if (key === 'RangeVar') {
        const rel = (child as { relname?: string }).relname;
        if (rel) facts.relations.add(rel.toLowerCase());
      }
      if (key === 'A_Expr' || key === 'SubLink') {
        // `a OP b` and `a OP ANY (…)`: the operator symbol, whose function runs for every row.
        const names = ((child as PgNode).name ?? (child as PgNode).operName) as PgNode[] | undefined;
        const last = Array.isArray(names) ? (names[names.length - 1] as { String?: { sval?: string } } | undefined) : undefined;
        if (last?.String?.sval) facts.operators.add(last.String.sval);
      }
      if (WRITES.has(key)) facts.nestedWrites.push(`${pgVerb(key)} ${inCte ? 'inside WITH' : 'inside another statement'}`);
      // SELECT … INTO (which creates a table) and CREATE TABLE AS keep the target in intoClause.
      if (key === 'intoClause' && child && typeof child === 'object') {
        const rel = (child as { rel?: { relname?: string } }).rel;
        facts.selectInto ??= `INTO ${rel?.relname ?? '…'}`;
      }
      if (key === 'lockingClause' && Array.isArray(child) && child.length > 0) {
        const strength = (child[0] as { LockingClause?: { strength?: string } }).LockingClause?.strength ?? '';
        facts.locking ??= LOCKING[strength] ?? 'FOR UPDATE';
      }
      visit(child, inCte || key === 'CommonTableExpr');
    }
  };
  visit(root, false);
  return facts;
}

function isFalse(arg: unknown): boolean {
  const v = arg as { String?: { sval?: string }; A_Const?: { boolval?: { boolval?: boolean }; ival?: { ival?: number } }; Boolean?: { boolval?: boolean } } | undefined;
  if (!v) return false;
  const s = v.String?.sval?.toLowerCase();
  if (s !== undefined) return ['false', 'off', '0', 'no'].includes(s);
  if (v.Boolean) return !v.Boolean.boolval;
  if (v.A_Const?.boolval) return !v.A_Const.boolval.boolval;
  if (v.A_Const?.ival) return !v.A_Const.ival.ival;
  return false;
}

const KINDS: Record<string, StatementKind> = {
  SelectStmt: 'select',
  ExplainStmt: 'explain',
  VariableShowStmt: 'show',
  InsertStmt: 'insert',
  UpdateStmt: 'update',
  DeleteStmt: 'delete',
  MergeStmt: 'merge',
  GrantStmt: 'dcl',
  GrantRoleStmt: 'dcl',
  AlterDefaultPrivilegesStmt: 'dcl',
  TransactionStmt: 'transaction',
  VariableSetStmt: 'session',
  DiscardStmt: 'session',
  ConstraintsSetStmt: 'session',
  DeclareCursorStmt: 'session',
  FetchStmt: 'session',
  ClosePortalStmt: 'session',
  DeallocateStmt: 'session',
  CallStmt: 'execute',
  DoStmt: 'execute',
  ExecuteStmt: 'execute',
  PrepareStmt: 'execute',
  LoadStmt: 'execute',
  CopyStmt: 'copy',
  LockStmt: 'lock',
  ListenStmt: 'notify',
  NotifyStmt: 'notify',
  UnlistenStmt: 'notify',
  VacuumStmt: 'maintenance',
  ClusterStmt: 'maintenance',
  ReindexStmt: 'maintenance',
  CheckPointStmt: 'maintenance',
  RefreshMatViewStmt: 'maintenance',
};

const DDL = new Set(['TruncateStmt', 'CommentStmt', 'RenameStmt', 'IndexStmt', 'ViewStmt', 'RuleStmt', 'SecLabelStmt', 'ReassignOwnedStmt', 'DropOwnedStmt', 'CompositeTypeStmt', 'ImportForeignSchemaStmt', 'DefineStmt', 'CreateTableAsStmt', 'CreatedbStmt', 'DropdbStmt']);

export function pgKind(type: string): StatementKind {
  if (KINDS[type]) return KINDS[type];
  if (DDL.has(type) || /^(Create|Alter|Drop)/.test(type)) return 'ddl';
  return 'unknown';
}

const VERBS: Record<string, string> = {
  CreateTableAsStmt: 'CREATE TABLE AS',
  CreateStmt: 'CREATE TABLE',
  IndexStmt: 'CREATE INDEX',
  ViewStmt: 'CREATE VIEW',
  VariableShowStmt: 'SHOW',
  VariableSetStmt: 'SET',
  DeclareCursorStmt: 'DECLARE CURSOR',
  DoStmt: 'DO',
  TransactionStmt: 'transaction control',
};

export function pgVerb(type: string): string {
  return (
    VERBS[type] ??
    type
      .replace(/Stmt$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toUpperCase()
  );
}

function destructive(type: string, body: PgNode): string | undefined {
  if ((type === 'UpdateStmt' || type === 'DeleteStmt') && !body.whereClause) return `${pgVerb(type)} without WHERE changes every row of the table`;
  if (type === 'TruncateStmt') return 'TRUNCATE removes every row';
  if (type.startsWith('Drop') || type === 'DropOwnedStmt') return 'DROP removes database objects';
  if (type.startsWith('Alter') || type === 'RenameStmt') return 'ALTER changes the structure of database objects';
  return undefined;
}

/** libpg-query reports UTF-8 byte offsets; JavaScript strings index UTF-16 code units. */
function byteToCharOffsets(sql: string): (byteOffset: number) => number {
  if (/^[\x00-\x7f]*$/.test(sql)) return (b) => b;
  const buf = Buffer.from(sql, 'utf8');
  return (b) => buf.subarray(0, b).toString('utf8').length;
}
