// Semantic checks of one SQL Server statement: node-sql-parser's TransactSQL AST (parsed again
// with its OUTPUT clause blanked when the grammar rejects OUTPUT), normalised, located by token
// matching, then judged by the shared node-sql-parser analyser with T-SQL rules. Undefined when
// the statement does not parse even so: the caller then decides about a syntax error.
import type { SchemaIndex } from '../../../schema/schema-index';
import type { DocumentContext } from '../../document-context';
import type { Json } from '../../pg/ast';
import type { RawDiagnostic } from '../../scope';
import { NspAnalyzer } from '../analyzer';
import { insertCountMismatch } from '../insert-count';
import { parseNsp, type NspResult } from '../parser';
import { TsqlLocator } from './locate';
import { normalizeTsql } from './normalize';
import { blankOutputClauses, type OutputRef } from './output';

export function checkTsqlSemantics(sql: string, parsed: NspResult, index: SchemaIndex | undefined, doc: DocumentContext): RawDiagnostic[] | undefined {
  if (parsed.ok) return analyse(sql, parsed.asts, [], index, doc);
  const blanked = blankOutputClauses(sql);
  if (!blanked) return undefined;
  const again = parseNsp(blanked.text, 'mssql');
  if (again.ok) return analyse(blanked.text, again.asts, blanked.refs, index, doc);
  if (again.countMismatch) {
    const span = insertCountMismatch(blanked.text, 'mssql');
    return span ? [{ code: 'insert-value-count', ...span }] : [];
  }
  return undefined;
}

/** How far the checks can judge a statement: parsed, supported, names listed and located (tests, corpus statistics). */
export function tsqlCoverage(sql: string): { parsed: boolean; supported: boolean; listed: number; located: number } {
  let parsed = parseNsp(sql, 'mssql');
  let text = sql;
  const blanked = parsed.ok ? undefined : blankOutputClauses(sql);
  if (blanked) {
    parsed = parseNsp(blanked.text, 'mssql');
    text = blanked.text;
  }
  if (!parsed.ok) return { parsed: false, supported: false, listed: 0, located: 0 };
  if (!normalizeTsql(parsed.asts)) return { parsed: true, supported: false, listed: 0, located: 0 };
  const locator = new TsqlLocator(text, parsed.asts);
  return { parsed: true, supported: true, listed: locator.listed, located: locator.located };
}

function analyse(text: string, asts: Json[], outputRefs: OutputRef[], index: SchemaIndex | undefined, doc: DocumentContext): RawDiagnostic[] {
  if (!normalizeTsql(asts)) return [];
  const analyzer = new NspAnalyzer(text, index, doc, { locator: new TsqlLocator(text, asts), tsql: true });
  for (const ast of asts) analyzer.analyzeStatement(ast);
  if (outputRefs.length && asts.length === 1) analyzer.checkOutputRefs(outputRefs);
  return analyzer.out;
}
