// Building blocks shared by the per-dialect classifiers.
import type { DialectId } from '../schema/model';
import { calledNames, type Token } from './lexer';
import { kindFromKeywords, verbOf } from './keyword-kind';
import type { StatementSlice } from './split';
import type { ClassifiedStatement } from './types';

/** A statement as the lexer sees it; the parser-based classifiers then fill in what they learn. */
export function lexicalStatement(slice: StatementSlice, index: number, dialect: DialectId): ClassifiedStatement {
  return {
    index,
    text: slice.text,
    start: slice.start,
    end: slice.end,
    dialect,
    kind: kindFromKeywords(slice.tokens),
    verb: verbOf(slice.tokens) || (slice.executableComments ? '/*!' : ''),
    parsed: false,
    nestedWrites: [],
    functions: calledNames(slice.tokens),
    tokens: slice.tokens,
    executableComments: slice.executableComments,
    assignsVariables: false,
    statementCount: 1,
  };
}

export function unparsed(statement: ClassifiedStatement, error: unknown): ClassifiedStatement {
  if (isStackOverflow(error)) return { ...statement, parsed: false, parseError: TOO_DEEP, tooDeep: true };
  return { ...statement, parsed: false, parseError: firstLine(error instanceof Error ? error.message : String(error)) };
}

export const TOO_DEEP = 'the statement is too deeply nested to analyse safely (the parser or the analysis ran out of stack)';

/**
 * A JavaScript stack overflow while parsing or walking the AST of a statement with a huge
 * expression (`1+1+…` with thousands of terms nests one node per operator). It says nothing about
 * the SQL being wrong, so it gets its own reason rather than "Maximum call stack size exceeded".
 */
export function isStackOverflow(error: unknown): error is RangeError {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 160 ? line.slice(0, 157) + '…' : line;
}

export function addAll(target: string[], names: Iterable<string>): void {
  for (const n of names) if (!target.includes(n)) target.push(n);
}

/**
 * The tokens (semicolons left out) lying within [start, end). Tokens are in text order, so a binary
 * search finds the first one: checking a script of n statements stays O(n log n), not O(n²).
 */
export function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  let lo = 0, hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Token[] = [];
  for (let i = lo; i < tokens.length && tokens[i]!.start <= end; i++) {
    const t = tokens[i]!;
    if (t.end <= end && t.type !== 'semicolon') out.push(t);
  }
  return out;
}
