// schemawise/mockPreview and schemawise/mockGenerate: thin adapter over engine/mock. The preview
// works from any loaded schema (live or snapshot); generating needs a live, writable connection
// that is not tagged production. `.schemawise/mock.yml` of the workspace applies to both.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResponseError, WorkDoneProgress, type Connection, type InitializeParams } from 'vscode-languageserver/node';
import { DriverError, errorMessage } from '../engine/drivers/errors';
import { MockConfigError, parseMockConfig, type MockConfig } from '../engine/mock/config';
import { MockCancelled } from '../engine/mock/generate';
import { checkMockTarget, runMockJob } from '../engine/mock/job';
import { previewResultSets } from '../engine/mock/preview-results';
import type { MockRequest } from '../engine/mock/types';
import type { SchemaSession } from '../engine/session';
import { MockGenerateRequest, MockPreviewRequest, SchemawiseErrorCodes, type MockDataParams, type SchemawiseErrorData } from '../protocol';
import type { Logger } from './logger';

const PREVIEW_ROWS = 10;

export interface MockRegistration {
  initialize(params: InitializeParams): void;
}

export function registerMock(connection: Connection, session: SchemaSession, log: Logger): MockRegistration {
  let root: string | undefined;

  const fail = (code: number, message: string) => new ResponseError<SchemawiseErrorData>(code, message, {});

  const configOf = async (): Promise<MockConfig | undefined> => {
    if (!root) return undefined;
    const file = path.join(root, '.schemawise', 'mock.yml');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return parseMockConfig(text, path.relative(root, file));
    } catch (e) {
      if (e instanceof MockConfigError) throw fail(SchemawiseErrorCodes.InvalidParams, e.message);
      throw e;
    }
  };

  const requestOf = async (p: MockDataParams): Promise<MockRequest> => {
    if (!p || typeof p.rows !== 'number' || !Number.isInteger(p.rows) || p.rows < 0) throw fail(SchemawiseErrorCodes.InvalidParams, 'needs { rows: whole number ≥ 0, tables?, rowsPerTable?, seed? }');
    const tables = Array.isArray(p.tables) ? p.tables.filter((t): t is string => typeof t === 'string') : undefined;
    const rowsPerTable = p.rowsPerTable && typeof p.rowsPerTable === 'object' ? Object.fromEntries(Object.entries(p.rowsPerTable).filter(([, n]) => Number.isInteger(n) && n >= 0)) : undefined;
    return { rows: p.rows, tables, rowsPerTable, seed: typeof p.seed === 'string' || typeof p.seed === 'number' ? p.seed : 1, config: await configOf() };
  };

  const guard = async <T>(what: string, op: () => Promise<T>): Promise<T | ResponseError<SchemawiseErrorData>> => {
    try {
      return await op();
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<SchemawiseErrorData>;
      const message = log.scrub(errorMessage(e));
      if (e instanceof MockCancelled) {
        log.info(`${what}: ${message}`);
        return fail(SchemawiseErrorCodes.ConnectFailed, message);
      }
      log.error(`${what} failed: ${message}`);
      return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.ConnectFailed, message, { kind: e instanceof DriverError ? e.kind : undefined });
    }
  };

  connection.onRequest(MockPreviewRequest.type, (params, token) =>
    guard('mockPreview', async () => {
      const model = await session.completeModel();
      if (!model) throw fail(SchemawiseErrorCodes.NotConnected, 'no schema loaded: connect to a database or open a snapshot first');
      const request = await requestOf(params);
      const db = session.database;
      let writeRefusal: string | undefined;
      if (!db) writeRefusal = 'the schema comes from a snapshot: connect to the database to write rows';
      else
        try {
          checkMockTarget(db.config, { kind: 'database' });
        } catch (e) {
          writeRefusal = errorMessage(e);
        }
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const { report, preview } = await runMockJob(db?.config ?? { name: model.database, driver: 'postgres', readOnly: true }, model, request, { kind: 'preview', rowsPerTable: PREVIEW_ROWS }, { signal: abort.signal, driver: db?.driver });
        const types = (table: string, column: string) => model.tables.find((t) => `${t.schema}.${t.name}` === table)?.columns.find((c) => c.name === column)?.dataType;
        const name = db?.config.name ?? model.database;
        const results = previewResultSets(preview ?? [], types);
        return { outcome: { status: 'completed' as const, connection: { name, mode: 'read-only' as const, production: false }, results }, report, writable: !writeRefusal, writeRefusal, connection: name };
      } finally {
        sub.dispose();
      }
    }),
  );

  connection.onRequest(MockGenerateRequest.type, (params, token) =>
    guard('mockGenerate', async () => {
      const db = session.database;
      const model = await session.completeModel();
      if (!db || !model) throw fail(SchemawiseErrorCodes.NotConnected, 'not connected to a database: mock rows can only be written into a live connection');
      try {
        checkMockTarget(db.config, { kind: 'database' });
      } catch (e) {
        throw fail(SchemawiseErrorCodes.Refused, `refused: ${errorMessage(e)}; nothing was written`);
      }
      const request = await requestOf(params);
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      const progressToken = params.workDoneToken;
      let begun = false;
      let last = 0;
      const report = (message: string, percentage: number) => {
        if (progressToken === undefined) return;
        const now = Date.now();
        if (begun && now - last < 100) return;
        last = now;
        const value = begun ? { kind: 'report' as const, message, percentage } : { kind: 'begin' as const, title: 'Generating mock data', cancellable: true, message, percentage };
        begun = true;
        void connection.sendProgress(WorkDoneProgress.type, progressToken, value).catch(() => undefined);
      };
      try {
        const { report: result } = await runMockJob(db.config, model, request, { kind: 'database' }, {
          signal: abort.signal,
          driver: db.driver,
          onProgress: (p) => report(`${p.table}: ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} rows (table ${p.tableIndex + 1} of ${p.tableCount})`, Math.round((100 * (p.tableIndex + (p.total ? p.done / p.total : 1))) / Math.max(1, p.tableCount))),
        });
        log.info(`mockGenerate on ${db.config.name}: ${result.totalRows} rows in ${Math.round(result.durationMs)} ms`);
        return result;
      } finally {
        sub.dispose();
        if (begun && progressToken !== undefined) void connection.sendProgress(WorkDoneProgress.type, progressToken, { kind: 'end' }).catch(() => undefined);
      }
    }),
  );

  return {
    initialize(params) {
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
      try {
        root = folder?.startsWith('file:') ? fileURLToPath(folder) : (params.rootPath ?? undefined);
      } catch {
        root = undefined;
      }
    },
  };
}
