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
    executableComments: slice.executableComments,
    assignsVariables: false,
    statementCount: 1,
  };
}

export function unparsed(statement: ClassifiedStatement, error: unknown): ClassifiedStatement {
  return { ...statement, parsed: false, parseError: firstLine(error instanceof Error ? error.message : String(error)) };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.length > 160 ? line.slice(0, 157) + '…' : line;
}

export function addAll(target: string[], names: Iterable<string>): void {
  for (const n of names) if (!target.includes(n)) target.push(n);
}

export function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  return tokens.filter((t) => t.start >= start && t.end <= end && t.type !== 'semicolon');
}
