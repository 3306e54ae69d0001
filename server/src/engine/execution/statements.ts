// Statement spans of a document for "Run" code lenses and "run the statement at the cursor": the
// safety splitter's, so a lens covers exactly what the executor will see as one statement.
import type { DialectId } from '../schema/model';
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
