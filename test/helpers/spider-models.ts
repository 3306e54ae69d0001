// SchemaModels from the text-to-SQL benchmarks' schema files (Spider tables.json and BIRD
// mini_dev_sqlite_tables.json share one format), for the zero-false-positive corpus tests.
// PostgreSQL models fold plain names to lower case, as the benchmarks' PostgreSQL databases were
// created from unquoted DDL; names with spaces or punctuation keep their case (they were quoted).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnInfo, DialectId, SchemaModel, TableInfo } from '../../server/src/engine/schema/model';
import { emptyModel } from '../../server/src/engine/schema/model';

export const DATASETS = join(__dirname, '..', '..', '..', 'shared', 'datasets');

export interface TablesJsonEntry {
  db_id: string;
  table_names_original: string[];
  column_names_original: [number, string][];
  column_types: string[];
  primary_keys: (number | number[])[];
  foreign_keys: [number, number][];
}

export function readTablesJson(path: string): TablesJsonEntry[] {
  return JSON.parse(readFileSync(path, 'utf8')) as TablesJsonEntry[];
}

const TYPE_MAP: Record<string, string> = { number: 'numeric', time: 'timestamp', others: 'unknown', boolean: 'boolean', text: 'text' };

function pgName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) ? name.toLowerCase() : name;
}

export function modelFromTablesJson(entry: TablesJsonEntry, dialect: DialectId): SchemaModel {
  const schema = dialect === 'postgres' ? 'public' : entry.db_id;
  const model = emptyModel(dialect, entry.db_id, [schema]);
  model.schemas.push({ name: schema });
  const fold = dialect === 'postgres' ? pgName : (n: string) => n;
  const tables: TableInfo[] = entry.table_names_original.map((name) => ({
    schema,
    name: fold(name),
    kind: 'table',
    columns: [],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  }));
  const colRef: { table: TableInfo; column: ColumnInfo }[] = [];
  entry.column_names_original.forEach(([ti, name], i) => {
    if (ti < 0) return;
    const table = tables[ti];
    const column: ColumnInfo = { name: fold(name), ordinal: table.columns.length + 1, dataType: TYPE_MAP[entry.column_types[i]] ?? entry.column_types[i], nullable: true };
    table.columns.push(column);
    colRef[i] = { table, column };
  });
  for (const pk of entry.primary_keys) {
    const ids = Array.isArray(pk) ? pk : [pk];
    const refs = ids.map((i) => colRef[i]).filter(Boolean);
    if (refs.length === 0) continue;
    const t = refs[0].table;
    t.primaryKey = { name: `${t.name}_pkey`, columns: refs.map((r) => r.column.name) };
    t.indexes.push({ name: `${t.name}_pkey`, columns: t.primaryKey.columns, unique: true, primary: true });
    for (const r of refs) r.column.nullable = false;
  }
  for (const [from, to] of entry.foreign_keys) {
    const a = colRef[from];
    const b = colRef[to];
    if (!a || !b) continue;
    a.table.foreignKeys.push({ name: `${a.table.name}_${a.column.name}_fkey`, columns: [a.column.name], refSchema: schema, refTable: b.table.name, refColumns: [b.column.name], onUpdate: 'no_action', onDelete: 'no_action' });
  }
  model.tables = tables;
  return model;
}

/** All schemas of a tables.json file as models, by db_id. */
export function modelsFromTablesJson(path: string, dialect: DialectId): Map<string, SchemaModel> {
  return new Map(readTablesJson(path).map((e) => [e.db_id, modelFromTablesJson(e, dialect)]));
}

export interface GoldQuery {
  id: string;
  db: string;
  sql: string;
}

/** BIRD mini-dev gold SQL: one query per line, `SQL<TAB>db_id`. */
export function birdGold(dialect: 'postgresql' | 'mysql'): GoldQuery[] {
  const lines = readFileSync(join(DATASETS, 'bird-minidev', `mini_dev_${dialect}_gold.sql`), 'utf8').split('\n');
  return lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim())
    .map(({ l, i }) => {
      const tab = l.lastIndexOf('\t');
      return { id: `bird-${dialect}-${i + 1}`, sql: l.slice(0, tab).trim(), db: l.slice(tab + 1).trim() };
    });
}

/** Spider dev gold SQL with its database id. */
export function spiderDev(): GoldQuery[] {
  const dev = JSON.parse(readFileSync(join(DATASETS, 'spider', 'dev.json'), 'utf8')) as { db_id: string; query: string }[];
  return dev.map((q, i) => ({ id: `spider-dev-${i}`, db: q.db_id, sql: q.query }));
}
