// Document, range and on-type (after `;`) formatting, routed to the engine's formatSql in the
// document's dialect with the `schemawise.format` settings of its resource (tab size and tabs/spaces
// from the editor's FormattingOptions). A statement the engine cannot format safely is left alone.
import {
  TextEdit,
  type CancellationToken,
  type Connection,
  type FormattingOptions,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import { DEFAULT_FORMAT_SETTINGS, formatSqlAsync, type FormatEdit, type FormatSettings } from '../engine/features/formatting/format-sql';
import { loadPgParser } from '../engine/diagnostics';
import type { DocumentDialectResolver } from './document-dialect';
import type { Logger } from './logger';

export const formattingCapabilities: ServerCapabilities = {
  documentFormattingProvider: true,
  documentRangeFormattingProvider: true,
  documentOnTypeFormattingProvider: { firstTriggerCharacter: ';' },
};

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
}

export function registerFormatting({ connection, documents, log, dialectOf, readSection }: Deps): void {
  // Formatting yields to the event loop between statements (a 20k-line file takes seconds), so
  // completion and hover are answered meanwhile; a cancelled request stops.
  const run = async (uri: string, options: FormattingOptions, range?: (doc: TextDocument) => [number, number], token?: CancellationToken): Promise<TextEdit[] | null> => {
    const doc = documents.get(uri);
    if (!doc) return null;
    // TextDocuments updates a document in place on didChange: remember the version asked for.
    const version = doc.version;
    try {
      await loadPgParser();
      const text = doc.getText();
      const [{ id }, section] = await Promise.all([dialectOf(uri, text), readSection(uri).catch(() => undefined)]);
      const [start, end] = range ? range(doc) : [0, text.length];
      const report = await formatSqlAsync(text, id, formatSettingsFrom(section, options), start, end, { cancelled: () => token?.isCancellationRequested === true || documents.get(uri)?.version !== version });
      if (!report) return null;
      if (report.untouched > 0) log.info(`format ${uri}: ${report.formatted} statement(s) formatted, ${report.untouched} left as written (not safely formattable)`);
      return report.edits.map((e: FormatEdit) => TextEdit.replace({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, e.newText));
    } catch (e) {
      log.error(`formatting failed: ${errorMessage(e)}`);
      return null;
    }
  };
  connection.onDocumentFormatting((p, token) => run(p.textDocument.uri, p.options, undefined, token));
  connection.onDocumentRangeFormatting((p, token) => run(p.textDocument.uri, p.options, (doc) => [doc.offsetAt(p.range.start), doc.offsetAt(p.range.end)], token));
  // After `;`: the statement that ends there.
  connection.onDocumentOnTypeFormatting((p, token) =>
    run(
      p.textDocument.uri,
      p.options,
      (doc) => {
        const at = doc.offsetAt(p.position);
        return [Math.max(0, at - 2), Math.max(0, at - 1)];
      },
      token,
    ),
  );
}
