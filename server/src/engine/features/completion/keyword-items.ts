// Keyword completion from the dialect's keyword list, in the case the user is typing in.
import { AFTER_TABLE_KEYWORDS, STATEMENT_KEYWORDS } from '../../sql/keywords';
import type { CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

/** What can stand for a value in VALUES (…) besides a function call. */
const VALUE_KEYWORDS = ['DEFAULT', 'NULL', 'TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIMESTAMP'];

export function keywordItems(req: CompletionRequest): CompletionItem[] {
  const { context } = req;
  const all = req.index.dialect.keywords;
  const words = context.statementStart ? all.filter((k) => STATEMENT_KEYWORDS.includes(k)) : all;
  const preferred = context.position === 'keyword' && !context.statementStart ? new Set(AFTER_TABLE_KEYWORDS) : new Set<string>();
  return words.map((k) => keyword(req, k, preferred.has(k)));
}

export function valueKeywordItems(req: CompletionRequest): CompletionItem[] {
  return VALUE_KEYWORDS.map((k) => keyword(req, k, true));
}

function keyword(req: CompletionRequest, k: string, preferred: boolean): CompletionItem {
  const p = req.context.prefix;
  const lower = p !== '' && p === p.toLowerCase();
  const text = lower ? k.toLowerCase() : k;
  return { label: text, kind: 'keyword', detail: 'keyword', insertText: text, sortText: (preferred ? RANK.preferredKeyword : RANK.keyword) + k, filterText: text };
}
