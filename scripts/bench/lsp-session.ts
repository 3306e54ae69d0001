// A bare LSP client over stdio for the benchmark, used the same way for every server measured:
// spawn, initialize, open/change documents, time requests, read the server's peak RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DocumentFormattingRequest,
  DocumentHighlightRequest,
  FoldingRangeRequest,
  InlayHintRequest,
  SemanticTokensRangeRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  RegistrationRequest,
  SocketMessageReader,
  SocketMessageWriter,
  WorkDoneProgressCreateRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type CompletionItem,
  type CompletionList,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol/node';

export interface LspCommand {
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  initializationOptions?: unknown;
  rootUri?: string | null;
  /**
   * 'pipe': LSP over a Unix socket (`--pipe=<path>` is appended to args) instead of stdio, so that
   * the server's stdout is free for something else (bench-gc.ts reads V8's GC trace from it).
   */
  transport?: 'stdio' | 'pipe';
}

export class LspSession {
  /** What the server announced in its initialize result. */
  capabilities: ServerCapabilities = {};
  private diagnosticWaiters: { uri: string; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    readonly spawnedAt: number,
    private readonly stderrTail: () => string,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => (w.uri === p.uri ? (w.resolve(p), false) : true));
    });
    // Servers may ask for configuration or registrations; answer like a plain editor.
    connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => null));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  }

  static async start(cmd: LspCommand): Promise<LspSession> {
    const spawnedAt = performance.now();
    const pipe = cmd.transport === 'pipe' ? await listenOnSocket() : undefined;
    const args = pipe ? [...cmd.args, `--pipe=${pipe.path}`] : cmd.args;
    const child = spawn(cmd.command, args, { cwd: cmd.cwd, env: { ...process.env, ...cmd.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr.trim()}`))));
    exited.catch(() => undefined);
    let connection: ProtocolConnection;
    if (pipe) {
      const socket = await Promise.race([pipe.connected, exited]).finally(pipe.close);
      connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
    } else connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection, spawnedAt, () => stderr);
    connection.listen();
    const initialized = await Promise.race([
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: cmd.rootUri ?? null,
        // Completion as vscode-languageclient declares it: snippets, and list defaults (a shared edit range).
        capabilities: {
          textDocument: {
            completion: { completionItem: { snippetSupport: true }, completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } },
            synchronization: { didSave: false },
          },
        },
        initializationOptions: cmd.initializationOptions,
        workspaceFolders: cmd.rootUri ? [{ uri: cmd.rootUri, name: 'bench' }] : null,
      }),
      exited,
    ]);
    session.capabilities = initialized.capabilities;
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  private versions = new Map<string, number>();

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'sql', version: 1, text } });
  }

  /** Inserts text at a position (incremental sync); returns the new version. */
  async insert(uri: string, at: Position, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text }] });
    return version;
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const r = (await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
    return !r ? [] : Array.isArray(r) ? r : r.items;
  }

  /**
   * What VS Code asks of a SQL editor around a keystroke besides completion, for the visible lines
   * [line - 25, line + 25]: semantic tokens and inlay hints of the range, folding ranges, highlights at
   * the cursor. Sent without waiting; resolves to how many were answered with a result and how many
   * refused (a server may answer ContentModified when the document changed before their turn).
   */
  editorRequests(uri: string, line: number, character: number): Promise<{ answered: number; refused: number }> {
    const range = { start: { line: Math.max(0, line - 25), character: 0 }, end: { line: line + 25, character: 0 } };
    const textDocument = { uri };
    const tally = { answered: 0, refused: 0 };
    const count = (p: Promise<unknown>) =>
      p.then(
        () => void tally.answered++,
        () => void tally.refused++,
      );
    return Promise.all([
      count(this.connection.sendRequest(SemanticTokensRangeRequest.type, { textDocument, range })),
      count(this.connection.sendRequest(InlayHintRequest.type, { textDocument, range })),
      count(this.connection.sendRequest(FoldingRangeRequest.type, { textDocument })),
      count(this.connection.sendRequest(DocumentHighlightRequest.type, { textDocument, position: { line, character } })),
    ]).then(() => tally);
  }

  /** Document formatting (2-space indent); resolves to the number of edits, or null when the server answered none. */
  async format(uri: string): Promise<number | null> {
    const edits = await this.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    return edits ? edits.length : null;
  }

  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, resolve }));
  }

  /** The last few KB the server wrote to stderr. */
  get stderr(): string {
    return this.stderrTail();
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    const timer = setTimeout(() => this.child.kill(), 5000);
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), exited]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/** A Unix socket the server connects to (vscode-languageserver's --pipe), removed once it has. */
async function listenOnSocket(): Promise<{ path: string; connected: Promise<Socket>; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sw-lsp-pipe-'));
  const path = join(dir, 'lsp.sock');
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(path, resolve));
  const connected = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  return { path, connected, close: () => listener.close(() => rmSync(dir, { recursive: true, force: true })) };
}

/** Peak resident set size (VmHWM) of a process in MB, or undefined when it is gone. */
export function peakRssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
