// Splits a document into statements at `;` outside strings, comments, quoted identifiers and dollar
// quotes (the tokenizer already knows where those are). Ranges are document offsets, so features can
// re-analyse just the statement under the cursor.
import type { Dialect } from './dialect';
import { semicolonOffsets, tokenize } from './tokenizer';
import type { Token } from './tokens';

export interface StatementRange {
  /** Offset of the first token of the statement (after leading whitespace/comments' start). */
  start: number;
  /** Offset just past the last token before the `;` (or the end of the text). */
  end: number;
  /** Offset of the terminating `;`, or undefined for the last, unterminated statement. */
  semicolon?: number;
  /** Tokens of the statement, comments included, the `;` excluded. */
  tokens: Token[];
}

export function splitStatements(text: string, dialect: Dialect, tokens = tokenize(text, dialect)): StatementRange[] {
  const out: StatementRange[] = [];
  let current: Token[] = [];
  const close = (semicolon?: number) => {
    if (current.length > 0 || semicolon !== undefined) {
      const start = current[0]?.start ?? semicolon!;
      const end = current.at(-1)?.end ?? start;
      out.push({ start, end, semicolon, tokens: current });
    }
    current = [];
  };
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') close(t.start);
    else current.push(t);
  }
  close();
  return out;
}

/**
 * The statement the cursor belongs to: a cursor before or on a `;` belongs to the statement it ends,
 * a cursor after it to the next (possibly empty) statement.
 */
export function statementAt(text: string, offset: number, dialect: Dialect): StatementRange {
  const semicolons = semicolonOffsets(text, dialect);
  // First `;` at or after the cursor ends its statement; the one before it starts it.
  let lo = 0;
  let hi = semicolons.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (semicolons[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  const from = lo > 0 ? semicolons[lo - 1] + 1 : 0;
  const semicolon = semicolons[lo];
  const tokens = tokenize(text, dialect, from, semicolon ?? text.length);
  const start = tokens[0]?.start ?? offset;
  return { start, end: tokens.at(-1)?.end ?? start, semicolon, tokens };
}
