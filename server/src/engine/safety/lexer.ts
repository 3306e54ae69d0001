// A small, dialect-aware SQL tokenizer for the firewall: it only needs to know where strings,
// quoted identifiers and comments start and end, so that statement boundaries and function-call
// names are found the way the database itself finds them. It never throws: unterminated quotes or
// comments simply run to the end of the input (and are reported, so the firewall can refuse).
import type { DialectId } from '../schema/model';
import { lexicalRules } from '../sql/lexical';

export type TokenType = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'semicolon' | 'param';

export interface Token {
  type: TokenType;
  /** Source text; for quoted identifiers the unquoted name. */
  text: string;
  start: number;
  end: number;
}

export interface ScanResult {
  tokens: Token[];
  /** MySQL `/*! … *\/` and MariaDB `/*M! … *\/` comments: the server executes their content. */
  executableComments: number[];
  /** Offset of a string, identifier or comment that is never closed. */
  unterminated?: number;
}

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;

export function scanSql(sql: string, dialect: DialectId): ScanResult {
  const rules = lexicalRules(dialect);
  const tokens: Token[] = [];
  const executableComments: number[] = [];
  let unterminated: number | undefined;
  let i = 0;
  const n = sql.length;

  /** End of a quoted run starting at `i` (on the opening quote); doubled quotes and escapes stay inside. */
  const quotedEnd = (open: number, close: string, backslash: boolean): number => {
    let j = open + 1;
    while (j < n) {
      const c = sql[j]!;
      if (backslash && c === '\\') {
        j += 2;
        continue;
      }
      if (c === close) {
        if (sql[j + 1] === close) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    unterminated ??= open;
    return n;
  };

  const blockCommentEnd = (open: number): number => {
    let depth = 1;
    let j = open + 2;
    while (j < n) {
      if (sql.startsWith('*/', j)) {
        depth--;
        j += 2;
        if (depth === 0) return j;
        continue;
      }
      if (rules.nestedBlockComments && sql.startsWith('/*', j)) {
        depth++;
        j += 2;
        continue;
      }
      j++;
    }
    unterminated ??= open;
    return n;
  };

  const lineEnd = (from: number): number => {
    let j = from;
    while (j < n && !rules.lineCommentEnd.test(sql[j]!)) j++;
    return Math.min(n, j + 1);
  };
  const wordStart = (ch: string) => WORD_START.test(ch) || (rules.nonAsciiInNames && ch.charCodeAt(0) >= 0x80);
  const wordPart = (ch: string) => WORD_PART.test(ch) || (rules.nonAsciiInNames && ch.charCodeAt(0) >= 0x80);

  while (i < n) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (rules.whitespace.test(c)) {
      i++;
      continue;
    }
    // Comments, ended exactly where the server ends them.
    if (c === '-' && next === '-' && (!rules.dashCommentNeedsSpace || i + 2 >= n || rules.dashCommentFollower.test(sql[i + 2]!))) {
      i = lineEnd(i);
      continue;
    }
    if (c === '#' && rules.hashComments) {
      i = lineEnd(i);
      continue;
    }
    if (c === '/' && next === '*') {
      if (dialect === 'mysql' && (sql[i + 2] === '!' || (sql[i + 2] === 'M' && sql[i + 3] === '!'))) executableComments.push(i);
      i = blockCommentEnd(i);
      continue;
    }
    // PostgreSQL dollar-quoted strings: $$…$$ or $tag$…$tag$.
    if (c === '$' && rules.dollarQuotes) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 64));
      if (m) {
        const close = sql.indexOf(m[0], i + m[0].length);
        const end = close === -1 ? n : close + m[0].length;
        if (close === -1) unterminated ??= i;
        tokens.push({ type: 'string', text: sql.slice(i, end), start: i, end });
        i = end;
        continue;
      }
      const p = /^\$\d+/.exec(sql.slice(i, i + 12));
      if (p) {
        tokens.push({ type: 'param', text: p[0], start: i, end: i + p[0].length });
        i += p[0].length;
        continue;
      }
    }
    if (rules.stringQuotes.has(c)) {
      // PostgreSQL E'…' strings take backslash escapes; the E is the previous word token.
      const prev = tokens[tokens.length - 1];
      const eString = rules.escapeStrings && prev?.type === 'word' && prev.end === i && /^e$/i.test(prev.text);
      if (eString) tokens.pop();
      const start = eString ? prev.start : i;
      const end = quotedEnd(i, c, rules.backslashEscapes || eString);
      tokens.push({ type: 'string', text: sql.slice(start, end), start, end });
      i = end;
      continue;
    }
    const close = rules.identifierQuotes.get(c);
    if (close !== undefined) {
      const end = quotedEnd(i, close, false);
      const inner = sql.slice(i + 1, end - 1).split(close + close).join(close);
      // PostgreSQL U&"…" identifiers: the U& prefix arrives as a word and a punct token; drop them.
      const t1 = tokens[tokens.length - 1];
      const t2 = tokens[tokens.length - 2];
      if (t1?.text === '&' && t2?.type === 'word' && /^u$/i.test(t2.text) && t1.end === i) tokens.splice(-2, 2);
      tokens.push({ type: 'quoted', text: inner, start: i, end });
      i = end;
      continue;
    }
    if (wordStart(c) || (c === '@' && dialect !== 'postgres')) {
      let j = i + 1;
      while (j < n && (wordPart(sql[j]!) || (dialect !== 'postgres' && sql[j] === '@'))) j++;
      tokens.push({ type: 'word', text: sql.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9A-Za-z_.]/.test(sql[j]!)) j++;
      tokens.push({ type: 'number', text: sql.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === ';') {
      tokens.push({ type: 'semicolon', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    tokens.push({ type: 'punct', text: c, start: i, end: i + 1 });
    i++;
  }
  return { tokens, executableComments, unterminated };
}

/**
 * Names written as function calls (`name(`, `schema.name(`, `"name" (`), lower-cased. A superset
 * of what the parser reports: also counts keywords followed by a parenthesis, which is harmless for
 * a deny-list check.
 */
export function calledNames(tokens: readonly Token[]): string[] {
  const names = new Set<string>();
  for (let k = 0; k + 1 < tokens.length; k++) {
    const t = tokens[k]!;
    if ((t.type === 'word' || t.type === 'quoted') && tokens[k + 1]!.text === '(') names.add(t.text.toLowerCase());
  }
  return [...names];
}
