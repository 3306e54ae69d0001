// Splits a script into statements the way its dialect's client does: at top-level delimiters, and
// also at SQL Server `GO` batch lines and around MySQL `DELIMITER x` lines (which change the
// delimiter for what follows, so a procedure body keeps its own `;`). Understands strings, quoted
// identifiers, comments, dollar quotes and PostgreSQL `BEGIN ATOMIC … END` bodies. A fast character
// scan (no token objects): diagnostics split every document with it, and the editor features use it
// for scripts with GO or DELIMITER lines (see scriptSeparators()).
import type { DialectId } from '../schema/model';
import { lexicalRules } from './lexical';

export interface ScriptStatement {
  /** Offsets of the statement text, surrounding whitespace trimmed. */
  start: number;
  end: number;
  text: string;
}

/**
 * What separates two statements: a delimiter (`;`, `//`), a `GO` line or a `DELIMITER` line. The
 * statement before ends at `at` (exclusive), the next one begins at `end`.
 */
export interface ScriptBoundary {
  at: number;
  end: number;
}

export interface ScriptSplit {
  statements: ScriptStatement[];
  boundaries: ScriptBoundary[];
  /** Where splitting stopped because `stop` said the rest is known. */
  stoppedAt?: number;
}

const GO_LINE = /^[ \t]*GO(?:[ \t]+\d+)?[ \t]*\r?$/im;
const DELIMITER_LINE = /^[ \t]*DELIMITER[ \t]+\S+[ \t]*\r?$/im;

/**
 * True when the text has lines only a script splitter understands (GO for SQL Server, DELIMITER for
 * MySQL): the `;`-only boundaries of the tokenizer would cut those scripts wrongly.
 */
export function scriptSeparators(text: string, dialect: DialectId): boolean {
  if (dialect === 'mssql') return GO_LINE.test(text);
  if (dialect === 'mysql') return DELIMITER_LINE.test(text);
  return false;
}

/**
 * Splits from a top-level position (the start of a statement). `stop` is asked at each statement
 * start after a delimiter; when it says yes, splitting ends there (the rest is known from an
 * earlier split).
 */
export function splitScript(text: string, dialect: DialectId, from = 0, stop?: (start: number) => boolean): ScriptSplit {
  const rules = lexicalRules(dialect);
  const out: ScriptStatement[] = [];
  const boundaries: ScriptBoundary[] = [];
  let delimiter = ';';
  let start = from;
  let i = from;
  const n = text.length;
  let stoppedAt: number | undefined;
  const push = (from: number, to: number) => {
    let s = from;
    let e = to;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e) });
  };
  /** After a statement boundary: does the caller already know the rest? */
  const stopHere = (next: number): boolean => {
    if (!stop) return false;
    let s = next;
    while (s < n && isSpace(text.charCodeAt(s))) s++;
    if (s < n && stop(s)) {
      stoppedAt = s;
      return true;
    }
    return false;
  };
  let lineStart = from === 0 || text.charCodeAt(from - 1) === 10;
  let atomicDepth = 0;
  const trackAtomic = dialect === 'postgres' && /\bBEGIN\s+ATOMIC\b/i.test(text);
  // Characters that need a look; everything else is skipped in one test (big documents).
  const special = new Uint8Array(128);
  for (const ch of ['\n', '-', '#', '/', '$', ...rules.stringQuotes, ...rules.identifierQuotes.keys()]) special[ch.charCodeAt(0)] = 1;
  let delimCode = delimiter.charCodeAt(0);
  while (i < n) {
    const code = text.charCodeAt(i);
    if (!lineStart && code < 128 && special[code] === 0 && code !== delimCode && !(trackAtomic && isWordStart(code))) {
      i++;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      // GO / DELIMITER lines: only looked at when the line starts with G or D (cheap on big files).
      let j = i;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      const f = text.charCodeAt(j) | 0x20;
      const directive = dialect !== 'postgres' && (f === 0x67 || f === 0x64) ? lineDirective(text, i, dialect) : undefined;
      if (directive) {
        push(start, i);
        boundaries.push({ at: i, end: directive.end });
        if (directive.delimiter) {
          delimiter = directive.delimiter;
          delimCode = delimiter.charCodeAt(0);
        }
        i = start = directive.end;
        lineStart = true;
        continue;
      }
    }
    if (code === 10) {
      lineStart = true;
      i++;
      continue;
    }
    const c = text[i];
    if (code === 45 /* - */ && text.charCodeAt(i + 1) === 45 && (!rules.dashCommentNeedsSpace || i + 2 >= text.length || rules.dashCommentFollower.test(text[i + 2]!))) {
      i = skipTo(text, i, '\n');
      continue;
    }
    if (code === 35 /* # */ && rules.hashComments) {
      i = skipTo(text, i, '\n');
      continue;
    }
    if (code === 47 /* / */ && text.charCodeAt(i + 1) === 42) {
      i = skipBlockComment(text, i, rules.nestedBlockComments);
      continue;
    }
    if (rules.stringQuotes.has(c)) {
      i = skipQuoted(text, i, c, c, rules.backslashEscapes || ((text[i - 1] === 'E' || text[i - 1] === 'e') && rules.escapeStrings));
      continue;
    }
    const close = rules.identifierQuotes.get(c);
    if (close) {
      i = skipQuoted(text, i, c, close, false);
      continue;
    }
    if (code === 36 /* $ */ && rules.dollarQuotes) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
        const end = text.indexOf(m[0], i + m[0].length);
        i = end < 0 ? n : end + m[0].length;
        continue;
      }
    }
    if (trackAtomic && isWordStart(code)) {
      // Skip a whole word at once; in PostgreSQL, track SQL-standard function bodies
      // (BEGIN ATOMIC … END), which contain semicolons of their own.
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      const len = j - i;
      if (len >= 3 && len <= 5) {
        const u = text.slice(i, j).toUpperCase();
        if (u === 'BEGIN' && /^BEGIN\s+ATOMIC\b/i.test(text.slice(i, i + 64))) atomicDepth++;
        else if (atomicDepth > 0 && u === 'CASE') atomicDepth++;
        else if (atomicDepth > 0 && u === 'END') atomicDepth--;
      }
      i = j;
      continue;
    }
    if (code === delimCode && atomicDepth === 0 && (delimiter.length === 1 || text.startsWith(delimiter, i))) {
      push(start, i);
      boundaries.push({ at: i, end: i + delimiter.length });
      i += delimiter.length;
      start = i;
      if (stopHere(i)) return { statements: out, boundaries, stoppedAt };
      continue;
    }
    i++;
  }
  push(start, n);
  return { statements: out, boundaries };
}

/** `GO` (SQL Server batch separator) or `DELIMITER x` (MySQL client) alone on a line. */
function lineDirective(text: string, i: number, dialect: DialectId): { end: number; delimiter?: string } | undefined {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
  const eol = skipTo(text, j, '\n');
  const line = text.slice(j, eol).trim();
  if (dialect === 'mssql' && /^GO(\s+\d+)?$/i.test(line)) return { end: eol };
  if (dialect === 'mysql') {
    const m = /^DELIMITER\s+(\S+)$/i.exec(line);
    if (m) return { end: eol, delimiter: m[1] };
  }
  return undefined;
}

function isWordStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

function skipTo(text: string, i: number, ch: string): number {
  const j = text.indexOf(ch, i);
  return j < 0 ? text.length : j;
}

function skipBlockComment(text: string, i: number, nested: boolean): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    if (text[i] === '/' && text[i + 1] === '*') {
      if (depth === 0 || nested) depth++;
      i += 2;
    } else if (text[i] === '*' && text[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return n;
}

function skipQuoted(text: string, i: number, open: string, close: string, backslash: boolean): number {
  const n = text.length;
  i++;
  while (i < n) {
    const c = text[i];
    if (backslash && c === '\\') {
      i += 2;
      continue;
    }
    if (c === close) {
      if (text[i + 1] === close && open === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return n;
}
