// The server's TextDocuments, wired so that every incremental change also reaches the DocumentStore
// as offset edits (the SQL features' per-document state with cached statement boundaries).
// TS/JS documents become HostDocuments (embedded-documents.ts), whose text is their SQL view: the
// store rebuilds their SqlDocument from that view when asked (their edits are host edits).
import { TextDocuments, type Position, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore } from '../engine/session';
import type { Dialect } from '../engine/sql/dialect';
import { TextBuffer } from '../engine/sql/text-buffer';
import { createHostDocument, isHostDocument, type EmbeddedContext } from './embedded-documents';

/**
 * An open SQL file as the LSP sees it, over the engine's TextBuffer: an edit rewrites one chunk of
 * the text instead of copying the file, and the store's SqlDocument reads the same buffer (one copy
 * of each open file in the server).
 */
export class SqlTextDocument implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    readonly buffer: TextBuffer,
  ) {}

  getText(range?: Range): string {
    return range ? this.buffer.slice(this.buffer.offsetAt(range.start), this.buffer.offsetAt(range.end)) : this.buffer.toString();
  }

  positionAt(offset: number): Position {
    return this.buffer.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.buffer.offsetAt(position);
  }

  get lineCount(): number {
    return this.buffer.lineCount;
  }

  getLineRange(line: number): Range {
    return this.buffer.lineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.buffer.lineBreak(line);
  }
}

/** The line of an offset: for an SQL file without reading its text (folding asks for thousands). */
export function lineOf(doc: TextDocument, offset: number): number {
  return doc instanceof SqlTextDocument ? doc.buffer.lineAt(offset) : doc.positionAt(offset).line;
}

/** [start, end] in order (an editor may send a reversed range; it means the same span). */
function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

export function createSqlDocuments(store: DocumentStore, dialect: () => Dialect, embedded?: EmbeddedContext): TextDocuments<TextDocument> {
  const documents = new TextDocuments<TextDocument>({
    create(uri, languageId, version, content) {
      const host = embedded && createHostDocument(uri, languageId, version, content, embedded);
      if (host) return host;
      const buffer = new TextBuffer(content);
      store.open(uri, buffer, version, dialect());
      return new SqlTextDocument(uri, languageId, version, buffer);
    },
    update(doc, changes: TextDocumentContentChangeEvent[], version) {
      if (isHostDocument(doc)) {
        doc.update(changes, version);
        store.close(doc.uri);
        return doc;
      }
      if (!(doc instanceof SqlTextDocument)) throw new Error(`${doc.uri}: not a document this server created`);
      const sql = doc;
      // One change at a time: each change's range refers to the text left by the previous one. The
      // buffer changes first, then the store's SqlDocument (which shares it) updates its boundaries.
      for (const change of changes) {
        if ('range' in change) {
          const range = ordered(change.range);
          const start = sql.buffer.offsetAt(range.start);
          const end = sql.buffer.offsetAt(range.end);
          sql.buffer.replace(start, end, change.text);
          store.edit(sql.uri, [{ start, end, newText: change.text }], version);
        } else {
          sql.buffer.setText(change.text);
          store.replace(sql.uri, change.text, version);
        }
      }
      sql.version = version;
      return sql;
    },
  });
  documents.onDidClose((e) => store.close(e.document.uri));
  return documents;
}
