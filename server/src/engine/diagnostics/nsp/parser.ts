// node-sql-parser for MySQL/MariaDB and SQL Server, with locations. Both the MySQL and the MariaDB
// grammar are tried for `mysql` documents (each accepts constructs the other rejects).
import type { Parser as MySqlParser } from 'node-sql-parser/build/mysql';
import type { Parser as MariaDbParser } from 'node-sql-parser/build/mariadb';
import type { Parser as TsqlParser } from 'node-sql-parser/build/transactsql';
import { nspMariaDb, nspMysql, nspTransactSql } from '../../sql/node-sql-parser';
import type { DialectId } from '../../schema/model';
import type { Json } from '../pg/ast';

export type NspResult = { ok: true; asts: Json[] } | { ok: false; offset?: number; countMismatch?: boolean };

let parsers: { mysql: MySqlParser; mariadb: MariaDbParser; tsql: TsqlParser } | undefined;

export function parseNsp(sql: string, dialect: DialectId): NspResult {
  parsers ??= { mysql: new (nspMysql().Parser)(), mariadb: new (nspMariaDb().Parser)(), tsql: new (nspTransactSql().Parser)() };
  const attempts: [{ astify(sql: string, opt: object): unknown }, string][] =
    dialect === 'mssql' ? [[parsers.tsql, 'TransactSQL']] : [[parsers.mysql, 'MySQL'], [parsers.mariadb, 'MariaDB']];
  let first: NspResult | undefined;
  for (const [parser, database] of attempts) {
    try {
      const ast = parser.astify(sql, { database, parseOptions: { includeLocations: true } });
      return { ok: true, asts: Array.isArray(ast) ? ast : [ast] };
    } catch (e) {
      const err = e as { location?: { start?: { offset?: number } }; message?: string };
      first ??= /column count doesn't match value count/i.test(String(err.message)) ? { ok: false, countMismatch: true } : { ok: false, offset: err.location?.start?.offset };
    }
  }
  return first ?? { ok: false };
}
