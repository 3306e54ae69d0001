// Columns of an INSERT target, in table order: `INSERT INTO t (|`.
import type { TableInfo } from '../../schema/model';
import { filterText, identifierText, type CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

export function plainColumnItems(req: CompletionRequest, table: TableInfo): CompletionItem[] {
  return table.columns.map((c) => ({
    label: c.name,
    kind: 'column',
    detail: `${c.dataType}${c.nullable ? '' : ' NOT NULL'}${c.default !== undefined || c.identity || c.generated ? ' (has default)' : ''}`,
    resolve: { kind: 'column' as const, schema: table.schema, table: table.name, column: c.name },
    insertText: identifierText(req, c.name),
    sortText: RANK.scopeColumn + String(c.ordinal).padStart(4, '0'),
    filterText: filterText(req, c.name),
  }));
}
