// The custom requests of protocol.ts, routed to the SchemaSession. Failures reach the caller as a
// ResponseError and the user as a window message; the server keeps running either way.
import type { ConnectionConfig } from '../engine/drivers/types';
import { ResponseError, WorkDoneProgress, type Connection, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver/node';
import type { SchemaCache, SchemaSession } from '../engine/session';
import type { SchemaStatus } from '../engine/session';
import {
  ConnectRequest,
  DisconnectRequest,
  GetSchemaRequest,
  GetStatusRequest,
  RefreshSchemaRequest,
  SchemawiseErrorCodes,
  TestConnectionRequest,
  type SchemawiseErrorData,
} from '../protocol';
import { showError, toResponseError } from './errors';
import type { Logger } from './logger';
import { withPassword } from './schema-source';
import { ConnectionSetting } from './settings';

export interface SchemaRequestHooks {
  /** Called when the client chose the source itself (settings no longer own it). */
  onExplicitSource(): void;
  /** Restricted Mode: what an untrusted workspace may not decide is taken out of the connection. */
  restrict?(config: ConnectionConfig): ConnectionConfig;
  /** The per-user schema cache for the next connection (undefined: `schemawise.schemaCache` is off). */
  schemaCache?(): Promise<SchemaCache | undefined>;
}

export function registerSchemaRequests(connection: Connection, session: SchemaSession, log: Logger, hooks: SchemaRequestHooks): void {
  const guarded = async (what: string, op: () => Promise<SchemaStatus>): Promise<SchemaStatus | ResponseError<SchemawiseErrorData>> => {
    try {
      return await op();
    } catch (e) {
      const err = toResponseError(e, (s) => log.scrub(s));
      log.error(`${what} failed: ${err.message}`);
      showError(connection, err.message);
      return err;
    }
  };

  connection.onRequest(ConnectRequest.type, (params) => {
    const config = ConnectionSetting.from(params);
    if (config === undefined || typeof config === 'string')
      return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, 'schemawise/connect needs a connection ({ driver, host, port, database, user, … }) or { sample: true }');
    const withSecret = hooks.restrict ? hooks.restrict(withPassword(config)) : withPassword(config);
    log.addSecret(withSecret.password);
    hooks.onExplicitSource();
    log.info(`connecting to ${withSecret.name} (${withSecret.driver})`);
    const progress = stepProgress(connection, params.workDoneToken, `Connecting to ${withSecret.name}`);
    return guarded('connect', async () => session.connect(withSecret, progress.step, { cache: await hooks.schemaCache?.() })).finally(progress.done);
  });

  connection.onRequest(TestConnectionRequest.type, async (params) => {
    const config = ConnectionSetting.from(params);
    if (config === undefined || typeof config === 'string')
      return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, 'schemawise/testConnection needs a connection ({ driver, host, port, database, user, … })');
    const withSecret = withPassword(config);
    log.addSecret(withSecret.password);
    try {
      const result = await session.probe(withSecret);
      log.info(`tested ${withSecret.name}: ${result.serverVersion} (${result.ms} ms)`);
      return result;
    } catch (e) {
      // A failed test is the answer, not a server problem: no error notification from the server.
      const err = toResponseError(e, (s) => log.scrub(s));
      log.info(`test of ${withSecret.name} failed: ${err.message}`);
      return err;
    }
  });

  connection.onRequest(DisconnectRequest.type, () => {
    hooks.onExplicitSource();
    return guarded('disconnect', () => session.disconnect());
  });

  connection.onRequest(RefreshSchemaRequest.type, () => guarded('refresh', () => session.refresh()));

  // The tree and the ERD show keys and indexes: a preview is waited out.
  connection.onRequest(GetSchemaRequest.type, async () => (await session.completeModel()) ?? null);

  connection.onRequest(GetStatusRequest.type, () => session.status);
}

/** Work-done progress for a request's stages when the client sent a token; no-ops otherwise. */
function stepProgress(connection: Connection, token: string | number | undefined, title: string): { step: (message: string) => void; done: () => void } {
  if (token === undefined) return { step: () => undefined, done: () => undefined };
  let begun = false;
  const send = (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => void connection.sendProgress(WorkDoneProgress.type, token, value).catch(() => undefined);
  return {
    step: (message) => {
      send(begun ? { kind: 'report', message } : { kind: 'begin', title, message });
      begun = true;
    },
    done: () => {
      if (begun) send({ kind: 'end' });
    },
  };
}
