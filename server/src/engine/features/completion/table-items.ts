// Table-name completion: CTEs, tables and views on the search path (unqualified), schemas, and the
// tables of other schemas inserted schema-qualified; after `schema.` only that schema's tables.
// Tables a foreign key links to a table already in scope rank right after the CTEs.
import type { TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { namePart } from '../../sql/names';
import { tokenName, type Source } from '../sources';
import { filterText, identifierText, type CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

/**
 * The candidates where a table goes, as lists to be ranked one after the other (CTEs, tables,
 * schemas): the 5,000 prepared table items are handed on as they are, not copied per keystroke.
 */
export function tableItems(req: CompletionRequest): (readonly CompletionItem[])[] {
  const { index, context } = req;
  const qualifier = context.qualifier;
  if (qualifier.length > 0) {
    const schema = qualifier[qualifier.length - 1];
    if (!index.hasSchema(namePart(schema))) return [];
    const key = index.tableKey(namePart(schema));
    const name = index.schemaNames().find((s) => index.tableKey({ text: s, quoted: true }) === key) ?? key;
    const related = fkRelatedTables(req.sources, index);
    return [index.tablesOf(name).map((t) => tableItem(req, t, false, related.has(t)))];
  }
  const ctes: CompletionItem[] = req.scope.ctes.map((c) => ({
    label: tokenName(c.name),
    kind: 'cte',
    detail: 'common table expression',
    insertText: identifierText(req, tokenName(c.name)),
    sortText: RANK.cte + tokenName(c.name),
    filterText: filterText(req, tokenName(c.name)),
  }));
  const related = fkRelatedTables(req.sources, index);
  let tables: readonly CompletionItem[];
  if (req.context.quoted) tables = index.model.tables.map((t) => tableItem(req, t, !index.isOnSearchPath(t), related.has(t)));
  else {
    // The common case (no quote typed) reuses items prepared once per schema, in name order; tables
    // linked by a foreign key to one in scope get their own item in the same place.
    const { tables: all, items } = preparedTables(req);
    tables = related.size === 0 ? items : all.map((table, n) => (related.has(table) ? tableItem(req, table, !index.isOnSearchPath(table), true) : items[n]));
  }
  const schemas: CompletionItem[] = [];
  for (const s of index.schemaNames()) {
    if (index.dialect.systemSchemas.has(s)) continue;
    schemas.push({ label: s, kind: 'schema', detail: 'schema', insertText: identifierText(req, s), sortText: RANK.schema + s, filterText: filterText(req, s) });
  }
  return [ctes, tables, schemas];
}

const prepared = new WeakMap<SchemaIndex, { tables: TableInfo[]; items: CompletionItem[] }>();

/** One item per table for unquoted completion, built once per SchemaIndex (5,000 tables must not cost 5,000 quotings per keystroke). */
function preparedTables(req: CompletionRequest): { tables: TableInfo[]; items: CompletionItem[] } {
  let list = prepared.get(req.index);
  if (!list) {
    const pairs = req.index.model.tables.map((table) => ({ table, item: tableItem(req, table, !req.index.isOnSearchPath(table)) }));
    pairs.sort((a, b) => (a.item.sortText < b.item.sortText ? -1 : a.item.sortText > b.item.sortText ? 1 : 0));
    list = { tables: pairs.map((p) => p.table), items: pairs.map((p) => p.item) };
    prepared.set(req.index, list);
  }
  return list;
}

/** Tables linked by a foreign key (either direction) to a real table of the cursor's own block. */
export function fkRelatedTables(sources: Source[], index: SchemaIndex): Set<TableInfo> {
  const related = new Set<TableInfo>();
  for (const s of sources) {
    if (s.ref.level !== 0 || !s.table) continue;
    for (const fk of s.table.foreignKeys) {
      const target = index.referencedTable(fk);
      if (target) related.add(target);
    }
    for (const { table } of index.incomingForeignKeys(s.table)) related.add(table);
  }
  return related;
}

export function tableItem(req: CompletionRequest, t: TableInfo, qualify: boolean, fkRelated = false): CompletionItem {
  const name = identifierText(req, t.name);
  const view = t.kind === 'view' || t.kind === 'materialized_view';
  const rank = fkRelated ? RANK.fkTable : qualify ? RANK.otherSchemaTable : RANK.searchPathTable;
  return {
    label: t.name,
    kind: view ? 'view' : 'table',
    detail: `${view ? 'view' : 'table'} in ${t.schema}${fkRelated ? ' — linked by a foreign key' : ''}`,
    resolve: { kind: 'table', schema: t.schema, table: t.name },
    // Quoting a qualified name quotes each part: "Sales"."Orders", never "Sales.Orders".
    insertText: qualify ? `${identifierText(req, t.schema)}.${name}` : name,
    sortText: `${rank}${t.name}.${t.schema}`,
    filterText: filterText(req, t.name),
  };
}
