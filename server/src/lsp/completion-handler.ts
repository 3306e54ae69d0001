// textDocument/completion: the engine's completion mapped to LSP items with a text edit over the
// word under the cursor.
import { CompletionItemKind, MarkupKind, Range, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { complete, type CompletionKind, type CompletionResult } from '../engine/features';
import type { SchemaIndex } from '../engine/schema/schema-index';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  schema: CompletionItemKind.Module,
  table: CompletionItemKind.Class,
  view: CompletionItemKind.Interface,
  column: CompletionItemKind.Field,
  alias: CompletionItemKind.Variable,
  cte: CompletionItemKind.Reference,
};

export function completionAt(doc: TextDocument, params: CompletionParams, index: SchemaIndex): CompletionList {
  const offset = doc.offsetAt(params.position);
  const result = complete(doc.getText(), offset, index, { triggerCharacter: params.context?.triggerCharacter });
  const range = editRange(doc, result, params.position);
  return {
    isIncomplete: false,
    items: result.items.map(
      (i): CompletionItem => ({
        label: i.label,
        kind: KINDS[i.kind],
        detail: i.detail,
        documentation: i.documentation ? { kind: MarkupKind.Markdown, value: i.documentation } : undefined,
        sortText: i.sortText,
        filterText: i.filterText,
        textEdit: { range, newText: i.insertText },
      }),
    ),
  };
}

/** The replaced word, clipped to the cursor's line (an unterminated quote may run on for lines). */
function editRange(doc: TextDocument, result: CompletionResult, position: CompletionParams['position']): Range {
  const start = doc.positionAt(result.replaceStart);
  const end = doc.positionAt(result.replaceEnd);
  return Range.create(start.line === position.line ? start : position, end.line === position.line ? end : position);
}
