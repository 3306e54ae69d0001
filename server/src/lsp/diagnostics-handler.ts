// Publishes the engine's diagnostics for open SQL documents and offers their quick fixes as a code
// action provider (code-actions.ts owns the one codeAction handler). Re-analysis is debounced per
// document; the engine itself only re-checks the statements whose text changed. Rule severities
// come from the 'schemawise.diagnostics' settings of the document's resource, read when they are
// needed (never cached here).
//
// The optional live check (`liveCheck: true`, off by default) asks the connected database to PREPARE
// — never execute — each statement, on its own longer debounce after the static publish, which it
// never delays: the static diagnostics go out first together with the live verdicts already known
// for unchanged statements, and the database's new verdicts follow in a second publish. A live
// diagnostic that overlaps a static syntax or schema error is left out: that one says the same and
// carries the quick fix.
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticsEngine, ruleMeta, type Diagnostic, type DiagnosticsConfig, type RuleSetting } from '../engine/diagnostics';
import { errorMessage } from '../engine/drivers/errors';
import { diagnoseEmbedded } from '../engine/embedded';
import { LiveChecker, type SchemaSession } from '../engine/session';
import type { DialectId } from '../engine/schema/model';
import type { CodeActionProvider } from './code-actions';
import { documentDialectResolver, type DocumentDialectResolver, dialectHead } from './document-dialect';
import { isHostDocument, sqlTextOf } from './embedded-documents';
import type { Logger } from './logger';

const DEBOUNCE_MS = 120;
/** After the static publish: a database round trip per changed statement is worth waiting for a pause in typing. */
const LIVE_DEBOUNCE_MS = 600;
/**
 * Longest stretch of analysis between two quiet turns: a keystroke that arrives meanwhile waits at
 * most this long (plus the statement being analysed) for its completion.
 */
const IDLE_SLICE_MS = 2;
const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export const DiagnosticsSettings = {
  /** `schemawise.diagnostics`: `{ enabled?: boolean, liveCheck?: boolean, rules?: { [ruleId]: 'off'|'info'|'warning'|'error' } }`. */
  from(value: unknown): { enabled: boolean; liveCheck: boolean; config: DiagnosticsConfig } {
    const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const rules: Record<string, RuleSetting> = {};
    if (typeof v.rules === 'object' && v.rules !== null)
      for (const [id, s] of Object.entries(v.rules as Record<string, unknown>)) if (RULE_SETTINGS.includes(s as RuleSetting)) rules[id] = s as RuleSetting;
    return { enabled: v.enabled !== false, liveCheck: v.enabled !== false && v.liveCheck === true, config: { rules } };
  },
};

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  session: SchemaSession;
  log: Logger;
  /** Reads the 'schemawise.diagnostics' section for a document (undefined when the client has no configuration). */
  readSettings: (uri: string) => Promise<unknown>;
  /** The per-document dialect decision shared with the editor features (default: no defaultDialect setting). */
  dialectOf?: DocumentDialectResolver;
  /** Resolves when no editor message waits (the scheduler's quiet turn); analysis slices wait for it. */
  idle?: () => Promise<void>;
}

export interface DiagnosticsRegistration {
  /** The quick fixes of the published diagnostics, for registerCodeActions. */
  codeActions: CodeActionProvider;
  /** Re-checks every open document (after a settings change). */
  refreshAll(): void;
}

export function registerDiagnostics({ connection, documents, session, log, readSettings, dialectOf = documentDialectResolver(session, async () => undefined), idle }: Deps): DiagnosticsRegistration {
  const enginePromise = DiagnosticsEngine.create().catch((e: unknown) => {
    log.error(`diagnostics are off: the SQL parser could not be loaded (${errorMessage(e)})`);
    return undefined;
  });
  const timers = new Map<string, NodeJS.Timeout>();
  const liveTimers = new Map<string, NodeJS.Timeout>();
  const live = new LiveChecker(session);
  /** Fixes of the last published diagnostics, by uri and diagnostic key. */
  const fixes = new Map<string, Map<string, Diagnostic>>();
  /** The static diagnostics last published per document, for the live check's second publish. */
  const lastStatic = new Map<string, { version: number; found: Diagnostic[] }>();

  const send = async (doc: TextDocument, found: Diagnostic[]) => {
    const byKey = new Map<string, Diagnostic>();
    const diagnostics = found.map((d): LspDiagnostic => {
      const range = { start: doc.positionAt(d.range.start), end: doc.positionAt(d.range.end) };
      const key = `${d.code}@${d.range.start}-${d.range.end}`;
      if (d.fix) byKey.set(key, d);
      return { range, severity: SEVERITY[d.severity], code: d.code, source: d.source, message: d.message, data: d.fix ? { key } : undefined };
    });
    fixes.set(doc.uri, byKey);
    await connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };

  const publish = async (doc: TextDocument) => {
    // TextDocuments updates a document in place: the version this run analyses, to notice edits.
    const version = doc.version;
    const stale = () => documents.get(doc.uri) !== doc || doc.version !== version;
    const engine = await enginePromise;
    if (!engine || stale()) return;
    const settings = DiagnosticsSettings.from(await readSettings(doc.uri).catch(() => undefined));
    const chosen = await dialectOf(doc.uri, dialectHead(doc));
    const dialect = chosen.id;
    const text = sqlTextOf(doc, dialect);
    // A schema from the per-user cache may be stale, and the preview of a phased introspection is
    // incomplete: schema checks (unknown table/column, …) wait for the live, complete one, whose
    // arrival re-publishes every document (session.onDidChange below).
    const schema = chosen.hasSchema && !session.provisional ? chosen.index : undefined;
    const host = isHostDocument(doc) ? doc : undefined;
    let found: Diagnostic[] = [];
    if (settings.enabled) {
      // A SQL file is analysed in slices (a big file's first check must not hold completion up).
      const result = host ? diagnoseEmbedded(engine, { view: host.view(dialect), schema, config: settings.config }) : await engine.diagnoseAsync({ text, dialect, schema, config: settings.config, uri: doc.uri }, { cancelled: stale, pause: idle, sliceMs: idle ? IDLE_SLICE_MS : undefined });
      if (!result) return; // edited meanwhile: the next run publishes
      found = result;
    }
    // Templates are checked statically only: their parameters have no values to PREPARE with here.
    const checkLive = settings.liveCheck && !host && live.available(dialect);
    const known = checkLive ? await live.cached(doc.uri, text, dialect, settings.config) : [];
    if (stale()) return; // edited meanwhile: the next run publishes
    lastStatic.set(doc.uri, { version: doc.version, found });
    await send(doc, withLive(found, known));
    if (checkLive) scheduleLive(doc, dialect, settings.config);
  };

  /** The database's verdicts on the statements it has not judged yet, published with the static ones. */
  const publishLive = async (doc: TextDocument, dialect: DialectId, config: DiagnosticsConfig) => {
    const current = () => documents.get(doc.uri)?.version === doc.version && lastStatic.get(doc.uri)?.version === doc.version;
    if (!current()) return;
    const verdicts = await live.check(doc.uri, doc.getText(), dialect, config, () => !current());
    if (!current()) return; // edited meanwhile: the next static publish schedules a new check
    await send(doc, withLive(lastStatic.get(doc.uri)!.found, verdicts));
  };

  const scheduleLive = (doc: TextDocument, dialect: DialectId, config: DiagnosticsConfig) => {
    clearTimeout(liveTimers.get(doc.uri));
    liveTimers.set(
      doc.uri,
      setTimeout(() => {
        liveTimers.delete(doc.uri);
        publishLive(doc, dialect, config).catch((e: unknown) => log.warn(`live check failed for ${doc.uri}: ${errorMessage(e)}`));
      }, LIVE_DEBOUNCE_MS),
    );
  };

  const schedule = (doc: TextDocument) => {
    clearTimeout(timers.get(doc.uri));
    clearTimeout(liveTimers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        publish(doc).catch((e: unknown) => log.error(`diagnostics failed for ${doc.uri}: ${errorMessage(e)}`));
      }, DEBOUNCE_MS),
    );
  };

  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    clearTimeout(liveTimers.get(e.document.uri));
    liveTimers.delete(e.document.uri);
    fixes.delete(e.document.uri);
    lastStatic.delete(e.document.uri);
    live.forget(e.document.uri);
    void enginePromise.then((engine) => engine?.forget(e.document.uri));
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  session.onDidChange(() => documents.all().forEach(schedule));

  const quickFixes = (params: CodeActionParams): CodeAction[] => {
    const doc = documents.get(params.textDocument.uri);
    const known = fixes.get(params.textDocument.uri);
    if (!doc || !known) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const key = (diagnostic.data as { key?: string } | undefined)?.key;
      const d = key ? known.get(key) : undefined;
      if (!d?.fix) continue;
      actions.push({
        title: d.fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: d.fix.edits.length > 0,
        edit: { changes: { [doc.uri]: d.fix.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) } },
      });
    }
    return actions;
  };

  return {
    codeActions: { name: 'diagnostics quick fixes', kinds: [CodeActionKind.QuickFix], provide: quickFixes },
    refreshAll: () => documents.all().forEach(schedule),
  };
}

/** Static diagnostics plus the live ones that do not repeat a static syntax or schema error on the same text. */
function withLive(found: Diagnostic[], verdicts: Diagnostic[]): Diagnostic[] {
  if (verdicts.length === 0) return found;
  const claimed = found.filter((d) => {
    const kind = ruleMeta(d.code)?.kind;
    return kind === 'syntax' || kind === 'semantic';
  });
  // Inclusive, so that an empty range (a syntax error at the end of the input) still counts.
  const overlaps = (a: Diagnostic, b: Diagnostic) => a.range.start <= b.range.end && b.range.start <= a.range.end;
  return [...found, ...verdicts.filter((v) => !claimed.some((d) => overlaps(d, v)))];
}
