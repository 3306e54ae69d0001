// Tolerant SQL tokenizer: never throws, always covers the whole text. Unterminated strings, quoted
// identifiers and comments run to the end and are flagged, because the editor sees half-typed SQL
// all the time. Whitespace is skipped (offsets keep positions exact).
import type { Dialect } from './dialect';
import { lexicalRules, type LexicalRules } from './lexical';
import type { Token } from './tokens';

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;
const HASH_WORD_START = /[\p{L}_#]/u;
/** The rest of a word in one sticky match (per-character tests dominate on large documents). */
const WORD_REST = /[\p{L}\p{N}_$]*/uy;
const HASH_WORD_REST = /[\p{L}\p{N}_$#]*/uy;
const WHITESPACE = /\s+/y;
const NUMBER = /0x[0-9a-f]+|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/iy;
const MULTI_OPS = ['->>', '#>>', '::', '<=', '>=', '<>', '!=', '||', '->', '=>', ':=', '#>', '@>', '<@', '&&', '<<', '>>'];
const OP_CHARS = '+-*/<>=~!@#%^&|?:';
const PUNCT = '(),;.[]{}';

/** Tokens of text[from, to) (the whole text by default); offsets are document offsets. */
export function tokenize(text: string, dialect: Dialect, from = 0, to = text.length): Token[] {
  const lexer = new Lexer(text, lexicalRules(dialect.id), false);
  lexer.run(from, to);
  return lexer.out;
}

/**
 * Offsets of the `;` that end statements, found without building tokens: on a multi-megabyte
 * script this is what lets a feature tokenize only the statement under the cursor.
 */
export function semicolonOffsets(text: string, dialect: Dialect): number[] {
  const lexer = new Lexer(text, lexicalRules(dialect.id), true);
  lexer.run(0, text.length);
  return lexer.semicolons;
}

/**
 * Offsets of statement-ending `;` from `from` on (which must be a point where no string, comment or
 * quote is open: the start of the text or just after a `;`). `stop` is asked about each `;` found and
 * ends the scan when it returns true (that `;` is included): the incremental splitter stops as soon
 * as it meets a `;` it already knew, since the lexer is back in the same state there.
 */
export function scanSemicolons(text: string, dialect: Dialect, from: number, stop?: (offset: number) => boolean): { offsets: number[]; stopped: boolean } {
  const lexer = new Lexer(text, lexicalRules(dialect.id), true, stop);
  lexer.run(from, text.length);
  return { offsets: lexer.semicolons, stopped: lexer.stopped };
}

class Lexer {
  private pos = 0;
  readonly out: Token[] = [];
  readonly semicolons: number[] = [];

  constructor(
    private readonly src: string,
    private readonly rules: LexicalRules,
    /** Only record `;` positions (no token objects). */
    private readonly boundariesOnly: boolean,
    private readonly stopAt?: (offset: number) => boolean,
  ) {}

  stopped = false;

  run(from: number, to: number): void {
    const s = this.src;
    this.pos = from;
    while (this.pos < to && !this.stopped) {
      const code = s.charCodeAt(this.pos);
      if (code === 32 || code === 10 || code === 9 || code === 13 || (code > 127 && /\s/.test(s[this.pos]))) {
        WHITESPACE.lastIndex = this.pos;
        WHITESPACE.test(s);
        this.pos = WHITESPACE.lastIndex;
      } else this.next(s[this.pos]);
    }
  }

  private next(c: string): void {
    const s = this.src;
    const start = this.pos;
    const c2 = s[start + 1] ?? '';
    if (c === '-' && c2 === '-' && (!this.rules.dashCommentNeedsSpace || start + 2 >= s.length || this.rules.dashCommentFollower.test(s[start + 2]!))) return this.lineComment();
    if (c === '#' && this.rules.hashComments) return this.lineComment();
    if (c === '/' && c2 === '*') return this.blockComment();
    if (this.rules.stringQuotes.has(c)) return this.string(start, c, this.rules.backslashEscapes);
    if (this.rules.escapeStrings && (c === 'E' || c === 'e') && c2 === "'") return this.string(start, "'", true, 1);
    if ((c === 'N' || c === 'n' || c === 'B' || c === 'b' || c === 'X' || c === 'x') && c2 === "'") return this.string(start, "'", false, 1);
    const close = this.rules.identifierQuotes.get(c);
    if (close !== undefined) return this.quotedIdentifier(start, close);
    if (c === '$' && this.rules.dollarQuotes && this.dollarQuote()) return;
    if (c === '$' && /[0-9]/.test(c2)) return this.param(start, 1, /[0-9]/);
    if ((c === '@' || c === ':') && WORD_START.test(c2) && !(c === ':' && s[start - 1] === ':')) return this.param(start, 1, WORD_PART);
    if (c === '@' && c2 === '@' && WORD_START.test(s[start + 2] ?? '')) return this.param(start, 2, WORD_PART);
    if (c === '?' && !/[|&-]/.test(c2)) return this.push('param', start, start + 1);
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(c2))) return this.number(start);
    if ((this.rules.hashInNames ? HASH_WORD_START : WORD_START).test(c)) return this.word(start);
    if (PUNCT.includes(c)) return this.push('punct', start, start + 1);
    if (OP_CHARS.includes(c)) {
      const op = MULTI_OPS.find((o) => s.startsWith(o, start));
      return this.push('operator', start, start + (op?.length ?? 1));
    }
    // Anything else (stray characters, emoji…) becomes a one-character operator so nothing is lost.
    this.push('operator', start, start + c.length);
  }

  private push(kind: Token['kind'], start: number, end: number, extra?: Partial<Token>): void {
    this.pos = end;
    if (this.boundariesOnly) {
      if (kind === 'punct' && this.src.charCodeAt(start) === 59) {
        this.semicolons.push(start);
        if (this.stopAt?.(start)) this.stopped = true;
      }
      return;
    }
    this.out.push({ kind, text: this.src.slice(start, end), start, end, ...extra });
  }

  private lineComment(): void {
    const nl = this.src.indexOf('\n', this.pos);
    this.push('comment', this.pos, nl < 0 ? this.src.length : nl);
  }

  private blockComment(): void {
    const s = this.src;
    const start = this.pos;
    let depth = 0;
    let i = start;
    while (i < s.length) {
      if (s.startsWith('/*', i)) {
        depth++;
        i += 2;
        if (!this.rules.nestedBlockComments && depth > 1) depth = 1;
      } else if (s.startsWith('*/', i)) {
        depth--;
        i += 2;
        if (depth === 0) return this.push('comment', start, i);
      } else i++;
    }
    this.push('comment', start, s.length, { unterminated: true });
  }

  /** A string literal; a doubled quote is an escaped quote in every dialect. */
  private string(start: number, quote: string, backslash: boolean, prefix = 0): void {
    const s = this.src;
    let i = start + prefix + 1;
    while (i < s.length) {
      if (!backslash) {
        const next = s.indexOf(quote, i);
        if (next < 0) break;
        i = next;
      }
      const c = s[i];
      if (backslash && c === '\\') i += 2;
      else if (c === quote && s[i + 1] === quote) i += 2;
      else if (c === quote) return this.push('string', start, i + 1);
      else i++;
    }
    this.push('string', start, s.length, { unterminated: true });
  }

  private quotedIdentifier(start: number, close: string): void {
    const s = this.src;
    let i = start + 1;
    let value = '';
    while (i < s.length) {
      if (s[i] === close && s[i + 1] === close) {
        value += close;
        i += 2;
      } else if (s[i] === close) {
        return this.push('quoted', start, i + 1, { value });
      } else value += s[i++];
    }
    this.push('quoted', start, s.length, { value, unterminated: true });
  }

  /** $tag$ ... $tag$ (PostgreSQL function bodies and string constants). */
  private dollarQuote(): boolean {
    const s = this.src;
    const m = /^\$([\p{L}_][\p{L}\p{N}_]*)?\$/u.exec(s.slice(this.pos, this.pos + 64));
    if (!m) return false;
    const start = this.pos;
    const endAt = s.indexOf(m[0], start + m[0].length);
    if (endAt < 0) this.push('string', start, s.length, { unterminated: true });
    else this.push('string', start, endAt + m[0].length);
    return true;
  }

  private param(start: number, prefix: number, part: RegExp): void {
    let i = start + prefix;
    while (i < this.src.length && part.test(this.src[i])) i++;
    this.push('param', start, i);
  }

  private number(start: number): void {
    NUMBER.lastIndex = start;
    this.push('number', start, NUMBER.test(this.src) ? NUMBER.lastIndex : start + 1);
  }

  private word(start: number): void {
    const rest = this.rules.hashInNames ? HASH_WORD_REST : WORD_REST;
    rest.lastIndex = start + 1;
    rest.test(this.src);
    const i = Math.max(rest.lastIndex, start + 1);
    if (this.boundariesOnly) return this.push('word', start, i);
    this.push('word', start, i, { value: this.src.slice(start, i) });
  }
}
