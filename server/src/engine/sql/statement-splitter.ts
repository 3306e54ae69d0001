// Splits a document into statements at `;` outside strings, comments, quoted identifiers and dollar
// quotes (the tokenizer already knows where those are). Ranges are document offsets, so features can
// re-analyse just the statement under the cursor. Scripts with SQL Server `GO` lines or MySQL
// `DELIMITER` lines are cut by the script splitter instead (the one diagnostics uses), so every
// feature sees the same statements.
import type { Dialect } from './dialect';
import { scriptSeparators, splitScript, type ScriptBoundary } from './script-splitter';
import { semicolonOffsets, tokenize } from './tokenizer';
import type { Token } from './tokens';

export interface StatementRange {
  /** Offset just after the previous `;` (or 0): the span the statement owns, leading space included. */
  from: number;
  /** Offset of the first token of the statement (after leading whitespace/comments' start). */
  start: number;
  /** Offset just past the last token before the `;` (or the end of the text). */
  end: number;
  /** Offset of the terminating `;` (or delimiter, or GO/DELIMITER line), or undefined for the last, unterminated statement. */
  semicolon?: number;
  /** Tokens of the statement, comments included, the `;` excluded. */
  tokens: Token[];
}

export function splitStatements(text: string, dialect: Dialect, tokens?: Token[]): StatementRange[] {
  if (!tokens && scriptSeparators(text, dialect.id)) return statementsOfScript(text, dialect, splitScript(text, dialect.id).boundaries);
  tokens ??= tokenize(text, dialect);
  const out: StatementRange[] = [];
  let current: Token[] = [];
  let from = 0;
  const close = (semicolon?: number) => {
    if (current.length > 0 || semicolon !== undefined) {
      const start = current[0]?.start ?? semicolon!;
      const end = current.at(-1)?.end ?? start;
      out.push({ from, start, end, semicolon, tokens: current });
    }
    current = [];
    if (semicolon !== undefined) from = semicolon + 1;
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
  if (scriptSeparators(text, dialect.id)) return statementAtBoundary(text, dialect, splitScript(text, dialect.id).boundaries, offset);
  const semicolons = semicolonOffsets(text, dialect);
  // First `;` at or after the cursor ends its statement; the one before it starts it.
  let lo = 0;
  let hi = semicolons.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (semicolons[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return statementFromBoundaries(text, dialect, lo > 0 ? semicolons[lo - 1] + 1 : 0, semicolons[lo], offset);
}

/** The statement spanning [from, semicolon ?? end of text), tokenized. */
export function statementFromBoundaries(text: string, dialect: Dialect, from: number, semicolon: number | undefined, offset = from): StatementRange {
  const tokens = tokenize(text, dialect, from, semicolon ?? text.length);
  const start = tokens[0]?.start ?? Math.max(from, Math.min(offset, semicolon ?? text.length));
  return { from, start, end: tokens.at(-1)?.end ?? start, semicolon, tokens };
}

/** Every statement between script boundaries (a GO or DELIMITER line ends one statement too). */
function statementsOfScript(text: string, dialect: Dialect, boundaries: readonly ScriptBoundary[]): StatementRange[] {
  const out: StatementRange[] = [];
  let from = 0;
  for (const b of boundaries) {
    const st = statementFromBoundaries(text, dialect, from, b.at);
    // A DELIMITER line right after a `;` leaves an empty range: not a statement.
    if (st.tokens.length > 0 || text.slice(b.at, b.end).trim() === ';') out.push(st);
    from = b.end;
  }
  const last = statementFromBoundaries(text, dialect, from, undefined);
  if (last.tokens.length > 0) out.push(last);
  return out;
}

/** The statement at `offset` given script boundaries (sorted): a cursor on a boundary belongs to the statement it ends. */
export function statementAtBoundary(text: string, dialect: Dialect, boundaries: readonly ScriptBoundary[], offset: number): StatementRange {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (boundaries[mid].at < offset) lo = mid + 1;
    else hi = mid;
  }
  // A cursor inside a GO/DELIMITER line (past its start) is in no statement: give it an empty one there.
  if (lo > 0 && offset < boundaries[lo - 1].end) return statementFromBoundaries(text, dialect, offset, offset, offset);
  return statementFromBoundaries(text, dialect, lo > 0 ? boundaries[lo - 1].end : 0, boundaries[lo]?.at, offset);
}
