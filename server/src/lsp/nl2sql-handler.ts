// Natural language → SQL requests (askDatabase, explainSql, optimizeSql) routed to the engine. Each
// request: settings from 'schemawise.ai' (read per request, never cached), the API key from the
// request itself (the client keeps it in SecretStorage; it is registered with the logger's
// scrubber and never logged), the LSP CancellationToken turned into an AbortSignal, and stages and
// streamed text sent as work-done progress when the client passed a workDoneToken. Prompts reach
// the log only at trace level ($/logTrace, sent only while the client traces the server).
import {
  LSPErrorCodes,
  ResponseError,
  WorkDoneProgress,
  type CancellationToken,
  type Connection,
  type TextDocuments,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { askDatabase, createProvider, explainWith, ProviderError, sampleValuesWith, scrubSecret, valueProbeWith, type Nl2SqlProvider, type Nl2SqlResult } from '../engine/nl2sql';
import { explainSql } from '../engine/nl2sql/explain/explain-sql';
import { optimizeSql } from '../engine/nl2sql/explain/optimize-sql';
import type { DialectId } from '../engine/schema/model';
import { SchemaIndex } from '../engine/schema/schema-index';
import type { SchemaSession } from '../engine/session';
import { dialectDirective } from '../engine/sql/dialect-directive';
import {
  AskDatabaseRequest,
  ExplainSqlRequest,
  OptimizeSqlRequest,
  SchemawiseErrorCodes,
  type AiRequestAuth,
  type AiWorkDone,
  type ExplainSqlResult,
  type OptimizeSqlResult,
} from '../protocol';
import { AiSettings } from './ai-settings';
import type { Logger } from './logger';

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  session: SchemaSession;
  log: Logger;
  /** The 'schemawise.ai' section for a document (or initializationOptions.ai without workspace configuration). */
  readSettings: (uri: string | undefined) => Promise<unknown>;
}

/** What every AI request needs, prepared from its params. */
interface RequestScope {
  settings: AiSettings;
  provider: Nl2SqlProvider;
  schema: SchemaIndex;
  signal: AbortSignal;
  progress: Progress;
  trace: (message: string) => void;
  apiKey?: string;
}

export function registerNl2Sql({ connection, documents, session, log, readSettings }: Deps): void {
  const scope = async (title: string, params: AiRequestAuth & AiWorkDone & { uri?: string; dialect?: DialectId }, token: CancellationToken): Promise<RequestScope> => {
    // The standalone server (other editors) takes the key from the environment, like the CLI.
    const apiKey = nonEmpty(params.apiKey) ?? nonEmpty(process.env.SCHEMAWISE_OPENAI_API_KEY) ?? nonEmpty(process.env.OPENAI_API_KEY);
    log.addSecret(apiKey);
    const settings = AiSettings.from(await readSettings(params.uri).catch(() => undefined));
    let provider: Nl2SqlProvider;
    try {
      provider = createProvider(AiSettings.toProvider(settings, apiKey));
    } catch (e) {
      throw new ResponseError(SchemawiseErrorCodes.InvalidParams, `schemawise.ai settings: ${log.scrub(errorMessage(e))}`);
    }
    const ac = new AbortController();
    token.onCancellationRequested(() => ac.abort());
    const progress = new Progress(connection, params.workDoneToken, title, log);
    return {
      settings,
      provider,
      schema: await schemaFor(session, documents, params),
      signal: ac.signal,
      progress,
      apiKey,
      trace: (m) => connection.tracer.log(scrubSecret(log.scrub(m), apiKey)),
    };
  };

  connection.onRequest(AskDatabaseRequest.type, async (params, token): Promise<Nl2SqlResult | ResponseError<void>> => {
    if (typeof params?.question !== 'string') return new ResponseError(SchemawiseErrorCodes.InvalidParams, 'schemawise/askDatabase needs { question: string }');
    return guarded('askDatabase', token, async () => {
      const s = await scope('Schemawise: asking the database', params, token);
      if (!session.model) {
        s.progress.end();
        return { status: 'failed', kind: 'bad-input', message: 'no schema loaded: connect to a database or open a schema snapshot first', rounds: 0, attempts: [], provider: s.provider.id };
      }
      const query = session.readOnlyQuery();
      const dialect = s.schema.model.dialect;
      log.info(`askDatabase: ${s.provider.description}${query ? '' : ' (no live connection: no EXPLAIN check)'}`);
      try {
        const result = await askDatabase({
          question: params.question,
          schema: s.schema,
          provider: s.provider,
          maxRepairs: s.settings.maxRepairs,
          linking: {
            budgetTokens: s.settings.budgetTokens,
            includeComments: s.settings.includeComments,
            sampleValues: query && s.settings.sampleValues ? sampleValuesWith(query, dialect) : undefined,
          },
          explain: query && s.settings.explainCheck ? explainWith(query) : undefined,
          // Offline lookups stay on this machine: they only tell the translator which column holds a value.
          valueProbe: query && s.provider.id === 'offline' ? valueProbeWith(query, dialect) : undefined,
          signal: s.signal,
          onProgress: (p) => s.progress.report(p.message),
          onToken: (t) => s.progress.streamed(t),
          trace: s.trace,
        });
        if (result.status === 'failed' && result.kind === 'cancelled') throw new ProviderError('cancelled', 'cancelled');
        log.info(`askDatabase: ${result.status === 'ok' ? `${result.classification.kind} statement in ${result.rounds} round(s)` : `${result.kind}: ${log.scrub(scrubSecret(result.message, s.apiKey))}`}`);
        return result.status === 'failed' ? { ...result, message: scrubSecret(log.scrub(result.message), s.apiKey) } : result;
      } finally {
        s.progress.end();
      }
    });
  });

  connection.onRequest(ExplainSqlRequest.type, async (params, token): Promise<ExplainSqlResult | ResponseError<void>> => {
    if (typeof params?.sql !== 'string') return new ResponseError(SchemawiseErrorCodes.InvalidParams, 'schemawise/explainSql needs { sql: string }');
    return guarded('explainSql', token, async () => {
      const s = await scope('Schemawise: explaining SQL', params, token);
      try {
        s.progress.report(s.provider.id === 'offline' ? 'reading the statement' : `asking ${s.provider.description}`);
        const r = await explainSql({ sql: params.sql, schema: s.schema, provider: s.provider, includeComments: s.settings.includeComments, signal: s.signal, onToken: (t) => s.progress.streamed(t), trace: s.trace });
        return { markdown: scrubSecret(r.markdown, s.apiKey), provider: r.provider };
      } finally {
        s.progress.end();
      }
    });
  });

  connection.onRequest(OptimizeSqlRequest.type, async (params, token): Promise<OptimizeSqlResult | ResponseError<void>> => {
    if (typeof params?.sql !== 'string') return new ResponseError(SchemawiseErrorCodes.InvalidParams, 'schemawise/optimizeSql needs { sql: string }');
    return guarded('optimizeSql', token, async () => {
      const s = await scope('Schemawise: proposing a rewrite', params, token);
      const query = session.readOnlyQuery();
      try {
        s.progress.report(s.provider.id === 'offline' ? 'applying fixes and formatting' : `asking ${s.provider.description}`);
        const r = await optimizeSql({
          sql: params.sql,
          schema: s.schema,
          provider: s.provider,
          includeComments: s.settings.includeComments,
          maxRepairs: s.settings.maxRepairs,
          explain: query && s.settings.explainCheck ? explainWith(query) : undefined,
          rewriteQuery: query,
          signal: s.signal,
          onToken: (t) => s.progress.streamed(t),
          trace: s.trace,
        });
        return { ...r, notes: r.notes.map((n) => scrubSecret(log.scrub(n), s.apiKey)) };
      } finally {
        s.progress.end();
      }
    });
  });

  /** Cancellation becomes RequestCancelled; any other failure a ResponseError with a scrubbed message. */
  async function guarded<R>(what: string, token: CancellationToken, run: () => Promise<R>): Promise<R | ResponseError<void>> {
    try {
      const r = await run();
      return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : r;
    } catch (e) {
      if (e instanceof ResponseError) return e as ResponseError<void>;
      if (token.isCancellationRequested || (e instanceof ProviderError && e.kind === 'cancelled')) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const message = log.scrub(errorMessage(e));
      log.error(`${what} failed: ${message}`);
      return new ResponseError(SchemawiseErrorCodes.InvalidParams, `${what} failed: ${message}`);
    }
  }
}

/** The session's complete schema (a preview is waited out), in the dialect the request or the document's directive names. */
async function schemaFor(session: SchemaSession, documents: TextDocuments<TextDocument>, params: { uri?: string; dialect?: DialectId }): Promise<SchemaIndex> {
  const index = await session.completeIndex();
  const text = params.uri ? documents.get(params.uri)?.getText() : undefined;
  const dialect = params.dialect ?? (text ? dialectDirective(text) : undefined);
  if (!dialect || dialect === index.model.dialect || !['postgres', 'mysql', 'mssql'].includes(dialect)) return index;
  return new SchemaIndex({ ...index.model, dialect });
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Work-done progress of one request: begin on the first report, streamed text as messages, end once. */
class Progress {
  private begun = false;
  private ended = false;
  private text = '';
  private lastSent = 0;

  constructor(
    private readonly connection: Connection,
    private readonly token: string | number | undefined,
    private readonly title: string,
    private readonly log: Logger,
  ) {}

  report(message: string): void {
    if (this.token === undefined || this.ended) return;
    if (!this.begun) {
      this.begun = true;
      this.send({ kind: 'begin', title: this.title, cancellable: true, message });
    } else this.send({ kind: 'report', message });
  }

  /** Streamed model text: the tail of the answer so far, at most every 50 ms (progress is for people). */
  streamed(text: string): void {
    this.text += text;
    const now = Date.now();
    if (now - this.lastSent < 50) return;
    this.lastSent = now;
    const tail = this.text.replace(/\s+/g, ' ').trim();
    this.report(tail.length > 80 ? `…${tail.slice(-79)}` : tail);
  }

  end(): void {
    if (this.token === undefined || this.ended || !this.begun) return;
    this.ended = true;
    this.send({ kind: 'end' });
  }

  private send(value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): void {
    void this.connection.sendProgress(WorkDoneProgress.type, this.token!, value).catch((e: unknown) => this.log.warn(`progress: ${errorMessage(e)}`));
  }
}
