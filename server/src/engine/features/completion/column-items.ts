// Column completion: the columns of the tables in scope (the cursor's own query block first, then
// enclosing blocks of a correlated subquery), the aliases that qualify them, and after `alias.` or
// `schema.table.` the columns of exactly that table.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import { namePart } from '../../sql/names';
import { sourceMatches, type Source, type SourceColumn } from '../sources';
import { filterText, identifierText, type CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

export function columnItems(req: CompletionRequest): CompletionItem[] {
  const qualifier = req.context.qualifier;
  if (qualifier.length > 0) return qualifiedColumnItems(req);
  const own = req.sources.filter((s) => s.ref.level === 0 && !s.ref.pseudo);
  const counts = new Map<string, number>();
  for (const s of own) for (const c of s.columns) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const items: CompletionItem[] = [];
  for (const s of req.sources) {
    // `excluded` of ON CONFLICT is offered as a qualifier only: its columns are the target's.
    if (s.ref.pseudo) {
      items.push(sourceItem(req, s));
      continue;
    }
    for (const c of s.columns) {
      // A name two tables share is inserted qualified, so the query stays unambiguous.
      const ambiguous = s.ref.level === 0 && (counts.get(c.name) ?? 0) > 1;
      items.push(columnItem(req, s, c, ambiguous || s.ref.level > 0));
    }
    if (s.qualifier) items.push(sourceItem(req, s));
  }
  return items;
}

function qualifiedColumnItems(req: CompletionRequest): CompletionItem[] {
  const { index, context } = req;
  const q = context.qualifier;
  if (q.length === 1) {
    const source = req.sources.find((s) => sourceMatches(s, q[0], index));
    if (source) return source.columns.map((c) => columnItem(req, source, c, false));
  }
  // `table.` of a table not in scope, or `schema.table.`
  const table = index.findTable(namePart(q[q.length - 1]), q.length >= 2 ? namePart(q[q.length - 2]) : undefined);
  if (!table) return [];
  return table.columns.map((c) => plainColumnItem(req, c, table, table.name, RANK.scopeColumn));
}

function columnItem(req: CompletionRequest, source: Source, c: SourceColumn, qualify: boolean): CompletionItem {
  const rank = source.ref.level === 0 ? RANK.scopeColumn : RANK.outerColumn;
  if (c.info && c.table) {
    const item = plainColumnItem(req, c.info, c.table, source.qualifier, rank);
    return qualify ? qualified(req, item, source.qualifier, c.name) : item;
  }
  const item: CompletionItem = {
    label: c.name,
    kind: 'column',
    detail: `${source.kind === 'cte' ? 'CTE' : 'subquery'} ${source.qualifier}`,
    insertText: identifierText(req, c.name),
    sortText: rank + c.name,
    filterText: filterText(req, c.name),
  };
  return qualify ? qualified(req, item, source.qualifier, c.name) : item;
}

function plainColumnItem(req: CompletionRequest, c: ColumnInfo, table: TableInfo, qualifier: string, rank: string): CompletionItem {
  return {
    label: c.name,
    kind: 'column',
    detail: `${c.dataType} — ${qualifier}`,
    resolve: { kind: 'column', schema: table.schema, table: table.name, column: c.name },
    insertText: identifierText(req, c.name),
    // Columns keep table order within a rank: the order people know them in.
    sortText: `${rank}${qualifier}.${String(c.ordinal).padStart(4, '0')}`,
    filterText: filterText(req, c.name),
  };
}

function qualified(req: CompletionRequest, item: CompletionItem, qualifier: string, name: string): CompletionItem {
  const q = req.index.dialect.quoteIfNeeded(qualifier);
  return { ...item, label: `${qualifier}.${name}`, insertText: `${q}.${req.index.dialect.quoteIfNeeded(name)}`, filterText: name };
}

function sourceItem(req: CompletionRequest, s: Source): CompletionItem {
  return {
    label: s.qualifier,
    kind: 'alias',
    detail: s.table ? `${s.ref.alias ? 'alias of ' : ''}${s.table.schema}.${s.table.name}` : s.kind,
    resolve: s.table ? { kind: 'table', schema: s.table.schema, table: s.table.name } : undefined,
    insertText: identifierText(req, s.qualifier),
    sortText: RANK.scopeSource + s.qualifier,
    filterText: filterText(req, s.qualifier),
  };
}
