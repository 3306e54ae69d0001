// The SQL Server side of the diagnostics corpus: Spider dev gold SQL rewritten into T-SQL, the
// Chinook model assembled from the recorded SQL Server catalog result sets, and the exclusions
// (with reasons) of Spider queries node-sql-parser's TransactSQL grammar cannot read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleMssqlModel } from '../../server/src/engine/drivers/mssql/mssql-assemble';
import { MSSQL_RESULT_SET_KEYS, type MssqlResultSets } from '../../server/src/engine/drivers/mssql/mssql-rows';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { tokenize } from '../../server/src/engine/sql/tokenizer';
import { DATASETS, modelsFromTablesJson } from '../helpers/spider-models';
import { spiderToPostgres } from './exclusions';

/** Chinook as the SQL Server driver would introspect it (test/fixtures/mssql/chinook), plus `extra` result sets. */
export function chinookMssqlModel(extra: Partial<MssqlResultSets> = {}): SchemaModel {
  const dir = join(__dirname, '..', 'fixtures', 'mssql', 'chinook');
  const sets = Object.fromEntries(MSSQL_RESULT_SET_KEYS.map((k) => [k, JSON.parse(readFileSync(join(dir, `${k}.json`), 'utf8'))])) as unknown as MssqlResultSets;
  return assembleMssqlModel({ ...sets, ...extra });
}

/**
 * Spider gold SQL (SQLite) → T-SQL, two documented rewrites:
 * 1. "text" is a string literal in the gold (SQLite reads it so), as for the PostgreSQL path;
 * 2. `LIMIT n` → `TOP n` on the SELECT of the same query block (the nearest SELECT before it at
 *    the same parenthesis depth; in a UNION that is the last branch, which changes the result
 *    but not one name, and names are all the diagnostics judge).
 */
export function spiderToTsql(sql: string): string {
  let out = spiderToPostgres(sql);
  for (;;) {
    const tokens = tokenize(out, getDialect('mssql')).filter((t) => t.kind !== 'comment');
    const k = tokens.findIndex((t, i) => t.kind === 'word' && t.text.toUpperCase() === 'LIMIT' && tokens[i + 1]?.kind === 'number');
    if (k < 0) return out;
    let depth = 0;
    let select = -1;
    for (let j = k - 1; j >= 0; j--) {
      const t = tokens[j];
      if (t.text === ')') depth++;
      else if (t.text === '(') {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && t.kind === 'word' && t.text.toUpperCase() === 'SELECT') {
        select = j;
        break;
      }
    }
    if (select < 0) return out;
    const n = tokens[k + 1].text;
    const afterSelect = tokens[select + 1]?.kind === 'word' && tokens[select + 1].text.toUpperCase() === 'DISTINCT' ? tokens[select + 1].end : tokens[select].end;
    out = `${out.slice(0, afterSelect)} TOP ${n}${out.slice(afterSelect, tokens[k].start).trimEnd()}${out.slice(tokens[k + 1].end)}`;
  }
}

/** Why a Spider query is not run through the T-SQL path (matched on the rewritten text). */
export const TSQL_SPIDER_EXCLUSIONS: { reason: string; test: (sql: string) => boolean }[] = [
  { reason: 'INTERSECT/EXCEPT: valid T-SQL, but node-sql-parser 5.4 TransactSQL grammar rejects it', test: (s) => /\b(?:INTERSECT|EXCEPT)\b/i.test(s) },
  { reason: 'a table named SHOW: the TransactSQL grammar reads SHOW as a keyword', test: (s) => /\bFROM\s+SHOW\b/i.test(s) },
];

/** BIRD mini-dev schemas as SQL Server models (schema dbo, the default), by db_id. */
export function birdMssqlIndexes(): Map<string, SchemaIndex> {
  const models = modelsFromTablesJson(join(DATASETS, 'bird-minidev', 'mini_dev_sqlite_tables.json'), 'mssql');
  return new Map(
    [...models].map(([db, m]) => {
      m.schemas = [{ name: 'dbo' }];
      m.searchPath = ['dbo'];
      for (const t of m.tables) {
        t.schema = 'dbo';
        for (const fk of t.foreignKeys) fk.refSchema = 'dbo';
      }
      return [db, new SchemaIndex(m)];
    }),
  );
}

/**
 * BIRD gold SQL (PostgreSQL or MySQL) → T-SQL names: "ident" / `ident` → [ident], then the Spider
 * rewrite (LIMIT → TOP). Other dialect syntax is left as is; only the statements the TransactSQL
 * grammar then reads are counted.
 */
export function birdToTsql(sql: string, dialect: 'postgresql' | 'mysql'): string {
  const bracketed = dialect === 'mysql' ? sql.replace(/`([^`]*)`/g, '[$1]') : sql.replace(/"([^"]*)"/g, '[$1]');
  return spiderToTsql(bracketed);
}
