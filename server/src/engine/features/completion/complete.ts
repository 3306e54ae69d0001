// Completion at a document offset: finds the statement, the cursor's syntactic position and the
// scope, then asks the provider for that position. Pure: (text, offset, schema) → items.
import type { SchemaIndex } from '../../schema/schema-index';
import { cursorContext } from '../../sql/cursor-context';
import { namePart } from '../../sql/names';
import { resolveScope } from '../../sql/scope';
import { statementAt } from '../../sql/statement-splitter';
import { isIdentifier, isPunct } from '../../sql/tokens';
import { resolveSources } from '../sources';
import { columnItems } from './column-items';
import { keywordItems } from './keyword-items';
import type { CompletionRequest } from './request';
import { tableItems } from './table-items';
import type { CompletionItem, CompletionOptions, CompletionResult } from './types';
import { plainColumnItems } from './insert-column-items';

export function complete(text: string, offset: number, index: SchemaIndex, options: CompletionOptions = {}): CompletionResult {
  const statement = statementAt(text, offset, index.dialect);
  const context = cursorContext(statement.tokens, offset, index.dialect);
  const scope = resolveScope(statement.tokens, offset, index.dialect);
  const req: CompletionRequest = { index, context, scope, sources: resolveSources(scope.tables, index) };
  const result = (items: CompletionItem[]): CompletionResult => ({ items, replaceStart: context.replaceStart, replaceEnd: context.replaceEnd });
  if (options.triggerCharacter === ' ' && !wantsSpaceCompletion(req)) return result([]);
  switch (context.position) {
    case 'none':
    case 'alias':
      return result([]);
    case 'table':
      return result(tableItems(req));
    case 'insert-column': {
      const parts = context.insertTarget ?? [];
      const table = parts.length > 0 ? index.findTable(namePart(parts[parts.length - 1]), parts.length > 1 ? namePart(parts[parts.length - 2]) : undefined) : undefined;
      return result(table ? plainColumnItems(req, table) : []);
    }
    case 'column':
      return result(context.qualifier.length > 0 ? columnItems(req) : [...columnItems(req), ...keywordItems(req)]);
    case 'keyword':
      return result(keywordItems(req));
  }
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
