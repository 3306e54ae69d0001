// Public surface of the editor features: pure functions over (document, offset, SchemaIndex).
export { complete } from './completion/complete';
export { resolveDocumentation, documentationKeyFrom } from './completion/resolve';
export type { CompletionItem, CompletionKind, CompletionOptions, CompletionResult, DocumentationKey } from './completion/types';
export { hover, type HoverResult } from './hover/hover';
export { tableMarkdown } from './hover/table-markdown';
export { columnMarkdown } from './hover/column-markdown';
export { signatureHelp, type SignatureHelpResult } from './signature/signature-help';
export { definition, type DefinitionTarget } from './navigation/definition';
export { references, type ReferenceRange } from './navigation/references';
export { documentSymbols, type DocumentSymbol } from './navigation/document-symbols';
export { tableDdl, ddlUri, parseDdlUri, DDL_SCHEME } from './navigation/table-ddl';
export type { DocumentInput } from './document-input';
