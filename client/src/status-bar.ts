// The status bar item: which connection is active, its dialect and whether it may write. Clicking it
// picks a connection. A `production` tag (or a failed connect) paints it with the error background.
import * as vscode from 'vscode';
import { statusView, type StatusInput } from './status-text';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('schemawise.connection', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'Schemawise Connection';
    this.item.command = 'schemawise.connect';
  }

  update(input: StatusInput): void {
    const view = statusView(input);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.alarm ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
