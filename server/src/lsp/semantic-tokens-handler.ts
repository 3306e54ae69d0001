// Semantic tokens for the visible range (textDocument/semanticTokens/range only: classifying a
// 20k-line file whole takes seconds, a screenful takes milliseconds). Legend: standard token types,
// so every theme colours them: table → class, column → property, alias → variable, CTE → struct,
// function → function, parameter → parameter.
import { SemanticTokensBuilder, type Connection, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { SEMANTIC_CLASSES, semanticTokens, type SemanticClass } from '../engine/features/semantic-tokens/semantic-tokens';
import type { DocumentStore } from '../engine/session';
import { dialectHead, type DocumentDialectResolver } from './document-dialect';
import { sqlTextOf } from './embedded-documents';
import type { Logger } from './logger';

const TYPE: Record<SemanticClass, string> = { table: 'class', column: 'property', alias: 'variable', cte: 'struct', function: 'function', parameter: 'parameter' };
export const SEMANTIC_TOKEN_TYPES = SEMANTIC_CLASSES.map((c) => TYPE[c]);

export const semanticTokensCapabilities: ServerCapabilities = {
  semanticTokensProvider: { legend: { tokenTypes: SEMANTIC_TOKEN_TYPES, tokenModifiers: [] }, range: true, full: false },
};

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: Logger;
  dialectOf: DocumentDialectResolver;
  /** The per-document statement cache: a range request lexes only the statements in it. */
  store: DocumentStore;
}

export function registerSemanticTokens({ connection, documents, log, dialectOf, store }: Deps): void {
  connection.languages.semanticTokens.onRange(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { data: [] };
    try {
      const { index } = await dialectOf(doc.uri, dialectHead(doc));
      const sql = store.get(doc.uri, doc.version, index.dialect, () => sqlTextOf(doc, index.dialect.id));
      const builder = new SemanticTokensBuilder();
      for (const t of semanticTokens(sql, index, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end))) {
        const start = doc.positionAt(t.start);
        const end = doc.positionAt(t.end);
        // Quoted names never span lines in practice; a token that does is skipped (LSP tokens are single-line).
        if (end.line !== start.line) continue;
        builder.push(start.line, start.character, end.character - start.character, SEMANTIC_CLASSES.indexOf(t.kind), 0);
      }
      return builder.build();
    } catch (e) {
      log.error(`semantic tokens failed: ${errorMessage(e)}`);
      return { data: [] };
    }
  });
}
