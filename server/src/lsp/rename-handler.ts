// Rename (with prepareRename) and document highlights, routed to the engine's rename module in the
// document's dialect. A refused rename answers an LSP error whose message the editor shows (a
// database table or column: renaming it is a migration).
import {
  DocumentHighlightKind,
  LSPErrorCodes,
  Range,
  ResponseError,
  type Connection,
  type DocumentHighlight,
  type ServerCapabilities,
  type TextDocuments,
  type WorkspaceEdit,
  type Position,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { documentHighlightsAsync, prepareRename, rename } from '../engine/features/rename/rename';
import type { DocumentStore } from '../engine/session';
import { dialectHead, type DocumentDialectResolver } from './document-dialect';
import { isHostDocument } from './embedded-documents';
import type { Logger } from './logger';
import { staleness } from './priority';

export const renameCapabilities: ServerCapabilities = {
  renameProvider: { prepareProvider: true },
  documentHighlightProvider: true,
};

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  log: Logger;
  dialectOf: DocumentDialectResolver;
  /** The server's quiet turn: a highlight search over a big file waits for it between slices. */
  idle: () => Promise<void>;
}

export function registerRename({ connection, documents, store, log, dialectOf, idle }: Deps): void {
  /** The document at a position that is ours: undefined in a TS/JS file outside its SQL templates (the host language renames there). */
  const open = async (uri: string, position: Position) => {
    const doc = documents.get(uri);
    if (!doc || (isHostDocument(doc) && !doc.regionAt(doc.offsetAt(position)))) return undefined;
    const { index } = await dialectOf(uri, dialectHead(doc));
    return { doc, index, sql: store.get(uri, doc.version, index.dialect, () => doc.getText()) };
  };
  const range = (doc: TextDocument, r: { start: number; end: number }) => Range.create(doc.positionAt(r.start), doc.positionAt(r.end));

  connection.onPrepareRename(async (params) => {
    const d = await open(params.textDocument.uri, params.position);
    if (!d) return null;
    let p: ReturnType<typeof prepareRename>;
    try {
      p = prepareRename(d.sql, d.doc.offsetAt(params.position), d.index);
    } catch (e) {
      log.error(`prepare rename failed: ${errorMessage(e)}`);
      return null;
    }
    if (!p.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, p.message);
    return { range: range(d.doc, p.occurrences), placeholder: p.occurrences.name };
  });

  connection.onRenameRequest(async (params): Promise<WorkspaceEdit | null> => {
    const d = await open(params.textDocument.uri, params.position);
    if (!d) return null;
    let r: ReturnType<typeof rename>;
    try {
      r = rename(d.sql, d.doc.offsetAt(params.position), params.newName, d.index);
    } catch (e) {
      log.error(`rename failed: ${errorMessage(e)}`);
      return null;
    }
    if ('message' in r) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message);
    return { changes: { [d.doc.uri]: r.edits.map((e) => ({ range: range(d.doc, e), newText: e.newText })) } };
  });

  connection.onDocumentHighlight(async (params, token): Promise<DocumentHighlight[] | ResponseError<void> | null> => {
    try {
      const d = await open(params.textDocument.uri, params.position);
      if (!d) return null;
      // The editor cancels on the next cursor move; an edit makes the answer useless too.
      const { stale, refusal } = staleness(documents, d.doc, token);
      const found = await documentHighlightsAsync(d.sql, d.doc.offsetAt(params.position), d.index, { pause: idle, cancelled: stale });
      if (!found) return refusal();
      return found.map((r) => ({ range: range(d.doc, r), kind: DocumentHighlightKind.Text }));
    } catch (e) {
      log.error(`document highlight failed: ${errorMessage(e)}`);
      return null;
    }
  });
}
