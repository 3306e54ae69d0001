// textDocument/hover: the engine's markdown for the identifier under the cursor.
import { MarkupKind, Range, type Hover, type HoverParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hover } from '../engine/features';
import type { SchemaIndex } from '../engine/schema/schema-index';

export function hoverAt(doc: TextDocument, params: HoverParams, index: SchemaIndex): Hover | null {
  const h = hover(doc.getText(), doc.offsetAt(params.position), index);
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: Range.create(doc.positionAt(h.start), doc.positionAt(h.end)) };
}
