// Typed getters over the `schemawise.*` settings, read from VS Code on every call (no settings cache:
// a change in settings.json is seen by the next read). Coercion lives in settings.ts; here each new
// warning is logged and shown once, so a typo is noticed without nagging on every read.
import * as vscode from 'vscode';
import type { Log } from './log';
import { mergeShared, sharedConnections } from './workspace-connections';
import { activeConnectionFrom, connectionsFrom, traceServerFrom, type ConnectionSetting, type TraceServer } from './settings';

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

  /** Appends to the raw value of the chosen scope only, so user-level entries are not copied into the workspace. */
  async appendConnection(append: (raw: unknown) => unknown[]): Promise<vscode.ConfigurationTarget> {
    const target = this.target();
    const inspected = this.section.inspect<unknown>('connections');
    const raw = target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue;
    await this.section.update('connections', append(raw), target);
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
