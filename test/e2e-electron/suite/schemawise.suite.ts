// The code-server scenarios (test/e2e/code-server.test.ts) through VS Code's API instead of the UI:
// commands, and the editor's completion and hover providers (which ask our language server).
// Registered by suite/index.ts inside the extension host of a desktop VS Code.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CONNECTION } from '../workspace';

const EXTENSION_ID = 'schemawise.schemawise';
const TRACK_COLUMNS = ['track_id', 'name', 'album_id', 'media_type_id', 'genre_id', 'composer', 'milliseconds', 'bytes', 'unit_price'];
const CHINOOK_TABLES = ['album', 'artist', 'customer', 'employee', 'genre', 'invoice', 'invoice_line', 'media_type', 'playlist', 'playlist_track', 'track'];

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the runner opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function completions(file: string, line: number, character: number): Promise<string[]> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(file));
  await vscode.window.showTextDocument(doc);
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
  return list.items.map(label);
}

async function hoverText(file: string, line: number, character: number): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(file));
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, character));
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/**
 * Runs a command that shows a password input box, and accepts the box (empty password: the test
 * server trusts local connections) until the command settles. The API has no event for "an input
 * box opened", so acceptance is retried every 100 ms, bounded by `timeoutMs`.
 */
async function runAcceptingInput<T>(command: string, args: unknown[], timeoutMs = 30_000): Promise<T> {
  let settled = false;
  const result = Promise.resolve(vscode.commands.executeCommand<T>(command, ...args)).finally(() => (settled = true));
  const deadline = Date.now() + timeoutMs;
  while (!settled && Date.now() < deadline) {
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await Promise.race([result.catch(() => undefined), new Promise((r) => setTimeout(r, 100))]);
  }
  if (!settled) throw new Error(`${command} did not finish within ${timeoutMs} ms`);
  return result;
}

export function register(): void {
  describe('Schemawise in desktop VS Code (@vscode/test-electron)', () => {
    before(async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is installed in the development host`);
      await ext.activate();
    });

    it('contributes the Schemawise view and its commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['schemawise.connect', 'schemawise.openSample', 'schemawise.refreshSchema']) assert.ok(commands.includes(c), c);
      await vscode.commands.executeCommand('workbench.view.extension.schemawise');
    });

    it('connects to the workspace connection and completes its table names', async () => {
      const connected = await runAcceptingInput<boolean>('schemawise.connect', [CONNECTION]);
      assert.equal(connected, true);
      const labels = await completions('chinook.sql', 2, 14);
      for (const t of CHINOOK_TABLES) assert.ok(labels.includes(t), `table ${t} in ${labels.join(', ')}`);
    });

    it('completes the columns of the table in scope', async () => {
      const labels = await completions('chinook.sql', 0, 9);
      assert.deepEqual(labels.slice(0, TRACK_COLUMNS.length), TRACK_COLUMNS);
    });

    it('shows a column hover with its table, type and nullability', async () => {
      const text = await hoverText('chinook.sql', 1, 9);
      assert.match(text, /\*\*column\*\* `track\.milliseconds`/);
      assert.match(text, /`integer` NOT NULL/);
    });

    it('Open Sample Database switches to the bundled sample, with column docs', async () => {
      assert.equal(await vscode.commands.executeCommand('schemawise.openSample'), true);
      const labels = await completions('sample.sql', 0, 9);
      for (const c of ['order_id', 'account_id', 'status', 'ordered_at']) assert.ok(labels.includes(c), c);
      assert.match(await hoverText('sample.sql', 1, 8), /Where the order is in its lifecycle/);
    });
  });
}
