// Engine-level completion items: no LSP types. The LSP adapter maps them to CompletionItems.

export type CompletionKind = 'keyword' | 'schema' | 'table' | 'view' | 'column' | 'alias' | 'cte' | 'function' | 'snippet' | 'join' | 'enum-value';

/** What an item's documentation describes, computed on demand (completionItem/resolve). */
export type DocumentationKey =
  | { kind: 'table'; schema: string; table: string }
  | { kind: 'column'; schema: string; table: string; column: string };

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Short text shown beside the label (type, table, schema). */
  detail?: string;
  /** Markdown shown in the details pane (cheap ones inline; table/column ones through `resolve`). */
  documentation?: string;
  /** Key to compute the documentation later with resolveDocumentation(). */
  resolve?: DocumentationKey;
  /** Text that replaces the range [replaceStart, replaceEnd) of the result. */
  insertText: string;
  /** insertText is an LSP snippet ($1, ${1:name}, $0). */
  snippet?: boolean;
  /** Ranking: items sort by this text (rank group, match quality, then a stable tie-break). */
  sortText: string;
  /** Text matched against what the user typed. */
  filterText: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** Document offsets of the text the items replace (the word under the cursor). */
  replaceStart: number;
  replaceEnd: number;
  /** More items matched than were returned: the client should ask again as the user types. */
  isIncomplete: boolean;
}

export interface CompletionOptions {
  /** The character that triggered the request, if any (' ' asks for less). */
  triggerCharacter?: string;
  /** Most items returned (best first); default 100 (the list is marked incomplete when cut). */
  limit?: number;
}

/**
 * Rank groups, best first: sortText starts with one of these. Nearest scope first (join conditions,
 * the cursor's own tables and columns), then what foreign keys relate to it, then everything else.
 */
export const RANK = {
  joinCondition: '0',
  enumValue: '0',
  snippet: '0',
  scopeColumn: '1',
  selectAlias: '1',
  cte: '1',
  fkTable: '2',
  scopeSource: '2',
  searchPathTable: '3',
  outerColumn: '3',
  preferredFunction: '4',
  // Tables never compete with preferred (scalar/aggregate) functions: those are not offered where a
  // table goes, and set-returning functions there rank as otherFunction, after every table.
  otherSchemaTable: '4',
  schema: '5',
  otherFunction: '6',
  preferredKeyword: '7',
  keyword: '8',
} as const;
