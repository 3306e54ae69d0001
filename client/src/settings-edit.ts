// Adding a connection to a settings.json by inserting text, not by rewriting the file: comments,
// ordering, trailing commas and the person's indentation stay as they were (issue 20: Add Connection
// reformatted the whole settings.json). Pure text → text, so it is tested without VS Code.
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type FormattingOptions } from 'jsonc-parser';

export const CONNECTIONS_KEY = 'schemawise.connections';

/** The edits that append `entry` to `schemawise.connections` (creating the array if needed). */
export function appendConnectionEdits(text: string, entry: Record<string, unknown>): Edit[] {
  const source = text.trim() === '' ? '{}' : text;
  const errors: { error: number; offset: number; length: number }[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object' || errors.length > 0) throw new Error('the settings file is not valid JSON with comments; fix it first');
  const formatting = detectFormatting(source);
  const array = findNodeAtLocation(root, [CONNECTIONS_KEY]);
  const last = array?.type === 'array' ? array.children?.at(-1) : undefined;
  let edits: Edit[];
  if (array?.type === 'array' && last) {
    // jsonc-parser's own array insertion reformats the previous element too: insert the text ourselves,
    // after the last element, indented like it.
    const lineStart = source.lastIndexOf('\n', last.offset) + 1;
    const indent = /^[ \t]*/.exec(source.slice(lineStart))![0];
    const unit = formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 2) : '\t';
    const body = JSON.stringify(entry, null, unit).split('\n').join(formatting.eol + indent);
    edits = [{ offset: last.offset + last.length, length: 0, content: `,${formatting.eol}${indent}${body}` }];
  } else {
    if (array && array.type !== 'array') throw new Error(`"${CONNECTIONS_KEY}" in the settings file is not a list; fix it first`);
    edits = modify(source, [CONNECTIONS_KEY], [entry], { formattingOptions: formatting });
  }
  return source === text ? edits : [{ offset: 0, length: text.length, content: applyEdits(source, edits) }];
}

export function appendConnectionText(text: string, entry: Record<string, unknown>): string {
  return applyEdits(text, appendConnectionEdits(text, entry));
}

/** The file's own indentation (tabs, or the smallest run of leading spaces) and line ending. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = text.split(/\r?\n/).map((l) => /^[ \t]+(?=\S)/.exec(l)?.[0]).filter((s): s is string => s !== undefined);
  if (indents.some((s) => s.startsWith('\t'))) return { insertSpaces: false, tabSize: 4, eol };
  const sizes = indents.map((s) => s.length).filter((n) => n > 0);
  const tabSize = sizes.length ? Math.min(...sizes) : 2;
  return { insertSpaces: true, tabSize: Math.min(8, Math.max(1, tabSize)), eol };
}
