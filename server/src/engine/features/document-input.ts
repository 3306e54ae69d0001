// Features take either plain text or an SqlDocument (the language server's per-document state with
// cached statement boundaries); both give the statement under the cursor.
import type { Dialect } from '../sql/dialect';
import { SqlDocument } from '../sql/sql-document';
import { statementAt, type StatementRange } from '../sql/statement-splitter';

export type DocumentInput = string | SqlDocument;

export function textOf(doc: DocumentInput): string {
  return typeof doc === 'string' ? doc : doc.text;
}

/** The statement at `offset`, from the document's cached boundaries when they are of this dialect. */
export function statementOf(doc: DocumentInput, offset: number, dialect: Dialect): StatementRange {
  if (doc instanceof SqlDocument && doc.dialect.id === dialect.id) return doc.statementAt(offset);
  return statementAt(textOf(doc), offset, dialect);
}
