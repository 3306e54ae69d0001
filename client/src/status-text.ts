// What the status bar item says for each connection state. Pure (no `vscode` import) so it is tested.
import { isProduction, type ConnectionSetting } from './settings';

export type ConnectionPhase = 'disconnected' | 'connecting' | 'connected' | 'failed';

export interface StatusInput {
  phase: ConnectionPhase;
  /** The connection the item is about: the active one, or the one being connected. */
  connection?: Pick<ConnectionSetting, 'name' | 'dialect' | 'readOnly' | 'tags'>;
  serverRunning: boolean;
  /** Short reason of the last failure, already free of secrets. */
  error?: string;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** Paint with statusBarItem.errorBackground: a `production` tag, and nothing else. */
  alarm: boolean;
  /** Paint with statusBarItem.warningBackground: the last connect attempt failed (not production). */
  warn?: boolean;
}

export function statusView(s: StatusInput): StatusView {
  const c = s.connection;
  if (!s.serverRunning) return { text: '$(error) Schemawise', tooltip: 'The Schemawise language server is not running. Click to pick a connection; see "Schemawise: Show Log".', alarm: false };
  if (!c) return { text: '$(database) Schemawise', tooltip: 'No database connection. Click to connect.', alarm: false };
  const access = c.readOnly ? 'read-only' : 'writable';
  const production = isProduction(c);
  const prod = production ? ' · PRODUCTION' : '';
  switch (s.phase) {
    case 'connecting':
      return { text: `$(sync~spin) ${c.name}`, tooltip: `Connecting to ${c.name} (${c.dialect})…`, alarm: production };
    case 'connected':
      return {
        text: `${c.readOnly ? '$(lock)' : '$(unlock)'} ${c.name} · ${c.dialect} · ${access}`,
        tooltip: `Connected to ${c.name} (${c.dialect}, ${access}${prod}). Click to switch connection.`,
        alarm: production,
      };
    case 'failed':
      return {
        text: `$(warning) ${c.name}`,
        tooltip: `Could not connect to ${c.name}${s.error ? `: ${s.error}` : ''}. Click to connect again or pick another connection.`,
        alarm: production,
        warn: !production,
      };
    case 'disconnected':
      // Not connected yet is a neutral state (e.g. right after start, before a password was asked for).
      return { text: `$(plug) ${c.name}`, tooltip: `${c.name} (${c.dialect}, ${access}${prod}) is not connected. Click to connect.`, alarm: production };
  }
}
