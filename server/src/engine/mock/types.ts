// Shared shapes of the mock data generator: the request, the findings it reports, the sink contract.
import type { ForeignKey, TableInfo } from '../schema/model';
import type { Value } from './expr';
import type { MockConfig } from './config';

export interface MockRequest {
  /** Rows per table unless `rowsPerTable` says otherwise. */
  rows: number;
  /** Row counts by table name ("film" or "public.film"). */
  rowsPerTable?: Record<string, number>;
  /** Only these tables (their foreign-key parents are added). Default: every table. */
  tables?: string[];
  /** Same seed + same schema → same data, keys included. */
  seed: string | number;
  /** Per-column overrides from .schemawise/mock.yml. */
  config?: MockConfig;
}

export interface Finding {
  level: 'info' | 'warning' | 'error';
  table?: string;
  column?: string;
  message: string;
}

export interface TableResult {
  table: string;
  requested: number;
  written: number;
  /** Rows the table held before this run (or rows written into it by triggers during the run). */
  existingBefore?: number;
  /** Rows dropped after the rejection bound (a CHECK or a key that could not be satisfied). */
  rejected: number;
  /** Cyclic foreign-key values set afterwards with UPDATE. */
  backfilled: number;
}

export interface MockReport {
  seed: string | number;
  tables: TableResult[];
  findings: Finding[];
  /** Parents outside the run whose existing keys were sampled (live runs: preview on a connection, --write). */
  sampledParents?: SampledParent[];
  totalRows: number;
  durationMs: number;
}

/** A column the sink writes, in order. */
export interface SinkColumn {
  name: string;
  dataType: string;
  /** How to render values: the parsed type kind (see column-type.ts). */
  kind: string;
  scale?: number;
  array?: boolean;
  /** PostgreSQL identity GENERATED ALWAYS: INSERT needs OVERRIDING SYSTEM VALUE. */
  identityAlways?: boolean;
}

export interface BackfillBatch {
  table: TableInfo;
  keyColumns: SinkColumn[];
  setColumns: SinkColumn[];
  fk: ForeignKey;
  /** key values followed by the new foreign-key values, per row. */
  rows: Value[][];
}

/**
 * Where generated rows go: a database (COPY / multi-row INSERT, one transaction for the whole run),
 * an SQL file, CSV files, or memory (preview). Rows arrive in batches; a sink keeps no more than it must.
 */
export interface MockSink {
  readonly name: string;
  begin(): Promise<void>;
  /** Called before a table's rows are generated: existing row count and current maximum of integer key columns. */
  inspectTable?(table: TableInfo, keyColumns: string[]): Promise<{ existingRows: number; maxKeys: Record<string, number> }>;
  beginTable(table: TableInfo, columns: SinkColumn[]): Promise<void>;
  writeRows(rows: Value[][]): Promise<void>;
  endTable(): Promise<void>;
  backfill(batch: BackfillBatch): Promise<void>;
  /** The rows of the tables between beginGroup and endGroup reference each other through NOT NULL foreign keys (see plan.ts `group`). */
  beginGroup?(tables: TableInfo[]): Promise<void>;
  endGroup?(): Promise<void>;
  /** Sequences behind serial/identity columns follow the keys written (setval / AUTO_INCREMENT). */
  syncSequences?(table: TableInfo, columns: string[]): Promise<void>;
  /** Commits (databases) or closes files. */
  finish(): Promise<void>;
  /** Rolls everything back (databases) or removes partial files. Never throws. */
  abort(reason: unknown): Promise<void>;
}

export interface MockProgress {
  table: string;
  done: number;
  total: number;
  tableIndex: number;
  tableCount: number;
}

/** Existing keys of a parent that is not generated in this run, read for one child foreign key. */
export interface SampledParent {
  /** The parent, schema.table. */
  table: string;
  columns: string[];
  /** child schema.table and the foreign key's name. */
  child: string;
  foreignKey: string;
  /** Distinct key tuples read (at most the sample bound). */
  keys: number;
  /** The bound was reached: the parent has more keys than were read. */
  bounded: boolean;
  /** The parent's row count as the catalog estimates it (PostgreSQL reltuples, MySQL TABLE_ROWS). */
  estimatedRows?: number;
  /** How the keys were read, e.g. "TABLESAMPLE SYSTEM (1.2%)" or "first rows (LIMIT)". */
  method: string;
  /** Only parents no existing child row references (the child's foreign-key columns are unique: 1:1). */
  unreferencedOnly?: boolean;
}

/** What the child needs from a parent outside the run. */
export interface ParentKeyRequest {
  parent: TableInfo;
  /** The referenced columns, in the foreign key's order. */
  columns: string[];
  /** At most this many distinct tuples. */
  limit: number;
  /** A number derived from the run's seed (PostgreSQL REPEATABLE). */
  seed: number;
  /** Leave out parents this child already references through these columns (1:1 foreign keys). */
  unreferencedBy?: { table: TableInfo; columns: string[] };
}

export interface ParentKeySample {
  /** Distinct tuples, no NULL part, in a stable order. */
  tuples: Value[][];
  /** The parent has no row at all (not merely none left after unreferencedBy). */
  parentEmpty: boolean;
  bounded: boolean;
  estimatedRows?: number;
  method: string;
}

/**
 * Reads existing parent keys for foreign keys whose parent is not generated in this run. The live
 * implementation (sinks/parent-key-sampler.ts) reads through the driver's read-only session; tests
 * give a fake. Absent for runs that do not read the database (SQL script, CSV, snapshots).
 */
export interface ParentKeySource {
  sampleKeys(request: ParentKeyRequest): Promise<ParentKeySample>;
  /**
   * The tuples of one of the child's unique keys that are already in the table (at most `limit`),
   * so that generated rows drawing existing parents do not collide with rows already there.
   */
  existingKeys?(request: { table: TableInfo; columns: string[]; limit: number }): Promise<{ tuples: Value[][]; bounded: boolean }>;
}

/** A unique key's tuples already in the child table (see ParentKeySource.existingKeys). */
export interface ExistingKeyTuples {
  columns: string[];
  tuples: Value[][];
  /** More rows than were read: a generated key may still collide with one of the others. */
  bounded: boolean;
}
