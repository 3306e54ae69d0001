// One PostgreSQL statement → raw diagnostics: the real parser's syntax error (exact token), or the
// semantic and lint findings of the analyser. Offsets are relative to the statement text.
import type { SchemaIndex } from '../../schema/schema-index';
import type { DocumentContext } from '../document-context';
import type { RawDiagnostic } from '../scope';
import { PgAnalyzer } from './analyzer';
import { parsePg } from './parser';
import { PgTokens } from './tokens';

export function checkPgStatement(sql: string, index: SchemaIndex | undefined, doc: DocumentContext): RawDiagnostic[] {
  const parsed = parsePg(sql);
  if (!parsed.ok) {
    const e = parsed.error;
    return [{ code: 'syntax', start: e.start, end: e.end, message: capitalize(e.message) }];
  }
  const analyzer = new PgAnalyzer(new PgTokens(sql, parsed.toChar), index, doc);
  for (const raw of parsed.stmts) analyzer.analyzeStatement(raw.stmt);
  return analyzer.out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
