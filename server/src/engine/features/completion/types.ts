// Engine-level completion items: no LSP types. The LSP adapter maps them to CompletionItems.

export type CompletionKind = 'keyword' | 'schema' | 'table' | 'view' | 'column' | 'alias' | 'cte';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Short text shown beside the label (type, table, schema). */
  detail?: string;
  /** Markdown shown in the details pane. */
  documentation?: string;
  /** Text that replaces the range [replaceStart, replaceEnd) of the result. */
  insertText: string;
  /** Ranking: items sort by this text. */
  sortText: string;
  /** Text matched against what the user typed. */
  filterText: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** Document offsets of the text the items replace (the word under the cursor). */
  replaceStart: number;
  replaceEnd: number;
}

export interface CompletionOptions {
  /** The character that triggered the request, if any (' ' asks for less). */
  triggerCharacter?: string;
}

/** Rank groups, best first: sortText starts with one of these. */
export const RANK = {
  scopeColumn: '0',
  cte: '0',
  scopeSource: '1',
  searchPathTable: '1',
  outerColumn: '2',
  schema: '3',
  otherSchemaTable: '4',
  preferredKeyword: '5',
  keyword: '6',
} as const;
