// The real PostgreSQL parser (libpg-query, compiled to WASM). It must be loaded once (async) before
// the synchronous calls; until then PostgreSQL syntax and semantic checks are skipped, never guessed.
import { loadModule, parseSync, scanSync } from 'libpg-query';
import { byteToCharMapper, type ByteToChar } from '../offsets';

let loaded = false;
let loading: Promise<void> | undefined;

export function loadPgParser(): Promise<void> {
  loading ??= loadModule().then(() => {
    loaded = true;
  });
  return loading;
}

export function pgParserReady(): boolean {
  return loaded;
}

export interface PgToken {
  start: number;
  end: number;
  text: string;
  /** libpg-query token name: IDENT, SCONST, ICONST, ASCII_46 ('.'), or a keyword name. */
  kind: string;
  keyword: boolean;
}

export interface PgSyntaxError {
  message: string;
  start: number;
  end: number;
}

export type PgParse = { ok: true; stmts: PgRawStmt[]; toChar: ByteToChar } | { ok: false; error: PgSyntaxError };

// The AST is the JSON of PostgreSQL's parse nodes; walked generically (see pg/ast.ts).
export interface PgRawStmt {
  stmt: Record<string, unknown>;
  stmt_location?: number;
  stmt_len?: number;
}

export function parsePg(sql: string): PgParse {
  const toChar = byteToCharMapper(sql);
  try {
    const res = parseSync(sql) as unknown as { stmts?: PgRawStmt[] };
    return { ok: true, stmts: res.stmts ?? [], toChar };
  } catch (e) {
    // A stack overflow on a huge expression is no syntax error: let the engine stay silent on it.
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
    const details = (e as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (e instanceof Error ? e.message : String(e));
    const cursor = details?.cursorPosition;
    const at = typeof cursor === 'number' && cursor >= 0 ? Math.min(toChar(cursor), sql.length) : sql.length;
    return { ok: false, error: { message, ...errorRange(sql, at) } };
  }
}

/** Tokens of a statement with char offsets; empty when the scanner itself fails. */
export function scanPg(sql: string, toChar: ByteToChar): PgToken[] {
  try {
    return scanSync(sql).tokens.map((t) => ({
      start: toChar(t.start),
      end: toChar(t.end),
      text: t.text,
      kind: t.tokenName,
      keyword: t.keywordKind !== 0,
    }));
  } catch {
    return [];
  }
}

/**
 * The exact token an error points at: the token starting at the cursor (a word, a quoted name, a
 * string, a number or one operator); at end of input, the last token of the statement instead, since
 * an empty range at EOF is invisible in an editor.
 */
export function errorRange(sql: string, at: number): { start: number; end: number } {
  if (at >= sql.length || /^\s*$/.test(sql.slice(at))) {
    let end = sql.length;
    while (end > 0 && /\s/.test(sql[end - 1])) end--;
    const tail = sql.slice(0, end);
    const m = /(?:[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|"(?:[^"]|"")*"|'(?:[^']|'')*'|\d+(?:\.\d+)?|\S)$/.exec(tail);
    return m ? { start: end - m[0].length, end } : { start: end, end };
  }
  const rest = sql.slice(at, at + 4096);
  const m = /^(?:[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|"(?:[^"]|"")*"?|[EeUu]?&?'(?:[^']|'')*'?|\$\w*\$|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[<>=!~^&|#@%*+\-/]+|\S)/.exec(rest);
  const len = m ? m[0].length : 1;
  // An unterminated string or quote runs to the end of the statement; underline only its first line.
  const nl = rest.slice(0, len).indexOf('\n');
  return { start: at, end: at + (nl > 0 ? nl : len) };
}
