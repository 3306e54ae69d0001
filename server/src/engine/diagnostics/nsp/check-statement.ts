// One MySQL/MariaDB or SQL Server statement → raw diagnostics, through node-sql-parser. Its
// grammars reject some valid SQL, so a syntax error is reported only when the statement is DML,
// neither the MySQL nor the MariaDB grammar accepts it, and the real PostgreSQL parser, given the
// same text with identifier quotes translated, fails at the same place: two independent parsers
// agreeing on the error token. Otherwise the statement is left alone (docs/parser-limitations.md).
import type { DialectId } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import type { DocumentContext } from '../document-context';
import { errorRange, parsePg, pgParserReady } from '../pg/parser';
import type { RawDiagnostic } from '../scope';
import { NspAnalyzer } from './analyzer';
import { insertCountMismatch } from './insert-count';
import { parseNsp, type NspResult } from './parser';
import { checkTsqlSemantics } from './tsql/check-statement';

const DML = /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|#[^\n]*\n|\()*(SELECT|INSERT|UPDATE|DELETE|WITH|REPLACE)\b/i;
/**
 * Valid constructs that neither node-sql-parser nor PostgreSQL's grammar accepts: when one of them
 * is in the statement, a syntax error is never reported (both parsers would agree, wrongly).
 * Listed in docs/parser-limitations.md.
 */
const DIALECT_ONLY: Record<'mysql' | 'mssql', RegExp[]> = {
  mysql: [
    /\b(?:USE|FORCE|IGNORE)\s+(?:INDEX|KEY)\b/i, /\bSTRAIGHT_JOIN\b/i, /\bSQL_[A-Z_]+\b/i, /\bLOCK\s+IN\s+SHARE\s+MODE\b/i,
    /\bON\s+DUPLICATE\s+KEY\b/i, /\b(?:INSERT|UPDATE|DELETE|REPLACE)\s+(?:IGNORE|LOW_PRIORITY|DELAYED|HIGH_PRIORITY|QUICK)\b/i,
    /^\s*REPLACE\b/i, /:=/, /\bPARTITION\s*\(/i, /\bINTO\s+(?:OUT|DUMP)FILE\b/i, /\bWITH\s+ROLLUP\b/i,
    /\b(?:DIV|XOR|REGEXP|RLIKE|SOUNDS)\b/i, /<=>/, /@/, /\bMATCH\s*\(/i, /\bINTERVAL\b/i, /\bUSING\s+[\w-]+\s*\)/i,
    /(?:^|[^\w])_[a-z0-9]+\s*'/i, /\bSEPARATOR\b/i, /\bMEMBER\s+OF\b/i, /\bBINARY\b/i, /\bJSON_TABLE\b/i,
    /\bLIMIT\s+\d+\s*,/i, /\bDUAL\b/i, /\bFOR\s+UPDATE\b/i, /\bUNSIGNED\b|\bSIGNED\b/i, /\b(?:UTC_|CURRENT_)\w*\s*\(/i,
    /\bX'|\bB'|\b0x/i, /\\/, /\bAS\s+(?:DOUBLE|DATETIME|CHAR)\b/i, /&&|\|\||!/, /\bWINDOW\b/i, /\bLATERAL\b/i,
  ],
  mssql: [
    /\bTOP\b/i, /\bWITH\s*\(/i, /\bNOLOCK\b/i, /\bOUTPUT\b/i, /\bAPPLY\b/i, /[@#]/, /\b(?:UN)?PIVOT\b/i, /\bCONVERT\s*\(/i,
    /[-+*/%]=/, /\bFETCH\b/i, /\bOPTION\s*\(/i, /\bMERGE\b/i, /\bGO\b/i, /\bIIF\b/i, /\bFOR\s+(?:XML|JSON)\b/i, /\bN'/i,
    /\bCOLLATE\b/i, /\bOVER\s*\(/i, /\bTRY_\w+\s*\(/i, /\$/, /\bAT\s+TIME\s+ZONE\b/i, /\bOPENJSON\b/i,
  ],
};

/** PostgreSQL's error must be within this many characters of node-sql-parser's. */
const AGREEMENT = 2;

/** node-sql-parser is slow on huge statements (seconds per MB): beyond this, stay silent. */
const MAX_STATEMENT = 200_000;

export function checkNspStatement(sql: string, dialect: DialectId, index: SchemaIndex | undefined, doc: DocumentContext): RawDiagnostic[] {
  if (sql.length > MAX_STATEMENT) return [];
  const res = parseNsp(sql, dialect);
  if (dialect === 'mssql') return checkTsqlSemantics(sql, res, index, doc) ?? (res.ok ? [] : syntaxDiagnostics(sql, dialect, res));
  if (!res.ok) return syntaxDiagnostics(sql, dialect, res);
  const analyzer = new NspAnalyzer(sql, index, doc);
  for (const ast of res.asts) analyzer.analyzeStatement(ast);
  return analyzer.out;
}

function syntaxDiagnostics(sql: string, dialect: DialectId, res: Extract<NspResult, { ok: false }>): RawDiagnostic[] {
  if (res.countMismatch) {
    const span = insertCountMismatch(sql, dialect);
    return span ? [{ code: 'insert-value-count', ...span }] : [];
  }
  if (res.offset === undefined || !DML.test(sql) || !pgParserReady()) return [];
  if (DIALECT_ONLY[dialect === 'mssql' ? 'mssql' : 'mysql'].some((re) => re.test(sql))) return [];
  const pg = parsePg(translateForPg(sql, dialect));
  if (pg.ok) return [];
  let nspAt = Math.min(res.offset, sql.length);
  while (nspAt < sql.length && /\s/.test(sql[nspAt])) nspAt++;
  if (Math.abs(pg.error.start - nspAt) > AGREEMENT && !(pg.error.start <= nspAt && nspAt <= pg.error.end)) return [];
  const span = errorRange(sql, Math.min(pg.error.start, nspAt));
  const at = /end of input/.test(pg.error.message) ? 'at end of input' : `at or near "${sql.slice(span.start, span.end)}"`;
  return [{ code: 'syntax', ...span, message: `Syntax error ${at}.` }];
}

/**
 * Same-length rewrite of MySQL / SQL Server quoting into PostgreSQL's, so offsets still match:
 * `name` and [name] → "name", "string" (MySQL) → 'string', # comments → blanks.
 */
export function translateForPg(sql: string, dialect: DialectId): string {
  const out = sql.split('');
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const e = sql.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === '#' && dialect === 'mysql') {
      while (i < n && sql[i] !== '\n') out[i++] = ' ';
    } else if (c === "'" || (c === '"' && dialect === 'mysql')) {
      const start = i++;
      while (i < n && sql[i] !== c) {
        if (sql[i] === '\\' && dialect === 'mysql') {
          out[i] = ' ';
          out[i + 1] = ' ';
          i += 2;
          continue;
        }
        if (sql[i] === "'") out[i] = ' ';
        i++;
      }
      out[start] = "'";
      if (i < n) out[i] = "'";
      i++;
    } else if (c === '`' || (c === '[' && dialect === 'mssql')) {
      const close = c === '`' ? '`' : ']';
      const start = i++;
      while (i < n && sql[i] !== close) {
        if (sql[i] === '"') out[i] = '_';
        i++;
      }
      out[start] = '"';
      if (i < n) out[i] = '"';
      i++;
    } else i++;
  }
  return out.join('');
}
