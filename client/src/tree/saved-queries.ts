// The "Saved Queries" view: `.schemawise/queries/**/*.sql` of the workspace, shared in Git. A click
// opens the file; running it is the usual Run command (the connection's read-only rules apply).
import * as vscode from 'vscode';

export const SAVED_QUERIES_VIEW_ID = 'schemawise.savedQueries';
const GLOB = '.schemawise/queries/**/*.sql';

export class SavedQueriesProvider implements vscode.TreeDataProvider<vscode.Uri>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(GLOB);
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const refresh = () => this.changed.fire(undefined);
    this.subscriptions = [this.watcher, this.changed, this.watcher.onDidCreate(refresh), this.watcher.onDidDelete(refresh), this.watcher.onDidChange(refresh)];
  }

  async getChildren(node?: vscode.Uri): Promise<vscode.Uri[]> {
    if (node) return [];
    const files = await vscode.workspace.findFiles(GLOB, undefined, 1000);
    return files.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
  }

  async getTreeItem(uri: vscode.Uri): Promise<vscode.TreeItem> {
    const relative = vscode.workspace.asRelativePath(uri).replace(/^.*?\.schemawise\/queries\//, '');
    const item = new vscode.TreeItem(relative.replace(/\.sql$/i, ''), vscode.TreeItemCollapsibleState.None);
    item.resourceUri = uri;
    item.iconPath = new vscode.ThemeIcon('file-code');
    item.contextValue = 'schemawise.savedQuery';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    const title = await firstCommentLine(uri);
    if (title) {
      item.description = title;
      item.tooltip = `${title}\n${relative}`;
    }
    return item;
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }
}

/** The first `-- ` comment line of the file, the query's title, when it starts with one. */
async function firstCommentLine(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8', 0, 2000);
    const first = text.split('\n').find((l) => l.trim());
    const m = first ? /^\s*--\s*(?!schemawise:)(.+)$/.exec(first) : null;
    return m?.[1]?.trim();
  } catch {
    return undefined;
  }
}
