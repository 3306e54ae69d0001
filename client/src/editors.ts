// The SQL editor a command acts on: the active text editor, or else the one visible SQL editor (a
// command run from the walkthrough, a webview or the palette leaves no text editor active).
import * as vscode from 'vscode';
import { UserError } from './user-error';

const SQL_LANGUAGES = new Set(['sql', 'pgsql', 'psql']);

export function activeSqlEditor(): vscode.TextEditor {
  const active = vscode.window.activeTextEditor;
  if (active) return active;
  const visibleSql = vscode.window.visibleTextEditors.filter((e) => SQL_LANGUAGES.has(e.document.languageId));
  if (visibleSql.length === 1) return visibleSql[0]!;
  throw new UserError(visibleSql.length > 1 ? 'click into the SQL editor you mean first' : 'open a SQL file first');
}
