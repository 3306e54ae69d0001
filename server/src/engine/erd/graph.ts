// The ERD graph model: what a diagram shows, derived from a SchemaModel. Plain JSON (no classes, no
// DOM) so that the webview, the docs generator and the CLI share it and it can cross postMessage.
import type { TableKind } from '../schema/model';

export interface ErdColumn {
  name: string;
  /** Type as the database prints it. */
  type: string;
  nullable: boolean;
  /** Part of the primary key. */
  pk: boolean;
  /** Part of at least one foreign key. */
  fk: boolean;
  /** Alone covered by a unique constraint or unique index (a natural key). */
  unique: boolean;
  comment?: string;
}

export interface ErdNode {
  /** Stable id: "schema.table". Used by DOM data attributes, saved positions and edges. */
  id: string;
  schema: string;
  name: string;
  kind: TableKind;
  comment?: string;
  columns: ErdColumn[];
}

/** Seen from the referencing (child) table: each child row points at one parent row. */
export type ErdCardinality = 'many-to-one' | 'one-to-one';

export interface ErdEdge {
  /** Unique within the graph: "<from id>#<fk ordinal>". */
  id: string;
  /** Constraint name (may be empty for snapshots that do not name constraints). */
  name: string;
  /** Referencing (child) table id. */
  from: string;
  fromColumns: string[];
  /** Referenced (parent) table id. */
  to: string;
  toColumns: string[];
  cardinality: ErdCardinality;
  /** True when a child row may have no parent (some FK column is nullable). */
  optional: boolean;
  /** True when the FK columns are part of the child's primary key (an identifying relationship). */
  identifying: boolean;
}

export interface ErdGraph {
  database: string;
  dialect: string;
  /** Schemas that hold at least one node, in first-seen order. */
  schemas: string[];
  nodes: ErdNode[];
  edges: ErdEdge[];
  /** Foreign keys whose referenced table is not in the snapshot (not drawn), as "from -> schema.table". */
  unresolved: string[];
}

export function nodeId(schema: string, name: string): string {
  return `${schema}.${name}`;
}
