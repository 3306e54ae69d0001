// Statement spans of a document for "Run" code lenses and "run the statement at the cursor": the
// safety splitter's, so a lens covers exactly what the executor will see as one statement.
import type { DialectId } from '../schema/model';
import { scanSql } from '../safety/lexer';
import { commonEnds } from '../sql/text-change';
import { splitStatements } from '../safety/split';

export interface StatementSpan {
  /** 1-based. */
  index: number;
  /** Offsets of the statement's first and last character (comments around it excluded, `;` excluded). */
  start: number;
  end: number;
  text: string;
}

export function statementSpans(text: string, dialect: DialectId): StatementSpan[] {
  return splitStatements(text, dialect)
    .filter((s) => s.tokens.length > 0 || s.executableComments > 0)
    .map((s, i) => ({ index: i + 1, start: s.start, end: s.end, text: s.text }));
}

/** The window re-lexed first after an edit; it grows until the new cuts meet the old ones. */
const WINDOW = 8192;

/**
 * statementSpans of the successive versions of one document (the "▶ Run" lenses, asked again after
 * every edit), re-splitting only around the edit: ~100 ms per request on a 20k-line script became
 * the statement typed in. The safety splitter cuts the text after each top-level `;`; its lexer
 * looks at nothing before where it starts, so the text between two cuts splits alone exactly as in
 * the whole text. After an edit the text from the last cut before it is lexed again until a cut
 * that the old text also had (shifted by the edit); the spans outside are the old ones. SQL Server
 * scripts (GO lines are judged by their whole line) are split in full.
 */
export class IncrementalStatementSpans {
  private text = '';
  private dialect: DialectId | undefined;
  /** Offsets just after each top-level `;`, ascending. */
  private cuts: number[] = [];
  private spans: StatementSpan[] = [];

  spansOf(text: string, dialect: DialectId): StatementSpan[] {
    if (text === this.text && dialect === this.dialect) return this.spans;
    const next = dialect === this.dialect && dialect !== 'mssql' ? this.reuse(text, dialect) : split(text, dialect, 0);
    this.cuts = next.cuts;
    this.spans = next.spans.map((s, i) => (s.index === i + 1 ? s : { ...s, index: i + 1 }));
    this.text = text;
    this.dialect = dialect;
    return this.spans;
  }

  private reuse(text: string, dialect: DialectId): { cuts: number[]; spans: StatementSpan[] } {
    const { prefix: p, suffix: q } = commonEnds(this.text, text);
    const delta = text.length - this.text.length;
    // Cuts before the first changed character stand; lexing restarts at the last of them.
    let k = 0;
    while (k < this.cuts.length && this.cuts[k] < p) k++;
    const restart = k > 0 ? this.cuts[k - 1] : 0;
    const head = { cuts: this.cuts.slice(0, k), spans: this.spans.filter((s) => s.start < restart) };
    const oldCuts = new Set(this.cuts);
    const editEnd = text.length - q;
    for (let window = WINDOW; ; window *= 4) {
      const to = Math.min(text.length, restart + window);
      // What a window splits into up to its last cut is what the whole text splits into there: a `;`
      // token is never undone by what follows it.
      const part = split(text.slice(restart, to), dialect, restart);
      const meet = part.cuts.findIndex((c) => c > editEnd && oldCuts.has(c - delta));
      if (meet < 0 && to < text.length) continue;
      if (meet < 0) return { cuts: head.cuts.concat(part.cuts), spans: head.spans.concat(part.spans) };
      const stop = part.cuts[meet];
      const oldStop = this.cuts.indexOf(stop - delta);
      return {
        cuts: head.cuts.concat(part.cuts.slice(0, meet + 1), this.cuts.slice(oldStop + 1).map((c) => c + delta)),
        spans: head.spans.concat(
          part.spans.filter((s) => s.start < stop),
          this.spans.filter((s) => s.start >= stop - delta).map((s) => ({ ...s, start: s.start + delta, end: s.end + delta })),
        ),
      };
    }
  }
}

/** statementSpans and the cut offsets of a text, both plus `base`, from one scan. */
function split(text: string, dialect: DialectId, base: number): { cuts: number[]; spans: StatementSpan[] } {
  const scan = scanSql(text, dialect);
  const cuts: number[] = [];
  for (const t of scan.tokens) if (t.type === 'semicolon') cuts.push(t.end + base);
  const spans = splitStatements(text, dialect, scan)
    .filter((s) => s.tokens.length > 0 || s.executableComments > 0)
    .map((s, i) => ({ index: i + 1, start: s.start + base, end: s.end + base, text: s.text }));
  return { cuts, spans };
}

/**
 * The statement the cursor is in: the last one starting at or before it, as long as the cursor is
 * still on that statement's last line (on its `;` or just after it); on a later line (a comment or a
 * blank line above the next statement) it belongs to the next one. Before the first statement it is
 * the first; after the last, the last.
 */
export function statementAtOffset(text: string, offset: number, dialect: DialectId): StatementSpan | undefined {
  const spans = statementSpans(text, dialect);
  const i = spans.findIndex((s) => s.start > offset);
  if (i === 0) return spans[0];
  const before = spans[i === -1 ? spans.length - 1 : i - 1];
  if (!before) return undefined;
  const next = i === -1 ? undefined : spans[i];
  if (!next || offset <= before.end || !text.slice(before.end, offset).includes('\n')) return before;
  return next;
}
