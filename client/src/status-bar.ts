// The status bar item: which connection is active, its dialect and whether it may write. Clicking it
// picks a connection. Only a `production` tag paints it red; a failed connect is a warning.
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
    this.item.backgroundColor = view.alarm
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : view.warn
        ? new vscode.ThemeColor('statusBarItem.warningBackground')
        : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
