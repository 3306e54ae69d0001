// The connection pickers: a quick pick over `schemawise.connections` (plus the sample database and
// "Add Connection…"), and the guided input boxes that add a connection to settings without a password.
import * as vscode from 'vscode';
import {
  connectionEntry,
  connectionPickLabel,
  validateConnectionName,
  validateHost,
  validatePort,
  type ConnectionAnswers,
} from './connection-input';
import type { Config } from './config';
import { testBeforeSaving, type TestOutcome } from './connection-test-flow';
import type { Passwords } from './secrets';
import type { ConnectParams } from '../../server/src/protocol';
import { connectionsFrom, DEFAULT_HOST, DEFAULT_PORTS, DIALECTS, SSL_MODES, type ConnectionSetting, type Dialect, type SslMode } from './settings';

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

export interface AddConnectionDeps {
  config: Config;
  passwords: Pick<Passwords, 'ask' | 'store'>;
  /** Tries the connection on the server without switching to it. */
  test(params: ConnectParams): Promise<TestOutcome>;
}

/**
 * Walks through the input boxes, tests the connection (password asked, kept only when it worked),
 * then saves it; resolves to the new connection's name to connect to, or undefined when cancelled.
 */
export async function addConnection({ config, passwords, test }: AddConnectionDeps): Promise<string | undefined> {
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
  const setting = connectionsFrom([entry]).value[0];
  if (!setting) return undefined;
  const tested = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Testing ${name}` }, () =>
    testBeforeSaving(
      {
        askPassword: (c, why) => passwords.ask(c, why),
        test,
        onFailure: async (message) => {
          const choice = await vscode.window.showErrorMessage(`Schemawise: could not connect to "${name}": ${message}`, { modal: false }, 'Retry', 'Save Anyway');
          return choice === 'Retry' ? 'retry' : choice === 'Save Anyway' ? 'save' : undefined;
        },
      },
      setting,
    ),
  );
  if (tested.kind === 'cancelled') return undefined;
  const target = await config.appendConnection(entry);
  const where = target === vscode.ConfigurationTarget.Workspace ? 'workspace' : 'user';
  if (tested.kind === 'save-untested') {
    void vscode.window.showWarningMessage(`Schemawise: saved "${name}" to ${where} settings without a working connection; fix it there and connect from the status bar.`);
    return undefined;
  }
  // Kept only now that it is known to work.
  await passwords.store(setting, tested.password);
  void vscode.window.showInformationMessage(`Schemawise: "${name}" works (${tested.serverVersion}, ${tested.ms} ms) and is saved in ${where} settings.`);
  return name;
}
