// The client sees the SchemaModel only as the result type of `schemawise/getSchema`, declared in
// server/src/protocol.ts; the parts the tree needs are derived from it here, so the client never
// imports the engine (eslint enforces that layer rule).
import type { SchemaModel } from '../../server/src/protocol';

export type { SchemaModel };
export type TableInfo = SchemaModel['tables'][number];
export type ColumnInfo = TableInfo['columns'][number];
export type ForeignKey = TableInfo['foreignKeys'][number];
export type IndexInfo = TableInfo['indexes'][number];
