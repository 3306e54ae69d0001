// textDocument/codeLens: "▶ Run" above every statement of a SQL document, with the command
// schemawise.runStatement and the statement's range as arguments. Lenses are plain LSP, so any
// editor shows them; running one is the client's schemawise/runQuery with that range.
import type { CodeLens, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { IncrementalStatementSpans, statementSpans } from '../engine/execution/statements';
import type { SchemaSession } from '../engine/session';
import { dialectDirective } from '../engine/sql/dialect-directive';
import { RUN_STATEMENT_COMMAND } from '../protocol';
import { isHostDocument } from './embedded-documents';
import type { Logger } from './logger';

/** Past this many statements a document gets no lenses (a data dump, not a script to run piecewise). */
const MAX_LENSES = 5000;

interface Deps {
  connection: Connection;
  documents: Pick<TextDocuments<TextDocument>, 'get' | 'onDidClose'>;
  session: SchemaSession;
  log: Logger;
}

export const codeLensCapabilities = { codeLensProvider: { resolveProvider: false } };

export function registerCodeLens({ connection, documents, session, log }: Deps): void {
  // Per document, the spans of its last version: the next request re-splits around the edit only.
  const spans = new Map<string, IncrementalStatementSpans>();
  documents.onDidClose((e) => spans.delete(e.document.uri));
  connection.onCodeLens((params): CodeLens[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isHostDocument(doc)) return []; // templates hold placeholders: nothing to run as is
    try {
      let known = spans.get(doc.uri);
      if (!known) spans.set(doc.uri, (known = new IncrementalStatementSpans()));
      return runLenses(doc, session.database?.driver.dialect ?? session.index.dialect.id, known);
    } catch (e) {
      log.error(`code lens failed for ${doc.uri}: ${errorMessage(e)}`);
      return [];
    }
  });
}

export function runLenses(doc: TextDocument, fallbackDialect: Parameters<typeof statementSpans>[1], known?: IncrementalStatementSpans): CodeLens[] {
  const text = doc.getText();
  const dialect = dialectDirective(text) ?? fallbackDialect;
  const spans = known ? known.spansOf(text, dialect) : statementSpans(text, dialect);
  if (spans.length > MAX_LENSES) return [];
  return spans.map((s) => {
    const range = { start: doc.positionAt(s.start), end: doc.positionAt(s.end) };
    return { range, command: { title: '▶ Run', command: RUN_STATEMENT_COMMAND, arguments: [doc.uri, range] } };
  });
}
