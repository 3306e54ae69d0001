// Table-name completion: CTEs, tables and views on the search path (unqualified), schemas, and the
// tables of other schemas inserted schema-qualified; after `schema.` only that schema's tables.
import type { TableInfo } from '../../schema/model';
import { namePart } from '../../sql/names';
import { tableMarkdown } from '../hover/table-markdown';
import { tokenName } from '../sources';
import { filterText, identifierText, type CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

export function tableItems(req: CompletionRequest): CompletionItem[] {
  const { index, context } = req;
  const qualifier = context.qualifier;
  if (qualifier.length > 0) {
    const schema = qualifier[qualifier.length - 1];
    if (!index.hasSchema(namePart(schema))) return [];
    const tables = index.model.tables.filter((t) => index.dialect.catalogKey(t.schema) === index.dialect.foldIdentifier(tokenName(schema), schema.kind === 'quoted'));
    return tables.map((t) => tableItem(req, t, false));
  }
  const items: CompletionItem[] = req.scope.ctes.map((c) => ({
    label: tokenName(c.name),
    kind: 'cte',
    detail: 'common table expression',
    insertText: identifierText(req, tokenName(c.name)),
    sortText: RANK.cte + tokenName(c.name),
    filterText: filterText(req, tokenName(c.name)),
  }));
  for (const t of index.model.tables) items.push(tableItem(req, t, !index.isOnSearchPath(t)));
  for (const s of index.schemaNames()) {
    if (index.dialect.systemSchemas.has(s)) continue;
    items.push({ label: s, kind: 'schema', detail: 'schema', insertText: identifierText(req, s), sortText: RANK.schema + s, filterText: filterText(req, s) });
  }
  return items;
}

function tableItem(req: CompletionRequest, t: TableInfo, qualify: boolean): CompletionItem {
  const name = identifierText(req, t.name);
  const view = t.kind === 'view' || t.kind === 'materialized_view';
  return {
    label: t.name,
    kind: view ? 'view' : 'table',
    detail: `${view ? 'view' : 'table'} in ${t.schema}`,
    documentation: tableMarkdown(t, req.index),
    // Quoting a qualified name quotes each part: "Sales"."Orders", never "Sales.Orders".
    insertText: qualify ? `${identifierText(req, t.schema)}.${name}` : name,
    sortText: (qualify ? RANK.otherSchemaTable : RANK.searchPathTable) + t.name,
    filterText: filterText(req, t.name),
  };
}
