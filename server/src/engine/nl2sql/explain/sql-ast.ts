// node-sql-parser over one statement for the structural explanation and the optimizer: one grammar
// per dialect, locations on, and the source text of any expression node (sliced from the original
// when the parser located it, else regenerated without the parser's identifier quoting).
import type { Parser as PgParser } from 'node-sql-parser/build/postgresql';
import type { Parser as MySqlParser } from 'node-sql-parser/build/mysql';
import type { Parser as TsqlParser } from 'node-sql-parser/build/transactsql';
import { nspMysql, nspPostgres, nspTransactSql } from '../../sql/node-sql-parser';
import type { DialectId } from '../../schema/model';

/** The parser's AST nodes are loosely typed JSON; readers check each field they use. */
export type Node = Record<string, unknown>;

const DATABASE: Record<DialectId, string> = { postgres: 'PostgresQL', mysql: 'MySQL', mssql: 'TransactSQL' };

let parsers: Partial<Record<DialectId, PgParser | MySqlParser | TsqlParser>> = {};

function parserFor(dialect: DialectId): PgParser | MySqlParser | TsqlParser {
  const existing = parsers[dialect];
  if (existing) return existing;
  const made = dialect === 'mysql' ? new (nspMysql().Parser)() : dialect === 'mssql' ? new (nspTransactSql().Parser)() : new (nspPostgres().Parser)();
  parsers = { ...parsers, [dialect]: made };
  return made;
}

export interface ParsedSql {
  /** One AST per statement. */
  statements: Node[];
  /** Source text of an expression node. */
  text(node: unknown): string;
}

/** Parses `sql`; undefined when the grammar rejects it (the caller falls back to tokens). */
export function parseSql(sql: string, dialect: DialectId): ParsedSql | undefined {
  const parser = parserFor(dialect);
  const database = DATABASE[dialect] ?? 'PostgresQL';
  let ast: unknown;
  try {
    ast = parser.astify(sql, { database, parseOptions: { includeLocations: true } });
  } catch {
    return undefined;
  }
  const statements = (Array.isArray(ast) ? ast : [ast]).filter((n): n is Node => typeof n === 'object' && n !== null);
  const text = (node: unknown): string => {
    if (typeof node !== 'object' || node === null) return String(node ?? '');
    const loc = (node as { loc?: { start?: { offset?: number }; end?: { offset?: number } } }).loc;
    const start = loc?.start?.offset;
    const end = loc?.end?.offset;
    if (typeof start === 'number' && typeof end === 'number' && end > start && end <= sql.length) return squeeze(sql.slice(start, end));
    try {
      return unquote(parser.exprToSQL(node as never, { database }));
    } catch {
      return '…';
    }
  };
  return { statements, text };
}

/** Removes the quoting node-sql-parser adds around plain identifiers ("c".name → c.name). */
function unquote(s: string): string {
  return squeeze(s.replace(/["`[]([A-Za-z_][A-Za-z0-9_]*)["`\]]/g, '$1'));
}

function squeeze(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
