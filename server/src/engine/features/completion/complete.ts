// Completion at a document offset: finds the statement, the cursor's syntactic position and the
// scope, asks the providers for that position, then filters by what was typed and ranks. Pure:
// (document, offset, schema) → items.
import type { SchemaIndex } from '../../schema/schema-index';
import { cursorContext } from '../../sql/cursor-context';
import { namePart } from '../../sql/names';
import { resolveScope } from '../../sql/scope';
import { isIdentifier, isPunct, keywordOf } from '../../sql/tokens';
import { statementOf, type DocumentInput } from '../document-input';
import { resolveSources, tokenName } from '../sources';
import { columnItems } from './column-items';
import { enumValueCompletion } from './enum-value-items';
import { functionItems } from './function-items';
import { plainColumnItems } from './insert-column-items';
import { joinClauseItems, joinConditionItems } from './join-items';
import { keywordItems, valueKeywordItems } from './keyword-items';
import { rankAndFilter, rankAndFilterLists } from './matcher';
import { filterText, identifierText, type CompletionRequest } from './request';
import { insertSnippetItems } from './snippet-items';
import { tableItems } from './table-items';
import { RANK, type CompletionItem, type CompletionOptions, type CompletionResult } from './types';

const DEFAULT_LIMIT = 100;

export function complete(doc: DocumentInput, offset: number, index: SchemaIndex, options: CompletionOptions = {}): CompletionResult {
  const statement = statementOf(doc, offset, index.dialect);
  const context = cursorContext(statement.tokens, offset, index.dialect);
  const scope = resolveScope(statement.tokens, offset, index.dialect);
  const req: CompletionRequest = { index, context, scope, sources: resolveSources(scope.tables, index) };
  // The candidates come as lists, ranked as if concatenated (none is copied into one array).
  const done = (...lists: (readonly CompletionItem[])[]): CompletionResult => {
    const ranked = rankAndFilterLists(lists, context.prefix, context.quoted ? index.dialect.quoteOpen : '', options.limit ?? DEFAULT_LIMIT);
    return { ...ranked, replaceStart: context.replaceStart, replaceEnd: context.replaceEnd };
  };
  if (options.triggerCharacter === ' ' && !wantsSpaceCompletion(req)) return done([]);
  const values = context.position === 'none' || context.position === 'column' ? enumValueCompletion(statement.tokens, offset, req.sources, index) : undefined;
  if (values && context.position === 'none') {
    // Inside the string literal compared with an enum column: its values, replacing the literal.
    const ranked = rankAndFilter(values.items, values.prefix, '', options.limit ?? DEFAULT_LIMIT);
    return { ...ranked, replaceStart: values.replaceStart, replaceEnd: values.replaceEnd };
  }
  // Right after `col =` (or typing a word there): the enum's values first, then the usual expression items.
  if (values && context.qualifier.length === 0) return done(values.items, ...expressionItems(req));
  switch (context.position) {
    case 'none':
      return done([]);
    case 'alias':
      return done(aliasPositionKeywords(req));
    case 'table': {
      const lists = tableItems(req);
      if (context.qualifier.length === 0) {
        if (keywordOf(context.anchor) === 'JOIN') lists.push(joinClauseItems(req, offset));
        if (['FROM', 'JOIN', 'LATERAL'].includes(keywordOf(context.anchor)) || isPunct(context.anchor, ',')) lists.push(functionItems(req, true));
      }
      return done(...lists);
    }
    case 'insert-column': {
      const parts = context.insertTarget ?? [];
      const table = parts.length > 0 ? index.findTable(namePart(parts[parts.length - 1]), parts.length > 1 ? namePart(parts[parts.length - 2]) : undefined) : undefined;
      return done(table ? plainColumnItems(req, table) : []);
    }
    case 'column': {
      if (context.qualifier.length > 0) return done(columnItems(req));
      const lists = expressionItems(req);
      if (context.clause === 'ON' && keywordOf(context.anchor) === 'ON') lists.push(joinConditionItems(req, offset));
      return done(...lists);
    }
    case 'keyword': {
      if (context.clause === 'VALUES' && (isPunct(context.anchor, '(') || isPunct(context.anchor, ','))) return done(valueKeywordItems(req), functionItems(req, false));
      const target = insertTargetBefore(req);
      return target ? done(insertSnippetItems(req, target), keywordItems(req)) : done(keywordItems(req));
    }
  }
}

/** Where an expression goes: columns, select-list aliases, functions, keywords (lists, in that order). */
function expressionItems(req: CompletionRequest): (readonly CompletionItem[])[] {
  return [columnItems(req), selectAliasItems(req), functionItems(req, false), keywordItems(req)];
}

/**
 * Where an alias may be named (`FROM album |`), a list would turn the Enter that ends an alias
 * into an accepted item: nothing is offered, unless two or more letters typed (not after AS) begin a
 * clause keyword that can follow a table (`FROM album WH|` → WHERE), which is what the user is typing.
 */
function aliasPositionKeywords(req: CompletionRequest): CompletionItem[] {
  const { context } = req;
  if (context.prefix.length < 2 || context.quoted || keywordOf(context.anchor) === 'AS') return [];
  const typed = context.prefix.toUpperCase();
  const words = req.index.dialect.keywordCatalog.afterTable.filter((k) => k.startsWith(typed) && k !== typed);
  const lower = context.prefix === context.prefix.toLowerCase();
  return words.map((k) => {
    const text = lower ? k.toLowerCase() : k;
    return { label: text, kind: 'keyword', detail: 'keyword', insertText: text, sortText: RANK.preferredKeyword + k, filterText: text };
  });
}

/** Select-list aliases where the dialect lets ORDER BY / GROUP BY / HAVING name them. */
function selectAliasItems(req: CompletionRequest): CompletionItem[] {
  if (!req.index.dialect.outputAliasClauses.has(req.context.clause)) return [];
  return req.scope.selectAliases.map((t, n) => ({
    label: tokenName(t),
    kind: 'alias',
    detail: 'select-list alias',
    insertText: identifierText(req, tokenName(t)),
    sortText: `${RANK.selectAlias}${String(n).padStart(3, '0')}`,
    filterText: filterText(req, tokenName(t)),
  }));
}

/** The INSERT target when the cursor directly follows it: `INSERT INTO s.t |`. */
function insertTargetBefore(req: CompletionRequest) {
  const anchor = req.context.anchor;
  if (!isIdentifier(anchor)) return undefined;
  const ref = req.scope.tables.find((r) => r.level === 0 && r.clause === 'into' && r.kind === 'table' && r.name === anchor);
  if (!ref?.name) return undefined;
  return req.index.findTable(namePart(ref.name), ref.schema && namePart(ref.schema));
}

/**
 * A space triggers completion only where a name or keyword is expected next: after a keyword,
 * comma, operator or `(`; not after a finished expression (`SELECT a |` is about to type AS/FROM).
 */
function wantsSpaceCompletion(req: CompletionRequest): boolean {
  const a = req.context.anchor;
  if (!a) return false;
  if (isPunct(a, ')') || a.kind === 'number' || a.kind === 'string') return false;
  if (isIdentifier(a) && !(a.kind === 'word' && isKeyword(req, a.text))) return req.context.position === 'keyword';
  return true;
}

function isKeyword(req: CompletionRequest, word: string): boolean {
  const w = word.toUpperCase();
  return req.index.dialect.keywords.includes(w) || req.index.dialect.reserved.has(w);
}
