// Formatting through sql-formatter, one statement at a time, never corrupting: a statement is
// replaced only when its formatted text parses to the same AST as before (PostgreSQL through the
// real parser, MySQL/MariaDB and SQL Server through node-sql-parser); a statement either parser
// rejects, or sql-formatter cannot handle, is left exactly as written. `-- schemawise-format-off` /
// `-- schemawise-format-on` regions are never touched.
import type { FormatOptionsWithLanguage, SqlLanguage } from 'sql-formatter';
import { format } from '../../sql/sql-formatter';
import { parseSync } from 'libpg-query';
import { pgParserReady } from '../../diagnostics/pg/parser';
import { parseNsp } from '../../diagnostics/nsp/parser';
import { splitStatements } from '../../diagnostics/splitter';
import { splitScript } from '../../sql/script-splitter';
import type { DialectId } from '../../schema/model';

export interface FormatSettings {
  keywordCase: 'upper' | 'lower' | 'preserve';
  /** Spaces per indent level; tabs when `useTabs`. */
  tabWidth: number;
  useTabs: boolean;
  /** Expressions longer than this go on several lines (sql-formatter's expressionWidth). */
  lineWidth: number;
}

export const DEFAULT_FORMAT_SETTINGS: FormatSettings = { keywordCase: 'upper', tabWidth: 2, useTabs: false, lineWidth: 80 };

export interface FormatEdit {
  start: number;
  end: number;
  newText: string;
}

export interface FormatReport {
  edits: FormatEdit[];
  /** Statements left as written: formatter failure, a different AST, or a parser that cannot tell. */
  untouched: number;
  formatted: number;
}

const LANGUAGE: Record<DialectId, SqlLanguage> = { postgres: 'postgresql', mysql: 'mysql', mssql: 'transactsql' };

/**
 * Edits that format the statements overlapping [rangeStart, rangeEnd) (the whole text by default).
 * Statements are formatted whole, in place; the text between them (semicolons, blank lines,
 * comments between statements) is kept.
 */
export function formatSql(text: string, dialect: DialectId, settings: FormatSettings = DEFAULT_FORMAT_SETTINGS, rangeStart = 0, rangeEnd = text.length): FormatReport {
  const report: FormatReport = { edits: [], untouched: 0, formatted: 0 };
  for (const s of statementsToFormat(text, dialect, rangeStart, rangeEnd)) addStatement(report, s, dialect, settings);
  return report;
}

export interface FormatYield {
  /** Give the event loop back after this many milliseconds of formatting (default SLICE_MS). */
  sliceMs?: number;
  /** How to give it back (default: one turn, setImmediate); the server lets the client's messages through. */
  yieldTo?: () => Promise<void>;
  /** Checked between statements; formatting stops (undefined result) once it returns true. */
  cancelled?: () => boolean;
  /** Characters split at once (default SPLIT_CHUNK_CHARS; tests use small chunks). */
  splitChunkChars?: number;
}

/**
 * formatSql in slices: between statements it yields to the event loop every `sliceMs`, so a server
 * formatting a 20k-line file keeps answering completion meanwhile. Undefined when cancelled.
 */
export async function formatSqlAsync(text: string, dialect: DialectId, settings: FormatSettings = DEFAULT_FORMAT_SETTINGS, rangeStart = 0, rangeEnd = text.length, opts: FormatYield = {}): Promise<FormatReport | undefined> {
  const report: FormatReport = { edits: [], untouched: 0, formatted: 0 };
  const slice = opts.sliceMs ?? SLICE_MS;
  const yieldTo = opts.yieldTo ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  let since = performance.now();
  const pause = async () => {
    if (performance.now() - since <= slice) return;
    await yieldTo();
    since = performance.now();
  };
  const off = formatOffRegions(text);
  // Split a chunk at a time too (splitting a 20k-line file at once takes ~50 ms); a MySQL DELIMITER
  // is state carried across statements, so such a script is split whole.
  const whole = /DELIMITER/i.test(text);
  for (let from: number | undefined = 0; from !== undefined; ) {
    const start: number = from;
    const chunk = whole ? { statements: splitStatements(text, dialect), stoppedAt: undefined } : splitScript(text, dialect, start, (s) => s - start >= (opts.splitChunkChars ?? SPLIT_CHUNK_CHARS) || s >= rangeEnd);
    from = chunk.stoppedAt !== undefined && chunk.stoppedAt < rangeEnd ? chunk.stoppedAt : undefined;
    for (const s of chunk.statements) {
      if (s.end <= rangeStart || s.start >= rangeEnd || off.some((r) => s.start < r.end && s.end > r.start)) continue;
      await pause();
      if (opts.cancelled?.()) return undefined;
      addStatement(report, s, dialect, settings);
    }
    await pause();
    if (opts.cancelled?.()) return undefined;
  }
  return report;
}

/**
 * Milliseconds of formatting between two yields: what a completion asked meanwhile waits at most,
 * besides the statement being formatted (~0.5–1 ms for ten lines). Each yield costs a few
 * microseconds.
 */
const SLICE_MS = 3;

/** Characters split at once by formatSqlAsync (~2 ms of splitting). */
const SPLIT_CHUNK_CHARS = 50_000;

function statementsToFormat(text: string, dialect: DialectId, rangeStart: number, rangeEnd: number) {
  const off = formatOffRegions(text);
  // Nothing after the range needs splitting (but a DELIMITER script is split whole: its state carries).
  const statements = /DELIMITER/i.test(text) ? splitStatements(text, dialect) : splitScript(text, dialect, 0, (s) => s >= rangeEnd).statements;
  return statements.filter((s) => !(s.end <= rangeStart || s.start >= rangeEnd) && !off.some((r) => s.start < r.end && s.end > r.start));
}

function addStatement(report: FormatReport, s: { start: number; end: number; text: string }, dialect: DialectId, settings: FormatSettings): void {
  const formatted = formatStatement(s.text, dialect, settings);
  if (formatted === undefined) report.untouched++;
  else {
    report.formatted++;
    if (formatted !== s.text) report.edits.push({ start: s.start, end: s.end, newText: formatted });
  }
}

/** The formatted statement, or undefined when it cannot be formatted safely. */
export function formatStatement(sql: string, dialect: DialectId, settings: FormatSettings): string | undefined {
  let out: string;
  try {
    const options: FormatOptionsWithLanguage = {
      language: LANGUAGE[dialect],
      keywordCase: settings.keywordCase,
      tabWidth: settings.tabWidth,
      useTabs: settings.useTabs,
      expressionWidth: settings.lineWidth,
      // `$1`, `:name`, `?` and `@p` placeholders stay as they are.
      paramTypes: dialect === 'postgres' ? { positional: false, numbered: ['$'] } : dialect === 'mssql' ? { named: ['@'] } : { positional: true },
    };
    out = format(sql, options).trim();
  } catch {
    return undefined;
  }
  if (out === '') return undefined;
  return sameStatement(sql, out, dialect) ? out : undefined;
}

/** Whether both texts parse, to the same AST (positions aside). */
export function sameStatement(before: string, after: string, dialect: DialectId): boolean {
  const a = astKey(before, dialect);
  return a !== undefined && a === astKey(after, dialect);
}

function astKey(sql: string, dialect: DialectId): string | undefined {
  try {
    if (dialect === 'postgres') {
      if (!pgParserReady()) return undefined;
      return JSON.stringify(parseSync(sql).stmts ?? [], withoutPositions);
    }
    const r = parseNsp(sql, dialect);
    return r.ok ? JSON.stringify(r.asts, withoutPositions) : undefined;
  } catch {
    return undefined;
  }
}

// Source positions in the two parsers' trees: libpg-query's `location`, `stmt_location`, `stmt_len`
// and (PostgreSQL 18) `rexpr_list_start`/`rexpr_list_end` of IN lists; node-sql-parser's `loc`.
const POSITION_KEY = /^(?:loc|stmt_len)$|(?:^|_)location$|_list_(?:start|end)$/;

function withoutPositions(key: string, value: unknown): unknown {
  return POSITION_KEY.test(key) ? undefined : value;
}

/** `-- schemawise-format-off` … `-- schemawise-format-on` (to the end of the text when never turned on). */
export function formatOffRegions(text: string): { start: number; end: number }[] {
  const regions: { start: number; end: number }[] = [];
  const marker = /--[ \t]*schemawise-format-(off|on)\b[^\n]*/gi;
  let open: number | undefined;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m[1]!.toLowerCase() === 'off') open ??= m.index;
    else if (open !== undefined) {
      regions.push({ start: open, end: m.index });
      open = undefined;
    }
  }
  if (open !== undefined) regions.push({ start: open, end: text.length });
  return regions;
}
