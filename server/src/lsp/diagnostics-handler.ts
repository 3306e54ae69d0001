// Publishes the engine's diagnostics for open SQL documents and offers their quick fixes as a code
// action provider (code-actions.ts owns the one codeAction handler). Re-analysis is debounced per
// document; the engine itself only re-checks the statements whose text changed. Rule severities
// come from the 'schemawise.diagnostics' settings of the document's resource, read when they are
// needed (never cached here).
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
import { DiagnosticsEngine, type Diagnostic, type DiagnosticsConfig, type RuleSetting } from '../engine/diagnostics';
import { errorMessage } from '../engine/drivers/errors';
import type { SchemaSession } from '../engine/session';
import { dialectDirective } from '../engine/sql/dialect-directive';
import type { CodeActionProvider } from './code-actions';
import type { Logger } from './logger';

const DEBOUNCE_MS = 120;
const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'info', 'warning', 'error'];

export const DiagnosticsSettings = {
  /** `schemawise.diagnostics`: `{ enabled?: boolean, rules?: { [ruleId]: 'off'|'info'|'warning'|'error' } }`. */
  from(value: unknown): { enabled: boolean; config: DiagnosticsConfig } {
    const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const rules: Record<string, RuleSetting> = {};
    if (typeof v.rules === 'object' && v.rules !== null)
      for (const [id, s] of Object.entries(v.rules as Record<string, unknown>)) if (RULE_SETTINGS.includes(s as RuleSetting)) rules[id] = s as RuleSetting;
    return { enabled: v.enabled !== false, config: { rules } };
  },
};

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  session: SchemaSession;
  log: Logger;
  /** Reads the 'schemawise.diagnostics' section for a document (undefined when the client has no configuration). */
  readSettings: (uri: string) => Promise<unknown>;
}

export interface DiagnosticsRegistration {
  /** The quick fixes of the published diagnostics, for registerCodeActions. */
  codeActions: CodeActionProvider;
  /** Re-checks every open document (after a settings change). */
  refreshAll(): void;
}

export function registerDiagnostics({ connection, documents, session, log, readSettings }: Deps): DiagnosticsRegistration {
  const enginePromise = DiagnosticsEngine.create().catch((e: unknown) => {
    log.error(`diagnostics are off: the SQL parser could not be loaded (${errorMessage(e)})`);
    return undefined;
  });
  const timers = new Map<string, NodeJS.Timeout>();
  /** Fixes of the last published diagnostics, by uri and diagnostic key. */
  const fixes = new Map<string, Map<string, Diagnostic>>();

  const publish = async (doc: TextDocument) => {
    const engine = await enginePromise;
    if (!engine || documents.get(doc.uri)?.version !== doc.version) return;
    const settings = DiagnosticsSettings.from(await readSettings(doc.uri).catch(() => undefined));
    const text = doc.getText();
    const found = settings.enabled
      ? engine.diagnose({ text, dialect: dialectDirective(text) ?? session.index.dialect.id, schema: session.model ? session.index : undefined, config: settings.config, uri: doc.uri })
      : [];
    if (documents.get(doc.uri)?.version !== doc.version) return; // edited meanwhile: the next run publishes
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

  const schedule = (doc: TextDocument) => {
    clearTimeout(timers.get(doc.uri));
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
    fixes.delete(e.document.uri);
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
