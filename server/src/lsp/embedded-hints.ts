// Inlay hints in TS/JS files: the SQL type of each `${…}` of a template, read from its context and the
// loaded schema (engine/embedded/parameter-types.ts): `WHERE album_id = ${id}` shows `${id}: integer`.
// Nothing without a loaded schema, nothing in .sql files.
import { InlayHintKind, type Connection, type InlayHint, type InlayHintParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { parameterTypes } from '../engine/embedded';
import { dialectHead, type DocumentDialectResolver } from './document-dialect';
import { isHostDocument } from './embedded-documents';
import type { Logger } from './logger';

// Served through the structure handler's inlayHint handler (its capability declares inlayHintProvider).

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  dialectOf: DocumentDialectResolver;
  log: Logger;
}

/**
 * The provider of `${…}` type hints; the one textDocument/inlayHint handler (structure-handler.ts)
 * concatenates it with the INSERT … VALUES hints.
 */
export function embeddedHintsProvider({ documents, dialectOf, log }: Omit<Deps, 'connection'>): (params: InlayHintParams) => Promise<InlayHint[]> {
  return async (params: InlayHintParams): Promise<InlayHint[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!isHostDocument(doc)) return [];
    try {
      const chosen = await dialectOf(doc.uri, dialectHead(doc));
      if (!chosen.hasSchema) return [];
      const from = doc.offsetAt(params.range.start);
      const to = doc.offsetAt(params.range.end);
      return parameterTypes(doc.view(chosen.id), chosen.index)
        .filter((t) => t.placeholder.end >= from && t.placeholder.start <= to)
        .map((t) => ({
          position: doc.positionAt(t.placeholder.end),
          label: `: ${t.dataType}`,
          kind: InlayHintKind.Type,
          tooltip: t.column ? `SQL parameter ${t.index}: ${t.dataType}, as ${t.column}` : `SQL parameter ${t.index}: ${t.dataType}`,
        }));
    } catch (e) {
      log.error(`inlay hints failed: ${errorMessage(e)}`);
      return [];
    }
  };
}
