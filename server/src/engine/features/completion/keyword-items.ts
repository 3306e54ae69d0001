// Keyword completion from the dialect's catalog: at the start of a statement only statement
// keywords; the words that fit the cursor's spot rank first — clause keywords after a table
// reference, SELECT modifiers (TOP in T-SQL) right after SELECT, and the dialect's row-limiting
// clause (LIMIT, or OFFSET … FETCH in T-SQL) once a query has its ORDER BY.
import { isIdentifier, isPunct, keywordOf } from '../../sql/tokens';
import type { CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

/** What can stand for a value in VALUES (…) besides a function call. */
const VALUE_KEYWORDS = ['DEFAULT', 'NULL', 'TRUE', 'FALSE', 'CURRENT_DATE', 'CURRENT_TIMESTAMP'];
const PAGING_CLAUSES = new Set(['ORDER', 'WHERE', 'GROUP', 'HAVING', 'FROM', 'JOIN', 'ON']);

export function keywordItems(req: CompletionRequest): CompletionItem[] {
  const { context } = req;
  const catalog = req.index.dialect.keywordCatalog;
  const words = context.statementStart ? catalog.statement : catalog.all;
  const preferred = new Set<string>();
  if (context.position === 'keyword' && !context.statementStart) catalog.afterTable.forEach((k) => preferred.add(k));
  const anchor = keywordOf(context.anchor);
  if (anchor === 'SELECT') catalog.selectModifiers.forEach((k) => preferred.add(k));
  const paging = !context.statementStart && context.clause === 'ORDER' && endsExpression(req);
  if (paging || (PAGING_CLAUSES.has(context.clause) && endsExpression(req))) catalog.paging.forEach((k) => preferred.add(k));
  const items = words.map((k) => keyword(req, k, preferred.has(k)));
  if (paging) {
    const s = catalog.pagingSnippet;
    items.push({ label: s.label, kind: 'snippet', detail: `row limit (${req.index.dialect.displayName})`, insertText: s.body, snippet: true, sortText: RANK.preferredKeyword + catalog.paging[0], filterText: context.prefix !== '' && context.prefix === context.prefix.toLowerCase() ? catalog.paging[0].toLowerCase() : catalog.paging[0] });
  }
  return items;
}

export function valueKeywordItems(req: CompletionRequest): CompletionItem[] {
  return VALUE_KEYWORDS.map((k) => keyword(req, k, true));
}

/** The token before the cursor ends an expression or name (`ORDER BY name |`), so a clause may follow. */
function endsExpression(req: CompletionRequest): boolean {
  const a = req.context.anchor;
  if (!a) return false;
  if (isPunct(a, ')') || a.kind === 'number' || a.kind === 'string') return true;
  const kw = keywordOf(a);
  return isIdentifier(a) && (a.kind === 'quoted' || kw === 'ASC' || kw === 'DESC' || !req.index.dialect.keywords.includes(kw));
}

function keyword(req: CompletionRequest, k: string, preferred: boolean): CompletionItem {
  const p = req.context.prefix;
  const lower = p !== '' && p === p.toLowerCase();
  const text = lower ? k.toLowerCase() : k;
  return { label: text, kind: 'keyword', detail: 'keyword', insertText: text, sortText: (preferred ? RANK.preferredKeyword : RANK.keyword) + k, filterText: text };
}
