// Deterministic generated schemas for ERD benchmarks and scale tests: modules of ~25 related
// tables (each referencing one or two earlier tables of its module), a few cross-module FKs and
// 3–12 columns per table, shaped like real application schemas rather than random graphs.
import { emptyModel, type SchemaModel, type TableInfo } from '../../server/src/engine/schema/model';

const MODULE_SIZE = 25;
const TYPES = ['text', 'integer', 'timestamp with time zone', 'numeric(12,2)', 'boolean', 'character varying(80)', 'uuid', 'jsonb'];

export function syntheticSchema(tableCount: number, seed = 42): SchemaModel {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const schemaCount = Math.max(1, Math.ceil(tableCount / 500));
  const model = emptyModel('postgres', `synthetic_${tableCount}`, ['s0']);
  for (let s = 0; s < schemaCount; s++) model.schemas.push({ name: `s${s}` });
  const tables: TableInfo[] = [];
  for (let i = 0; i < tableCount; i++) {
    const schema = `s${Math.floor(i / 500)}`;
    const t: TableInfo = { schema, name: `t${i}`, kind: 'table', columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [] };
    t.columns.push({ name: 'id', ordinal: 1, dataType: 'bigint', nullable: false });
    t.primaryKey = { name: `t${i}_pkey`, columns: ['id'] };
    const moduleStart = i - (i % MODULE_SIZE);
    const refs = i === moduleStart ? [] : [moduleStart + Math.floor(rand() * (i - moduleStart))];
    if (i - moduleStart > 3 && rand() < 0.4) refs.push(moduleStart + Math.floor(rand() * (i - moduleStart)));
    if (i >= MODULE_SIZE && rand() < 0.03) refs.push(Math.floor(rand() * moduleStart));
    for (const r of new Set(refs)) {
      const col = `t${r}_id`;
      t.columns.push({ name: col, ordinal: t.columns.length + 1, dataType: 'bigint', nullable: rand() < 0.3 });
      t.foreignKeys.push({ name: `t${i}_${col}_fkey`, columns: [col], refSchema: tables[r].schema, refTable: tables[r].name, refColumns: ['id'], onUpdate: 'no_action', onDelete: 'no_action' });
    }
    const extra = 2 + Math.floor(rand() * 9);
    for (let c = 0; c < extra; c++) t.columns.push({ name: `c${c}_${pick(['name', 'code', 'amount', 'at', 'flag', 'note'])}`, ordinal: t.columns.length + 1, dataType: pick(TYPES), nullable: rand() < 0.5 });
    tables.push(t);
  }
  model.tables = tables;
  return model;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
