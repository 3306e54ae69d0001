// Name scopes shared by the PostgreSQL and MySQL analysers: the relations a query block can see
// (tables, views, CTEs, derived tables, functions in FROM), with their columns when known. A
// relation whose columns are not fully known is "open": lookups against it never fail, which is
// how the checks stay silent instead of guessing.
import type { ColumnInfo, TableInfo } from '../schema/model';
import type { QuickFix } from './types';

export interface OutputColumn {
  name: string;
  /** The base column when the output is a plain column reference. */
  info?: ColumnInfo;
  table?: TableInfo;
}

export interface Relation {
  /** Name visible to qualifiers (alias, or table name), as a lookup key. */
  key: string;
  /** Schema key when the relation is an unaliased schema-qualified table (for s.t.c). */
  schemaKey?: string;
  /** Base table or view. */
  table?: TableInfo;
  /** Known columns by lookup key. */
  columns: Map<string, OutputColumn>;
  /** May have columns we do not know: never report a column missing from it. */
  open: boolean;
  hasAlias: boolean;
  /** Offset after the table name as written (where "add the alias" inserts text). */
  nameEnd?: number;
  /** Written name of the underlying table (unaliased), for "use the alias" hints. */
  tableKey?: string;
}

export class Scope {
  readonly relations: Relation[] = [];
  /** Columns merged by USING / NATURAL joins: an unqualified reference to them is not ambiguous. */
  readonly usingColumns = new Set<string>();
  natural = false;
  /** Select-list names (for ORDER BY / GROUP BY). */
  readonly outputNames = new Set<string>();
  readonly ctes = new Map<string, Relation>();
  constructor(readonly parent?: Scope) {}

  findCte(key: string): Relation | undefined {
    return this.ctes.get(key) ?? this.parent?.findCte(key);
  }
}

export function relationFromColumns(key: string, columns: OutputColumn[] | undefined, keyOf: (n: string) => string): Relation {
  const map = new Map<string, OutputColumn>();
  for (const c of columns ?? []) map.set(keyOf(c.name), c);
  return { key, columns: map, open: columns === undefined, hasAlias: true };
}

export interface RawDiagnostic {
  code: string;
  start: number;
  end: number;
  message: string;
  fix?: QuickFix;
}
