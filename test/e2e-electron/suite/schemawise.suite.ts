// The code-server scenarios (test/e2e/code-server.test.ts) through VS Code's API instead of the UI:
// commands, and the editor's completion, hover, code lens and code action providers (which ask our
// language server). Webview contents are out of the API's reach, so runs are checked through the
// audit log the server writes in the workspace, and the ERD by its panel's tab.
// Registered by suite/index.ts inside the extension host of a desktop VS Code.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

interface AuditLine {
  outcome: string;
  rows?: number;
  rule?: string;
}

/** The server's audit log in the workspace (.schemawise/audit.log), one entry a line. */
function auditLines(): AuditLine[] {
  const file = workspaceFile('.schemawise/audit.log').fsPath;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditLine);
}

/** Runs the command of the `index`-th "▶ Run" code lens of `file`, as a click on it does. */
async function runCodeLens(file: string, index: number): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(file));
  await vscode.window.showTextDocument(doc);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
  const runs = lenses.filter((l) => l.command?.title === '▶ Run');
  const lens = runs[index];
  assert.ok(lens?.command, `a "▶ Run" lens #${index} in ${file} (${runs.length} found)`);
  await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

function tabLabels(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
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

    it('runs the statement of a "▶ Run" code lens on the read-only connection (audited, 10 rows)', async () => {
      const before = auditLines().length;
      await runCodeLens('run.sql', 0);
      const added = auditLines().slice(before);
      assert.deepEqual(added.map((a) => [a.outcome, a.rows]), [['ok', 10]]);
      assert.ok(tabLabels().includes('Schemawise Results'), `the results panel is open: ${tabLabels().join(', ')}`);
    });

    it('refuses a write on the read-only connection and changes nothing', async () => {
      const before = auditLines().length;
      await runCodeLens('run.sql', 1);
      const added = auditLines().slice(before);
      assert.deepEqual(added.map((a) => [a.outcome, a.rule]), [['refused', 'not-read-only-kind']]);
    });

    it('Show ERD opens the diagram panel of the connection', async () => {
      await vscode.commands.executeCommand('schemawise.showErd');
      assert.ok(tabLabels().includes(`ERD: ${CONNECTION}`), `an "ERD: ${CONNECTION}" tab: ${tabLabels().join(', ')}`);
    });

    it('the "Generate SQL" code action of a question comment inserts SQL below it and runs nothing', async () => {
      const before = auditLines().length;
      const doc = await vscode.workspace.openTextDocument(workspaceFile('ask.sql'));
      await vscode.window.showTextDocument(doc);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 5, 0, 5));
      const generate = actions.find((a) => a.command?.command === 'schemawise.generateSqlFromComment');
      assert.ok(generate?.command, `a Generate SQL action: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(await vscode.commands.executeCommand(generate.command.command, ...(generate.command.arguments ?? [])), true);
      const text = doc.getText();
      assert.match(text, /count\(/i);
      assert.match(text, /\btrack\b/i);
      assert.equal(auditLines().length, before, 'nothing ran');
    });

    it('Open Sample Database switches to the bundled sample, with column docs', async () => {
      assert.equal(await vscode.commands.executeCommand('schemawise.openSample'), true);
      const labels = await completions('sample.sql', 0, 9);
      for (const c of ['order_id', 'account_id', 'status', 'ordered_at']) assert.ok(labels.includes(c), c);
      assert.match(await hoverText('sample.sql', 1, 8), /Where the order is in its lifecycle/);
    });
  });
}
