// What the cursor is in the middle of, for completion: the partial word being typed (and the range
// to replace), a dotted qualifier before it, and the syntactic position — a table name, a column
// expression, an alias being named, or a place for keywords. Token-based, tolerant of half-typed SQL.
import type { Dialect } from './dialect';
import { matchParens, isSubqueryGroup } from './paren-groups';
import { isIdentifier, isPunct, keywordOf, type Token } from './tokens';

export type CursorPosition =
  /** Inside a string, comment or number: nothing to complete. */
  | 'none'
  /** A table name is expected (FROM, JOIN, INTO, UPDATE, …); a qualifier is a schema. */
  | 'table'
  /** An expression: columns, aliases, keywords; a qualifier is an alias, table or schema.table. */
  | 'column'
  /** The columns of an INSERT target: `INSERT INTO t (|`. */
  | 'insert-column'
  /** The user is naming an alias (`FROM t AS |`, `FROM t |`): suggestions would get in the way. */
  | 'alias'
  /** Between clauses or at the start of a statement. */
  | 'keyword';

export interface CursorContext {
  position: CursorPosition;
  /** Text typed so far of the word under the cursor (without an opening quote). */
  prefix: string;
  /** True when the word under the cursor starts with an identifier quote. */
  quoted: boolean;
  /** Document range to replace with the chosen item. */
  replaceStart: number;
  replaceEnd: number;
  /** Identifiers before the final dot: `s.` → [s], `s.t.` → [s, t]. */
  qualifier: Token[];
  /** Nearest clause keyword before the cursor at its nesting level (SELECT, WHERE, …), '' if none. */
  clause: string;
  /** No token precedes the cursor in the statement. */
  statementStart: boolean;
  /** For 'insert-column': the INSERT target's name tokens. */
  insertTarget?: Token[];
  /** The token before the name (and its qualifier) under the cursor. */
  anchor?: Token;
}

const CLAUSES = new Set(
  'SELECT FROM JOIN ON WHERE GROUP ORDER HAVING SET INTO UPDATE VALUES RETURNING USING LIMIT OFFSET WINDOW PARTITION DELETE INSERT WITH TABLE'.split(' '),
);
const COLUMN_CLAUSES = new Set(['SELECT', 'ON', 'WHERE', 'GROUP', 'ORDER', 'HAVING', 'SET', 'RETURNING', 'USING', 'PARTITION', 'WINDOW']);

export function cursorContext(statementTokens: Token[], offset: number, dialect: Dialect): CursorContext {
  const under = statementTokens.find((t) => t.start < offset && offset <= t.end);
  const none = { position: 'none' as const, prefix: '', quoted: false, replaceStart: offset, replaceEnd: offset, qualifier: [], clause: '', statementStart: false };
  if (under && isInert(under, offset)) return none;

  const tokens = statementTokens.filter((t) => t.kind !== 'comment');
  const typing = under && isIdentifier(under) ? under : undefined;
  const ctx: CursorContext = {
    ...none,
    position: 'keyword',
    prefix: typing ? typedPrefix(typing, offset) : '',
    quoted: typing?.kind === 'quoted',
    replaceStart: typing?.start ?? offset,
    replaceEnd: typing?.end ?? offset,
  };
  // Index of the first token at or after the word being typed: everything before it is context.
  let i = tokens.findIndex((t) => t.start >= (typing?.start ?? offset));
  if (i < 0) i = tokens.length;
  const qualifierStart = readQualifier(tokens, i, ctx);
  ctx.statementStart = qualifierStart === 0;
  ctx.anchor = tokens[qualifierStart - 1];
  const parens = matchParens(tokens);
  ctx.clause = clauseBefore(tokens, parens, qualifierStart, ctx);
  ctx.position = positionOf(tokens, qualifierStart, ctx, dialect);
  return ctx;
}

/** Strings, comments and numbers complete nothing (the end offset of a closed string or block comment is outside it). */
function isInert(t: Token, offset: number): boolean {
  if (t.kind === 'comment') return t.unterminated === true || offset < t.end || !t.text.startsWith('/*');
  if (t.kind === 'string') return t.unterminated === true || offset < t.end;
  return t.kind === 'number' || t.kind === 'param';
}

function typedPrefix(t: Token, offset: number): string {
  if (t.kind !== 'quoted') return t.text.slice(0, offset - t.start);
  if (!t.unterminated && offset === t.end) return t.value ?? '';
  return t.text.slice(1, offset - t.start);
}

/** Collects `a.b.` before tokens[i] into ctx.qualifier; returns the index where the name starts. */
function readQualifier(tokens: Token[], i: number, ctx: CursorContext): number {
  let j = i;
  while (isPunct(tokens[j - 1], '.') && isIdentifier(tokens[j - 2])) {
    ctx.qualifier.unshift(tokens[j - 2]);
    j -= 2;
  }
  return j;
}

/**
 * Walks back at the cursor's nesting level to the nearest clause keyword. Parentheses that are not
 * a subquery (function calls, IN lists) inherit the clause around them; the column list of an
 * INSERT target becomes the pseudo-clause 'INSERT-COLUMNS'.
 */
function clauseBefore(tokens: Token[], parens: Map<number, number>, end: number, ctx: CursorContext): string {
  const openOf = new Map<number, number>();
  for (const [open, close] of parens) openOf.set(close, open);
  for (let j = end - 1; j >= 0; j--) {
    const t = tokens[j];
    if (isPunct(t, ')') && openOf.has(j)) {
      j = openOf.get(j)!;
      continue;
    }
    if (isPunct(t, '(')) {
      const target = insertTarget(tokens, j);
      if (target) {
        ctx.insertTarget = target;
        return 'INSERT-COLUMNS';
      }
      if (isSubqueryGroup(tokens, j)) return '';
      continue;
    }
    const kw = keywordOf(t);
    if (CLAUSES.has(kw) && !(kw === 'FROM' && keywordOf(tokens[j - 1]) === 'DISTINCT')) return kw;
  }
  return '';
}

/** `INSERT INTO [s.]t (` → the name tokens of t. */
function insertTarget(tokens: Token[], open: number): Token[] | undefined {
  let j = open - 1;
  const parts: Token[] = [];
  while (isIdentifier(tokens[j])) {
    parts.unshift(tokens[j]);
    if (!isPunct(tokens[j - 1], '.')) break;
    j -= 2;
  }
  return parts.length > 0 && keywordOf(tokens[j - 1]) === 'INTO' ? parts : undefined;
}

const TABLE_INTRODUCERS = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'LATERAL', 'ONLY', 'STRAIGHT_JOIN', 'USING']);

function positionOf(tokens: Token[], nameStart: number, ctx: CursorContext, dialect: Dialect): CursorPosition {
  const anchor = tokens[nameStart - 1];
  const kw = keywordOf(anchor);
  const before = keywordOf(tokens[nameStart - 2]);
  if (ctx.clause === 'INSERT-COLUMNS') return ctx.qualifier.length > 0 ? 'none' : 'insert-column';
  if (TABLE_INTRODUCERS.has(kw)) {
    // IS DISTINCT FROM, FOR UPDATE, ON CONFLICT DO UPDATE, ON DUPLICATE KEY UPDATE are not tables.
    if (kw === 'FROM' && before === 'DISTINCT') return 'column';
    if (kw === 'UPDATE' && ['FOR', 'KEY', 'DO', 'NO'].includes(before)) return ctx.qualifier.length > 0 ? 'column' : 'keyword';
    return 'table';
  }
  if (isPunct(anchor, ',') && ctx.clause === 'FROM') return 'table';
  if (ctx.qualifier.length > 0) return 'column';
  if (endsTableRef(tokens, nameStart, dialect)) return 'alias';
  if (COLUMN_CLAUSES.has(ctx.clause)) return 'column';
  return 'keyword';
}

/**
 * True when the tokens before the cursor end a table reference that has no alias yet: `FROM t |`,
 * `JOIN s.t AS |`, `FROM (SELECT …) |`.
 */
function endsTableRef(tokens: Token[], at: number, dialect: Dialect): boolean {
  let j = at - 1;
  if (keywordOf(tokens[j]) === 'AS') j--;
  const afterAs = j !== at - 1;
  if (isPunct(tokens[j], ')')) return afterAs || isDerivedClose(tokens, j);
  if (!isIdentifier(tokens[j]) || (tokens[j].kind === 'word' && dialect.reserved.has(tokens[j].text.toUpperCase()))) return false;
  while (isPunct(tokens[j - 1], '.') && isIdentifier(tokens[j - 2])) j -= 2;
  let k = j - 1;
  while (['LATERAL', 'ONLY'].includes(keywordOf(tokens[k]))) k--;
  const before = keywordOf(tokens[k]);
  return before === 'FROM' || before === 'JOIN' || (isPunct(tokens[k], ',') && refListContinues(tokens, k));
}

function isDerivedClose(tokens: Token[], close: number): boolean {
  const open = matchParens(tokens);
  for (const [o, c] of open) if (c === close) return isSubqueryGroup(tokens, o) && ['FROM', 'JOIN', 'LATERAL'].includes(keywordOf(tokens[o - 1]));
  return false;
}

/** Is the comma at tokens[k] part of a FROM list (nearest clause keyword at that level is FROM)? */
function refListContinues(tokens: Token[], k: number): boolean {
  let depth = 0;
  for (let j = k - 1; j >= 0; j--) {
    if (isPunct(tokens[j], ')')) depth++;
    else if (isPunct(tokens[j], '(')) {
      if (depth === 0) return false;
      depth--;
    } else if (depth === 0 && CLAUSES.has(keywordOf(tokens[j]))) return keywordOf(tokens[j]) === 'FROM';
  }
  return false;
}
