// Creates the language client for dist/server/server.js (Node module, stdio transport) serving SQL
// documents. initializationOptions carry nothing secret: connections travel by `schemawise/connect`.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_SERVER_NODE_OPTIONS } from '../../server/src/protocol';
import type { RedactingChannel } from './log';

export const CLIENT_ID = 'schemawise';
export const SERVER_MODULE = 'dist/server/server.js';
/** Languages whose template literals may hold SQL (the server's HOST_LANGUAGE_IDS). */
export const EMBEDDED_HOST_LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;

export class ServerMissingError extends Error {
  constructor(path: string) {
    super(`the language server is not built (${path} is missing); run "npm run build"`);
  }
}

export function createLanguageClient(context: vscode.ExtensionContext, channel: RedactingChannel): LanguageClient {
  const module = context.asAbsolutePath(SERVER_MODULE);
  if (!fs.existsSync(module)) throw new ServerMissingError(module);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...LANGUAGE_SERVER_NODE_OPTIONS] } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...LANGUAGE_SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'sql' },
      // SQL in template literals: the server answers only inside the templates (embedded-documents.ts).
      ...EMBEDDED_HOST_LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
    ],
    // The client id is "schemawise", so the client itself honours `schemawise.trace.server`.
    outputChannel: channel,
    traceOutputChannel: channel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // stateDir: the per-user folder where the server keeps the audit log (never the workspace).
    // workspaceTrusted: in Restricted Mode the server ignores security-relevant settings too.
    initializationOptions: {
      client: 'vscode',
      extensionVersion: String(context.extension.packageJSON.version ?? ''),
      stateDir: context.globalStorageUri.fsPath,
      workspaceTrusted: vscode.workspace.isTrusted,
    },
  };
  return new LanguageClient(CLIENT_ID, 'Schemawise Language Server', serverOptions, clientOptions);
}
