// schemawise/runQuery, schemawise/cancelQuery and schemawise/explainQuery: picks the SQL out of the
// document (all of it, a range, or the statement at a position), reads the limits and audit settings
// of that document, and hands everything to the engine's execution module with the session's
// connection. Runs are cancellable by id (cancelQuery) and by $/cancelRequest.
import { homedir } from 'node:os';
import { ResponseError, type CancellationToken, type Connection, type InitializeParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../engine/drivers/errors';
import { explainRequest } from '../engine/execution/explain-request';
import { runRequest, type RunTarget } from '../engine/execution/run-request';
import { statementAtOffset } from '../engine/execution/statements';
import { AuditLog, auditLogIn } from '../engine/safety/audit';
import type { SchemaSession } from '../engine/session';
import { dialectDirective } from '../engine/sql/dialect-directive';
import {
  CancelQueryRequest,
  ExplainQueryRequest,
  RunQueryRequest,
  SchemawiseErrorCodes,
  type CancelQueryResult,
  type RunQueryParams,
  type SchemawiseErrorData,
} from '../protocol';
import { ExecutionSettings } from './execution-settings';
import { clientStateDir } from './settings';
import type { Logger } from './logger';
import type { WorkspaceTrust } from './workspace-trust';

interface Deps {
  /** Restricted Mode: the audit path and allowed functions of an untrusted workspace are ignored. */
  trust?: WorkspaceTrust;
  connection: Connection;
  documents: Pick<TextDocuments<TextDocument>, 'get'>;
  session: SchemaSession;
  log: Logger;
}

export interface ExecutionRegistration {
  /** Call from onInitialize: the workspace folder (audit log) and how settings can be read. */
  initialize(params: InitializeParams): void;
}

interface Running {
  abort: AbortController;
  driver: RunTarget['driver'];
}

export function registerExecution({ connection, documents, session, log, trust }: Deps): ExecutionRegistration {
  let root: string | undefined;
  let canReadConfiguration = false;
  let initOptions: { query?: unknown; audit?: unknown; safety?: unknown; stateDir?: unknown } = {};
  /** The editor's own per-user state folder (VS Code: the extension's global storage), if it sent one. */
  let defaultAudit: string | undefined;
  const running = new Map<string, Running>();
  const audits = new Map<string, AuditLog>();
  let anonymousRuns = 0;

  const settingsFor = async (uri: string): Promise<ExecutionSettings> => {
    const s = await readSettingsFor(uri);
    return trust ? trust.execution(s, defaultAudit) : s;
  };
  const readSettingsFor = async (uri: string): Promise<ExecutionSettings> => {
    if (!canReadConfiguration) return ExecutionSettings.from(initOptions.query, initOptions.audit, initOptions.safety, defaultAudit);
    try {
      const [query, audit, safety] = (await connection.workspace.getConfiguration([
        { scopeUri: uri, section: 'schemawise.query' },
        { scopeUri: uri, section: 'schemawise.audit' },
        { scopeUri: uri, section: 'schemawise.safety' },
      ])) as unknown[];
      return ExecutionSettings.from(query, audit, safety, defaultAudit);
    } catch {
      return ExecutionSettings.from(undefined, undefined, undefined, defaultAudit);
    }
  };

  /** One AuditLog per file and text setting, so lines of concurrent runs are appended in order. */
  const auditFor = (s: ExecutionSettings): AuditLog => {
    const key = `${s.auditIncludeText}\0${s.auditPath}`;
    let audit = audits.get(key);
    if (!audit) audits.set(key, (audit = new AuditLog({ path: s.auditPath, cwd: root ?? homedir(), includeText: s.auditIncludeText })));
    return audit;
  };

  const target = (): RunTarget => {
    const db = session.database;
    if (!db) throw new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.NotConnected, 'not connected to a database: connect first (a schema snapshot cannot run SQL)', {});
    return db;
  };

  /** The SQL a request names, or a ResponseError saying what is missing. */
  const sqlOf = (params: RunQueryParams, dialect: RunTarget['driver']['dialect']): string => {
    if (!params || typeof params.uri !== 'string') throw invalid('needs { uri, text? | range? | position? }');
    if (typeof params.text === 'string') return params.text;
    const doc = documents.get(params.uri);
    if (!doc) throw invalid(`document ${params.uri} is not open; send its text`);
    if (params.range) return doc.getText(params.range);
    const text = doc.getText();
    if (params.position) {
      const span = statementAtOffset(text, doc.offsetAt(params.position), dialectDirective(text) ?? dialect);
      if (!span) throw invalid('there is no SQL statement at the cursor');
      return span.text;
    }
    return text;
  };

  /** Runs `op` as a cancellable run: by runId (cancelQuery) or the request's own token. */
  const asRun = async <T>(params: RunQueryParams, token: CancellationToken, driver: RunTarget['driver'], op: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const id = typeof params.runId === 'string' && params.runId ? params.runId : `anonymous-${++anonymousRuns}`;
    const run: Running = { abort: new AbortController(), driver };
    running.set(id, run);
    const onCancel = token.onCancellationRequested(() => void cancelRuns([run]));
    try {
      return await op(run.abort.signal);
    } finally {
      onCancel.dispose();
      if (running.get(id) === run) running.delete(id);
    }
  };

  const cancelRuns = async (runs: Running[]): Promise<CancelQueryResult> => {
    let cancelled = 0;
    const details: string[] = [];
    for (const driver of new Set(runs.map((r) => r.driver))) {
      for (const r of runs) if (r.driver === driver) r.abort.abort();
      const outcome = await driver.cancel();
      cancelled += outcome.cancelled;
      details.push(outcome.detail);
    }
    return { runs: runs.length, cancelled, detail: details.join('; ') || 'no query was running' };
  };

  const guard = async <T>(what: string, op: () => Promise<T>): Promise<T | ResponseError<SchemawiseErrorData>> => {
    try {
      return await op();
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<SchemawiseErrorData>;
      const message = log.scrub(errorMessage(e));
      log.error(`${what} failed: ${message}`);
      return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.ConnectFailed, message, {});
    }
  };

  connection.onRequest(RunQueryRequest.type, (params, token) =>
    guard('runQuery', async () => {
      const t = target();
      const sql = sqlOf(params, t.driver.dialect);
      const settings = await settingsFor(params.uri);
      const outcome = await asRun(params, token, t.driver, (signal) =>
        runRequest({ target: t, sql, maxRows: settings.maxRows, timeoutMs: settings.timeoutMs, audit: auditFor(settings), confirmToken: params.confirmToken, signal, allowedFunctions: settings.allowedFunctions }),
      );
      log.info(`runQuery on ${t.config.name}: ${outcome.status}${'results' in outcome ? `, ${outcome.results.length} statement(s)` : ''}`);
      return outcome;
    }),
  );

  connection.onRequest(ExplainQueryRequest.type, (params, token) =>
    guard('explainQuery', async () => {
      const t = target();
      const sql = sqlOf(params, t.driver.dialect);
      const settings = await settingsFor(params.uri);
      return asRun(params, token, t.driver, (signal) =>
        explainRequest({ target: t, sql, analyze: params.analyze === true, timeoutMs: settings.timeoutMs, audit: auditFor(settings), confirmToken: params.confirmToken, signal, allowedFunctions: settings.allowedFunctions }),
      );
    }),
  );

  connection.onRequest(CancelQueryRequest.type, (params) =>
    guard('cancelQuery', async () => {
      const id = params && typeof params.runId === 'string' ? params.runId : undefined;
      const runs = id ? [running.get(id)].filter((r): r is Running => r !== undefined) : [...running.values()];
      const result = await cancelRuns(runs);
      log.info(`cancelQuery${id ? ` ${id}` : ''}: ${result.runs} run(s), ${result.cancelled} statement(s) cancelled (${result.detail})`);
      return result;
    }),
  );

  return {
    initialize(params) {
      canReadConfiguration = params.capabilities.workspace?.configuration === true;
      const o = params.initializationOptions as { query?: unknown; audit?: unknown; safety?: unknown; stateDir?: unknown } | undefined;
      initOptions = typeof o === 'object' && o !== null ? o : {};
      const stateDir = clientStateDir(initOptions);
      defaultAudit = stateDir ? auditLogIn(stateDir) : undefined;
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
      root = folder ? fsPath(folder) : (params.rootPath ?? undefined);
    },
  };
}

function invalid(message: string): ResponseError<SchemawiseErrorData> {
  return new ResponseError<SchemawiseErrorData>(SchemawiseErrorCodes.InvalidParams, message, {});
}

function fsPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
