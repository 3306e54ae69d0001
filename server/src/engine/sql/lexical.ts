// Lexical rules that differ between dialects: which quotes delimit identifiers and strings, which
// comments exist, whether block comments nest. Kept beside dialect.ts (rather than inside it) so the
// tokenizer owns its own table; keyed by DialectId like the dialects themselves.
import type { DialectId } from '../schema/model';

export interface LexicalRules {
  /** Opening → closing character of quoted identifiers. */
  identifierQuotes: ReadonlyMap<string, string>;
  /** Quote characters of string literals. */
  stringQuotes: ReadonlySet<string>;
  /** Backslash escapes inside ordinary strings (MySQL; PostgreSQL only in E'...'). */
  backslashEscapes: boolean;
  /** PostgreSQL E'...' strings and $tag$...$tag$ bodies. */
  escapeStrings: boolean;
  dollarQuotes: boolean;
  /** Block comments nest (PostgreSQL, SQL Server). */
  nestedBlockComments: boolean;
  /** `# comment` (MySQL). */
  hashComments: boolean;
  /** `--` starts a comment only when followed by whitespace (MySQL). */
  dashCommentNeedsSpace: boolean;
  /** `#` may start and continue a name (SQL Server temp tables: #orders, ##global). */
  hashInNames: boolean;
  /**
   * Exactly the server's whitespace (one character). Not JavaScript's `\s`: U+00A0, U+3000 or U+FEFF
   * are name characters for PostgreSQL and MySQL/MariaDB, not spaces.
   */
  whitespace: RegExp;
  /** What must follow `--` for it to start a comment, when dashCommentNeedsSpace (MariaDB: ASCII space or control). */
  dashCommentFollower: RegExp;
  /** Characters that end a `--` or `#` comment (PostgreSQL also ends one at a carriage return). */
  lineCommentEnd: RegExp;
  /** Every non-ASCII character may start and continue an unquoted name (PostgreSQL, MySQL). */
  nonAsciiInNames: boolean;
}

const RULES: Record<DialectId, LexicalRules> = {
  postgres: {
    identifierQuotes: new Map([['"', '"']]),
    stringQuotes: new Set(["'"]),
    backslashEscapes: false,
    escapeStrings: true,
    dollarQuotes: true,
    nestedBlockComments: true,
    hashComments: false,
    dashCommentNeedsSpace: false,
    hashInNames: false,
    // scan.l: space [ \t\n\r\f] (\v from PostgreSQL 16 on); comment ("--"{non_newline}*), non_newline [^\n\r].
    whitespace: /[ \t\n\r\f\v]/,
    dashCommentFollower: /[\s\S]/,
    lineCommentEnd: /[\n\r]/,
    nonAsciiInNames: true,
  },
  mysql: {
    identifierQuotes: new Map([['`', '`']]),
    stringQuotes: new Set(["'", '"']),
    backslashEscapes: true,
    escapeStrings: false,
    dollarQuotes: false,
    nestedBlockComments: false,
    hashComments: true,
    dashCommentNeedsSpace: true,
    hashInNames: false,
    // sql_lex.cc with my_isspace/my_iscntrl of the connection charset: ASCII only; a comment runs to '\n'.
    whitespace: /[ \t\n\v\f\r]/,
    dashCommentFollower: /[\x00-\x20\x7f]/,
    lineCommentEnd: /\n/,
    nonAsciiInNames: true,
  },
  mssql: {
    identifierQuotes: new Map([
      ['[', ']'],
      ['"', '"'],
    ]),
    stringQuotes: new Set(["'"]),
    backslashEscapes: false,
    escapeStrings: false,
    dollarQuotes: false,
    nestedBlockComments: true,
    hashComments: false,
    dashCommentNeedsSpace: false,
    hashInNames: true,
    // No server here to check against: JavaScript's notion of whitespace.
    whitespace: /\s/,
    dashCommentFollower: /[\s\S]/,
    lineCommentEnd: /\n/,
    nonAsciiInNames: false,
  },
};

export function lexicalRules(dialect: DialectId): LexicalRules {
  return RULES[dialect];
}
