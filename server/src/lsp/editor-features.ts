// The editing features (completion and its resolve, hover, signature help, definition, references,
// document symbols, the tableDdl request) routed to the engine with the document's SqlDocument, in
// the document's dialect (document-dialect.ts: the same decision diagnostics use). Each handler logs
// and answers empty on an engine failure: one bad request never ends the session.
import {
  CompletionItemKind,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  Range,
  ResponseError,
  SymbolKind,
  type ClientCapabilities,
  type CancellationToken,
  type CompletionItem,
  type Position,
  type CompletionList,
  type Connection,
  type DocumentSymbol as LspSymbol,
  type ServerCapabilities,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { errorMessage } from '../engine/drivers/errors';
import {
  complete,
  definition,
  documentationKeyFrom,
  documentSymbols,
  hover,
  parseDdlUri,
  references,
  resolveDocumentation,
  signatureHelp,
  tableDdl,
  ddlUri,
  type CompletionKind,
  type CompletionResult,
  type DocumentSymbol,
} from '../engine/features';
import type { SchemaIndex } from '../engine/schema/schema-index';
import type { DocumentStore, SchemaSession } from '../engine/session';
import type { SqlDocument } from '../engine/sql/sql-document';
import { TableDdlRequest, type TableDdlParams, type TableDdlResult } from '../protocol';
import { documentDialectResolver, type DocumentDialectResolver, dialectHead } from './document-dialect';
import { isHostDocument, sqlTextOf } from './embedded-documents';
import type { Logger } from './logger';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  schema: CompletionItemKind.Module,
  table: CompletionItemKind.Class,
  view: CompletionItemKind.Interface,
  column: CompletionItemKind.Field,
  alias: CompletionItemKind.Variable,
  cte: CompletionItemKind.Reference,
  function: CompletionItemKind.Function,
  snippet: CompletionItemKind.Snippet,
  join: CompletionItemKind.Reference,
  'enum-value': CompletionItemKind.EnumMember,
};

interface Deps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  session: SchemaSession;
  log: Logger;
  /** The per-document dialect decision shared with diagnostics (default: no defaultDialect setting). */
  dialectOf?: DocumentDialectResolver;
  /** The client's capabilities, once it has initialized (completion list defaults). */
  clientCapabilities?: () => ClientCapabilities | undefined;
}

export const editorCapabilities: ServerCapabilities = {
  completionProvider: { triggerCharacters: ['.', ' '], resolveProvider: true },
  hoverProvider: true,
  signatureHelpProvider: { triggerCharacters: ['(', ','], retriggerCharacters: [','] },
  definitionProvider: true,
  referencesProvider: true,
  documentSymbolProvider: true,
};

type Open = { doc: TextDocument; sql: SqlDocument; index: SchemaIndex };

/** Longest an editor request waits for the rest of a schema whose preview is loaded. */
const COMPLETE_SCHEMA_WAIT_MS = 3000;

export function registerEditorFeatures({ connection, documents, store, session, log, dialectOf = documentDialectResolver(session, async () => undefined), clientCapabilities = () => undefined }: Deps): void {
  /** The open document with its statement cache and the schema of its dialect, or undefined when the editor never opened it. */
  const sqlDoc = async (uri: string): Promise<Open | undefined> => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const { index } = await dialectOf(uri, dialectHead(doc));
    return { doc, index, sql: store.get(uri, doc.version, index.dialect, () => sqlTextOf(doc, index.dialect.id)) };
  };
  /**
   * `completeSchema`: the answer shows what a preview of the schema lacks (keys, indexes, domains), so
   * it waits for the complete model; completion answers from the preview at once.
   */
  const guard = <P extends { textDocument: { uri: string }; position?: Position }, R>(what: string, run: (p: P, d: Open) => R, completeSchema = true) => {
    return async (params: P, token?: CancellationToken): Promise<R | ResponseError<void> | null> => {
      try {
        // A stalled second phase must not leave hover or go-to-definition unanswered: after a while
        // they answer from the preview (tables and columns) rather than not at all.
        if (completeSchema) await Promise.race([session.completeModel(), new Promise((r) => setTimeout(r, COMPLETE_SCHEMA_WAIT_MS))]);
        const d = await sqlDoc(params.textDocument.uri);
        // A request the editor gave up on while it waited (behind another document's work) is not computed.
        if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        if (!d) return null;
        // In a TS/JS file only the templates are ours: elsewhere the host language answers alone.
        if (isHostDocument(d.doc) && (!params.position || !d.doc.regionAt(d.doc.offsetAt(params.position)))) return null;
        return run(params, d);
      } catch (e) {
        log.error(`${what} failed: ${errorMessage(e)}`);
        return null;
      }
    };
  };

  connection.onCompletion(
    guard('completion', (params, { doc, sql, index }): CompletionList => {
      const result = complete(sql, doc.offsetAt(params.position), index, { triggerCharacter: params.context?.triggerCharacter });
      const range = editRange(doc, result, params.position);
      // From a preview (no foreign keys yet: no join suggestions): the editor asks again as the user types.
      const isIncomplete = result.isIncomplete || session.partial;
      // All items replace the same range: a client that takes list defaults (LSP 3.17, VS Code) gets it
      // once, and each item only the text that differs from its label. On 5,000 tables this halves
      // the answer (about 30 KB for 100 items) the server writes and the editor parses per keystroke.
      const defaults: unknown = clientCapabilities()?.textDocument?.completion?.completionList?.itemDefaults;
      const sharedRange = Array.isArray(defaults) && defaults.includes('editRange');
      const items = result.items.map((i): CompletionItem => {
        const item: CompletionItem = { label: i.label, kind: KINDS[i.kind], detail: i.detail, sortText: i.sortText };
        if (i.documentation) item.documentation = { kind: MarkupKind.Markdown, value: i.documentation };
        // An item's filter text is its label unless it says otherwise.
        if (i.filterText !== i.label) item.filterText = i.filterText;
        if (i.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
        if (!sharedRange) item.textEdit = { range, newText: i.insertText };
        else if (i.insertText !== i.label) item.textEditText = i.insertText;
        if (i.resolve) item.data = i.resolve;
        return item;
      });
      return sharedRange ? { isIncomplete, itemDefaults: { editRange: range }, items } : { isIncomplete, items };
    }, false),
  );

  connection.onCompletionResolve(async (item) => {
    const key = documentationKeyFrom(item.data);
    if (!key || item.documentation) return item;
    try {
      const md = resolveDocumentation(key, await session.completeIndex());
      return md ? { ...item, documentation: { kind: MarkupKind.Markdown, value: md } } : item;
    } catch (e) {
      log.error(`completion resolve failed: ${errorMessage(e)}`);
      return item;
    }
  });

  connection.onHover(
    guard('hover', (params, { doc, sql, index }) => {
      const h = hover(sql, doc.offsetAt(params.position), index);
      return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: Range.create(doc.positionAt(h.start), doc.positionAt(h.end)) } : null;
    }),
  );

  connection.onSignatureHelp(
    guard('signature help', (params, { doc, sql, index }) => {
      const s = signatureHelp(sql, doc.offsetAt(params.position), index);
      if (!s) return null;
      return {
        activeSignature: s.activeSignature,
        activeParameter: s.activeParameter,
        signatures: s.signatures.map((sig) => ({ label: sig.label, documentation: sig.documentation, parameters: sig.parameters.map((label) => ({ label })) })),
      };
    }),
  );

  connection.onDefinition(
    guard('definition', (params, { doc, sql, index }) => {
      const target = definition(sql, doc.offsetAt(params.position), index);
      if (!target) return null;
      if (target.kind === 'document') return { uri: doc.uri, range: Range.create(doc.positionAt(target.start), doc.positionAt(target.end)) };
      return { uri: target.uri, range: Range.create(target.line, 0, target.line, 0) };
    }),
  );

  connection.onReferences(
    guard('references', (params, { doc, sql, index }) =>
      references(sql, doc.offsetAt(params.position), index, params.context.includeDeclaration).map((r) => ({
        uri: doc.uri,
        range: Range.create(doc.positionAt(r.start), doc.positionAt(r.end)),
      })),
      false,
    ),
  );

  connection.onDocumentSymbol(
    guard('document symbols', (_params, { doc, sql, index }) => {
      const toLsp = (s: DocumentSymbol): LspSymbol => ({
        name: s.name,
        detail: s.detail,
        kind: s.kind === 'cte' ? SymbolKind.Struct : SymbolKind.Event,
        range: Range.create(doc.positionAt(s.start), doc.positionAt(s.end)),
        selectionRange: Range.create(doc.positionAt(s.selectionStart), doc.positionAt(s.selectionEnd)),
        children: s.children.map(toLsp),
      });
      return documentSymbols(sql, index.dialect).map(toLsp);
    }, false),
  );

  connection.onRequest(TableDdlRequest.type, async (params: TableDdlParams): Promise<TableDdlResult | null> => {
    const target = typeof params?.uri === 'string' ? parseDdlUri(params.uri) : typeof params?.table === 'string' ? { schema: params.schema ?? '', table: params.table } : undefined;
    if (!target) return null;
    const index = await session.completeIndex();
    const table = target.schema ? index.findTable({ text: target.table, quoted: true }, { text: target.schema, quoted: true }) : index.findTable({ text: target.table, quoted: true });
    return table ? { uri: ddlUri(table), text: tableDdl(table, index).text } : null;
  });
}

/** The replaced word, clipped to the cursor's line (an unterminated quote may run on for lines). */
function editRange(doc: TextDocument, result: CompletionResult, position: { line: number; character: number }): Range {
  const start = doc.positionAt(result.replaceStart);
  const end = doc.positionAt(result.replaceEnd);
  return Range.create(start.line === position.line ? start : position, end.line === position.line ? end : position);
}
