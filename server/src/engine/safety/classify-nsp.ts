// MySQL/MariaDB and SQL Server classification with node-sql-parser(). That parser is not the server's
// own, so the firewall does not trust it alone: statements are split by our lexer (which knows the
// dialect's quoting and comments), every function-call-shaped name in the tokens is checked as well
// as those in the AST, and MySQL executable comments (which parsers skip) are reported.
import type { Parser } from 'node-sql-parser';
import { nspAllGrammars } from '../sql/node-sql-parser';
import type { DialectId } from '../schema/model';
import type { Token } from './lexer';
import { lexicalReadProof } from './lexical-read';
import { splitStatements } from './split';
import { addAll, lexicalStatement, unparsed } from './statement';
import type { ClassifiedStatement, StatementKind } from './types';

type Node = Record<string, unknown>;

let nsp: Parser | undefined;
/** Created on first use (node-sql-parser is loaded lazily). */
const parser = (): Parser => (nsp ??= new (nspAllGrammars().Parser)());

/** Parser grammars tried in order; the first that accepts the statement wins. */
const GRAMMARS: Record<'mysql' | 'mssql', string[]> = { mysql: ['MariaDB', 'MySQL'], mssql: ['TransactSQL'] };

export function classifyWithNodeSqlParser(sql: string, dialect: 'mysql' | 'mssql'): ClassifiedStatement[] {
  return splitStatements(sql, dialect).map((slice, i) => {
    const base = lexicalStatement(slice, i + 1, dialect);
    if (slice.tokens.length === 0) return unparsed(base, new Error('only an executable comment'));
    if (slice.unterminated) return unparsed(base, new Error('unterminated string, quoted name or comment'));
    let lastError: unknown;
    for (const database of GRAMMARS[dialect]) {
      try {
        // The parser reads the tokens our lexer found, without comments: its own comment rules (JS
        // `\s` after `--`) differ from the server's, so it must never decide what is a comment.
        const ast = parser().astify(canonicalText(sql, slice.tokens), { database }) as unknown as Node | Node[];
        const nodes = (Array.isArray(ast) ? ast : [ast]).filter(Boolean);
        if (nodes.length === 0) return unparsed(base, new Error('no statement found'));
        // The T-SQL grammar reads unknown commands (`KILL 52`, `GRANT …`) as procedure-variable
        // assignments without a statement type: that is not an understanding of the statement.
        if (nodes.some((n) => typeof n.type !== 'string')) throw new Error(`not recognised as a ${dialect === 'mssql' ? 'T-SQL' : 'MySQL'} statement`);
        const s = fromAst(base, nodes);
        // A read that does not start like one means the parser read something else than the server will.
        if (READ_HEADS[s.kind] && !READ_HEADS[s.kind]!.includes(base.verb.split(' ')[0]!.toLowerCase()))
          throw new Error(`parsed as ${s.kind.toUpperCase()} although it starts with ${base.verb || 'no keyword'}`);
        return withLexicalFacts(s);
      } catch (e) {
        lastError = e;
      }
    }
    const failed = unparsed(base, lastError);
    if (dialect === 'mysql' && !failed.tooDeep && slice.executableComments === 0) {
      const proof = lexicalReadProof(slice.tokens);
      if ('kind' in proof) return withLexicalFacts({ ...failed, kind: proof.kind, lexicalRead: true });
    }
    return withLexicalFacts(failed);
  });
}

/** The statement as the server will read it: its tokens in order, comments dropped. */
export function canonicalText(sql: string, tokens: readonly Token[]): string {
  let out = '';
  let prevEnd = -1;
  for (const t of tokens) {
    if (out && t.start !== prevEnd) out += ' ';
    out += sql.slice(t.start, t.end);
    prevEnd = t.end;
  }
  return out;
}

/**
 * Facts read from the tokens whatever the parser thought: INTO (OUTFILE, DUMPFILE, @var) in a read,
 * locking clauses and `:=` assignments. A safety net under the AST, and the basis of the lexical
 * proof for statements the parser rejects (lexical-read.ts).
 */
function withLexicalFacts(s: ClassifiedStatement): ClassifiedStatement {
  const tokens = s.tokens ?? [];
  const words = tokens.map((t) => (t.type === 'word' ? t.text.toLowerCase() : t.type === 'punct' ? t.text : ''));
  const out = { ...s };
  if (s.dialect === 'mysql' && (s.kind === 'select' || s.kind === 'show' || s.kind === 'explain' || s.kind === 'unknown')) {
    const into = words.indexOf('into');
    if (into !== -1 && !out.selectInto) out.selectInto = `INTO ${(words[into + 1] ?? '').toUpperCase() || '…'}`.trim();
    for (let k = 0; k + 1 < words.length; k++) {
      if (words[k] === 'for' && (words[k + 1] === 'update' || words[k + 1] === 'share')) out.lockingClause ??= `FOR ${words[k + 1]!.toUpperCase()}`;
      if (words[k] === 'lock' && words[k + 1] === 'in') out.lockingClause ??= 'LOCK IN SHARE MODE';
      if (words[k] === ':' && words[k + 1] === '=' && tokens[k]!.end === tokens[k + 1]!.start) out.assignsVariables = true;
    }
  }
  return out;
}

function fromAst(base: ClassifiedStatement, nodes: Node[]): ClassifiedStatement {
  const top = nodes[0]!;
  const type = String(top.type ?? '');
  const s: ClassifiedStatement = { ...base, parsed: true, kind: nspKind(type), statementCount: nodes.length };
  // Token-level names stay in `functions` (from lexicalStatement): the AST adds what it resolved.
  const facts = walk(type === 'explain' ? (top.expr as Node) : top);
  addAll(s.functions, facts.functions);
  s.nestedWrites = facts.nestedWrites;
  s.selectInto = facts.selectInto;
  s.lockingClause = facts.locking ?? (base.dialect === 'mssql' ? lockingHint(base) : undefined);
  s.assignsVariables = facts.assigns && type !== 'set';
  if (type === 'explain') {
    const innerType = String((top.expr as Node | undefined)?.type ?? '');
    // MySQL EXPLAIN never executes; MariaDB's executing form is ANALYZE, which does not parse here.
    s.explain = { analyze: false, inner: nspKind(innerType), innerVerb: innerType.toUpperCase() };
  }
  for (const extra of nodes.slice(1)) addAll(s.functions, walk(extra).functions);
  s.destructive = destructive(type, top);
  return s;
}

const READ_HEADS: Partial<Record<StatementKind, string[]>> = {
  select: ['select', 'with'],
  show: ['show', 'describe', 'desc'],
  explain: ['explain', 'describe', 'desc'],
};

const WRITES = new Set(['insert', 'replace', 'update', 'delete']);

interface Facts {
  functions: Set<string>;
  nestedWrites: string[];
  selectInto?: string;
  locking?: string;
  assigns: boolean;
}

function walk(root: Node | undefined): Facts {
  const facts: Facts = { functions: new Set(), nestedWrites: [], assigns: false };
  const visit = (value: unknown, isRoot: boolean, inWith: boolean): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v, false, inWith);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    const type = node.type;
    if (typeof type === 'string') {
      if (!isRoot && WRITES.has(type)) facts.nestedWrites.push(`${type.toUpperCase()} ${inWith ? 'inside WITH' : 'inside another statement'}`);
      if (type === 'function' || type === 'aggr_func') {
        const name = functionName(node.name);
        if (name) facts.functions.add(name);
      }
      if (type === 'assign') facts.assigns = true;
    }
    const into = node.into as Node | undefined;
    if (into && typeof into === 'object' && (into.position || into.expr)) {
      const keyword = typeof into.keyword === 'string' ? into.keyword.toUpperCase() : '';
      facts.selectInto ??= keyword === 'VAR' ? 'INTO @variable' : `INTO ${keyword || intoTarget(into.expr)}`.trim();
      if (keyword === 'VAR') facts.assigns = true;
    }
    if (node.locking_read) facts.locking ??= String(typeof node.locking_read === 'string' ? node.locking_read : 'locking clause').toUpperCase();
    for (const [key, child] of Object.entries(node)) visit(child, false, inWith || key === 'with');
  };
  visit(root, true, false);
  return facts;
}

/** T-SQL table hints that take locks a plain read would not: WITH (UPDLOCK), (XLOCK), … */
const MSSQL_LOCK_HINTS = new Set(['updlock', 'xlock', 'tablockx', 'holdlock', 'tablock', 'paglock', 'serializable', 'repeatableread']);

function lockingHint(s: ClassifiedStatement): string | undefined {
  const words = s.text.toLowerCase().match(/[a-z]+/g) ?? [];
  const hint = words.find((w) => MSSQL_LOCK_HINTS.has(w));
  return hint ? `WITH (${hint.toUpperCase()})` : undefined;
}

function functionName(name: unknown): string | undefined {
  if (typeof name === 'string') return name.toLowerCase();
  const parts = (name as { name?: { value?: unknown }[] } | undefined)?.name;
  const last = Array.isArray(parts) ? parts[parts.length - 1]?.value : undefined;
  return typeof last === 'string' ? last.toLowerCase() : undefined;
}

function intoTarget(expr: unknown): string {
  if (typeof expr === 'string') return expr;
  return '…';
}

export function nspKind(type: string): StatementKind {
  switch (type) {
    case 'select':
      return 'select';
    case 'explain':
      return 'explain';
    case 'show':
    case 'desc':
      return 'show';
    case 'insert':
    case 'replace':
      return 'insert';
    case 'update':
      return 'update';
    case 'delete':
      return 'delete';
    case 'create':
    case 'alter':
    case 'drop':
    case 'truncate':
    case 'rename':
      return 'ddl';
    case 'grant':
    case 'revoke':
      return 'dcl';
    case 'transaction':
      return 'transaction';
    case 'set':
    case 'use':
    case 'declare':
      return 'session';
    case 'call':
    case 'exec':
      return 'execute';
    case 'load_data':
      return 'copy';
    case 'lock':
    case 'unlock':
      return 'lock';
    default:
      return 'unknown';
  }
}

function destructive(type: string, node: Node): string | undefined {
  if ((type === 'update' || type === 'delete') && !node.where) return `${type.toUpperCase()} without WHERE changes every row of the table`;
  if (type === 'truncate') return 'TRUNCATE removes every row';
  if (type === 'drop') return 'DROP removes database objects';
  if (type === 'alter' || type === 'rename') return 'ALTER changes the structure of database objects';
  return undefined;
}

export function isNodeSqlParserDialect(d: DialectId): d is 'mysql' | 'mssql' {
  return d === 'mysql' || d === 'mssql';
}
