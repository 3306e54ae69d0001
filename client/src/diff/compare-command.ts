// "Schemawise: Compare Schemas…": pick two sources (snapshots in .schemawise/schema, any snapshot
// file, or the live schema of the current connection), then open the markdown report and the
// migration SQL in editors. Nothing is run: the migration is a document to review.
import * as vscode from 'vscode';
import type { CommandFactory } from '../commands';
import type { Ctx } from '../ctx';
import * as server from '../server-api';
import type { DiffSource } from '../../../server/src/protocol';

interface SourceItem extends vscode.QuickPickItem {
  source?: DiffSource;
  browse?: boolean;
}

export async function committedSnapshots(): Promise<vscode.Uri[]> {
  return (await vscode.workspace.findFiles('.schemawise/schema/*.json', undefined, 200)).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

async function pickSource(ctx: Ctx, title: string, exclude?: DiffSource): Promise<DiffSource | undefined> {
  const items: SourceItem[] = [];
  if (ctx.connected && exclude?.kind !== 'live') items.push({ label: '$(database) Live schema of the current connection', source: { kind: 'live' } });
  for (const uri of await committedSnapshots()) {
    if (exclude?.kind === 'snapshot' && exclude.path === uri.fsPath) continue;
    items.push({ label: `$(file) ${vscode.workspace.asRelativePath(uri)}`, description: 'snapshot', source: { kind: 'snapshot', path: uri.fsPath } });
  }
  items.push({ label: '$(folder-opened) Browse for a snapshot file…', browse: true });
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: 'A snapshot (schemawise snapshot) or the connected database' });
  if (!choice) return undefined;
  if (choice.source) return choice.source;
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Schema snapshot': ['json'] }, title });
  return files?.[0] ? { kind: 'snapshot', path: files[0].fsPath } : undefined;
}

const compareSchemas: CommandFactory = (ctx) => async (from?: unknown, to?: unknown) => {
  const client = ctx.requireClient();
  const a = (from as DiffSource | undefined) ?? (await pickSource(ctx, 'Schemawise: Compare Schemas (1/2): the schema you have'));
  if (!a) return false;
  const b = (to as DiffSource | undefined) ?? (await pickSource(ctx, 'Schemawise: Compare Schemas (2/2): the schema you want', a));
  if (!b) return false;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Schemawise: comparing schemas' }, () =>
    server.compareSchemas(client, { from: a, to: b }),
  );
  const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.report });
  await vscode.window.showTextDocument(report, { preview: false });
  if (result.sql !== undefined && !result.equal) {
    const sql = await vscode.workspace.openTextDocument({ language: 'sql', content: result.sql });
    await vscode.window.showTextDocument(sql, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }
  if (result.equal) void vscode.window.showInformationMessage('Schemawise: the schemas are equal.');
  return result;
};

export const DIFF_COMMANDS = {
  'schemawise.compareSchemas': compareSchemas,
} satisfies Record<string, CommandFactory>;
