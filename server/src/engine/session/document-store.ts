// The open documents as the SQL features see them: one SqlDocument per uri, kept in step with the
// editor's incremental edits so statement boundaries are updated locally on each keystroke instead
// of being recomputed from the whole text on every request.
import type { Dialect } from '../sql/dialect';
import { SqlDocument, type TextEdit } from '../sql/sql-document';
import type { TextBuffer } from '../sql/text-buffer';

export class DocumentStore {
  private readonly docs = new Map<string, SqlDocument>();

  /** `text` may be the TextBuffer of the editor's document: the SqlDocument then reads (and follows) that one copy. */
  open(uri: string, text: string | TextBuffer, version: number, dialect: Dialect): SqlDocument {
    const doc = new SqlDocument(text, dialect, version);
    this.docs.set(uri, doc);
    return doc;
  }

  /** Applies edits in order (each in offsets of the text left by the previous one). */
  edit(uri: string, edits: TextEdit[], version: number): void {
    const doc = this.docs.get(uri);
    if (!doc) return;
    for (const e of edits) doc.applyEdit(e, version);
    doc.version = version;
  }

  replace(uri: string, text: string, version: number): void {
    this.docs.get(uri)?.setText(text, version);
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  /**
   * The document at this version in this dialect: its boundaries read again when the dialect
   * changed (another schema was loaded), rebuilt from `text` when the store is behind (an edit it
   * did not see).
   */
  get(uri: string, version: number, dialect: Dialect, text: () => string): SqlDocument {
    const doc = this.docs.get(uri);
    if (doc && doc.version === version) {
      doc.setDialect(dialect);
      return doc;
    }
    return this.open(uri, text(), version, dialect);
  }
}
