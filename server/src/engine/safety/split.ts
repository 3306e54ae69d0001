// Splits input into statements at top-level semicolons (and T-SQL `GO` lines), using the lexer so
// that semicolons inside strings, quoted identifiers, comments and dollar quotes never split.
// PostgreSQL input is normally split by the real parser (classify-pg.ts); this is its fallback
// when the whole input does not parse, and the only splitter for MySQL and SQL Server.
import type { DialectId } from '../schema/model';
import { scanSql, type ScanResult, type Token } from './lexer';

export interface StatementSlice {
  text: string;
  start: number;
  end: number;
  tokens: Token[];
  /** Executable MySQL comments inside this statement. */
  executableComments: number;
  unterminated: boolean;
}

export function splitStatements(sql: string, dialect: DialectId, scan: ScanResult = scanSql(sql, dialect)): StatementSlice[] {
  const slices: StatementSlice[] = [];
  let current: Token[] = [];
  let from = 0;

  const flush = (end: number) => {
    if (current.length > 0) {
      // A statement runs from its first token to its last, so comments around it are not part of it;
      // executable comments, which are not tokens, must be counted by position.
      const first = current[0]!;
      const last = current[current.length - 1]!;
      const start = Math.min(first.start, ...scan.executableComments.filter((p) => p >= from && p < first.start));
      const stop = Math.max(last.end, ...scan.executableComments.filter((p) => p > last.end && p < end).map((p) => commentEnd(sql, p)));
      slices.push({
        text: sql.slice(start, stop),
        start,
        end: stop,
        tokens: current,
        executableComments: scan.executableComments.filter((p) => p >= from && p < end).length,
        unterminated: scan.unterminated !== undefined && scan.unterminated >= from && scan.unterminated < end,
      });
    } else if (scan.executableComments.some((p) => p >= from && p < end)) {
      // `/*! DROP TABLE t */;` alone: no tokens, but the server runs it.
      const p = scan.executableComments.find((q) => q >= from && q < end)!;
      const stop = commentEnd(sql, p);
      slices.push({ text: sql.slice(p, stop), start: p, end: stop, tokens: [], executableComments: 1, unterminated: false });
    }
    current = [];
    from = end;
  };

  for (const t of scan.tokens) {
    if (t.type === 'semicolon') {
      flush(t.end);
      continue;
    }
    if (dialect === 'mssql' && isGoLine(sql, t)) {
      flush(t.end);
      continue;
    }
    current.push(t);
  }
  flush(sql.length);
  return slices;
}

function commentEnd(sql: string, open: number): number {
  const close = sql.indexOf('*/', open + 2);
  return close === -1 ? sql.length : close + 2;
}

/** T-SQL batch separator: `GO` alone on its line (optionally with a count). */
function isGoLine(sql: string, t: Token): boolean {
  if (t.type !== 'word' || t.text.toUpperCase() !== 'GO') return false;
  const lineStart = sql.lastIndexOf('\n', t.start - 1) + 1;
  const lineEnd = sql.indexOf('\n', t.end);
  const line = sql.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim();
  return /^go(\s+\d+)?$/i.test(line);
}
