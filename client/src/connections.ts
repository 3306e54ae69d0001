// The connection pickers: a quick pick over `schemawise.connections` (plus the sample database and
// "Add Connection…"), and the guided input boxes that add a connection to settings without a password.
import * as vscode from 'vscode';
import {
  appendConnection,
  connectionEntry,
  connectionPickLabel,
  validateConnectionName,
  validateHost,
  validatePort,
  type ConnectionAnswers,
} from './connection-input';
import type { Config } from './config';
import { DEFAULT_HOST, DEFAULT_PORTS, DIALECTS, SSL_MODES, type ConnectionSetting, type Dialect, type SslMode } from './settings';

export type ConnectionChoice = { kind: 'configured'; connection: ConnectionSetting } | { kind: 'sample' } | { kind: 'add' };

export async function pickConnection(config: Config, active: string | undefined): Promise<ConnectionChoice | undefined> {
  type Item = vscode.QuickPickItem & { choice?: ConnectionChoice };
  const configured: Item[] = config.connections().map((c) => {
    const l = connectionPickLabel(c);
    return { ...l, label: `${c.name === active ? '$(check)' : '$(database)'} ${l.label}`, choice: { kind: 'configured', connection: c } };
  });
  const items: Item[] = [
    ...configured,
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(beaker) Open Sample Database', description: 'PostgreSQL sample, in memory (PGlite)', choice: { kind: 'sample' } },
    { label: '$(add) Add Connection…', choice: { kind: 'add' } },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Schemawise: Connect',
    placeHolder: configured.length ? 'Pick a database connection' : 'No connections configured yet',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.choice;
}

/** Picks among configured connections only (e.g. to forget a password). */
export async function pickConfiguredConnection(config: Config, title: string): Promise<ConnectionSetting | undefined> {
  const connections = config.connections();
  if (connections.length === 0) {
    void vscode.window.showInformationMessage('Schemawise: no connections are configured.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    connections.map((c) => ({ ...connectionPickLabel(c), connection: c })),
    { title, placeHolder: 'Pick a connection' },
  );
  return picked?.connection;
}

async function pickOne<T extends string>(title: string, values: readonly T[], describe: (v: T) => string | undefined): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(values.map((v) => ({ label: v, description: describe(v), value: v })), { title, ignoreFocusOut: true });
  return picked?.value;
}

const SSL_HELP: Record<SslMode, string> = {
  disable: 'plain TCP (local databases)',
  require: 'TLS without certificate checks',
  'verify-ca': 'TLS, certificate signed by a trusted CA',
  'verify-full': 'TLS, CA and host name checked (recommended for remote servers)',
};

/** Walks through the input boxes; resolves to the new connection's name, or undefined when cancelled. */
export async function addConnection(config: Config): Promise<string | undefined> {
  const title = 'Schemawise: Add Connection';
  const box = (prompt: string, value: string, validateInput?: (v: string) => string | undefined) =>
    vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput });
  const existing = config.connections().map((c) => c.name);
  const name = await box('Connection name (shown in the status bar)', '', (v) => validateConnectionName(v, existing));
  if (name === undefined) return undefined;
  const dialect = await pickOne<Dialect>(`${title}: dialect`, DIALECTS, (d) => ({ postgres: 'PostgreSQL', mysql: 'MySQL / MariaDB', mssql: 'SQL Server' })[d]);
  if (!dialect) return undefined;
  const host = await box('Host', DEFAULT_HOST, validateHost);
  if (host === undefined) return undefined;
  const port = await box('Port', String(DEFAULT_PORTS[dialect]), validatePort);
  if (port === undefined) return undefined;
  const database = await box('Database', '');
  if (database === undefined) return undefined;
  const user = await box('User (the password is asked for on first connect and kept in the system keychain)', '');
  if (user === undefined) return undefined;
  const sslMode = await pickOne<SslMode>(`${title}: TLS`, SSL_MODES, (m) => SSL_HELP[m]);
  if (!sslMode) return undefined;
  const access = await pickOne(`${title}: access`, ['read-only', 'writable'] as const, (a) => (a === 'read-only' ? 'recommended: the database session refuses writes' : 'allows writes you explicitly ask for'));
  if (!access) return undefined;
  const answers: ConnectionAnswers = { name, dialect, host, port, database, user, sslMode, readOnly: access === 'read-only' };
  const entry = connectionEntry(answers);
  const target = await config.appendConnection((raw) => appendConnection(raw, entry));
  const where = target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user';
  const connect = await vscode.window.showInformationMessage(`Schemawise: added "${entry.name as string}" to ${where} settings.`, 'Connect');
  return connect === 'Connect' ? (entry.name as string) : undefined;
}
