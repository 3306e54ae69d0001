// Small hand-built SchemaModels for the docs tests: names with Markdown/HTML special characters,
// reserved file names, case clashes, and a generated schema of any size (exactly 15 columns per table).
import { emptyModel, type ColumnInfo, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';

export function table(schema: string, name: string, columns: (Partial<ColumnInfo> & { name: string })[], extra: Partial<TableInfo> = {}): TableInfo {
  return {
    schema,
    name,
    kind: 'table',
    columns: columns.map((c, i) => ({ ordinal: i + 1, dataType: 'integer', nullable: true, ...c })),
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
    ...extra,
  };
}

/** A shop schema: customer ← orders ← order_line → product, with comments on some objects. */
export function shopModel(): SchemaModel {
  const m = emptyModel('postgres', 'shop', ['public']);
  m.capturedAt = '2026-01-01T00:00:00.000Z';
  m.schemas = [{ name: 'public' }];
  m.tables = [
    table('public', 'customer', [{ name: 'customer_id', nullable: false }, { name: 'email', dataType: 'text' }, { name: 'created_dt', dataType: 'date' }], {
      comment: 'People who buy.',
      primaryKey: { name: 'customer_pkey', columns: ['customer_id'] },
      uniques: [{ name: 'customer_email_key', columns: ['email'] }],
      rowEstimate: 1234567,
      sizeBytes: 5 * 1024 * 1024,
    }),
    table('public', 'orders', [{ name: 'order_id', nullable: false }, { name: 'customer_id', nullable: false }, { name: 'total_amt', dataType: 'numeric(12,2)', default: '0' }], {
      primaryKey: { name: 'orders_pkey', columns: ['order_id'] },
      foreignKeys: [{ name: 'orders_customer_id_fkey', columns: ['customer_id'], refSchema: 'public', refTable: 'customer', refColumns: ['customer_id'], onUpdate: 'no_action', onDelete: 'cascade' }],
      checks: [{ name: 'orders_total_check', expression: 'CHECK ((total_amt >= (0)::numeric))' }],
      triggers: [{ name: 'orders_audit', timing: 'after', events: ['insert', 'update'], level: 'row', definition: 'CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION audit()' }],
    }),
    table('public', 'product', [{ name: 'product_id', nullable: false }, { name: 'sku', dataType: 'text', comment: 'SKU printed on the box, VAT included.' }, { name: 'unit_price', dataType: 'numeric' }], {
      primaryKey: { name: 'product_pkey', columns: ['product_id'] },
      indexes: [{ name: 'product_sku_idx', columns: ['sku'], unique: true, primary: false, method: 'btree' }],
    }),
    table('public', 'order_line', [{ name: 'order_id', nullable: false }, { name: 'line_no', nullable: false }, { name: 'product_id', nullable: false }, { name: 'qty' }], {
      primaryKey: { name: 'order_line_pkey', columns: ['order_id', 'line_no'] },
      foreignKeys: [
        { name: 'order_line_order_id_fkey', columns: ['order_id'], refSchema: 'public', refTable: 'orders', refColumns: ['order_id'], onUpdate: 'no_action', onDelete: 'cascade' },
        { name: 'order_line_product_id_fkey', columns: ['product_id'], refSchema: 'public', refTable: 'product', refColumns: ['product_id'], onUpdate: 'no_action', onDelete: 'no_action' },
      ],
    }),
    { ...table('public', 'big_customers', [{ name: 'customer_id' }, { name: 'email', dataType: 'text' }]), kind: 'view', viewDefinition: 'SELECT customer_id, email FROM customer WHERE true' },
  ];
  m.routines = [{ schema: 'public', name: 'audit', kind: 'function', params: [], returnType: 'trigger', language: 'plpgsql', volatility: 'volatile', securityDefiner: false }];
  m.enums = [{ schema: 'public', name: 'order_status', values: ['new', 'paid'] }];
  return m;
}

/** `tables` tables of exactly 15 columns in modules of 25 related tables (deterministic). */
export function generatedSchema(tables: number, schemas = Math.max(1, Math.ceil(tables / 1000))): SchemaModel {
  const m = emptyModel('postgres', `generated_${tables}`, ['s0']);
  m.capturedAt = '2026-01-01T00:00:00.000Z';
  const words = ['customer', 'order', 'product', 'invoice', 'shipment', 'supplier', 'payment', 'account', 'ticket', 'event'];
  for (let s = 0; s < schemas; s++) m.schemas.push({ name: `s${s}` });
  const perSchema = Math.ceil(tables / schemas);
  for (let i = 0; i < tables; i++) {
    const schema = `s${Math.floor(i / perSchema)}`;
    const name = `${words[i % words.length]}_${String(i).padStart(4, '0')}`;
    const columns: (Partial<ColumnInfo> & { name: string })[] = [
      { name: 'id', dataType: 'bigint', nullable: false },
      { name: 'ref_id', dataType: 'bigint' },
      ...['name', 'status', 'amt', 'qty', 'created_at', 'updated_at', 'note', 'code', 'is_active', 'score', 'email', 'phone', 'external_ref'].map((c) => ({ name: c, dataType: 'text' })),
    ];
    const moduleStart = i - (i % 25);
    const t = table(schema, name, columns, { primaryKey: { name: `${name}_pkey`, columns: ['id'] }, comment: i % 3 === 0 ? `Generated table ${i}.` : undefined, rowEstimate: i * 10, sizeBytes: 8192 * (i % 7) });
    if (i > moduleStart) {
      const target = m.tables[moduleStart + ((i * 7) % (i - moduleStart))]!;
      t.foreignKeys.push({ name: `${name}_ref_fkey`, columns: ['ref_id'], refSchema: target.schema, refTable: target.name, refColumns: ['id'], onUpdate: 'no_action', onDelete: 'no_action' });
    }
    m.tables.push(t);
  }
  return m;
}
