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
  /** Paint with statusBarItem.errorBackground (a `production` tag, or a failure). */
  alarm: boolean;
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
      return { text: `$(debug-disconnect) ${c.name}`, tooltip: `Could not connect to ${c.name}${s.error ? `: ${s.error}` : ''}. Click to pick a connection.`, alarm: true };
    case 'disconnected':
      return { text: `$(debug-disconnect) ${c.name}`, tooltip: `${c.name} (${c.dialect}, ${access}${prod}) is not connected. Click to connect.`, alarm: production };
  }
}
