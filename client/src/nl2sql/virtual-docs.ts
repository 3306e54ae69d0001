// Read-only documents the NL→SQL commands show: the markdown of "Explain this SQL" and the proposed
// side of a rewrite diff. A content provider (not untitled documents) so that closing them never
// asks to save; the proposal is applied to the real file only by the Apply command.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'schemawise-preview';

export class VirtualDocs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;
  private counter = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this);
  }

  /** Stores `text` under a fresh URI whose path ends in `name` (the extension picks the language). */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.counter}/${name}` });
    this.texts.set(uri.toString(), text);
    // Keep only the recent ones: these are views, not a history.
    if (this.texts.size > 20) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '(this preview is no longer available)';
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.texts.clear();
  }
}
