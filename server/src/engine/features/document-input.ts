// Features take either plain text or an SqlDocument (the language server's per-document state with
// cached statement boundaries); both give the statement under the cursor.
import type { Dialect } from '../sql/dialect';
import { SqlDocument } from '../sql/sql-document';
import { splitStatements, statementAt, type StatementRange } from '../sql/statement-splitter';

export type DocumentInput = string | SqlDocument;

export function textOf(doc: DocumentInput): string {
  return typeof doc === 'string' ? doc : doc.text;
}

/** The statement at `offset`, from the document's cached boundaries when they are of this dialect. */
export function statementOf(doc: DocumentInput, offset: number, dialect: Dialect): StatementRange {
  if (doc instanceof SqlDocument && doc.dialect.id === dialect.id) return doc.statementAt(offset);
  return statementAt(textOf(doc), offset, dialect);
}

/**
 * The statements overlapping [from, to], tokenized; from the document's cached boundaries when they
 * are of this dialect (only those statements are lexed), else by splitting the whole text.
 */
export function statementsIn(doc: DocumentInput, dialect: Dialect, from = 0, to = Number.MAX_SAFE_INTEGER): StatementRange[] {
  if (doc instanceof SqlDocument && doc.dialect.id === dialect.id) return doc.statementsIn(from, to);
  return splitStatements(textOf(doc), dialect).filter((st) => !(st.end < from || st.start > to));
}
