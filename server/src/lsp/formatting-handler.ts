// Document, range and on-type (after `;`) formatting, routed to the engine's formatSql in the
// document's dialect with the `schemawise.format` settings of its resource (tab size and tabs/spaces
// from the editor's FormattingOptions). A statement the engine cannot format safely is left alone.
//
// TS/JS files: only the SQL templates are ours. An editor that registers formatters per document
// selector (VS Code) gets the formatter for SQL files only, so Schemawise never competes with the
// TS/JS formatter there; templates are formatted by two code actions instead ("Format SQL template"
// at the cursor, and the source action "Format SQL templates" for the file, usable on save). An
// editor without dynamic registration (the static capability covers every document the client
// sends) gets template-only edits from document and range formatting: never an edit outside a template.
import {
  CodeActionKind,
  DocumentFormattingRequest,
  DocumentOnTypeFormattingRequest,
  DocumentRangeFormattingRequest,
  TextEdit,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type FormattingOptions,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { detectIndentation, formatTemplates, type TemplateFormatReport } from '../engine/embedded';
import { DEFAULT_FORMAT_SETTINGS, formatSqlAsync, formatStatement, type FormatEdit, type FormatSettings } from '../engine/features/formatting/format-sql';
import type { DialectId } from '../engine/schema/model';
import { loadPgParser } from '../engine/diagnostics';
import type { CodeActionProvider } from './code-actions';
import { dialectHead, type DocumentDialectResolver } from './document-dialect';
import { isHostDocument, type HostDocument } from './embedded-documents';
import type { Logger } from './logger';

const STATIC_CAPABILITIES: ServerCapabilities = {
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentOnTypeFormattingProvider: { firstTriggerCharacter: ';' },
};

/** SQL documents (the client's own selector for them): where the formatter is registered dynamically. */
const SQL_SELECTOR = [
  { scheme: 'file', language: 'sql' },
  { scheme: 'untitled', language: 'sql' },
];

/** The formatter of a SQL file's dialect is warmed up once the user has paused this long. */
const WARM_UP_QUIET_MS = 1500;

/** Code action kinds: the template at the cursor, and every template of the file. */
export const FORMAT_TEMPLATE_KIND = `${CodeActionKind.RefactorRewrite}.schemawise.formatSqlTemplate`;
export const FORMAT_TEMPLATES_SOURCE_KIND = `${CodeActionKind.Source}.schemawise.formatSqlTemplates`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `schemawise.format` + the editor's options → engine settings; bad values fall back to defaults. */
export function formatSettingsFrom(section: unknown, options: FormattingOptions | undefined): FormatSettings {
  const s = isRecord(section) ? section : {};
  const keywordCase = s.keywordCase === 'upper' || s.keywordCase === 'lower' || s.keywordCase === 'preserve' ? s.keywordCase : DEFAULT_FORMAT_SETTINGS.keywordCase;
  const width = typeof s.lineWidth === 'number' && Number.isFinite(s.lineWidth) ? Math.min(400, Math.max(20, Math.floor(s.lineWidth))) : DEFAULT_FORMAT_SETTINGS.lineWidth;
  const tab = options && Number.isFinite(options.tabSize) && options.tabSize > 0 ? Math.min(16, Math.floor(options.tabSize)) : DEFAULT_FORMAT_SETTINGS.tabWidth;
  return { keywordCase, lineWidth: width, tabWidth: tab, useTabs: options ? !options.insertSpaces : false };
}

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  log: Logger;
  dialectOf: DocumentDialectResolver;
  readSection: (uri: string) => Promise<unknown>;
  /** Resolves once the user has paused this long (MessageScheduler.quiet). */
  quiet: (ms: number) => Promise<void>;
  /** Between two slices of formatting: lets the client's messages through (MessageScheduler.letThrough). */
  letThrough: () => Promise<void>;
}

export interface Formatting {
  /** The formatting capabilities to announce: none when the client takes dynamic registrations (see onInitialized). */
  capabilities(client: ClientCapabilities): ServerCapabilities;
  /** Registers the formatters for SQL documents when the client takes dynamic registrations. */
  onInitialized(): void;
  /** "Format SQL template" / "Format SQL templates" in TS/JS files. */
  codeActions: CodeActionProvider;
}

export function registerFormatting({ connection, documents, log, dialectOf, readSection, quiet, letThrough }: Deps): Formatting {
  let dynamic = false;

  /** Template-only edits for a TS/JS file, [start, end) in host offsets. */
  const templateEdits = async (doc: HostDocument, options: FormattingOptions | undefined, start?: number, end?: number): Promise<TemplateFormatReport> => {
    await loadPgParser();
    const [{ id }, section] = await Promise.all([dialectOf(doc.uri, dialectHead(doc)), readSection(doc.uri).catch(() => undefined)]);
    const host = doc.hostText();
    const report = formatTemplates(host, doc.view(id), formatSettingsFrom(section, options), start ?? 0, end ?? host.length);
    for (const u of report.untouched) log.info(`format ${doc.uri}: SQL template at ${doc.positionAt(u.start).line + 1}:${doc.positionAt(u.start).character + 1} left as written (${u.reason})`);
    return report;
  };
  // sql-formatter builds a dialect's tokenizer on first use (~120 ms in one piece): do that once the
  // user has paused after a SQL file opens, not when they first format or type `;`, and never on
  // a timer that could fire between two keystrokes.
  const warmed = new Set<DialectId>();
  documents.onDidOpen((e) => {
    if (isHostDocument(e.document)) return;
    void dialectOf(e.document.uri, dialectHead(e.document))
      .then(async ({ id }) => {
        if (warmed.has(id)) return;
        warmed.add(id);
        await quiet(WARM_UP_QUIET_MS);
        formatStatement('SELECT 1', id, DEFAULT_FORMAT_SETTINGS);
      })
      .catch(() => undefined);
  });
  const toTextEdits = (doc: TextDocument, edits: readonly FormatEdit[]) => edits.map((e) => TextEdit.replace({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, e.newText));

  // Formatting yields to the event loop between statements (a 20k-line file takes seconds), so
  // completion and hover are answered meanwhile; a cancelled request stops.
  const run = async (uri: string, options: FormattingOptions, range?: (doc: TextDocument) => [number, number], token?: CancellationToken): Promise<TextEdit[] | null> => {
    const doc = documents.get(uri);
    if (!doc) return null;
    // TextDocuments updates a document in place on didChange: remember the version asked for.
    const version = doc.version;
    try {
      if (isHostDocument(doc)) {
        const [start, end] = range ? range(doc) : [0, doc.hostText().length];
        return toTextEdits(doc, (await templateEdits(doc, options, start, end)).edits);
      }
      await loadPgParser();
      const text = doc.getText();
      const [{ id }, section] = await Promise.all([dialectOf(uri, text), readSection(uri).catch(() => undefined)]);
      const [start, end] = range ? range(doc) : [0, text.length];
      const report = await formatSqlAsync(text, id, formatSettingsFrom(section, options), start, end, {
        cancelled: () => token?.isCancellationRequested === true || documents.get(uri)?.version !== version,
        yieldTo: letThrough,
      });
      if (!report) return null;
      if (report.untouched > 0) log.info(`format ${uri}: ${report.formatted} statement(s) formatted, ${report.untouched} left as written (not safely formattable)`);
      return toTextEdits(doc, report.edits);
    } catch (e) {
      log.error(`formatting failed: ${errorMessage(e)}`);
      return null;
    }
  };
  connection.onDocumentFormatting((p, token) => run(p.textDocument.uri, p.options, undefined, token));
  connection.onDocumentRangeFormatting((p, token) => run(p.textDocument.uri, p.options, (doc) => [doc.offsetAt(p.range.start), doc.offsetAt(p.range.end)], token));
  // After `;`: the statement that ends there. Never in a TS/JS file: a `;` there ends TypeScript.
  connection.onDocumentOnTypeFormatting((p, token) => {
    if (isHostDocument(documents.get(p.textDocument.uri))) return null;
    const statementEndingAt = (doc: TextDocument): [number, number] => {
      const at = doc.offsetAt(p.position);
      return [Math.max(0, at - 2), Math.max(0, at - 1)];
    };
    return run(p.textDocument.uri, p.options, statementEndingAt, token);
  });

  const provide = async (params: CodeActionParams): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!isHostDocument(doc)) return [];
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
    // Code actions carry no editor options: the file's own indentation decides.
    const options = detectIndentation(doc.hostText());
    const actions: CodeAction[] = [];
    const at = doc.offsetAt(params.range.start);
    if (wants(FORMAT_TEMPLATE_KIND) && doc.regionAt(at)?.role === 'statement') {
      const { edits } = await templateEdits(doc, options, at, doc.offsetAt(params.range.end));
      if (edits.length) actions.push({ title: 'Format SQL template', kind: FORMAT_TEMPLATE_KIND, edit: { changes: { [doc.uri]: toTextEdits(doc, edits) } } });
    }
    // The whole-file action only when asked for by kind (Source Action menu, codeActionsOnSave): it is not about the cursor.
    if (only && wants(FORMAT_TEMPLATES_SOURCE_KIND)) {
      const { edits } = await templateEdits(doc, options);
      if (edits.length) actions.push({ title: 'Format SQL templates', kind: FORMAT_TEMPLATES_SOURCE_KIND, edit: { changes: { [doc.uri]: toTextEdits(doc, edits) } } });
    }
    return actions;
  };

  return {
    capabilities(client) {
      const td = client.textDocument;
      dynamic = td?.formatting?.dynamicRegistration === true && td.rangeFormatting?.dynamicRegistration === true && td.onTypeFormatting?.dynamicRegistration === true;
      return dynamic ? {} : STATIC_CAPABILITIES;
    },
    onInitialized() {
      if (!dynamic) return;
      const fail = (e: unknown) => log.error(`registering the SQL formatter failed: ${errorMessage(e)}`);
      void connection.client.register(DocumentFormattingRequest.type, { documentSelector: SQL_SELECTOR }).catch(fail);
      void connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector: SQL_SELECTOR }).catch(fail);
      void connection.client.register(DocumentOnTypeFormattingRequest.type, { documentSelector: SQL_SELECTOR, firstTriggerCharacter: ';' }).catch(fail);
    },
    codeActions: { name: 'format SQL templates', kinds: [FORMAT_TEMPLATE_KIND, FORMAT_TEMPLATES_SOURCE_KIND], provide },
  };
}
