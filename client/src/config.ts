// Typed getters over the `schemawise.*` settings, read from VS Code on every call (no settings cache:
// a change in settings.json is seen by the next read). Coercion lives in settings.ts; here each new
// warning is logged and shown once, so a typo is noticed without nagging on every read.
import * as vscode from 'vscode';
import type { Log } from './log';
import { mergeShared, sharedConnections } from './workspace-connections';
import { activeConnectionFrom, connectionsFrom, traceServerFrom, type ConnectionSetting, type TraceServer } from './settings';
import { appendConnection } from './connection-input';
import { appendConnectionEdits } from './settings-edit';

export const SECTION = 'schemawise';

export class Config {
  /** Warnings already reported, so each one is shown once per session. */
  private readonly reported = new Set<string>();

  constructor(private readonly log: Log) {}

  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  /** The personal connections (settings) merged with the team's (.schemawise/connections.json). */
  connections(): ConnectionSetting[] {
    const { value, warnings } = connectionsFrom(this.section.get<unknown>('connections'));
    this.report(warnings);
    const shared = sharedConnections();
    this.report(shared.warnings);
    return mergeShared(value, shared.value);
  }

  connection(name: string): ConnectionSetting | undefined {
    return this.connections().find((c) => c.name === name);
  }

  activeConnection(): string | undefined {
    return activeConnectionFrom(this.section.get<unknown>('activeConnection'));
  }

  traceServer(): TraceServer {
    return traceServerFrom(this.section.get<unknown>('trace.server'));
  }

  /** Workspace settings when a folder is open (connections are usually per project), else user settings. */
  private target(): vscode.ConfigurationTarget {
    return vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  }

  async setActiveConnection(name: string | undefined): Promise<void> {
    if (this.activeConnection() === name) return;
    await this.section.update('activeConnection', name, this.target());
  }

  /**
   * Appends a connection to the chosen scope only, so user-level entries are not copied into the
   * workspace. In a folder's .vscode/settings.json the entry is inserted as text (the file keeps its
   * comments and formatting); elsewhere (user settings, multi-root) through the settings API.
   */
  async appendConnection(entry: Record<string, unknown>): Promise<vscode.ConfigurationTarget> {
    const target = this.target();
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (target === vscode.ConfigurationTarget.Workspace && folders.length === 1 && !vscode.workspace.workspaceFile) {
      const file = vscode.Uri.joinPath(folders[0]!.uri, '.vscode', 'settings.json');
      if (await exists(file)) {
        const doc = await vscode.workspace.openTextDocument(file);
        const edit = new vscode.WorkspaceEdit();
        for (const e of appendConnectionEdits(doc.getText(), entry))
          edit.replace(file, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
        if (!(await vscode.workspace.applyEdit(edit))) throw new Error('could not edit .vscode/settings.json');
        await doc.save();
        return target;
      }
    }
    const inspected = this.section.inspect<unknown>('connections');
    const raw = target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue;
    await this.section.update('connections', appendConnection(raw, entry), target);
    return target;
  }

  static affects(e: vscode.ConfigurationChangeEvent, key: 'connections' | 'activeConnection' | 'trace.server'): boolean {
    return e.affectsConfiguration(`${SECTION}.${key}`);
  }

  private report(warnings: string[]): void {
    const fresh = warnings.filter((w) => !this.reported.has(w));
    if (fresh.length === 0) return;
    for (const w of fresh) {
      this.reported.add(w);
      this.log.warn(`settings: ${w}`);
    }
    void vscode.window.showWarningMessage(`Schemawise settings: ${fresh[0]}${fresh.length > 1 ? ` (and ${fresh.length - 1} more in the log)` : ''}`);
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
