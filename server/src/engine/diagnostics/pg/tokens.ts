// Token positions of one statement, used to turn the AST's start locations into exact ranges: the
// parts of a dotted name, a whole function call, a single literal.
import type { ByteToChar } from '../offsets';
import { scanPg, type PgToken } from './parser';

export interface Span {
  start: number;
  end: number;
}

export class PgTokens {
  private tokens: PgToken[] | undefined;
  constructor(
    private readonly sql: string,
    private readonly toChar: ByteToChar,
  ) {}

  private all(): PgToken[] {
    this.tokens ??= scanPg(this.sql, this.toChar);
    return this.tokens;
  }

  /** Char offset of an AST location (a byte offset). */
  char(byteLocation: number): number {
    return this.toChar(byteLocation);
  }

  /** Index of the token starting at a char offset, or -1. */
  indexAt(pos: number): number {
    const t = this.all();
    let lo = 0;
    let hi = t.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid].start === pos) return mid;
      if (t[mid].start < pos) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  token(i: number): PgToken | undefined {
    return this.all()[i];
  }

  /** Ranges of the parts of a dotted name starting at a byte location: `s.t.c` → 3 spans. */
  nameParts(byteLocation: number, count: number): Span[] {
    const pos = this.char(byteLocation);
    let i = this.indexAt(pos);
    const out: Span[] = [];
    const t = this.all();
    while (i >= 0 && i < t.length && out.length < count) {
      out.push({ start: t[i].start, end: t[i].end });
      if (t[i + 1]?.text !== '.') break;
      i += 2;
    }
    if (out.length === 0) out.push(this.wordAt(pos));
    return out;
  }

  /** Range of the single token at a byte location (a literal, a keyword, an operator). */
  tokenSpan(byteLocation: number): Span {
    const pos = this.char(byteLocation);
    const i = this.indexAt(pos);
    const tok = this.all()[i];
    return tok ? { start: tok.start, end: tok.end } : this.wordAt(pos);
  }

  /** `name(...)` from the name's byte location to the matching close parenthesis. */
  callSpan(byteLocation: number): Span {
    const pos = this.char(byteLocation);
    const t = this.all();
    let i = this.indexAt(pos);
    if (i < 0) return this.wordAt(pos);
    while (i < t.length && t[i].text !== '(') i++;
    let depth = 0;
    for (; i < t.length; i++) {
      if (t[i].text === '(') depth++;
      else if (t[i].text === ')' && --depth === 0) return { start: pos, end: t[i].end };
    }
    return this.wordAt(pos);
  }

  /** The text between two char offsets. */
  slice(span: Span): string {
    return this.sql.slice(span.start, span.end);
  }

  private wordAt(pos: number): Span {
    const m = /^(?:"(?:[^"]|"")*"|[\w$\u0080-\uffff]+|\S)/.exec(this.sql.slice(pos, pos + 1024));
    return { start: pos, end: pos + (m ? m[0].length : 0) };
  }
}
