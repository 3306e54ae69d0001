// The client's calls to the server's custom requests, typed by server/src/protocol.ts (the one place
// that declares them). Everything that talks `schemawise/*` goes through here.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CompareSchemasRequest,
  type CompareSchemasParams,
  type CompareSchemasResult,
  ConnectRequest,
  DisconnectRequest,
  GetSchemaRequest,
  RefreshSchemaRequest,
  SchemaChangedNotification,
  TestConnectionRequest,
  type ConnectParams,
  type SchemaModel,
  type SchemaStatus,
} from '../../server/src/protocol';
import type { ConnectOutcome } from './connect-flow';
import { classifyConnectError } from './connect-params';
import type { TestOutcome } from './connection-test-flow';

/** Never rejects: a refused connect is an outcome the caller acts on (re-ask the password, show why). */
export async function connect(client: LanguageClient, params: ConnectParams): Promise<ConnectOutcome<SchemaStatus>> {
  try {
    return { ok: true, status: await client.sendRequest(ConnectRequest.type, params) };
  } catch (e) {
    return { ok: false, ...classifyConnectError(e) };
  }
}

export function disconnect(client: LanguageClient): Promise<SchemaStatus> {
  return client.sendRequest(DisconnectRequest.type);
}

export function refreshSchema(client: LanguageClient): Promise<SchemaStatus> {
  return client.sendRequest(RefreshSchemaRequest.type);
}

export async function getSchema(client: LanguageClient): Promise<SchemaModel | undefined> {
  return (await client.sendRequest(GetSchemaRequest.type)) ?? undefined;
}

export function onSchemaChanged(client: LanguageClient, handler: (status: SchemaStatus) => void): vscode.Disposable {
  return client.onNotification(SchemaChangedNotification.type, handler);
}

/** Tries a connection without making it the current one; never rejects. */
export async function testConnection(client: LanguageClient, params: ConnectParams): Promise<TestOutcome> {
  try {
    return { ok: true, ...(await client.sendRequest(TestConnectionRequest.type, params)) };
  } catch (e) {
    return { ok: false, ...classifyConnectError(e) };
  }
}

export function compareSchemas(client: LanguageClient, params: CompareSchemasParams): Promise<CompareSchemasResult> {
  return client.sendRequest(CompareSchemasRequest.type, params);
}
