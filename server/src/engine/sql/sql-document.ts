// One open SQL document with its statement boundaries cached per version. An edit re-lexes only from
// the start of the statement it touches up to the first `;` that the old text also had (shifted by
// the edit): past that point the lexer is in the same state as before, so the old boundaries stand.
// A keystroke in a 20k-line script therefore costs the statement it lands in, not the file.
// Scripts with GO (SQL Server) or DELIMITER (MySQL) lines are split by the script splitter instead,
// in full on each edit: the delimiter is state carried across statements.
import type { Dialect } from './dialect';
import { scriptSeparators, splitScript, type ScriptBoundary } from './script-splitter';
import { statementAtBoundary, statementFromBoundaries, type StatementRange } from './statement-splitter';
import { scanSemicolons, semicolonOffsets } from './tokenizer';

export interface TextEdit {
  /** Offsets in the text before the edit. */
  start: number;
  end: number;
  newText: string;
}

export class SqlDocument {
  private semis: number[];
  /** Boundaries from the script splitter, when the text has GO/DELIMITER lines (then `semis` is unused). */
  private script: ScriptBoundary[] | undefined;
  /** Cached statement of the last lookup (completion asks for the same statement many times). */
  private last: StatementRange | undefined;

  constructor(
    private content: string,
    readonly dialect: Dialect,
    /** Editor version of the text, for callers that cache per version. */
    public version = 0,
  ) {
    this.semis = [];
    this.resplit();
  }

  /** Splits the whole text again (script splitter or `;` boundaries, whichever the text needs). */
  private resplit(): void {
    this.script = scriptSeparators(this.content, this.dialect.id) ? splitScript(this.content, this.dialect.id).boundaries : undefined;
    this.semis = this.script ? [] : semicolonOffsets(this.content, this.dialect);
  }

  get text(): string {
    return this.content;
  }

  /** Offsets of the `;` that end statements (sorted); in a GO/DELIMITER script, of every boundary. */
  get semicolons(): readonly number[] {
    return this.script ? this.script.map((b) => b.at) : this.semis;
  }

  /** Applies one edit and updates the boundaries locally; returns the [from, to) range re-lexed. */
  applyEdit(edit: TextEdit, version = this.version + 1): { from: number; to: number } {
    const { start, end, newText } = edit;
    const old = this.semis;
    const delta = newText.length - (end - start);
    this.content = this.content.slice(0, start) + newText + this.content.slice(end);
    this.version = version;
    this.last = undefined;
    if (this.script || scriptSeparators(this.content, this.dialect.id)) {
      this.resplit();
      return { from: 0, to: this.content.length };
    }
    // Boundaries before the edited statement stay; lexing restarts just after the last of them.
    const keep = lowerBound(old, start);
    const from = keep > 0 ? old[keep - 1] + 1 : 0;
    const tailFirst = lowerBound(old, end);
    const tail = new Set<number>();
    for (let i = tailFirst; i < old.length; i++) tail.add(old[i] + delta);
    const editEnd = start + newText.length;
    const scan = scanSemicolons(this.content, this.dialect, from, (p) => p >= editEnd && tail.has(p));
    const merged = old.slice(0, keep).concat(scan.offsets);
    if (scan.stopped) {
      const resume = old.indexOf(scan.offsets[scan.offsets.length - 1] - delta, tailFirst) + 1;
      for (let i = resume; i < old.length; i++) merged.push(old[i] + delta);
    }
    this.semis = merged;
    const to = scan.stopped ? scan.offsets[scan.offsets.length - 1] + 1 : this.content.length;
    return { from, to };
  }

  /** Replaces the whole text (full sync, or a dialect directive change). */
  setText(text: string, version = this.version + 1): void {
    this.content = text;
    this.version = version;
    this.resplit();
    this.last = undefined;
  }

  /** The statement under the cursor, tokenized on demand (only that statement). */
  statementAt(offset: number): StatementRange {
    if (this.script) return statementAtBoundary(this.content, this.dialect, this.script, offset);
    const i = lowerBound(this.semis, offset);
    const from = i > 0 ? this.semis[i - 1] + 1 : 0;
    const last = this.last;
    if (last && last.from === from) return last;
    this.last = statementFromBoundaries(this.content, this.dialect, from, this.semis[i], offset);
    return this.last;
  }

  /**
   * The statements whose spans overlap [from, to], in order, each tokenized on demand: a request for
   * the visible part of a 20k-line script lexes a screenful, not the file. Empty trailing text is no
   * statement (as in splitStatements).
   */
  statementsIn(from: number, to: number): StatementRange[] {
    const out: StatementRange[] = [];
    const n = this.content.length;
    if (this.script) {
      let start = 0;
      for (const b of this.script) {
        if (start > to) return out;
        if (b.at >= from) {
          const st = statementFromBoundaries(this.content, this.dialect, start, b.at);
          if (st.tokens.length > 0 || this.content.slice(b.at, b.end).trim() === ';') out.push(st);
        }
        start = b.end;
      }
      if (start <= to && start < n) {
        const last = statementFromBoundaries(this.content, this.dialect, start, undefined);
        if (last.tokens.length > 0) out.push(last);
      }
      return out;
    }
    let i = lowerBound(this.semis, from);
    let start = i > 0 ? this.semis[i - 1] + 1 : 0;
    while (start <= to) {
      const semicolon = this.semis[i] as number | undefined;
      if (semicolon === undefined) {
        const last = statementFromBoundaries(this.content, this.dialect, start, undefined);
        if (last.tokens.length > 0) out.push(last);
        break;
      }
      out.push(statementFromBoundaries(this.content, this.dialect, start, semicolon));
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
        if (start < this.content.length) out.push({ from: start, to: this.content.length });
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
      if (from < this.content.length) out.push({ from, to: this.content.length });
      return out;
    }
    for (const s of this.semis) {
      out.push({ from, to: s, semicolon: s });
      from = s + 1;
    }
    if (from < this.content.length) out.push({ from, to: this.content.length });
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
