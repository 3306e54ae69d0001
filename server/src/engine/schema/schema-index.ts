// Lookup indexes over a SchemaModel, built once per snapshot so that resolving a name is O(1)
// under the dialect's case rules. Features hold a SchemaIndex, never scan model arrays.
import type { Dialect } from '../sql/dialect';
import { getDialect } from '../sql/dialect';
import type { ColumnInfo, EnumInfo, ForeignKey, RoutineInfo, SchemaModel, TableInfo } from './model';

/** A name as written in SQL: its text and whether it was quoted. */
export interface NamePart {
  text: string;
  quoted: boolean;
}

export interface IncomingForeignKey {
  table: TableInfo;
  fk: ForeignKey;
}

export class SchemaIndex {
  readonly dialect: Dialect;
  private readonly schemas = new Map<string, string>();
  /** schemaKey → tableKey → table */
  private readonly tables = new Map<string, Map<string, TableInfo>>();
  /** tableKey → tables of that name in any schema (for unqualified and fuzzy lookup) */
  private readonly tablesByName = new Map<string, TableInfo[]>();
  /** The model's tables; their column maps are built on first lookup (most tables are never asked about). */
  private readonly ownTables = new Set<TableInfo>();
  private readonly columns = new Map<TableInfo, Map<string, ColumnInfo>>();
  private readonly incoming = new Map<TableInfo, IncomingForeignKey[]>();
  private readonly routinesByName = new Map<string, RoutineInfo[]>();
  private readonly enums = new Map<string, EnumInfo>();
  /** Schema and table names compare exactly (model.caseSensitiveTables). */
  private readonly exactTables: boolean;

  constructor(readonly model: SchemaModel) {
    this.dialect = getDialect(model.dialect);
    this.exactTables = model.caseSensitiveTables === true;
    const key = (n: string) => this.dialect.catalogKey(n);
    const tkey = (n: string) => this.catalogTableKey(n);
    for (const s of model.schemas) this.schemas.set(tkey(s.name), s.name);
    for (const t of model.tables) {
      const sk = tkey(t.schema);
      if (!this.schemas.has(sk)) this.schemas.set(sk, t.schema);
      let bySchema = this.tables.get(sk);
      if (!bySchema) this.tables.set(sk, (bySchema = new Map()));
      bySchema.set(tkey(t.name), t);
      push(this.tablesByName, key(t.name), t);
      this.ownTables.add(t);
    }
    for (const t of model.tables) {
      for (const fk of t.foreignKeys) {
        const target = this.tables.get(tkey(fk.refSchema))?.get(tkey(fk.refTable));
        if (target) push(this.incoming, target, { table: t, fk });
      }
    }
    for (const r of model.routines) push(this.routinesByName, key(r.name), r);
    for (const e of model.enums) this.enums.set(`${e.schema}.${e.name}`, e);
  }

  /** Schema names in the snapshot. */
  schemaNames(): string[] {
    return [...this.schemas.values()];
  }

  hasSchema(name: NamePart): boolean {
    return this.schemas.has(this.tableKey(name));
  }

  /** Lookup key of a schema or table name as written in SQL, under the model's case rules. */
  tableKey(name: NamePart): string {
    return this.exactTables ? name.text : this.dialect.foldIdentifier(name.text, name.quoted);
  }

  private catalogTableKey(name: string): string {
    return this.exactTables ? name : this.dialect.catalogKey(name);
  }

  /** Tables and views of one schema, in snapshot order. */
  tablesOf(schema: string): TableInfo[] {
    return [...(this.tables.get(this.catalogTableKey(schema))?.values() ?? [])];
  }

  /**
   * Resolves `[schema.]table` the way the database does: a qualified name in its schema, an
   * unqualified one along the search path.
   */
  findTable(name: NamePart, schema?: NamePart): TableInfo | undefined {
    const tk = this.tableKey(name);
    if (schema) return this.tables.get(this.tableKey(schema))?.get(tk);
    for (const s of this.model.searchPath) {
      const t = this.tables.get(this.catalogTableKey(s))?.get(tk);
      if (t) return t;
    }
    return undefined;
  }

  /** Tables of this name in any schema (e.g. to suggest qualifying a name not on the search path). */
  tablesNamed(name: string): TableInfo[] {
    return this.tablesByName.get(this.dialect.foldIdentifier(name, false)) ?? this.tablesByName.get(name) ?? [];
  }

  findColumn(table: TableInfo, name: NamePart): ColumnInfo | undefined {
    return this.columnsOf(table)?.get(this.dialect.foldIdentifier(name.text, name.quoted));
  }

  /**
   * The table's columns by catalog key, built on first use: a 5,000-table model has 75,000 columns,
   * and building every map up front cost ~40 ms and several MB per index while completion and
   * diagnostics look at a few tables.
   */
  private columnsOf(table: TableInfo): Map<string, ColumnInfo> | undefined {
    let cols = this.columns.get(table);
    if (cols || !this.ownTables.has(table)) return cols;
    cols = new Map();
    for (const c of table.columns) cols.set(this.dialect.catalogKey(c.name), c);
    this.columns.set(table, cols);
    return cols;
  }

  /** Foreign keys of other tables that reference this one. */
  incomingForeignKeys(table: TableInfo): IncomingForeignKey[] {
    return this.incoming.get(table) ?? [];
  }

  referencedTable(fk: ForeignKey): TableInfo | undefined {
    return this.tables.get(this.catalogTableKey(fk.refSchema))?.get(this.catalogTableKey(fk.refTable));
  }

  findRoutines(name: NamePart): RoutineInfo[] {
    return this.routinesByName.get(this.dialect.foldIdentifier(name.text, name.quoted)) ?? [];
  }

  findEnum(ref: string): EnumInfo | undefined {
    return this.enums.get(ref);
  }

  /** True when an unqualified name would reach this table (so completion need not qualify it). */
  isOnSearchPath(table: TableInfo): boolean {
    const first = this.findTable({ text: table.name, quoted: true });
    return first === table;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
