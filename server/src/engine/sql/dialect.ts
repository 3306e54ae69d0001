// What differs between SQL dialects for the editor: identifier quoting, case folding of names,
// reserved words and system schemas. Features and the schema index take a Dialect; they never test
// the dialect id themselves.
import type { DialectId } from '../schema/model';
import { POSTGRES_RESERVED, MYSQL_RESERVED, MSSQL_RESERVED, POSTGRES_KEYWORDS, MYSQL_KEYWORDS, MSSQL_KEYWORDS, type KeywordCatalog } from './keywords';

export interface Dialect {
  readonly id: DialectId;
  readonly displayName: string;
  /** Characters that open and close a quoted identifier. */
  readonly quoteOpen: string;
  readonly quoteClose: string;
  /** Words that must be quoted when used as identifiers. */
  readonly reserved: ReadonlySet<string>;
  /** Keywords offered by completion (upper case). */
  readonly keywords: readonly string[];
  /** The keyword catalog by position (statement start, after a table, after SELECT, paging). */
  readonly keywordCatalog: KeywordCatalog;
  /** Schemas that belong to the system and are hidden from introspection. */
  readonly systemSchemas: ReadonlySet<string>;
  /** Schema used for unqualified names when the model does not say. */
  readonly defaultSchema: string;
  /** Clauses where a select-list alias can be named (ORDER BY everywhere; GROUP BY/HAVING vary). */
  readonly outputAliasClauses: ReadonlySet<string>;
  /**
   * Lookup key of an identifier as the database resolves it: PostgreSQL folds unquoted names to lower
   * case and keeps quoted names exact; MySQL and SQL Server compare case-insensitively (by default).
   */
  foldIdentifier(name: string, quoted: boolean): string;
  /** Key of a name stored in the catalog (already folded by the database). */
  catalogKey(name: string): string;
  /** Identifier as it must be written in SQL: quoted only when needed. */
  quoteIfNeeded(name: string): string;
  quote(name: string): string;
}

abstract class BaseDialect implements Dialect {
  abstract readonly id: DialectId;
  abstract readonly displayName: string;
  abstract readonly quoteOpen: string;
  abstract readonly quoteClose: string;
  abstract readonly reserved: ReadonlySet<string>;
  abstract readonly systemSchemas: ReadonlySet<string>;
  abstract readonly defaultSchema: string;
  abstract readonly outputAliasClauses: ReadonlySet<string>;
  abstract readonly keywordCatalog: KeywordCatalog;
  get keywords(): readonly string[] {
    return this.keywordCatalog.all;
  }

  abstract foldIdentifier(name: string, quoted: boolean): string;
  abstract catalogKey(name: string): string;

  quote(name: string): string {
    const close = this.quoteClose;
    return this.quoteOpen + name.split(close).join(close + close) + close;
  }

  quoteIfNeeded(name: string): string {
    return this.isPlainIdentifier(name) ? name : this.quote(name);
  }

  protected isPlainIdentifier(name: string): boolean {
    if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name)) return false;
    if (this.reserved.has(name.toUpperCase())) return false;
    return this.foldIdentifier(name, false) === this.catalogKey(name);
  }
}

class PostgresDialect extends BaseDialect {
  readonly id = 'postgres' as const;
  readonly displayName = 'PostgreSQL';
  readonly quoteOpen = '"';
  readonly quoteClose = '"';
  readonly reserved = POSTGRES_RESERVED;
  readonly keywordCatalog = POSTGRES_KEYWORDS;
  readonly systemSchemas = new Set(['pg_catalog', 'information_schema', 'pg_toast']);
  readonly defaultSchema = 'public';
  readonly outputAliasClauses = new Set(['ORDER', 'GROUP']);
  foldIdentifier(name: string, quoted: boolean): string {
    return quoted ? name : name.toLowerCase();
  }
  catalogKey(name: string): string {
    return name;
  }
  protected override isPlainIdentifier(name: string): boolean {
    // Mixed or upper case names must be quoted in PostgreSQL, or they fold to lower case.
    return super.isPlainIdentifier(name) && name === name.toLowerCase();
  }
}

class MySqlDialect extends BaseDialect {
  readonly id = 'mysql' as const;
  readonly displayName = 'MySQL / MariaDB';
  readonly quoteOpen = '`';
  readonly quoteClose = '`';
  readonly reserved = MYSQL_RESERVED;
  readonly keywordCatalog = MYSQL_KEYWORDS;
  readonly systemSchemas = new Set(['mysql', 'information_schema', 'performance_schema', 'sys']);
  readonly defaultSchema = '';
  readonly outputAliasClauses = new Set(['ORDER', 'GROUP', 'HAVING']);
  foldIdentifier(name: string): string {
    return name.toLowerCase();
  }
  catalogKey(name: string): string {
    return name.toLowerCase();
  }
}

class MsSqlDialect extends BaseDialect {
  readonly id = 'mssql' as const;
  readonly displayName = 'SQL Server';
  readonly quoteOpen = '[';
  readonly quoteClose = ']';
  readonly reserved = MSSQL_RESERVED;
  readonly keywordCatalog = MSSQL_KEYWORDS;
  readonly systemSchemas = new Set(['sys', 'INFORMATION_SCHEMA', 'guest']);
  readonly defaultSchema = 'dbo';
  readonly outputAliasClauses = new Set(['ORDER']);
  foldIdentifier(name: string): string {
    return name.toLowerCase();
  }
  catalogKey(name: string): string {
    return name.toLowerCase();
  }
}

const DIALECTS: Record<DialectId, Dialect> = {
  postgres: new PostgresDialect(),
  mysql: new MySqlDialect(),
  mssql: new MsSqlDialect(),
};

export function getDialect(id: DialectId): Dialect {
  return DIALECTS[id];
}

export function isDialectId(value: unknown): value is DialectId {
  return value === 'postgres' || value === 'mysql' || value === 'mssql';
}
