// The host side of the results webview: one panel, reused for every run, opened beside the editor.
// It waits for the webview's `ready` before posting, puts copied text on the clipboard, saves exports
// where the user picks (showSaveDialog), and forwards the panel's Cancel button.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ExplainOutcome, RunOutcome } from '../../../server/src/protocol';
import { renderResultsHtml } from '../../../webview/src/results/html';
import type { GridPlan, GridResultSet, HostToResultsMessage, ResultsToHostMessage } from '../../../webview/src/results/protocol';
import type { Log } from '../log';

const VIEW_TYPE = 'schemawise.results';

type Outgoing = DistributiveOmit<HostToResultsMessage, 'requestId'>;

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private queue: HostToResultsMessage[] = [];
  private nextRequestId = 1;
  /** Called when the user presses Cancel in the panel. */
  onCancel: () => void = () => undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {}

  showRunning(title: string, connection: string): void {
    this.post({ type: 'running', title, connection });
  }

  showFailed(title: string, connection: string, message: string): void {
    this.post({ type: 'failed', title, connection, message });
  }

  showRun(title: string, outcome: RunOutcome): void {
    if (outcome.status === 'refused') return this.showFailed(title, outcome.connection.name, `Refused by the query firewall; nothing was run.\n\n${outcome.message}`);
    if (outcome.status === 'needs-confirmation') return this.showFailed(title, outcome.connection.name, 'Not run: the statements were not confirmed.');
    // The server's ResultSet is the grid's GridResultSet (checked here by the compiler).
    const sets: GridResultSet[] = outcome.results;
    this.post({ type: 'results', title, connection: outcome.connection.name, sets, message: outcome.message, cancelled: outcome.status === 'cancelled' });
  }

  showExplain(title: string, outcome: ExplainOutcome): void {
    if (outcome.status === 'ok') {
      const plan: GridPlan = outcome.plan;
      const raw = typeof outcome.raw === 'string' ? outcome.raw : JSON.stringify(outcome.raw, null, 2);
      this.post({ type: 'plan', title, connection: outcome.connection.name, plan, raw });
    } else if (outcome.status === 'refused' || outcome.status === 'failed' || outcome.status === 'cancelled') this.showFailed(title, outcome.connection.name, outcome.message);
    else this.showFailed(title, outcome.connection.name, 'Not run: EXPLAIN ANALYZE was not confirmed.');
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private post(message: Outgoing): void {
    const full = { ...message, requestId: this.nextRequestId++ } as HostToResultsMessage;
    const panel = this.ensurePanel();
    if (!panel.visible) panel.reveal(vscode.ViewColumn.Beside, true);
    if (this.ready) void panel.webview.postMessage(full);
    else this.queue.push(full);
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Schemawise Results', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [root],
      // The grid keeps its scroll position, sort and selection while the tab is in the background.
      retainContextWhenHidden: true,
    });
    const webview = panel.webview;
    webview.html = renderResultsHtml({
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'results.css')).toString(),
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      title: 'Schemawise Results',
    });
    webview.onDidReceiveMessage((m: ResultsToHostMessage) => void this.receive(m));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.queue = [];
    });
    this.panel = panel;
    return panel;
  }

  private async receive(m: ResultsToHostMessage): Promise<void> {
    switch (m.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        for (const q of queued) await this.panel?.webview.postMessage(q);
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(m.text);
        vscode.window.setStatusBarMessage(m.format === 'plan' ? 'Schemawise: copied the plan' : `Schemawise: copied ${m.rows} row${m.rows === 1 ? '' : 's'} as ${m.format.toUpperCase()}`, 3000);
        return;
      case 'export':
        return this.export(m);
      case 'cancel':
        this.onCancel();
        return;
      case 'error':
        this.log.error(`results view: ${m.message}`);
        return;
      case 'rendered':
        this.log.debug(`results view: ${m.view} drawn in ${m.ms} ms (${m.tabs} tabs, ${m.domRows} grid rows in the DOM)`);
        return;
    }
  }

  private async export(m: Extract<ResultsToHostMessage, { type: 'export' }>): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const filters: Record<string, string[]> = { csv: { CSV: ['csv'] }, json: { JSON: ['json'] }, markdown: { Markdown: ['md'] } }[m.format];
    const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, m.fileName) : undefined, filters, saveLabel: 'Export' });
    let answer: HostToResultsMessage;
    if (!target) answer = { type: 'saved', requestId: m.requestId, ok: false, error: 'cancelled' };
    else {
      try {
        await vscode.workspace.fs.writeFile(target, Buffer.from(m.content, 'utf8'));
        answer = { type: 'saved', requestId: m.requestId, ok: true, path: target.fsPath };
      } catch (e) {
        answer = { type: 'saved', requestId: m.requestId, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    }
    await this.panel?.webview.postMessage(answer);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
