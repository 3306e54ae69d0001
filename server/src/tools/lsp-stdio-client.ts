// A minimal LSP client that spawns the Schemawise language server over stdio, as an editor would.
// Used by the demo and the benchmarks (the tests have their own harness in test/helpers).
import { spawn, type ChildProcess } from 'node:child_process';
import { LANGUAGE_SERVER_NODE_OPTIONS } from '../protocol';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  DidOpenTextDocumentNotification,
  CompletionRequest,
  HoverRequest,
  type ProtocolConnection,
  type CompletionItem,
  type CompletionList,
  type Hover,
  type Position,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';

export interface SpawnedServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  initializeResult: InitializeResult;
  stderr: () => string;
  open(uri: string, text: string, languageId?: string): void;
  completion(uri: string, position: Position): Promise<CompletionItem[]>;
  hover(uri: string, position: Position): Promise<Hover | null>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  initializationOptions?: unknown;
  /** Called after listen() and before initialize, to register notification handlers in time. */
  beforeInitialize?: (connection: ProtocolConnection) => void;
}

export async function spawnLanguageServer(serverJs: string, args: string[], options: SpawnOptions = {}): Promise<SpawnedServer> {
  const child = spawn(process.execPath, [...LANGUAGE_SERVER_NODE_OPTIONS, serverJs, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createProtocolConnection(child.stdout!, child.stdin!);
  options.beforeInitialize?.(connection);
  connection.listen();
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } } },
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  let version = 0;
  return {
    connection,
    process: child,
    initializeResult,
    stderr: () => stderr,
    open(uri, text, languageId = 'sql') {
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: ++version, text } });
    },
    async completion(uri, position) {
      const r = (await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
      return !r ? [] : Array.isArray(r) ? r : r.items;
    },
    hover: (uri, position) => connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
    async stop() {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      try {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        child.kill();
      }
      const timer = setTimeout(() => child.kill(), 3000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
}

/** Line/character of an offset in a text. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
