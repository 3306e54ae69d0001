// Drives the BUILT language server like an editor does: spawns `node server.js --stdio` and talks
// LSP over its stdin/stdout with vscode-languageserver-protocol. Notifications the server sends
// (showMessage, schemawise/schemaChanged) are recorded and can be awaited, never slept for.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { vendorBuildOptions, vendorPlugin } from '../../esbuild-vendor.mjs';
import {
  CompletionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type PublishDiagnosticsParams,
  type ClientCapabilities,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  ShowMessageNotification,
  ShutdownRequest,
  type CompletionList,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { LANGUAGE_SERVER_NODE_OPTIONS, SchemaChangedNotification, type SchemaStatus } from '../../server/src/protocol';
import { cursor } from './fixtures';

const ROOT = join(__dirname, '../..');
let built: Promise<string> | undefined;

/**
 * Bundles server/src/lsp/main.ts once per test run into a temp dir (so parallel `node esbuild.mjs`
 * runs of other work never race with it), with the same options as esbuild.mjs.
 */
export function buildServer(): Promise<string> {
  built ??= bundleServer(false);
  return built;
}

let builtMinified: Promise<string> | undefined;

/** The server bundled as `npm run package` ships it (minified, no source map), for benchmarks of the product. */
export function buildProductionServer(): Promise<string> {
  builtMinified ??= bundleServer(true);
  return builtMinified;
}

function bundleServer(production: boolean): Promise<string> {
  return (async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'schemawise-lsp-'));
    // server.js is the bootstrap that every launcher starts; it loads server-main.js (the V8 code cache).
    await bundle('server', 'server/src/bootstrap/server.ts', outdir, production);
    await bundle('server-main', 'server/src/lsp/main.ts', outdir, production);
    await esbuild.build({ ...vendorBuildOptions(ROOT), outdir, minify: production, logLevel: 'error' });
    for (const f of ['pglite.wasm', 'initdb.wasm', 'pglite.data']) cpSync(join(ROOT, 'node_modules/@electric-sql/pglite/dist', f), join(outdir, f));
    cpSync(join(ROOT, 'node_modules/libpg-query/wasm/libpg-query.wasm'), join(outdir, 'libpg-query.wasm'));
    return join(outdir, 'server.js');
  })();
}

/**
 * Bundles one entry point of the server (`server/src/…`) into `outdir/<name>.js`, as esbuild.mjs does
 * (the vendor modules it requires on first use are built by buildServer into the same folder).
 */
export async function bundle(name: string, entry: string, outdir: string, production = false): Promise<void> {
  await esbuild.build({
    minify: production,
    absWorkingDir: ROOT,
    entryPoints: { [name]: entry },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    logLevel: 'error',
    loader: { '.sql': 'text' },
    external: ['pg-native', 'cloudflare:sockets'],
    plugins: [vendorPlugin],
  });
}

interface Waiter<T> {
  test: (v: T) => boolean;
  resolve: (v: T) => void;
}

/** Values arriving over time, any of which can be awaited by predicate (past ones included). */
class Inbox<T> {
  readonly received: T[] = [];
  private waiters: Waiter<T>[] = [];
  push(v: T): void {
    this.received.push(v);
    this.waiters = this.waiters.filter((w) => (w.test(v) ? (w.resolve(v), false) : true));
  }
  waitFor(test: (v: T) => boolean, what: string, timeoutMs = 20000): Promise<T> {
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; received ${JSON.stringify(this.received)}`)), timeoutMs);
      this.waiters.push({ test, resolve: (v) => (clearTimeout(timer), resolve(v)) });
    });
  }
}

export class LspClient {
  readonly messages = new Inbox<ShowMessageParams>();
  readonly schemaChanges = new Inbox<SchemaStatus>();
  readonly logs = new Inbox<LogMessageParams>();
  readonly stderr: string[] = [];
  private version = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    connection.onNotification(ShowMessageNotification.type, (p) => this.messages.push(p));
    connection.onNotification(SchemaChangedNotification.type, (s) => this.schemaChanges.push(s));
    connection.onNotification(LogMessageNotification.type, (p) => this.logs.push(p));
    child.stderr?.on('data', (d: Buffer) => this.stderr.push(d.toString()));
  }

  static async start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<LspClient> {
    const serverJs = await buildServer();
    // Each server gets its own per-user state folder (audit log, schema cache) unless the test names
    // one: a schema cached by an earlier test must not stand in for a database a test just changed.
    const state = { XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'sw-lsp-state-')) };
    const child = spawn(process.execPath, [...LANGUAGE_SERVER_NODE_OPTIONS, serverJs, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...state, ...env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    return new LspClient(child, connection);
  }

  /** A server on a schema snapshot file, initialized (with `capabilities`) and with the snapshot loaded. */
  static async onSnapshot(file: string, capabilities: ClientCapabilities = {}): Promise<{ client: LspClient; init: InitializeResult }> {
    const client = await LspClient.start(['--schema', file]);
    const init = await client.initialize(undefined, false, capabilities);
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the snapshot to load');
    return { client, init };
  }

  /** The 'schemawise' workspace settings this client answers workspace/configuration with. */
  settings: unknown = undefined;

  /**
   * Initializes; with `withConfiguration` the client announces workspace/configuration support and
   * answers it from `this.settings`, as VS Code and other editors do.
   */
  async initialize(initializationOptions?: unknown, withConfiguration = false, capabilities: ClientCapabilities = {}): Promise<InitializeResult> {
    if (withConfiguration) {
      this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'schemawise' ? this.settings : null)));
      this.connection.onRequest(RegistrationRequest.type, () => undefined);
    }
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: withConfiguration ? { ...capabilities, workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } : capabilities,
      initializationOptions,
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Changes the workspace settings and tells the server, as an editor does. */
  async changeSettings(settings: unknown): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  /** Opens a document; returns its uri. */
  /**
   * The first diagnostics published for `uri` (after this call) that satisfy `test`; rejects after
   * `timeoutMs`. Call before the change that should publish them.
   */
  diagnosticsFor(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no diagnostics for ${uri}`));
      }, timeoutMs);
      const sub = this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
        if (p.uri !== uri || !test(p)) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(p);
      });
    });
  }

  async open(text: string, uri = `file:///tmp/doc${++this.version}.sql`): Promise<string> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'sql', version: 1, text } });
    return uri;
  }

  /** Completion at the `|` marker of a freshly opened document. */
  async completeAt(marked: string, triggerCharacter?: string): Promise<CompletionList> {
    const { text, offset } = cursor(marked);
    const uri = await this.open(text);
    const result = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: positionOf(text, offset),
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });
    if (!result || Array.isArray(result)) throw new Error(`expected a CompletionList, got ${JSON.stringify(result)}`);
    return result;
  }

  async hoverAt(marked: string): Promise<Hover | null> {
    const { text, offset } = cursor(marked);
    const uri = await this.open(text);
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, offset) });
  }

  /** Shuts the server down the LSP way and waits for the process to exit. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
