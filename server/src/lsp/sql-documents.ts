// The server's TextDocuments, wired so that every incremental change also reaches the DocumentStore
// as offset edits (the SQL features' per-document state with cached statement boundaries).
// TS/JS documents become HostDocuments (embedded-documents.ts), whose text is their SQL view: the
// store rebuilds their SqlDocument from that view when asked (their edits are host edits).
import { TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore } from '../engine/session';
import type { TextEdit } from '../engine/sql/sql-document';
import type { Dialect } from '../engine/sql/dialect';
import { createHostDocument, isHostDocument, type EmbeddedContext } from './embedded-documents';

export function createSqlDocuments(store: DocumentStore, dialect: () => Dialect, embedded?: EmbeddedContext): TextDocuments<TextDocument> {
  const documents = new TextDocuments<TextDocument>({
    create(uri, languageId, version, content) {
      const host = embedded && createHostDocument(uri, languageId, version, content, embedded);
      if (host) return host;
      store.open(uri, content, version, dialect());
      return TextDocument.create(uri, languageId, version, content);
    },
    update(doc, changes: TextDocumentContentChangeEvent[], version) {
      if (isHostDocument(doc)) {
        doc.update(changes, version);
        store.close(doc.uri);
        return doc;
      }
      const edits: TextEdit[] = [];
      let full: string | undefined;
      // One change at a time: each change's range refers to the text left by the previous one.
      for (const change of changes) {
        if ('range' in change) {
          if (full === undefined) edits.push({ start: doc.offsetAt(change.range.start), end: doc.offsetAt(change.range.end), newText: change.text });
        } else full = change.text;
        doc = TextDocument.update(doc, [change], version);
      }
      if (full !== undefined) store.replace(doc.uri, doc.getText(), version);
      else store.edit(doc.uri, edits, version);
      return doc;
    },
  });
  documents.onDidClose((e) => store.close(e.document.uri));
  return documents;
}
