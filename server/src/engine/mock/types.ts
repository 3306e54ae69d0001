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
