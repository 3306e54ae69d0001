// Connections shared with the team in `.schemawise/connections.json` ({"connections": [...]}, the
// same entries as the schemawise.connections setting, never secrets), merged after the personal
// ones: a personal connection of the same name wins. Ignored in Restricted Mode, so an untrusted
// folder cannot point a connection at another server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionSetting } from './settings';
import { parseShared } from './shared-connections';

export { mergeShared } from './shared-connections';

export function sharedConnections(): { value: ConnectionSetting[]; warnings: string[] } {
  if (!vscode.workspace.isTrusted) return { value: [], warnings: [] };
  const value: ConnectionSetting[] = [];
  const warnings: string[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const file = join(folder.uri.fsPath, '.schemawise', 'connections.json');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const parsed = parseShared(text);
    warnings.push(...parsed.warnings.map((w) => `.schemawise/connections.json: ${w}`));
    value.push(...parsed.value);
  }
  return { value, warnings };
}
