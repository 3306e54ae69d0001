// Entry point of statement classification: splits the input into statements and reports, for each,
// what it is and what it does (see types.ts). PostgreSQL uses the server's own parser; MySQL/MariaDB
// and SQL Server use node-sql-parser backed by a dialect-aware lexer.
import type { DialectId } from '../schema/model';
import { classifyPostgres } from './classify-pg';
import { classifyWithNodeSqlParser } from './classify-nsp';
import type { ClassifiedStatement } from './types';

export async function classifySql(sql: string, dialect: DialectId): Promise<ClassifiedStatement[]> {
  if (dialect === 'postgres') return classifyPostgres(sql);
  return classifyWithNodeSqlParser(sql, dialect);
}
