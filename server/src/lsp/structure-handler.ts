// Folding ranges, selection ranges and the INSERT … VALUES inlay hints, routed to the engine in the document's
// dialect. The inlay hints are one provider (insertValueInlayHints) so that the one
// textDocument/inlayHint handler can concatenate it with others (e.g. the `${…}` parameter types
// of SQL templates in code). Each handler logs and answers empty on an engine failure.
import {
  FoldingRangeKind,
  InlayHintKind,
  type Connection,
  type FoldingRange,
  type InlayHint,
  type InlayHintParams,
  type Range,
  type SelectionRange,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { foldingRanges } from '../engine/features/folding/folding-ranges';
import { insertValueHints } from '../engine/features/inlay-hints/insert-value-hints';
import { selectionRanges } from '../engine/features/selection/selection-ranges';
import type { DocumentInput } from '../engine/features/document-input';
import type { SchemaIndex } from '../engine/schema/schema-index';
import type { DocumentStore } from '../engine/session';
import type { DocumentDialectResolver } from './document-dialect';
import { isHostDocument, sqlTextOf } from './embedded-documents';
import type { Logger } from './logger';

export const structureCapabilities: ServerCapabilities = {
  foldingRangeProvider: true,
  inlayHintProvider: true,
  selectionRangeProvider: true,
};

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: Logger;
  dialectOf: DocumentDialectResolver;
  /** The per-document statement cache: requests lex only the statements they look at. */
  store: DocumentStore;
  /** More inlay hints for the same request (the `${…}` parameter types of SQL in TS/JS). */
  moreInlayHints?: (params: InlayHintParams) => Promise<InlayHint[]>;
}

/** `column:` before each value of INSERT … VALUES rows in the range. */
export function insertValueInlayHints(doc: TextDocument, range: Range, index: SchemaIndex, sql: DocumentInput = doc.getText()): InlayHint[] {
  return insertValueHints(sql, index, doc.offsetAt(range.start), doc.offsetAt(range.end)).map((h) => ({
    position: doc.positionAt(h.offset),
    label: `${h.column}:`,
    kind: InlayHintKind.Parameter,
    paddingRight: true,
  }));
}

export function registerStructure({ connection, documents, log, dialectOf, store, moreInlayHints }: Deps): void {
  /** The document's cached statements in the dialect of its schema. */
  const sqlOf = (doc: TextDocument, index: SchemaIndex) => store.get(doc.uri, doc.version, index.dialect, () => sqlTextOf(doc, index.dialect.id));

  connection.onFoldingRanges(async (params): Promise<FoldingRange[] | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const text = doc.getText();
      const { index } = await dialectOf(doc.uri, text);
      const out: FoldingRange[] = [];
      for (const f of foldingRanges(sqlOf(doc, index), index.dialect)) {
        const startLine = doc.positionAt(f.start).line;
        const endLine = doc.positionAt(f.end).line;
        if (endLine <= startLine) continue;
        out.push({ startLine, endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : f.kind === 'region' ? FoldingRangeKind.Region : undefined });
      }
      return out;
    } catch (e) {
      log.error(`folding ranges failed: ${errorMessage(e)}`);
      return null;
    }
  });

  connection.languages.inlayHint.on(async (params): Promise<InlayHint[] | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const { index } = await dialectOf(doc.uri, doc.getText());
      const more = moreInlayHints ? await moreInlayHints(params) : [];
      return [...insertValueInlayHints(doc, params.range, index, sqlOf(doc, index)), ...more];
    } catch (e) {
      log.error(`inlay hints failed: ${errorMessage(e)}`);
      return null;
    }
  });

  connection.onSelectionRanges(async (params): Promise<SelectionRange[] | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    // In a TS/JS file, positions outside the SQL templates are the host language's.
    if (isHostDocument(doc) && !params.positions.some((p) => doc.regionAt(doc.offsetAt(p)))) return null;
    try {
      const { index } = await dialectOf(doc.uri, doc.getText());
      const sql = sqlOf(doc, index);
      return params.positions.map((p) => {
        const offset = doc.offsetAt(p);
        // Outermost first, each the parent of the next; a position outside any statement selects itself.
        let range: SelectionRange = { range: { start: p, end: p } };
        let parent: SelectionRange | undefined;
        for (const s of selectionRanges(sql, offset, index.dialect).reverse()) {
          range = { range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) }, parent };
          parent = range;
        }
        return range;
      });
    } catch (e) {
      log.error(`selection ranges failed: ${errorMessage(e)}`);
      return null;
    }
  });
}
