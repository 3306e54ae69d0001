// Go to definition: an alias jumps to its table reference in the statement, a CTE name (or a CTE
// column) to the CTE, a table or column to its DDL in the read-only `schemawise-ddl:` document.
import type { TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { statementOf, type DocumentInput } from '../document-input';
import { symbolAt } from './symbol-at';
import { ddlUri, tableDdl } from './table-ddl';

export type DefinitionTarget =
  /** A range of the same document. */
  | { kind: 'document'; start: number; end: number }
  /** A line of a generated DDL document. */
  | { kind: 'ddl'; uri: string; schema: string; table: string; line: number };

export function definition(doc: DocumentInput, offset: number, index: SchemaIndex): DefinitionTarget | undefined {
  const statement = statementOf(doc, offset, index.dialect);
  const at = symbolAt(statement, offset, index);
  if (!at) return undefined;
  const s = at.symbol;
  switch (s.kind) {
    case 'alias': {
      const ref = s.source.ref;
      // On the alias itself, go on to what it stands for.
      if (at.token === ref.alias) {
        if (ref.cte) return { kind: 'document', start: ref.cte.name.start, end: ref.cte.name.end };
        if (s.source.table) return ddlTarget(s.source.table, index);
        return { kind: 'document', start: ref.start, end: ref.end };
      }
      return ref.pseudo ? undefined : { kind: 'document', start: ref.alias!.start, end: ref.alias!.end };
    }
    case 'cte':
      return { kind: 'document', start: s.cte.name.start, end: s.cte.name.end };
    case 'table':
      return ddlTarget(s.table, index);
    case 'column':
      return ddlTarget(s.table, index, s.column.name);
    case 'virtual-column': {
      const ref = s.source.ref;
      const target = ref.cte?.name ?? ref.alias;
      return target ? { kind: 'document', start: target.start, end: target.end } : undefined;
    }
  }
}

function ddlTarget(table: TableInfo, index: SchemaIndex, column?: string): DefinitionTarget {
  const ddl = tableDdl(table, index);
  return { kind: 'ddl', uri: ddlUri(table), schema: table.schema, table: table.name, line: (column !== undefined ? ddl.columnLines.get(column) : undefined) ?? ddl.tableLine };
}
