// Index advisor commands: "Suggest Indexes for This Query" (the code action's command, or the
// selection / the statement's text) and "Suggest Indexes for This File". The server does the work
// on the live connection (schemawise/suggestIndexes); the advice opens as a Markdown preview.
import * as vscode from 'vscode';
import { SuggestIndexesRequest, type SuggestIndexesParams, type SuggestIndexesResult } from '../../../server/src/protocol';
import type { CommandFactory } from '../commands';
import { activeSqlEditor } from '../editors';
import { statementAt } from '../nl2sql/sql-text';
import { UserError } from '../user-error';

async function show(ctx: Parameters<CommandFactory>[0], params: SuggestIndexesParams, what: string): Promise<boolean> {
  const client = ctx.requireClient();
  const r: SuggestIndexesResult | undefined = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Schemawise: suggesting indexes for ${what}`, cancellable: false },
    () => client.sendRequest(SuggestIndexesRequest.type, params),
  );
  if (!r) return false;
  const doc = await vscode.workspace.openTextDocument({ content: r.markdown, language: 'markdown' });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
  return true;
}

const suggestIndexes: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = arg as Partial<SuggestIndexesParams> | undefined;
  if (given && typeof given.uri === 'string' && typeof given.sql === 'string') return show(ctx, { uri: given.uri, sql: given.sql }, 'this query');
  const editor = activeSqlEditor();
  const doc = editor.document;
  const sql = editor.selection.isEmpty ? statementAt(doc.getText(), doc.offsetAt(editor.selection.active))?.text : doc.getText(editor.selection);
  if (!sql?.trim()) throw new UserError('there is no SQL statement at the cursor');
  return show(ctx, { uri: editor.document.uri.toString(), sql }, 'this query');
};

const suggestIndexesForFile: CommandFactory = (ctx) => async () => {
  const editor = activeSqlEditor();
  return show(ctx, { uri: editor.document.uri.toString() }, 'this file');
};

export const ADVISOR_COMMANDS = {
  'schemawise.suggestIndexes': suggestIndexes,
  'schemawise.suggestIndexesForFile': suggestIndexesForFile,
} as const satisfies Record<string, CommandFactory>;
