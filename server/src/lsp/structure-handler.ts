// Folding ranges, selection ranges and the INSERT … VALUES inlay hints, routed to the engine in the document's
// dialect. The inlay hints are one provider (insertValueInlayHints) so that the one
// textDocument/inlayHint handler can concatenate it with others (e.g. the `${…}` parameter types
// of SQL templates in code). Each handler logs and answers empty on an engine failure.
import {
  FoldingRangeKind,
  InlayHintKind,
  type ResponseError,
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
import { foldingRangesAsync } from '../engine/features/folding/folding-ranges';
import { insertValueHints } from '../engine/features/inlay-hints/insert-value-hints';
import { starHints } from '../engine/features/inlay-hints/star-hints';
import { selectionRanges } from '../engine/features/selection/selection-ranges';
import type { DocumentInput } from '../engine/features/document-input';
import type { SchemaIndex } from '../engine/schema/schema-index';
import type { DocumentStore } from '../engine/session';
import { dialectHead, type DocumentDialectResolver } from './document-dialect';
import { isHostDocument, sqlTextOf } from './embedded-documents';
import { lineOf } from './sql-documents';
import type { Logger } from './logger';
import { staleness } from './priority';

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
  /** `schemawise.inlayHints` of a resource: `{ insertValues?: boolean, selectStar?: boolean }`. */
  readInlayHintSettings?: (uri: string) => Promise<unknown>;
  /** More inlay hints for the same request (the `${…}` parameter types of SQL in TS/JS). */
  moreInlayHints?: (params: InlayHintParams) => Promise<InlayHint[]>;
  /** The server's quiet turn: folding a big file for the first time waits for it between slices. */
  idle: () => Promise<void>;
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

/** `N columns` after a select-list `*`, with the columns (name, type, table) in the tooltip. */
export function starColumnInlayHints(doc: TextDocument, range: Range, index: SchemaIndex, sql: DocumentInput = doc.getText()): InlayHint[] {
  return starHints(sql, index, doc.offsetAt(range.start), doc.offsetAt(range.end)).map((h) => ({
    position: doc.positionAt(h.offset),
    label: `${h.columns.length} column${h.columns.length === 1 ? '' : 's'}`,
    kind: InlayHintKind.Type,
    paddingLeft: true,
    tooltip: {
      kind: 'markdown',
      value: ['| column | type | table |', '|---|---|---|', ...h.columns.map((c) => `| \`${c.name}\` | ${c.dataType}${c.nullable ? '' : ' NOT NULL'} | ${c.table} |`)].join('\n'),
    },
  }));
}

/** Which inlay hints are on (both by default); bad values count as the default. */
export function inlayHintSettings(section: unknown): { insertValues: boolean; selectStar: boolean } {
  const s = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
  return { insertValues: s.insertValues !== false, selectStar: s.selectStar !== false };
}

export function registerStructure({ connection, documents, log, dialectOf, store, moreInlayHints, readInlayHintSettings, idle }: Deps): void {
  /** The document's cached statements in the dialect of its schema. */
  const sqlOf = (doc: TextDocument, index: SchemaIndex) => store.get(doc.uri, doc.version, index.dialect, () => sqlTextOf(doc, index.dialect.id));

  connection.onFoldingRanges(async (params, token): Promise<FoldingRange[] | ResponseError<void> | null> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    try {
      const { index } = await dialectOf(doc.uri, dialectHead(doc));
      const { stale, refusal } = staleness(documents, doc, token);
      // The first request on a big file lexes every statement: in slices, between quiet turns.
      const folds = await foldingRangesAsync(sqlOf(doc, index), index.dialect, { pause: idle, cancelled: stale });
      if (!folds) return refusal();
      const out: FoldingRange[] = [];
      for (const f of folds) {
        const startLine = lineOf(doc, f.start);
        const endLine = lineOf(doc, f.end);
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
      const { index } = await dialectOf(doc.uri, dialectHead(doc));
      const [more, section] = await Promise.all([moreInlayHints ? moreInlayHints(params) : [], readInlayHintSettings?.(doc.uri).catch(() => undefined)]);
      const on = inlayHintSettings(section);
      const sql = sqlOf(doc, index);
      return [...(on.insertValues ? insertValueInlayHints(doc, params.range, index, sql) : []), ...(on.selectStar ? starColumnInlayHints(doc, params.range, index, sql) : []), ...more];
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
      const { index } = await dialectOf(doc.uri, dialectHead(doc));
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
