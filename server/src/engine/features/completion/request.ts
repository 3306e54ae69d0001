// Everything a completion provider needs about one request, computed once.
import type { SchemaIndex } from '../../schema/schema-index';
import type { CursorContext } from '../../sql/cursor-context';
import type { Scope } from '../../sql/scope';
import type { Source } from '../sources';

export interface CompletionRequest {
  index: SchemaIndex;
  context: CursorContext;
  scope: Scope;
  sources: Source[];
}

/** Identifier as it must be inserted: always quoted when the user opened a quote. */
export function identifierText(req: CompletionRequest, name: string): string {
  return req.context.quoted ? req.index.dialect.quote(name) : req.index.dialect.quoteIfNeeded(name);
}

/** Text matched against the typed word, which includes an opening quote when the user typed one. */
export function filterText(req: CompletionRequest, name: string): string {
  return req.context.quoted ? req.index.dialect.quoteOpen + name : name;
}
