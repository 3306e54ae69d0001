// One open SQL document with its statement boundaries cached per version. An edit re-lexes only from
// the start of the statement it touches up to the first `;` that the old text also had (shifted by
// the edit): past that point the lexer is in the same state as before, so the old boundaries stand.
// A keystroke in a 20k-line script therefore costs the statement it lands in, not the file: the
// text is a TextBuffer (chunked; an edit never copies the file), which the language server shares
// with its LSP document, and every lookup reads only the statements it needs.
// Scripts with GO (SQL Server) or DELIMITER (MySQL) lines are split by the script splitter instead,
// in full on each edit: the delimiter is state carried across statements.
import type { Dialect } from './dialect';
import { scriptSeparators, splitScript, type ScriptBoundary } from './script-splitter';
import { statementAtBoundary, statementFromBoundaries, type StatementRange } from './statement-splitter';
import { TextBuffer } from './text-buffer';
import { scanSemicolons, semicolonOffsets } from './tokenizer';

export interface TextEdit {
  /** Offsets in the text before the edit. */
  start: number;
  end: number;
  newText: string;
}

/** First window the boundary scan after an edit lexes; it grows until the scan meets an old boundary. */
const SCAN_WINDOW = 4096;

export class SqlDocument {
  private semis: number[];
  /** Boundaries from the script splitter, when the text has GO/DELIMITER lines (then `semis` is unused). */
  private script: ScriptBoundary[] | undefined;
  /** Cached statement of the last lookup (completion asks for the same statement many times). */
  private last: StatementRange | undefined;
  private readonly buffer: TextBuffer;
  /** The buffer's edit count the boundaries are of (a shared buffer may be edited by its owner first). */
  private synced: number;
  private lang: Dialect;

  constructor(
    content: string | TextBuffer,
    dialect: Dialect,
    /** Editor version of the text, for callers that cache per version. */
    public version = 0,
  ) {
    this.buffer = typeof content === 'string' ? new TextBuffer(content) : content;
    this.lang = dialect;
    this.semis = [];
    this.synced = this.buffer.edits;
    this.resplit();
  }

  get dialect(): Dialect {
    return this.lang;
  }

  /** Re-reads the boundaries in another dialect (another schema was loaded); same text. */
  setDialect(dialect: Dialect): void {
    if (dialect.id === this.lang.id) return;
    this.lang = dialect;
    this.resplit();
    this.last = undefined;
  }

  /** Splits the whole text again (script splitter or `;` boundaries, whichever the text needs). */
  private resplit(): void {
    const text = this.buffer.toString();
    this.script = scriptSeparators(text, this.lang.id) ? splitScript(text, this.lang.id).boundaries : undefined;
    this.semis = this.script ? [] : semicolonOffsets(text, this.lang);
    this.synced = this.buffer.edits;
  }

  /** The whole text (joined from the buffer once per version: prefer slice() for a part). */
  get text(): string {
    return this.buffer.toString();
  }

  get length(): number {
    return this.buffer.length;
  }

  /** Text of [from, to). */
  slice(from: number, to: number): string {
    return this.buffer.slice(from, to);
  }

  /** The text this document reads (the language server's LSP document shares it). */
  get textBuffer(): TextBuffer {
    return this.buffer;
  }

  /** Offsets of the `;` that end statements (sorted); in a GO/DELIMITER script, of every boundary. */
  get semicolons(): readonly number[] {
    return this.script ? this.script.map((b) => b.at) : this.semis;
  }

  /** Applies one edit and updates the boundaries locally; returns the [from, to) range re-lexed. */
  applyEdit(edit: TextEdit, version = this.version + 1): { from: number; to: number } {
    const { start, end, newText } = edit;
    // A shared buffer its owner has just edited (the LSP document) is not edited twice.
    if (this.buffer.edits === this.synced) this.buffer.replace(start, end, newText);
    else if (this.buffer.edits !== this.synced + 1) {
      // Edits this document did not see: the boundaries are read again from the whole text.
      this.version = version;
      this.last = undefined;
      this.resplit();
      return { from: 0, to: this.buffer.length };
    }
    this.synced = this.buffer.edits;
    const old = this.semis;
    const delta = newText.length - (end - start);
    this.version = version;
    this.last = undefined;
    if (this.script || this.separatorNear(start, start + newText.length)) {
      this.resplit();
      return { from: 0, to: this.buffer.length };
    }
    // Boundaries before the edited statement stay; lexing restarts just after the last of them.
    const keep = lowerBound(old, start);
    const from = keep > 0 ? old[keep - 1] + 1 : 0;
    const tailFirst = lowerBound(old, end);
    const tail = new Set<number>();
    for (let i = tailFirst; i < old.length; i++) tail.add(old[i] + delta);
    const editEnd = start + newText.length;
    const scan = this.scanFrom(from, (p) => p >= editEnd && tail.has(p));
    const merged = old.slice(0, keep).concat(scan.offsets);
    if (scan.stopped) {
      const resume = old.indexOf(scan.offsets[scan.offsets.length - 1] - delta, tailFirst) + 1;
      for (let i = resume; i < old.length; i++) merged.push(old[i] + delta);
    }
    this.semis = merged;
    const to = scan.stopped ? scan.offsets[scan.offsets.length - 1] + 1 : this.buffer.length;
    return { from, to };
  }

  /**
   * The `;` offsets from `from` on until `stop` accepts one, lexing a window of the text that grows
   * until it does (a statement is usually far shorter than the first window). A `;` close to the
   * window's end is not trusted: the lexer may have needed the characters after it.
   */
  private scanFrom(from: number, stop: (offset: number) => boolean): { offsets: number[]; stopped: boolean } {
    const length = this.buffer.length;
    // One character before `from` too: the lexer looks back one character (`::`).
    const base = from > 0 ? from - 1 : 0;
    for (let window = SCAN_WINDOW; ; window *= 4) {
      const to = Math.min(length, from + window);
      const whole = to === length;
      const text = this.buffer.slice(base, to);
      const limit = whole ? Infinity : to - 8;
      const scan = scanSemicolons(text, this.lang, from - base, (p) => p + base < limit && stop(p + base));
      if (scan.stopped || whole) return { offsets: scan.offsets.filter((p) => whole || p + base < limit).map((p) => p + base), stopped: scan.stopped };
    }
  }

  /** True when the lines around [from, to) (after an edit) hold a GO/DELIMITER line. */
  private separatorNear(from: number, to: number): boolean {
    if (this.lang.id !== 'mssql' && this.lang.id !== 'mysql') return false;
    const first = this.buffer.positionAt(from).line;
    const last = this.buffer.positionAt(to).line;
    const text = this.buffer.slice(this.buffer.offsetAt({ line: first, character: 0 }), this.buffer.offsetAt({ line: last + 1, character: 0 }));
    return scriptSeparators(text, this.lang.id);
  }

  /** Replaces the whole text (full sync, or a dialect directive change). */
  setText(text: string, version = this.version + 1): void {
    // The LSP document may have set the shared buffer to this very text already.
    if (this.buffer.edits !== this.synced + 1 || this.buffer.toString() !== text) this.buffer.setText(text);
    this.version = version;
    this.resplit();
    this.last = undefined;
  }

  /** The statement [from, semicolon) tokenized from a slice of the text (offsets in the document). */
  statementFrom(from: number, semicolon: number | undefined, offset = from): StatementRange {
    const base = from > 0 ? from - 1 : 0;
    const end = semicolon ?? this.buffer.length;
    const text = this.buffer.slice(base, end);
    const st = statementFromBoundaries(text, this.lang, from - base, semicolon === undefined ? undefined : end - base, offset - base);
    if (base === 0) return st;
    for (const t of st.tokens) {
      t.start += base;
      t.end += base;
    }
    return { from: st.from + base, start: st.start + base, end: st.end + base, semicolon: st.semicolon === undefined ? undefined : st.semicolon + base, tokens: st.tokens };
  }

  /** The statement under the cursor, tokenized on demand (only that statement). */
  statementAt(offset: number): StatementRange {
    if (this.script) return statementAtBoundary(this.text, this.lang, this.script, offset);
    const i = lowerBound(this.semis, offset);
    const from = i > 0 ? this.semis[i - 1] + 1 : 0;
    const last = this.last;
    if (last && last.from === from) return last;
    this.last = this.statementFrom(from, this.semis[i], offset);
    return this.last;
  }

  /**
   * The statements whose spans overlap [from, to], in order, each tokenized on demand: a request for
   * the visible part of a 20k-line script lexes a screenful, not the file. Empty trailing text is no
   * statement (as in splitStatements).
   */
  statementsIn(from: number, to: number): StatementRange[] {
    const out: StatementRange[] = [];
    const n = this.buffer.length;
    if (this.script) {
      const text = this.text;
      let start = 0;
      for (const b of this.script) {
        if (start > to) return out;
        if (b.at >= from) {
          const st = statementFromBoundaries(text, this.lang, start, b.at);
          if (st.tokens.length > 0 || text.slice(b.at, b.end).trim() === ';') out.push(st);
        }
        start = b.end;
      }
      if (start <= to && start < n) {
        const last = statementFromBoundaries(text, this.lang, start, undefined);
        if (last.tokens.length > 0) out.push(last);
      }
      return out;
    }
    let i = lowerBound(this.semis, from);
    let start = i > 0 ? this.semis[i - 1] + 1 : 0;
    while (start <= to) {
      const semicolon = this.semis[i] as number | undefined;
      if (semicolon === undefined) {
        const last = this.statementFrom(start, undefined);
        if (last.tokens.length > 0) out.push(last);
        break;
      }
      out.push(this.statementFrom(start, semicolon));
      start = semicolon + 1;
      i++;
    }
    return out;
  }

  /** The spans of statementSpans() that overlap [from, to], found by binary search (no full walk). */
  spansIn(from: number, to: number): { from: number; to: number; semicolon?: number }[] {
    if (this.script) return this.statementSpans().filter((s) => s.to >= from && s.from <= to);
    const out: { from: number; to: number; semicolon?: number }[] = [];
    let i = lowerBound(this.semis, from);
    let start = i > 0 ? this.semis[i - 1] + 1 : 0;
    while (start <= to) {
      const semicolon = this.semis[i] as number | undefined;
      if (semicolon === undefined) {
        if (start < this.buffer.length) out.push({ from: start, to: this.buffer.length });
        break;
      }
      out.push({ from: start, to: semicolon, semicolon });
      start = semicolon + 1;
      i++;
    }
    return out;
  }

  /** Every statement's [from, to) span in the text (from just after the previous `;`). */
  statementSpans(): { from: number; to: number; semicolon?: number }[] {
    const out: { from: number; to: number; semicolon?: number }[] = [];
    let from = 0;
    if (this.script) {
      for (const b of this.script) {
        out.push({ from, to: b.at, semicolon: b.at });
        from = b.end;
      }
      if (from < this.buffer.length) out.push({ from, to: this.buffer.length });
      return out;
    }
    for (const s of this.semis) {
      out.push({ from, to: s, semicolon: s });
      from = s + 1;
    }
    if (from < this.buffer.length) out.push({ from, to: this.buffer.length });
    return out;
  }
}

/** First index i with list[i] >= value. */
export function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
