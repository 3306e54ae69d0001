// The ERD webview panel: one per window, strict CSP with a fresh nonce, resources only from
// dist/webview. It adapts ErdHost (the message logic) to VS Code: schema from the server, the layout
// file in the workspace folder, save dialogs for exports, DDL documents for tables, and a redraw
// when the server reports a schema change.
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { renderErdHtml } from '../../../webview/src/erd/html';
import type { ErdFocus, ErdToHostMessage, ExportFormat, SavedLayout } from '../../../webview/src/protocol';
import type { Ctx } from '../ctx';
import * as server from '../server-api';
import { openTableDdl } from './ddl-documents';
import { ErdHost } from './erd-host';
import { layoutPath, readLayout, writeLayout, type LayoutRead } from './layout-file';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = { svg: { SVG: ['svg'] }, png: { PNG: ['png'] }, mermaid: { Mermaid: ['mmd', 'md'] } };

export class ErdPanel {
  private static current: ErdPanel | undefined;
  private readonly host: ErdHost;
  private readonly disposables: vscode.Disposable[] = [];

  /** Opens (or reveals) the panel and shows `focus`. */
  static async show(ctx: Ctx, focus: ErdFocus): Promise<void> {
    ctx.requireClient();
    if (!ErdPanel.current) ErdPanel.current = new ErdPanel(ctx);
    else ErdPanel.current.panel.reveal();
    await ErdPanel.current.host.show(focus);
  }

  private constructor(
    private readonly ctx: Ctx,
    private readonly panel = ErdPanel.createPanel(ctx),
  ) {
    this.host = new ErdHost({
      post: (m) => void this.panel.webview.postMessage(m),
      schema: () => this.schema(),
      readLayout: (c) => this.readLayout(c),
      writeLayout: (c, l) => this.writeLayout(c, l),
      saveExport: (f, format, bytes) => this.saveExport(f, format, bytes),
      openTable: (s, t) => openTableDdl(ctx, s, t),
      showError: (m) => void vscode.window.showErrorMessage(`Schemawise: ${m}`),
      showInfo: (m) => void vscode.window.showInformationMessage(m),
      setTitle: (t) => (this.panel.title = t),
      log: (m) => ctx.log.debug(m),
    });
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((m: ErdToHostMessage) => void this.host.handle(m)),
      ctx.onDidChangeSchema(() => void this.host.refresh()),
      ctx.onDidChangeConnection(() => void this.host.refresh()),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  private static createPanel(ctx: Ctx): vscode.WebviewPanel {
    const root = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('schemawise.erd', 'ERD', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [root],
      // Laying out a big schema is expensive: keep the page alive while the tab is hidden.
      retainContextWhenHidden: true,
    });
    panel.webview.html = renderErdHtml({
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'erd.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'erd.css')).toString(),
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      title: 'ERD',
    });
    return panel;
  }

  /** The connected schema and its connection's name, taken together: a switch meanwhile gives undefined. */
  private async schema() {
    const target = this.ctx.activeTarget;
    if (!this.ctx.connected || !target) return undefined;
    const model = await server.getSchema(this.ctx.requireClient());
    // The connection changed while the schema was on its way: this model may be the old one's.
    if (!model || !this.ctx.connected || this.ctx.activeTarget !== target) return undefined;
    return { connection: target.kind === 'sample' ? 'sample' : target.connection.name, model };
  }

  private folder(): vscode.Uri | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri;
  }

  private async readLayout(connection: string): Promise<LayoutRead> {
    const folder = this.folder();
    return folder?.scheme === 'file' ? readLayout(layoutPath(folder.fsPath, connection)) : { kind: 'none' };
  }

  private async writeLayout(connection: string, layout: SavedLayout): Promise<string> {
    const folder = this.folder();
    if (folder?.scheme !== 'file') throw new Error('open a folder to save the layout in (.schemawise/erd/)');
    const path = layoutPath(folder.fsPath, connection);
    await writeLayout(path, layout);
    return vscode.workspace.asRelativePath(path);
  }

  private async saveExport(fileName: string, format: ExportFormat, bytes: Uint8Array): Promise<string | undefined> {
    const base = this.folder() ?? vscode.Uri.file(homedir());
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(base, fileName), filters: FILTERS[format], title: `Export the ERD as ${format.toUpperCase()}` });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, bytes);
    return target.fsPath;
  }

  private dispose(): void {
    if (ErdPanel.current === this) ErdPanel.current = undefined;
    this.disposables.forEach((d) => d.dispose());
  }
}
