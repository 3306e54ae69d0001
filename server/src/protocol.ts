// The contract between the Schemawise client (client/src) and language server (server/src/lsp):
// every custom request and notification, declared once and imported by both sides. Besides the
// vscode-languageserver-protocol types, this file imports engine *types* only, so the client never
// pulls engine code into its bundle.
/* eslint-disable @typescript-eslint/no-namespace -- one namespace per request with `method` and `type`, as in vscode-eslint's customMessages.ts */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { DialectId, SchemaModel } from './engine/schema/model';
import type { ConnectionConfig } from './engine/drivers/types';
import type { DriverErrorKind } from './engine/drivers/errors';
import type { SchemaSourceKind, SchemaStatus } from './engine/session/status';

export type { SchemaModel, DialectId, ConnectionConfig };
/**
 * Node.js options the language server is started with (the VS Code client, the demo, the tests and
 * the benchmark; README shows them for other editors). A small young generation keeps each scavenge
 * of the server's small, bursty allocations near a millisecond instead of 6–10 ms with V8's default
 * 16 MB (measured on the 5,000-table benchmark while typing), and lowers peak RSS; so small a
 * collection gains nothing from helper threads, and on a busy 2-core machine waiting for them
 * stretched pauses to 4–8 ms, so it runs on the main thread. A completion p99 of 5 ms needs both.
 * 2 MB rather than 1 MB: formatting (sql-formatter keeps ~100 KB alive per statement) promoted
 * ~110 KB per statement at 1 MB, so formatting the 20k-line file took 3.4–3.9 s and raised the
 * session's peak RSS to 184–218 MB; at 2 MB it takes 1.9–2.4 s (quiet machine) with a peak of
 * 167–195 MB, and completion p99 was 4.9–6.0 ms against 6.0–8.1 ms in the same alternating runs
 * (keystroke p99 5.5–6.7 against 4.0–7.2: within this machine's noise). With so small a young
 * generation, whatever outlives a request by a few milliseconds is promoted, and V8's default lets
 * the old generation grow up to 4× what was live before collecting it: while typing in a 20k-line
 * file with the editor's requests in flight, 30 → 100+ MB of garbage and a peak RSS of 200–215 MB.
 * Growing it by 1.5× (`--heap-growing-percent=50`) kept the peak at 155–175 MB in the same runs, with
 * a full collection every few seconds of such typing (3–7 ms). The server works without them, only
 * with longer pauses and a higher peak.
 */
export const LANGUAGE_SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2', '--single-threaded-gc', '--heap-growing-percent=50'];

/** What the server currently knows (source, dialect, table count); returned by connect/disconnect/refresh and sent with schemaChanged. */
export type { SchemaStatus, SchemaSourceKind };

/** A connection from the client (password included, from SecretStorage), or the bundled sample database. */
/** `workDoneToken`: the server reports the stages of a slow connect (the embedded sample) as work-done progress. */
export type ConnectParams = (ConnectionConfig | { sample: true }) & { workDoneToken?: string | number };

/** `data` of a ResponseError from connect/refresh: the driver's failure category when there is one. */
export interface SchemawiseErrorData {
  kind?: DriverErrorKind;
}

/** Error codes of ResponseErrors the server returns from the custom requests. */
export namespace SchemawiseErrorCodes {
  /** Connecting or introspecting failed (bad credentials, unreachable host, …); the message says why. */
  export const ConnectFailed = -32010;
  /** A schema snapshot file could not be read or is not a valid snapshot. */
  export const SnapshotInvalid = -32011;
  /** The request needs a database connection and there is none. */
  export const NotConnected = -32012;
  /** The request's parameters are malformed. */
  export const InvalidParams = -32602;
  /** The request would write where writing is not allowed (a read-only or production-tagged connection). */
  export const Refused = -32013;
}

/** client → server: connect to a database (errors: ResponseError with code ConnectFailed/InvalidParams and data.kind) (replacing the current source) and introspect it. */
export namespace ConnectRequest {
  export const method = 'schemawise/connect' as const;
  export const type = new RequestType<ConnectParams, SchemaStatus, SchemawiseErrorData>(method);
}

/**
 * client → server: connect to a database, ask its version, disconnect; the current schema source is
 * untouched (Add Connection tests a connection before saving it). Fails like connect.
 */
export namespace TestConnectionRequest {
  export const method = 'schemawise/testConnection' as const;
  export const type = new RequestType<ConnectParams, { serverVersion: string; ms: number }, SchemawiseErrorData>(method);
}

/** client → server: close the database connection; the schema becomes empty. */
export namespace DisconnectRequest {
  export const method = 'schemawise/disconnect' as const;
  export const type = new RequestType0<SchemaStatus, SchemawiseErrorData>(method);
}

/** client → server: introspect the database again (or reload the snapshot file). */
export namespace RefreshSchemaRequest {
  export const method = 'schemawise/refreshSchema' as const;
  export const type = new RequestType0<SchemaStatus, SchemawiseErrorData>(method);
}

/** client → server: the current SchemaModel (for the tree view), or null when there is none. */
export namespace GetSchemaRequest {
  export const method = 'schemawise/getSchema' as const;
  export const type = new RequestType0<SchemaModel | null, void>(method);
}

/** client → server: the current schema status without the model. */
export namespace GetStatusRequest {
  export const method = 'schemawise/getStatus' as const;
  export const type = new RequestType0<SchemaStatus, void>(method);
}

/** server → client: the schema was loaded, refreshed or dropped; fetch it again with getSchema. */
export namespace SchemaChangedNotification {
  export const method = 'schemawise/schemaChanged' as const;
  export const type = new NotificationType<SchemaStatus>(method);
}

/**
 * URI scheme of the read-only documents that go-to-definition opens for a table or view:
 * `schemawise-ddl:/<schema>/<table>.sql` (schema and table each percent-encoded). An editor shows
 * them by asking the server for their text with TableDdlRequest.
 */
export const DDL_URI_SCHEME = 'schemawise-ddl' as const;

export interface TableDdlParams {
  /** A `schemawise-ddl:` URI (as returned by textDocument/definition)… */
  uri?: string;
  /** …or the table itself. */
  schema?: string;
  table?: string;
}

export interface TableDdlResult {
  uri: string;
  /** Generated CREATE TABLE / CREATE VIEW text, with indexes and comments. */
  text: string;
}

/** client → server: the generated DDL of a table (null when the schema has no such table). */
export namespace TableDdlRequest {
  export const method = 'schemawise/tableDdl' as const;
  export const type = new RequestType<TableDdlParams, TableDdlResult | null, void>(method);
}

// ---------------------------------------------------------------- natural language → SQL (issue 6)

import type { Nl2SqlResult } from './engine/nl2sql/types';
export type { Nl2SqlResult };

/**
 * Sent with every AI request: the API key of the OpenAI-compatible provider. It lives in the
 * client's SecretStorage, never in settings; the server holds it only for the request and never
 * logs it. Other settings come from the 'schemawise.ai' workspace configuration.
 */
export interface AiRequestAuth {
  apiKey?: string;
}

/** Params of the AI requests also carry an optional `workDoneToken`: stages and streamed text arrive as its progress reports. */
export interface AiWorkDone {
  workDoneToken?: string | number;
}

export interface AskDatabaseParams extends AiRequestAuth, AiWorkDone {
  question: string;
  /** Document the SQL is for (its dialect directive and settings scope apply). */
  uri?: string;
  dialect?: DialectId;
}

/** client → server: turn a question into validated SQL (never run). Cancellable with $/cancelRequest. */
export namespace AskDatabaseRequest {
  export const method = 'schemawise/askDatabase' as const;
  export const type = new RequestType<AskDatabaseParams, Nl2SqlResult, void>(method);
}

export interface SqlTextParams extends AiRequestAuth, AiWorkDone {
  /** One statement (the selection or the statement at the cursor). */
  sql: string;
  uri?: string;
  dialect?: DialectId;
}

export interface ExplainSqlResult {
  /** Markdown, for a preview. */
  markdown: string;
  /** "offline" (structural, from the parser) or the AI provider's id. */
  provider: string;
}

/** client → server: explain a statement in plain words (markdown). */
export namespace ExplainSqlRequest {
  export const method = 'schemawise/explainSql' as const;
  export const type = new RequestType<SqlTextParams, ExplainSqlResult, void>(method);
}

export interface OptimizeSqlResult {
  /** The proposed statement (equal to the input when nothing changed). */
  sql: string;
  /** What changed and why, one line each. */
  notes: string[];
  provider: string;
  /** False when the provider's rewrite failed validation; `sql` is then the offline proposal. */
  validated: boolean;
}

/** client → server: propose a rewritten statement (formatting, lint fixes; with an AI provider a validated rewrite). */
export namespace OptimizeSqlRequest {
  export const method = 'schemawise/optimizeSql' as const;
  export const type = new RequestType<SqlTextParams, OptimizeSqlResult, void>(method);
}

/** Client command that the "Generate SQL" code action runs: args `[GenerateSqlCommandArgs]`. */
export const GENERATE_SQL_COMMAND = 'schemawise.generateSqlFromComment' as const;

export interface GenerateSqlCommandArgs {
  uri: string;
  /** 0-based line of the `-- question` comment; the SQL goes below it. */
  line: number;
  question: string;
}

// ---------------------------------------------------------------- running SQL (issue 7)

import type { ExplainOutcome, PlanNode, PlanTree, ResultColumn, ResultSet, RunConnection, RunOutcome, CellValue } from './engine/execution/types';
import type { Confirmation, Refusal } from './engine/safety/types';
import type { Position as LspPosition, Range as LspRange } from 'vscode-languageserver-protocol';
export type { ExplainOutcome, PlanNode, PlanTree, ResultColumn, ResultSet, RunConnection, RunOutcome, CellValue, Confirmation, Refusal };

/**
 * What to run: the document's text, a range of it (a selection; a statement from a "Run" code lens),
 * or the statement at a position. `text` replaces the document's text (editors without sync).
 * The mode (read-only or writable) is the connection's, never the request's.
 */
export interface RunQueryParams {
  uri: string;
  text?: string;
  range?: LspRange;
  position?: LspPosition;
  /** Chosen by the client; cancelQuery with the same id stops this run. */
  runId?: string;
  /** The `token` of a 'needs-confirmation' answer to the same request: the user confirmed. */
  confirmToken?: string;
}

/**
 * client → server: run SQL through the query firewall on the current connection. Answers per
 * statement ('completed' | 'failed' | 'cancelled'), or 'refused' with the reasons (nothing ran), or
 * 'needs-confirmation' (nothing ran; send again with confirmToken after asking the user). Errors:
 * NotConnected when there is no database connection. Cancellable with $/cancelRequest too.
 */
export namespace RunQueryRequest {
  export const method = 'schemawise/runQuery' as const;
  export const type = new RequestType<RunQueryParams, RunOutcome, SchemawiseErrorData>(method);
}

export interface CancelQueryParams {
  /** The run to cancel; every running query when absent. */
  runId?: string;
}

export interface CancelQueryResult {
  /** Runs that were found running and told to stop. */
  runs: number;
  /** Statements the database server was asked to cancel. */
  cancelled: number;
  /** How ("pg_cancel_backend(4242)", "KILL QUERY 17") or why not (PGlite cannot interrupt). */
  detail: string;
}

/** client → server: cancel a running query on the database server (pg_cancel_backend, KILL QUERY, TDS attention). */
export namespace CancelQueryRequest {
  export const method = 'schemawise/cancelQuery' as const;
  export const type = new RequestType<CancelQueryParams, CancelQueryResult, SchemawiseErrorData>(method);
}

export interface ExplainQueryParams extends RunQueryParams {
  /** EXPLAIN ANALYZE: executes the statement (reads freely; data changes only after confirmation, rolled back). */
  analyze?: boolean;
}

/** client → server: the plan of one statement as a tree with costs, row estimates, actual times and hot nodes. */
export namespace ExplainQueryRequest {
  export const method = 'schemawise/explainQuery' as const;
  export const type = new RequestType<ExplainQueryParams, ExplainOutcome, SchemawiseErrorData>(method);
}

/** Client command of the "▶ Run" code lens: args `[uri: string, range: Range]`. */
export const RUN_STATEMENT_COMMAND = 'schemawise.runStatement' as const;

// ---------------------------------------------------------------- documentation (issue 14)

import type { DriftChange } from './engine/docs/drift';
export type { DriftChange };

export interface GenerateDocsParams {
  /** Absolute folder the docs are written to (the client resolves `schemawise.docs.folder`). */
  folder: string;
  /** Workspace folder holding `.schemawise/docs.yml` and `.schemawise/glossary.yml`. */
  workspaceFolder?: string;
  format?: 'markdown' | 'html';
  /** Row estimates and sizes in the pages (default true). */
  stats?: boolean;
}

export interface GenerateDocsResult {
  /** Absolute path of the entry page (index.md or index.html). */
  index: string;
  tables: number;
  written: number;
  unchanged: number;
  removed: number;
  /** docs.yml/glossary.yml entries that match nothing, as "file:line: message". */
  warnings: string[];
}

/** client → server: document the current schema into a folder (errors: NotConnected, or the YAML/output message). */
export namespace GenerateDocsRequest {
  export const method = 'schemawise/generateDocs' as const;
  export const type = new RequestType<GenerateDocsParams, GenerateDocsResult, SchemawiseErrorData>(method);
}

export interface CheckDocsParams {
  folder: string;
  workspaceFolder?: string;
}

export interface CheckDocsResult {
  inSync: boolean;
  /** Every structural change since the docs were generated (empty when in sync). */
  changes: DriftChange[];
  /** The same as text, one change per line. */
  report: string;
}

/** client → server: compare the docs' recorded schema (folder/schema.json) with the current schema, re-introspected first. */
export namespace CheckDocsRequest {
  export const method = 'schemawise/checkDocs' as const;
  export const type = new RequestType<CheckDocsParams, CheckDocsResult, SchemawiseErrorData>(method);
}

export interface DocsPageParams {
  folder: string;
  schema: string;
  table: string;
  format?: 'markdown' | 'html';
}

/** client → server: the absolute path of a table's page in the docs folder (null when the schema has no such table). */
export namespace DocsPageRequest {
  export const method = 'schemawise/docsPage' as const;
  export const type = new RequestType<DocsPageParams, { path: string } | null, void>(method);
}
// ---------------------------------------------------------------------------------------------
// Index advisor (server/src/engine/advisor; docs/advisor.md)

export type { AdviceReport } from './engine/advisor/types';

export interface SuggestIndexesParams {
  /** The document (its dialect; its whole text when `sql` is absent). */
  uri: string;
  /** One statement ("Suggest indexes for this query"); absent: every statement of the document. */
  sql?: string;
  /** Minimum planner cost reduction in percent (default 50). */
  minSavings?: number;
}

export interface SuggestIndexesResult {
  /** The advice as Markdown (suggestions, drop candidates, notices such as how to enable HypoPG). */
  markdown: string;
  report: import('./engine/advisor/types').AdviceReport;
}

/** client → server: index advice for one statement or a whole file, on the live connection (read-only). */
export namespace SuggestIndexesRequest {
  export const method = 'schemawise/suggestIndexes' as const;
  export const type = new RequestType<SuggestIndexesParams, SuggestIndexesResult, void>(method);
}

/** Client command that the "Suggest indexes for this query" code action runs: args `[SuggestIndexesParams]`. */
export const SUGGEST_INDEXES_COMMAND = 'schemawise.suggestIndexes' as const;
/** One side of a schema comparison: the live schema of the current connection, or a snapshot file. */
export type DiffSource = { kind: 'live' } | { kind: 'snapshot'; path: string };

export interface CompareSchemasParams {
  from: DiffSource;
  to: DiffSource;
  /** Include destructive statements in the migration instead of commenting them out. */
  allowDestructive?: boolean;
}

export interface CompareSchemasResult {
  equal: boolean;
  /** Markdown report (for a pull request or an editor tab). */
  report: string;
  /** Migration SQL from `from` to `to`; absent for SQL Server (report only). */
  sql?: string;
  /** "schema.table" of every table or view the changes touch (the explorer marks them). */
  changedTables: string[];
}

/** client → server: compare two schemas (errors: SnapshotInvalid, NotConnected, InvalidParams). Nothing is run. */
export namespace CompareSchemasRequest {
  export const method = 'schemawise/compareSchemas' as const;
  export const type = new RequestType<CompareSchemasParams, CompareSchemasResult, SchemawiseErrorData>(method);
}

// ---- Mock data (engine/mock) ----
import type { MockReport } from './engine/mock/types';
export type { MockReport };

export interface MockDataParams {
  /** Tables ("film" or "public.film"); all tables when absent. Their foreign-key parents are added. */
  tables?: string[];
  /** Rows per table. */
  rows: number;
  /** Row counts for single tables. */
  rowsPerTable?: Record<string, number>;
  /** Same seed + same schema → same rows (default 1). */
  seed?: string | number;
  /** Client-chosen token for work-done progress (mockGenerate). */
  workDoneToken?: string | number;
}

export interface MockPreviewResult {
  /** The first 10 rows per table as result sets (status 'completed'), for the results grid. */
  outcome: RunOutcome;
  report: MockReport;
  /** Whether mockGenerate would be allowed to write, and if not, why. */
  writable: boolean;
  writeRefusal?: string;
  connection: string;
}

/** client → server: generate (never write) the first rows per table, from the loaded schema (a live database or a snapshot). */
export namespace MockPreviewRequest {
  export const method = 'schemawise/mockPreview' as const;
  export const type = new RequestType<MockDataParams, MockPreviewResult, SchemawiseErrorData>(method);
}

/**
 * client → server: generate and write the rows into the connected database, one transaction for the
 * whole run. Errors: Refused (read-only or production-tagged connection), NotConnected. Progress as
 * work-done progress on params.workDoneToken; $/cancelRequest rolls everything back.
 */
export namespace MockGenerateRequest {
  export const method = 'schemawise/mockGenerate' as const;
  export const type = new RequestType<MockDataParams, MockReport, SchemawiseErrorData>(method);
}
