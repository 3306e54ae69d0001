// Pure translation between the client's view of a connection and the `schemawise/connect` contract
// (server/src/protocol.ts): settings entry + secret → ConnectParams, and a failed request → what the
// client should do about it. No `vscode` import, so both directions are unit-tested.
import { SchemawiseErrorCodes, type ConnectParams, type SchemawiseErrorData } from '../../server/src/protocol';
import type { ConnectionSetting } from './settings';

export type ConnectTarget = { kind: 'configured'; connection: ConnectionSetting } | { kind: 'sample' };

export function connectParams(target: ConnectTarget, password: string | undefined): ConnectParams {
  if (target.kind === 'sample') return { sample: true };
  const c = target.connection;
  const params: ConnectParams = { name: c.name, driver: c.dialect, host: c.host, port: c.port, readOnly: c.readOnly, ssl: { ...c.ssl } };
  if (c.database !== undefined) params.database = c.database;
  if (c.user !== undefined) params.user = c.user;
  // The server decides which writes need a confirmation from the tags (`production`: every write).
  if (c.tags.length > 0) params.tags = [...c.tags];
  // '' is a saved "no password" (trust/peer auth): send none rather than an empty one.
  if (password) params.password = password;
  return params;
}

export type ConnectFailureKind = 'auth' | 'connect' | 'other';

export interface ConnectFailure {
  kind: ConnectFailureKind;
  message: string;
}

/** Driver messages that mean "wrong user or password" (PostgreSQL, MySQL/MariaDB, SQL Server). */
const AUTH_MESSAGE = /password authentication failed|authentication failed|access denied for user|login failed for user|no password supplied|password is required|\bauth\b/i;

/**
 * Classifies a rejected connect request. The server's ResponseError carries `data.kind` (a
 * DriverErrorKind) when it has one; older servers only say it in the message, hence the fallback.
 */
export function classifyConnectError(e: unknown): ConnectFailure {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; message?: unknown; data?: unknown };
  const message = typeof err.message === 'string' && err.message ? err.message : String(e);
  const dataKind = typeof err.data === 'object' && err.data !== null ? (err.data as SchemawiseErrorData).kind : undefined;
  if (dataKind === 'auth') return { kind: 'auth', message };
  if (err.code === SchemawiseErrorCodes.ConnectFailed) return { kind: dataKind === undefined && AUTH_MESSAGE.test(message) ? 'auth' : 'connect', message };
  return { kind: 'other', message };
}
