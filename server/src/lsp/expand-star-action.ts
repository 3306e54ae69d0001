// The "Expand *" refactoring: a code action on a select-list `*` (or `t.*`) that replaces it with the
// explicit column list the engine computes (offered only when every source's columns are known).
import { CodeActionKind, Range, type CodeAction, type CodeActionParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { expandStar } from '../engine/features/expand-star/expand-star';
import type { DocumentStore } from '../engine/session';
import { dialectHead, type DocumentDialectResolver } from './document-dialect';

export const EXPAND_STAR_KIND = `${CodeActionKind.RefactorRewrite}.expandStar`;

export function expandStarActions(documents: TextDocuments<TextDocument>, store: DocumentStore, dialectOf: DocumentDialectResolver) {
  return async (params: CodeActionParams): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (params.context.only && !params.context.only.some((k) => EXPAND_STAR_KIND.startsWith(k))) return [];
    const { index } = await dialectOf(doc.uri, dialectHead(doc));
    const sql = store.get(doc.uri, doc.version, index.dialect, () => doc.getText());
    const e = expandStar(sql, doc.offsetAt(params.range.start), index);
    if (!e) return [];
    return [
      {
        title: `Expand * to ${e.columns} column${e.columns === 1 ? '' : 's'}`,
        kind: EXPAND_STAR_KIND,
        edit: { changes: { [doc.uri]: [{ range: Range.create(doc.positionAt(e.start), doc.positionAt(e.end)), newText: e.newText }] } },
      },
    ];
  };
}
