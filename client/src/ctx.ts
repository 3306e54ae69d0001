// Ctx owns everything with a lifetime: the language client, the connection state, the status bar item,
// the schema view and the subscriptions. extension.ts only creates and disposes it; commands receive it.
import * as vscode from 'vscode';
import { randomUUID } from 'node:crypto';
import { State, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { Config } from './config';
import { connectWithPassword, type ConnectOutcome } from './connect-flow';
import type { ConnectParams } from '../../server/src/protocol';
import type { ConnectTarget } from './connect-params';
import { createLanguageClient } from './language-client';
import { Log, RedactingChannel } from './log';
import { Passwords } from './secrets';
import * as server from './server-api';
import type { SchemaStatus } from '../../server/src/protocol';
import type { SchemaModel } from './schema-types';
import type { ConnectionSetting } from './settings';
import { StatusBar } from './status-bar';
import type { ConnectionPhase } from './status-text';
import { SCHEMA_VIEW_ID, SchemaTreeProvider } from './tree/schema-tree';
import { SAVED_QUERIES_VIEW_ID, SavedQueriesProvider } from './tree/saved-queries';
import { changedSinceSnapshot } from './diff/snapshot-marks';

/** What to connect to: a configured connection, or the bundled PGlite sample. */
export type Target = ConnectTarget;

const SAMPLE: Pick<ConnectionSetting, 'name' | 'dialect' | 'readOnly' | 'tags'> = { name: 'sample', dialect: 'postgres', readOnly: true, tags: [] };

export class ServerNotRunningError extends Error {
  constructor() {
    super('the Schemawise language server is not running');
  }
}

export class Ctx implements vscode.Disposable {
  readonly log = new Log();
  readonly config = new Config(this.log);
  readonly passwords: Passwords;
  private readonly channel = new RedactingChannel(this.log.channel);
  private readonly statusBar = new StatusBar();
  private readonly tree = new SchemaTreeProvider();
  private readonly savedQueries = new SavedQueriesProvider();
  private readonly subscriptions: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private clientSubscriptions: vscode.Disposable[] = [];
  private phase: ConnectionPhase = 'disconnected';
  private target: Target | undefined;
  private lastError: string | undefined;
  private schema: SchemaModel | undefined;
  /** Tables that differ from the committed snapshot of the connection (.schemawise/schema/<name>.json). */
  private changedTables: ReadonlySet<string> | undefined;
  /** Bumped by every connect/disconnect, so a slow connect that was superseded does not win. */
  private generation = 0;
  /** The connection a crashed server had, re-made when the client has restarted it. */
  private reconnectTo: Target | undefined;
  private readonly schemaChanged = new vscode.EventEmitter<SchemaStatus>();
  /**
   * The server's schema changed (loaded, refreshed or dropped). Survives server restarts, unlike a
   * notification handler on one LanguageClient: panels subscribe here.
   */
  readonly onDidChangeSchema = this.schemaChanged.event;
  private readonly connectionChanged = new vscode.EventEmitter<void>();
  /** Connected to another database, disconnected, or lost the connection (after the schema is loaded). */
  readonly onDidChangeConnection = this.connectionChanged.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.passwords = new Passwords(extension.secrets);
    this.target = this.activeFromSettings();
    this.subscriptions.push(
      this.schemaChanged,
      this.connectionChanged,
      this.statusBar,
      this.tree,
      vscode.window.registerTreeDataProvider(SCHEMA_VIEW_ID, this.tree),
      vscode.window.registerTreeDataProvider(SAVED_QUERIES_VIEW_ID, this.savedQueries),
      this.savedQueries,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (Config.affects(e, 'connections') || Config.affects(e, 'activeConnection')) this.onSettingsChanged();
      }),
    );
    this.render();
  }

  get serverRunning(): boolean {
    return this.client?.state === State.Running;
  }

  get connected(): boolean {
    return this.phase === 'connected';
  }

  get activeTarget(): Target | undefined {
    return this.target;
  }

  /** The running client, or ServerNotRunningError: commands turn that into a message with a Restart button. */
  requireClient(): LanguageClient {
    if (!this.client || !this.serverRunning) throw new ServerNotRunningError();
    return this.client;
  }

  registerCommand(id: string, handler: (...args: unknown[]) => unknown): void {
    this.subscriptions.push(vscode.commands.registerCommand(id, handler));
  }

  async start(): Promise<void> {
    if (this.client) return;
    let client: LanguageClient;
    try {
      client = createLanguageClient(this.extension, this.channel);
    } catch (e) {
      this.log.error('Schemawise: cannot start the language server:', e);
      this.render();
      return;
    }
    this.client = client;
    this.clientSubscriptions = [
      client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) {
          // The client restarts a crashed server by itself; the connection is re-made once it is back.
          if (this.connected) this.reconnectTo = this.target;
          this.lose('the language server stopped');
        } else if (e.newState === State.Running && this.reconnectTo) {
          const target = this.reconnectTo;
          this.reconnectTo = undefined;
          void this.connect(target, { interactive: false });
        }
        this.render();
      }),
      server.onSchemaChanged(client, (status) => this.onSchemaChanged(status)),
    ];
    try {
      await client.start();
      this.log.info('language server started');
    } catch (e) {
      this.log.error('Schemawise: the language server failed to start:', e);
    }
    this.render();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.reconnectTo = undefined;
    this.clientSubscriptions.forEach((d) => d.dispose());
    this.clientSubscriptions = [];
    this.lose(undefined);
    if (client) {
      try {
        await client.dispose(2000);
      } catch (e) {
        this.log.warn('language server did not stop cleanly:', e);
      }
    }
    this.render();
  }

  /** Restarts the server and reconnects to whatever was connected, without prompting. */
  async restart(): Promise<void> {
    const previous = this.phase === 'connected' ? this.target : undefined;
    await this.stop();
    await this.start();
    if (previous && this.serverRunning) await this.connect(previous, { interactive: false });
  }

  /** Connects the server to `target`; resolves to whether it worked. Failures are shown, never thrown. */
  async connect(target: Target, opts: { interactive: boolean }): Promise<boolean> {
    const client = this.requireClient();
    const generation = ++this.generation;
    const name = this.headerName(target);
    this.setState('connecting', target);
    const result = await connectWithPassword(
      { passwords: this.passwords, send: (params) => this.connectWithProgress(client, target, params), current: () => generation === this.generation },
      target,
      opts.interactive,
    );
    switch (result.kind) {
      case 'superseded':
        return false;
      case 'cancelled':
        // Nothing was tried (no saved password at start-up, or the person cancelled): a neutral
        // "not connected yet" state with the status bar as the Connect action, not a failure.
        this.setState('disconnected', target);
        if (result.reason) this.log.info(`not connecting to ${name} yet: ${result.reason}`);
        return false;
      case 'failed':
        this.log.warn(`connect to ${name} failed (${result.failure.kind}): ${result.failure.message}`);
        this.setState('failed', target, result.failure.message);
        if (opts.interactive) void this.showConnectError(target, result.failure.message);
        return false;
      case 'connected':
        this.log.info(`connected to ${name}: ${result.status.tableCount} tables`);
        this.setState('connected', target);
        if (target.kind === 'configured') await this.config.setActiveConnection(name);
        await this.reloadSchema();
        this.connectionChanged.fire();
        return true;
    }
  }

  /**
   * One connect request with its progress shown: on the explorer view always, and as a notification
   * with the server's steps for the embedded sample, whose start takes several seconds.
   */
  private async connectWithProgress(client: LanguageClient, target: Target, params: ConnectParams): Promise<ConnectOutcome<SchemaStatus>> {
    const send = (report?: (message: string) => void) => {
      const workDoneToken = randomUUID();
      const sub = report
        ? client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
            if (v.kind !== 'end' && v.message) report(v.message);
          })
        : undefined;
      return server.connect(client, report ? { ...params, workDoneToken } : params).finally(() => sub?.dispose());
    };
    return await vscode.window.withProgress({ location: { viewId: SCHEMA_VIEW_ID } }, () =>
      target.kind === 'sample'
        ? vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Schemawise: opening the sample database' }, (progress) =>
            send((message) => progress.report({ message })),
          )
        : send(),
    );
  }

  async disconnect(): Promise<void> {
    ++this.generation;
    this.reconnectTo = undefined;
    const name = this.phase === 'connected' && this.target ? this.headerName(this.target) : undefined;
    if (this.client && this.serverRunning && name) {
      try {
        await server.disconnect(this.client);
      } catch (e) {
        this.log.warn('disconnect request failed:', e);
      }
    }
    this.schema = undefined;
    this.setState('disconnected', this.target);
    if (name) this.log.info(`disconnected from ${name}`);
  }

  /** Asks the server to introspect again; the schemaChanged notification (or the reply) refreshes the view. */
  async refreshSchema(): Promise<void> {
    const client = this.requireClient();
    if (!this.connected) {
      void vscode.window.showInformationMessage('Schemawise: not connected to a database.');
      return;
    }
    await vscode.window.withProgress({ location: { viewId: SCHEMA_VIEW_ID }, title: 'Refreshing schema' }, () => server.refreshSchema(client));
    await this.reloadSchema();
  }

  /** The server dropped its schema on its own (e.g. the database went away): show that, else reload. */
  private onSchemaChanged(status: SchemaStatus): void {
    this.log.debug(`schema changed: ${status.source}${status.label ? ` ${status.label}` : ''}, ${status.tableCount} tables${status.partial ? ' (partial)' : ''}`);
    // Only a connection we consider established can be lost; during our own connect the server may
    // briefly report 'none' while it replaces the previous source.
    if (status.source === 'none') {
      if (this.connected) this.lose('the server closed the connection');
    } else if (!status.partial) void this.reloadSchema(); // a preview (tables and columns only): the complete schema follows
    this.schemaChanged.fire(status);
  }

  private async reloadSchema(): Promise<void> {
    if (!this.client || !this.connected) return;
    const generation = this.generation;
    try {
      const model = await server.getSchema(this.client);
      if (generation !== this.generation) return;
      this.schema = model;
      this.log.debug(`schema loaded: ${model?.tables.length ?? 0} tables`);
      this.changedTables = this.target ? await changedSinceSnapshot(this.client, this.headerName(this.target), this.log) : undefined;
      if (generation !== this.generation) return;
    } catch (e) {
      this.log.error('Schemawise: could not load the schema:', e);
    }
    this.render();
  }

  private headerName(t: Target): string {
    return t.kind === 'sample' ? SAMPLE.name : t.connection.name;
  }

  private header(t: Target): Pick<ConnectionSetting, 'name' | 'dialect' | 'readOnly' | 'tags'> {
    return t.kind === 'sample' ? SAMPLE : t.connection;
  }

  private setState(phase: ConnectionPhase, target: Target | undefined, error?: string): void {
    const wasConnected = this.phase === 'connected';
    this.phase = phase;
    this.target = target;
    this.lastError = error;
    if (phase !== 'connected') {
      this.schema = undefined;
      this.changedTables = undefined;
    }
    this.render();
    // Leaving a connection (switching, disconnecting, losing it): views showing it must let go.
    if (wasConnected && phase !== 'connected') this.connectionChanged.fire();
  }

  /** The server went away (stopped or crashed): the connection went with it. */
  private lose(reason: string | undefined): void {
    if (this.phase === 'connected' || this.phase === 'connecting') {
      ++this.generation;
      this.setState(reason ? 'failed' : 'disconnected', this.target, reason);
    }
  }

  private async showConnectError(target: Target, message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(`Schemawise: could not connect to "${this.headerName(target)}": ${message}`, 'Retry', 'Show Log');
    if (choice === 'Retry') await this.connect(target, { interactive: true });
    else if (choice === 'Show Log') this.log.show();
  }

  /** Settings changed: keep the shown connection in step with its (possibly edited or removed) entry. */
  private onSettingsChanged(): void {
    if (this.target?.kind === 'configured') {
      const fresh = this.config.connection(this.target.connection.name);
      if (fresh) this.target = { kind: 'configured', connection: fresh };
      else if (this.phase !== 'connected') this.target = undefined;
    }
    this.target ??= this.activeFromSettings();
    this.render();
  }

  /** `schemawise.activeConnection`, when it names a configured connection. */
  private activeFromSettings(): Target | undefined {
    const active = this.config.activeConnection();
    const c = active ? this.config.connection(active) : undefined;
    return c ? { kind: 'configured', connection: c } : undefined;
  }

  /** Pushes the state to the status bar, the tree and the `schemawise.connected` context key. */
  private render(): void {
    const header = this.target ? this.header(this.target) : undefined;
    this.statusBar.update({ phase: this.phase, connection: header, serverRunning: this.serverRunning, error: this.lastError });
    this.tree.show(this.connected && header ? header : undefined, this.connected ? this.schema : undefined, this.changedTables);
    void vscode.commands.executeCommand('setContext', 'schemawise.connected', this.connected);
    // The explorer says "Connecting…" instead of offering to connect while a connection is being made.
    void vscode.commands.executeCommand('setContext', 'schemawise.connecting', this.phase === 'connecting');
    void vscode.commands.executeCommand('setContext', 'schemawise.serverRunning', this.serverRunning);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.subscriptions.forEach((d) => d.dispose());
    this.log.dispose();
  }
}
