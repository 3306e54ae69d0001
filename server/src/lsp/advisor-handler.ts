// The index advisor in the editor: the schemawise/suggestIndexes request (one statement or a whole
// file, on the live connection, read-only) and the "Suggest indexes for this query" code action on
// the statement at the cursor. The engine does the work; this only routes and reports.
import { CodeActionKind, ResponseError, type CodeAction, type CodeActionParams, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { adviseIndexes, formatAdvice, workloadFromText } from '../engine/advisor';
import { errorMessage } from '../engine/drivers/errors';
import { splitStatements } from '../engine/diagnostics/splitter';
import type { SchemaSession } from '../engine/session';
import { SchemawiseErrorCodes, SUGGEST_INDEXES_COMMAND, SuggestIndexesRequest, type SuggestIndexesParams, type SuggestIndexesResult } from '../protocol';
import type { CodeActionProvider } from './code-actions';
import type { Logger } from './logger';

export const SUGGEST_INDEXES_KIND = `${CodeActionKind.Refactor}.suggestIndexes`;
const ADVISABLE = /^(\s+|--[^\n]*\n|\/\*[\s\S]*?\*\/)*(select|with|update|delete)\b/i;

export function registerAdvisor(o: { connection: Connection; documents: TextDocuments<TextDocument>; session: SchemaSession; log: Logger }): CodeActionProvider {
  const { connection, documents, session, log } = o;
  connection.onRequest(SuggestIndexesRequest.type, async (params): Promise<SuggestIndexesResult | ResponseError<void>> => {
    if (typeof params?.uri !== 'string' || (params.sql !== undefined && typeof params.sql !== 'string')) return new ResponseError(SchemawiseErrorCodes.InvalidParams, 'schemawise/suggestIndexes needs { uri: string, sql?: string }');
    const db = session.database;
    if (!db || (db.driver.dialect !== 'postgres' && db.driver.dialect !== 'mysql')) {
      return new ResponseError(SchemawiseErrorCodes.NotConnected, 'Suggest indexes needs a live PostgreSQL or MySQL/MariaDB connection: connect to one first.');
    }
    const text = params.sql ?? documents.get(params.uri)?.getText();
    if (text === undefined) return new ResponseError(SchemawiseErrorCodes.InvalidParams, `the document ${params.uri} is not open`);
    const workload = workloadFromText(text, db.driver.dialect);
    if (workload.length === 0) return new ResponseError(SchemawiseErrorCodes.InvalidParams, 'there is no SELECT, UPDATE or DELETE statement to advise on');
    try {
      const minSavings = typeof params.minSavings === 'number' && params.minSavings > 0 && params.minSavings < 100 ? params.minSavings : undefined;
      const report = await adviseIndexes({ config: db.config, driver: db.driver, schema: await session.completeIndex(), workload, options: minSavings ? { minSavingsPercent: minSavings } : {} });
      return { markdown: formatAdvice(report, 'markdown'), report };
    } catch (e) {
      const message = log.scrub(errorMessage(e));
      log.error(`suggestIndexes failed: ${message}`);
      return new ResponseError(SchemawiseErrorCodes.InvalidParams, `Suggest indexes failed: ${message}`);
    }
  });

  return {
    name: 'suggest indexes',
    kinds: [SUGGEST_INDEXES_KIND],
    provide(params: CodeActionParams): CodeAction[] {
      const db = session.database;
      const doc = documents.get(params.textDocument.uri);
      if (!doc || !db || (db.driver.dialect !== 'postgres' && db.driver.dialect !== 'mysql')) return [];
      if (params.context.only && !params.context.only.some((k) => SUGGEST_INDEXES_KIND === k || SUGGEST_INDEXES_KIND.startsWith(`${k}.`))) return [];
      const at = doc.offsetAt(params.range.start);
      const stmt = splitStatements(doc.getText(), db.driver.dialect).find((s) => at >= s.start && at <= s.end);
      if (!stmt || !ADVISABLE.test(stmt.text)) return [];
      const args: SuggestIndexesParams = { uri: doc.uri, sql: stmt.text };
      return [{ title: 'Suggest indexes for this query', kind: SUGGEST_INDEXES_KIND, command: { title: 'Suggest indexes for this query', command: SUGGEST_INDEXES_COMMAND, arguments: [args] } }];
    },
  };
}
