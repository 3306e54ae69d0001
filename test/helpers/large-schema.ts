// A generated schema snapshot of any size, shaped like scripts/bench/bench-schema.ts's database:
// tables named <word>_<n> over ten business words, 15 columns each, a primary key and a foreign key
// to the table before. For tests and benchmarks of how NL→SQL scales (issue 13: 50,000 tables).
import { emptyModel, type ColumnInfo, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';

const WORDS = ['customer', 'order', 'product', 'invoice', 'shipment', 'supplier', 'payment', 'account', 'ticket', 'event'];
const COLUMNS: [string, string][] = [
  ['id', 'bigint'], ['ref_id', 'bigint'], ['name', 'text'], ['status', 'text'], ['amount', 'numeric(12,2)'], ['quantity', 'integer'],
  ['created_at', 'timestamp with time zone'], ['updated_at', 'timestamp with time zone'], ['note', 'text'], ['code', 'character varying(32)'],
  ['is_active', 'boolean'], ['score', 'double precision'], ['owner_id', 'bigint'], ['region', 'text'], ['payload', 'jsonb'],
];

export function largeTableName(i: number): string {
  return `${WORDS[i % WORDS.length]}_${String(i).padStart(5, '0')}`;
}

export function largeSchema(tables: number): SchemaModel {
  const model = emptyModel('postgres', `large_${tables}`, ['public']);
  for (let i = 0; i < tables; i++) {
    const columns: ColumnInfo[] = COLUMNS.map(([name, dataType], k) => ({ name, ordinal: k + 1, dataType, nullable: name !== 'id' }));
    const t: TableInfo = {
      schema: 'public',
      name: largeTableName(i),
      kind: 'table',
      columns,
      primaryKey: { name: `${largeTableName(i)}_pkey`, columns: ['id'] },
      foreignKeys: i === 0 ? [] : [{ name: `${largeTableName(i)}_ref_fk`, columns: ['ref_id'], refSchema: 'public', refTable: largeTableName(i - 1), refColumns: ['id'], onDelete: 'no_action', onUpdate: 'no_action' }],
      uniques: [],
      checks: [],
      indexes: [],
    } as TableInfo;
    model.tables.push(t);
  }
  return model;
}
