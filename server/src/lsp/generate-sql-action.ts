// The "Generate SQL" code action on `-- question` comment lines. It carries no edit: its command asks
// the client to run schemawise/askDatabase with the question (progress, cancel, the write warning)
// and insert the SQL below the comment, so nothing is generated, let alone run, until chosen.
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { GENERATE_SQL_COMMAND, type GenerateSqlCommandArgs } from '../protocol';
import { questionOfLine } from './question-comment';

/** Code action kind of "Generate SQL" (a refactoring that writes new code). */
export const GENERATE_SQL_KIND = `${CodeActionKind.Refactor}.generateSql`;

export function generateSqlActions(documents: TextDocuments<TextDocument>) {
  return (params: CodeActionParams): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    if (params.context.only && !params.context.only.some((k) => GENERATE_SQL_KIND === k || GENERATE_SQL_KIND.startsWith(`${k}.`))) return [];
    const actions: CodeAction[] = [];
    const last = Math.min(params.range.end.line, params.range.start.line + 20);
    for (let line = params.range.start.line; line <= last && line < doc.lineCount; line++) {
      const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
      const question = questionOfLine(text);
      if (!question) continue;
      const args: GenerateSqlCommandArgs = { uri: doc.uri, line, question };
      actions.push({ title: 'Generate SQL', kind: GENERATE_SQL_KIND, command: { title: 'Generate SQL', command: GENERATE_SQL_COMMAND, arguments: [args] } });
    }
    return actions;
  };
}
