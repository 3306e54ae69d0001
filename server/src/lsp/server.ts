// The language server: capabilities, document sync, the schema source at startup and on settings
// changes, and request routing to the engine. Thin by design: every answer comes from the engine.
import { DidChangeConfigurationNotification, TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { errorMessage } from '../engine/drivers/errors';
import { DocumentStore, SchemaSession } from '../engine/session';
import { SchemaChangedNotification } from '../protocol';
import type { ServerArgs } from './cli-args';
import { registerDiagnostics } from './diagnostics-handler';
import { documentDialectResolver, readDefaultDialect } from './document-dialect';
import { showError } from './errors';
import { editorCapabilities, registerEditorFeatures } from './editor-features';
import { registerFormatting } from './formatting-handler';
import { registerStructure, structureCapabilities } from './structure-handler';
import { registerRename, renameCapabilities } from './rename-handler';
import { EXPAND_STAR_KIND, expandStarActions } from './expand-star-action';
import { registerSemanticTokens, semanticTokensCapabilities } from './semantic-tokens-handler';
import { createSqlDocuments } from './sql-documents';
import { EmbeddedSettings, isHostDocument, type EmbeddedContext } from './embedded-documents';
import { embeddedHintsProvider } from './embedded-hints';
import { Logger } from './logger';
import { registerSchemaRequests } from './schema-requests';
import { registerDiffRequests } from './diff-requests';
import { WorkspaceTrust } from './workspace-trust';
import { registerCodeActions } from './code-actions';
import { generateSqlActions, GENERATE_SQL_KIND } from './generate-sql-action';
import { registerNl2Sql } from './nl2sql-handler';
import { registerAdvisor } from './advisor-handler';
import { codeLensCapabilities, registerCodeLens } from './codelens-handler';
import { registerExecution } from './execution-handler';
import { registerDocs } from './docs-handler';
import { registerMock } from './mock-handler';
import { argsAsSettings, chooseSource, choiceKey, type SchemaSourceChoice } from './schema-source';
import { ServerSettings } from './settings';
import { MessageScheduler } from './priority';
import { schemaCacheSetting } from './schema-cache-setting';
import type { CodeCacheHandle } from '../bootstrap/handoff';
import { registerCodeCache } from './code-cache';

export interface ServerOptions {
  args: ServerArgs;
  session?: SchemaSession;
  /** Whose quiet turns background work waits for (main.ts wires it into the connection). */
  scheduler?: MessageScheduler;
  /** The V8 code cache of the server bundle, as the bootstrap loaded it (main.ts; none in-process). */
  codeCache?: CodeCacheHandle;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const log = new Logger(connection.console);
  const session = options.session ?? new SchemaSession();
  const scheduler = options.scheduler ?? new MessageScheduler();
  /** Restricted Mode (an untrusted workspace): security-relevant settings are ignored (workspace-trust.ts). */
  const trust = new WorkspaceTrust();
  const store = new DocumentStore();
  // SQL in TS/JS templates: `schemawise.embedded` is kept here (window scope, re-read on every
  // settings change) because a HostDocument computes its SQL view synchronously.
  let embeddedSettings = EmbeddedSettings.from(undefined);
  const embedded: EmbeddedContext = { settings: () => embeddedSettings, defaultDialect: () => session.index.dialect.id };
  const documents = createSqlDocuments(store, () => session.index.dialect, embedded);
  let initSettings: ServerSettings = {};
  let canReadConfiguration = false;
  let clientCapabilities: ClientCapabilities | undefined;
  /** Key of the source the settings chose last; undefined once the client picked one by request. */
  let settingsSource: string | undefined = 'none';
  /** What initializationOptions held that could not be used; logged once the client listens. */
  let initProblems: string[] = [];
  /** The workspace-settings problems logged last: a settings change re-reads them, but one warning is enough. */
  let loggedWorkspaceProblems = '';

  session.onDidChange((status) => {
    log.info(`schema: ${status.source}${status.label ? ` ${status.label}` : ''}, ${status.tableCount} tables${status.cached ? ' (cached; reading the live schema)' : status.partial ? ' (tables and columns; reading the rest)' : ''}`);
    void connection.sendNotification(SchemaChangedNotification.type, status);
  });

  // The per-user schema cache (`schemawise.schemaCache`), read at each connect.
  const schemaCache = schemaCacheSetting(connection, log);
  // The code cache of the server's own bundle: written after the first completion (lsp/code-cache.ts).
  const codeCache = registerCodeCache(options.codeCache, log, scheduler);

  const report = (what: string, e: unknown) => {
    const message = log.scrub(errorMessage(e));
    log.error(`${what}: ${message}`);
    showError(connection, message);
  };

  /** Loads the source the flags/initializationOptions/settings name, unless it is already loaded. */
  const applyConfiguredSource = async () => {
    let choice: SchemaSourceChoice;
    try {
      const layers = [
        { origin: 'command line', settings: argsAsSettings(options.args) },
        { origin: 'initializationOptions', settings: initSettings },
      ];
      if (canReadConfiguration) {
        const problems: string[] = [];
        layers.push({ origin: 'workspace settings', settings: ServerSettings.fromWorkspace(await connection.workspace.getConfiguration('schemawise'), problems) });
        if (problems.join('\n') !== loggedWorkspaceProblems) for (const p of problems) log.warn(`setting ${p}`);
        loggedWorkspaceProblems = problems.join('\n');
      }
      choice = chooseSource(layers);
      if (choice.kind === 'database') choice = { ...choice, config: trust.connection(choice.config) };
    } catch (e) {
      return report('invalid connection setting', e);
    }
    const key = choiceKey(choice);
    if (key === settingsSource || (settingsSource === undefined && choice.kind === 'none')) return;
    settingsSource = key;
    try {
      if (choice.kind === 'snapshot') await session.loadSnapshot(choice.path);
      else if (choice.kind === 'database') {
        log.addSecret(choice.config.password);
        log.info(`connecting to ${choice.config.name} (from ${choice.origin})`);
        await session.connect(choice.config, undefined, { cache: await schemaCache.read(canReadConfiguration) });
      } else await session.disconnect();
    } catch (e) {
      // Forget the failed choice so that the next settings change tries again.
      if (settingsSource === key) settingsSource = `failed ${key}`;
      report(choice.kind === 'snapshot' ? 'schema snapshot' : 'connection', e);
    }
  };

  // One per-document dialect decision for diagnostics and the editor features (directive, schema, setting).
  const hostDirective = (uri: string) => {
    const doc = documents.get(uri);
    return isHostDocument(doc) ? doc.directive() : undefined;
  };
  const dialectOf = documentDialectResolver(session, (uri) => readDefaultDialect(connection, uri, canReadConfiguration, initSettings), hostDirective);
  const diagnostics = registerDiagnostics({
    connection,
    documents,
    session,
    log,
    readSettings: async (uri) => (canReadConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'schemawise.diagnostics' }) : initDiagnostics),
    dialectOf,
    idle: () => scheduler.idle(),
  });
  let initDiagnostics: unknown;
  let initAi: unknown;
  let initFormat: unknown;
  let initInlayHints: unknown;

  // Natural language → SQL: the 'schemawise.ai' settings of the document's resource (initializationOptions.ai without workspace configuration).
  registerNl2Sql({
    connection,
    documents,
    session,
    log,
    readSettings: async (uri) => trust.ai(canReadConfiguration ? await connection.workspace.getConfiguration({ scopeUri: uri, section: 'schemawise.ai' }) : initAi),
  });
  const formatting = registerFormatting({
    connection,
    documents,
    log,
    dialectOf,
    readSection: async (uri) => (canReadConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'schemawise.format' }) : initFormat),
    quiet: (ms) => scheduler.quiet(ms),
    letThrough: () => scheduler.letThrough(),
  });
  // The one codeAction handler: diagnostics quick fixes, then "Generate SQL" on `-- question` lines.
  const codeActionCapabilities = registerCodeActions(connection, log, [
    diagnostics.codeActions,
    { name: 'generate SQL', kinds: [GENERATE_SQL_KIND], provide: generateSqlActions(documents) },
    // Index advisor: "Suggest indexes for this query" (schemawise/suggestIndexes).
    registerAdvisor({ connection, documents, session, log }),
    { name: 'expand *', kinds: [EXPAND_STAR_KIND], provide: expandStarActions(documents, store, dialectOf) },
    // "Format SQL template(s)" in TS/JS files.
    formatting.codeActions,
  ]);

  connection.onInitialize((params): InitializeResult => {
    initDiagnostics = (params.initializationOptions as { diagnostics?: unknown } | undefined)?.diagnostics;
    initAi = (params.initializationOptions as { ai?: unknown } | undefined)?.ai;
    embeddedSettings = EmbeddedSettings.from((params.initializationOptions as { embedded?: unknown } | undefined)?.embedded);
    initFormat = (params.initializationOptions as { format?: unknown } | undefined)?.format;
    initInlayHints = (params.initializationOptions as { inlayHints?: unknown } | undefined)?.inlayHints;
    initProblems = [];
    trust.initialize(params.initializationOptions);
    initSettings = ServerSettings.fromInitializationOptions(params.initializationOptions, initProblems);
    canReadConfiguration = params.capabilities.workspace?.configuration === true;
    clientCapabilities = params.capabilities;
    execution.initialize(params);
    mock.initialize(params);
    schemaCache.initialize(params);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...editorCapabilities,
        ...formatting.capabilities(params.capabilities),
        ...structureCapabilities,
        ...renameCapabilities,
        ...semanticTokensCapabilities,
        ...codeActionCapabilities,
        ...codeLensCapabilities,
      },
      serverInfo: { name: 'schemawise-language-server' },
    };
  });

  connection.onInitialized(() => {
    for (const p of options.args.problems) log.warn(p);
    for (const p of initProblems) log.warn(`setting ${p}`);
    codeCache.onInitialized();
    if (canReadConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'schemawise' }).catch(() => undefined);
    formatting.onInitialized();
    void applyConfiguredSource();
    void readEmbeddedSettings();
  });

  /** Re-reads `schemawise.embedded`; a change re-checks the open documents (other templates are SQL now). */
  const readEmbeddedSettings = async () => {
    if (!canReadConfiguration) return;
    const section: unknown = await connection.workspace.getConfiguration('schemawise').catch(() => undefined);
    const next = EmbeddedSettings.from(typeof section === 'object' && section !== null ? (section as { embedded?: unknown }).embedded : undefined);
    if (JSON.stringify(next) === JSON.stringify(embeddedSettings)) return;
    embeddedSettings = next;
    diagnostics.refreshAll();
  };

  connection.onDidChangeConfiguration(() => {
    void applyConfiguredSource();
    void readEmbeddedSettings();
    diagnostics.refreshAll();
  });

  registerEditorFeatures({ connection, documents, store, session, log, dialectOf, clientCapabilities: () => clientCapabilities });

  // Folding ranges and INSERT … VALUES inlay hints.
  registerStructure({
    connection,
    documents,
    log,
    dialectOf,
    store,
    moreInlayHints: embeddedHintsProvider({ documents, dialectOf, log }),
    readInlayHintSettings: async (uri) => (canReadConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'schemawise.inlayHints' }) : initInlayHints),
    idle: () => scheduler.idle(),
  });
  // Rename of aliases, CTEs and select-list aliases; document highlights.
  registerRename({ connection, documents, store, log, dialectOf, idle: () => scheduler.idle() });
  registerSemanticTokens({ connection, documents, log, dialectOf, store });

  registerSchemaRequests(connection, session, log, {
    onExplicitSource: () => (settingsSource = undefined),
    restrict: (c) => trust.connection(c),
    schemaCache: () => schemaCache.read(canReadConfiguration),
  });
  registerDiffRequests(connection, session, log);

  // Running SQL (runQuery/cancelQuery/explainQuery) and the "▶ Run" code lenses.
  const execution = registerExecution({ connection, documents, session, log, trust });
  registerCodeLens({ connection, documents, session, log });
  // Documentation: generate, drift check, page of a table (issue 14).
  registerDocs(connection, session, log);

  // Mock data (mockPreview/mockGenerate).
  const mock = registerMock(connection, session, log);

  connection.onShutdown(() => session.dispose());
  documents.listen(connection);
}
