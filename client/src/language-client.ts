// Creates the language client for dist/server/server.js (Node module, stdio transport) serving SQL
// documents. initializationOptions carry nothing secret: connections travel by `schemawise/connect`.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { RedactingChannel } from './log';

export const CLIENT_ID = 'schemawise';
export const SERVER_MODULE = 'dist/server/server.js';

export class ServerMissingError extends Error {
  constructor(path: string) {
    super(`the language server is not built (${path} is missing); run "npm run build"`);
  }
}

export function createLanguageClient(context: vscode.ExtensionContext, channel: RedactingChannel): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MODULE);
  if (!fs.existsSync(module)) throw new ServerMissingError(module);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
    ],
    // The client id is "schemawise", so the client itself honours `schemawise.trace.server`.
    outputChannel: channel,
    traceOutputChannel: channel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // workspaceTrusted: in Restricted Mode the server ignores security-relevant settings too.
    initializationOptions: { client: 'vscode', extensionVersion: String(context.extension.packageJSON.version ?? ''), workspaceTrusted: vscode.workspace.isTrusted },
  };
  return new LanguageClient(CLIENT_ID, 'Schemawise Language Server', serverOptions, clientOptions);
}
