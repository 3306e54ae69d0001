// Keyword completion from the dialect's keyword list, in the case the user is typing in.
import { AFTER_TABLE_KEYWORDS, STATEMENT_KEYWORDS } from '../../sql/keywords';
import type { CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

export function keywordItems(req: CompletionRequest): CompletionItem[] {
  const { context } = req;
  const all = req.index.dialect.keywords;
  const words = context.statementStart ? all.filter((k) => STATEMENT_KEYWORDS.includes(k)) : all;
  const lower = context.prefix !== '' && context.prefix === context.prefix.toLowerCase();
  const preferred = context.position === 'keyword' && !context.statementStart ? new Set(AFTER_TABLE_KEYWORDS) : new Set<string>();
  return words.map((k) => ({
    label: lower ? k.toLowerCase() : k,
    kind: 'keyword',
    detail: 'keyword',
    insertText: lower ? k.toLowerCase() : k,
    sortText: (preferred.has(k) ? RANK.preferredKeyword : RANK.keyword) + k,
    filterText: lower ? k.toLowerCase() : k,
  }));
}
