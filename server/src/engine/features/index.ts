// Public surface of the editor features: pure functions over (text, offset, SchemaIndex).
export { complete } from './completion/complete';
export type { CompletionItem, CompletionKind, CompletionOptions, CompletionResult } from './completion/types';
export { hover, type HoverResult } from './hover/hover';
export { tableMarkdown } from './hover/table-markdown';
export { columnMarkdown } from './hover/column-markdown';
