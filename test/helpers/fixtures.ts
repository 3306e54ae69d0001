// Test fixtures for the SQL engine: `|` cursor markers in SQL text, SchemaModels built from the real
// Spider schemas (/work/shared/datasets/spider/tables.json, read in place) and a small hand-built
// two-schema model for search-path, quoting and hover-detail cases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyModel, type DialectId, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';

import { DATASETS_DIR } from './datasets-dir';

export const DATASETS = DATASETS_DIR;

/** Splits `SELECT | FROM t` into the text without the marker and the marker's offset. `||` is an operator, not a marker. */
export function cursor(marked: string): { text: string; offset: number } {
  const at = [...marked.matchAll(/(?<!\|)\|(?!\|)/g)].map((m) => m.index!);
  if (at.length !== 1) throw new Error(`fixture needs exactly one | cursor marker, found ${at.length}: ${marked}`);
  return { text: marked.slice(0, at[0]) + marked.slice(at[0] + 1), offset: at[0] };
}

interface SpiderDb {
  db_id: string;
  table_names_original: string[];
  column_names_original: [number, string][];
  column_types: string[];
  primary_keys: (number | number[])[];
  foreign_keys: [number, number][];
}

let spiderCache: SpiderDb[] | undefined;
function spiderDatabases(): SpiderDb[] {
  spiderCache ??= JSON.parse(readFileSync(join(DATASETS, 'spider/tables.json'), 'utf8')) as SpiderDb[];
  return spiderCache;
}

export interface SpiderOptions {
  dialect?: DialectId;
  schema?: string;
  /** 'snake' turns AlbumId into album_id (as the chinook PostgreSQL script names them). */
  naming?: 'original' | 'snake';
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/\s+/g, '_').toLowerCase();
const SPIDER_TYPES: Record<string, string> = { number: 'numeric', text: 'text', time: 'timestamp', boolean: 'boolean', others: 'text' };

/** A SchemaModel of one Spider database (e.g. 'chinook_1'), with its primary and foreign keys. */
export function spiderModel(dbId: string, options: SpiderOptions = {}): SchemaModel {
  const db = spiderDatabases().find((d) => d.db_id === dbId);
  if (!db) throw new Error(`no Spider database ${dbId} in tables.json`);
  const dialect = options.dialect ?? 'postgres';
  const schema = options.schema ?? (dialect === 'mssql' ? 'dbo' : dialect === 'mysql' ? dbId : 'public');
  const name = (s: string) => (options.naming === 'snake' ? snake(s) : s);
  const model = emptyModel(dialect, dbId, [schema]);
  model.schemas.push({ name: schema });
  const pkColumns = new Set(db.primary_keys.flat());
  const tables: TableInfo[] = db.table_names_original.map((t) => ({
    schema,
    name: name(t),
    kind: 'table',
    columns: [],
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  }));
  db.column_names_original.forEach(([ti, col], ci) => {
    if (ti < 0) return;
    const table = tables[ti];
    const isId = /id$/i.test(col);
    table.columns.push({
      name: name(col),
      ordinal: table.columns.length + 1,
      dataType: isId && db.column_types[ci] === 'number' ? 'integer' : (SPIDER_TYPES[db.column_types[ci]] ?? 'text'),
      nullable: !pkColumns.has(ci),
    });
  });
  for (const pk of db.primary_keys) {
    const cols = [pk].flat();
    const table = tables[db.column_names_original[cols[0]][0]];
    const columns = cols.map((c) => name(db.column_names_original[c][1]));
    table.primaryKey = { name: `${table.name}_pkey`, columns };
    table.indexes.push({ name: `${table.name}_pkey`, columns, unique: true, primary: true, method: 'btree' });
  }
  for (const [from, to] of db.foreign_keys) {
    const [ft, fc] = db.column_names_original[from];
    const [tt, tc] = db.column_names_original[to];
    const table = tables[ft];
    table.foreignKeys.push({
      name: `${table.name}_${name(fc)}_fkey`,
      columns: [name(fc)],
      refSchema: schema,
      refTable: tables[tt].name,
      refColumns: [name(tc)],
      onUpdate: 'no_action',
      onDelete: 'no_action',
    });
  }
  model.tables = tables;
  return model;
}

export function chinook(options: SpiderOptions = {}): SchemaModel {
  return spiderModel('chinook_1', { naming: 'snake', ...options });
}

/**
 * A small PostgreSQL shop: `public` (on the search path) and `sales` (not on it), a reserved-word
 * table ("user"), a mixed-case table ("LineItem"), a view, an enum, identity/generated columns,
 * defaults, comments and indexes.
 */
export function shopModel(): SchemaModel {
  const m = emptyModel('postgres', 'shop', ['public']);
  m.serverVersion = 'PostgreSQL 15.19';
  m.schemas = [{ name: 'public', comment: 'standard public schema' }, { name: 'sales', comment: 'Invoicing' }];
  m.enums = [{ schema: 'public', name: 'order_status', values: ['new', 'paid', 'shipped'] }];
  const base = { kind: 'table' as const, foreignKeys: [], uniques: [], checks: [], indexes: [] };
  m.tables = [
    {
      ...base,
      schema: 'public',
      name: 'customers',
      comment: 'People who buy things',
      rowEstimate: 1200,
      columns: [
        { name: 'id', ordinal: 1, dataType: 'bigint', nullable: false, identity: 'always' },
        { name: 'full_name', ordinal: 2, dataType: 'text', nullable: false, comment: 'As printed on invoices' },
        { name: 'email', ordinal: 3, dataType: 'character varying(200)', nullable: true },
        { name: 'created_at', ordinal: 4, dataType: 'timestamp with time zone', nullable: false, default: 'now()' },
      ],
      primaryKey: { name: 'customers_pkey', columns: ['id'] },
      uniques: [{ name: 'customers_email_key', columns: ['email'] }],
      indexes: [
        { name: 'customers_pkey', columns: ['id'], unique: true, primary: true, method: 'btree' },
        { name: 'customers_email_key', columns: ['email'], unique: true, primary: false, method: 'btree' },
      ],
    },
    {
      ...base,
      schema: 'public',
      name: 'orders',
      rowEstimate: 54000,
      columns: [
        { name: 'id', ordinal: 1, dataType: 'integer', nullable: false, default: "nextval('orders_id_seq'::regclass)" },
        { name: 'customer_id', ordinal: 2, dataType: 'bigint', nullable: false },
        { name: 'status', ordinal: 3, dataType: 'order_status', nullable: false, default: "'new'::order_status", enumRef: 'public.order_status' },
        { name: 'total_cents', ordinal: 4, dataType: 'bigint', nullable: false },
        { name: 'total', ordinal: 5, dataType: 'numeric', nullable: true, generated: '(total_cents / 100.0)' },
      ],
      primaryKey: { name: 'orders_pkey', columns: ['id'] },
      foreignKeys: [
        { name: 'orders_customer_id_fkey', columns: ['customer_id'], refSchema: 'public', refTable: 'customers', refColumns: ['id'], onUpdate: 'no_action', onDelete: 'cascade' },
      ],
      indexes: [
        { name: 'orders_pkey', columns: ['id'], unique: true, primary: true, method: 'btree' },
        { name: 'orders_customer_id_idx', columns: ['customer_id'], unique: false, primary: false, method: 'btree' },
      ],
    },
    {
      ...base,
      schema: 'public',
      name: 'LineItem',
      columns: [
        { name: 'OrderId', ordinal: 1, dataType: 'integer', nullable: false },
        { name: 'sku', ordinal: 2, dataType: 'text', nullable: false },
        { name: 'qty', ordinal: 3, dataType: 'integer', nullable: false, default: '1' },
      ],
      foreignKeys: [
        { name: 'LineItem_OrderId_fkey', columns: ['OrderId'], refSchema: 'public', refTable: 'orders', refColumns: ['id'], onUpdate: 'no_action', onDelete: 'no_action' },
      ],
    },
    {
      ...base,
      schema: 'public',
      name: 'user',
      columns: [
        { name: 'id', ordinal: 1, dataType: 'integer', nullable: false },
        { name: 'login', ordinal: 2, dataType: 'text', nullable: false },
      ],
      primaryKey: { name: 'user_pkey', columns: ['id'] },
    },
    {
      ...base,
      schema: 'sales',
      name: 'invoices',
      comment: 'One per paid order',
      columns: [
        { name: 'invoice_no', ordinal: 1, dataType: 'integer', nullable: false },
        { name: 'order_id', ordinal: 2, dataType: 'integer', nullable: false },
        { name: 'issued_on', ordinal: 3, dataType: 'date', nullable: false },
      ],
      primaryKey: { name: 'invoices_pkey', columns: ['invoice_no'] },
      foreignKeys: [
        { name: 'invoices_order_id_fkey', columns: ['order_id'], refSchema: 'public', refTable: 'orders', refColumns: ['id'], onUpdate: 'no_action', onDelete: 'restrict' },
      ],
    },
    {
      ...base,
      schema: 'sales',
      name: 'monthly_totals',
      kind: 'view',
      columns: [
        { name: 'month', ordinal: 1, dataType: 'date', nullable: true },
        { name: 'total', ordinal: 2, dataType: 'numeric', nullable: true },
      ],
      viewDefinition: 'SELECT date_trunc(...) AS month, sum(total) AS total FROM orders GROUP BY 1',
    },
  ];
  return m;
}

export function indexOf(model: SchemaModel): SchemaIndex {
  return new SchemaIndex(model);
}

/** A promise with its resolve and reject, for tests that decide when something finishes. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}
