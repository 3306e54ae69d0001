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
  },
};

export function lexicalRules(dialect: DialectId): LexicalRules {
  return RULES[dialect];
}
