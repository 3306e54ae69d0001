// Keeps the rows in memory: the preview (10 rows per table) and the unit tests.
import type { TableInfo } from '../../schema/model';
import type { Value } from '../expr';
import type { BackfillBatch, MockSink, SinkColumn } from '../types';

export interface MemoryTable {
  table: TableInfo;
  columns: SinkColumn[];
  rows: Value[][];
}

export class MemorySink implements MockSink {
  readonly name = 'memory';
  readonly tables: MemoryTable[] = [];
  readonly backfills: BackfillBatch[] = [];
  private current: MemoryTable | undefined;

  async begin(): Promise<void> {}
  async beginTable(table: TableInfo, columns: SinkColumn[]): Promise<void> {
    this.current = { table, columns, rows: [] };
    this.tables.push(this.current);
  }
  async writeRows(rows: Value[][]): Promise<void> {
    this.current!.rows.push(...rows);
  }
  async endTable(): Promise<void> {
    this.current = undefined;
  }
  async backfill(batch: BackfillBatch): Promise<void> {
    this.backfills.push(batch);
    // Apply to the rows kept, so tests see the final state.
    const t = this.tables.find((x) => x.table === batch.table);
    if (!t) return;
    const idx = (name: string) => t.columns.findIndex((c) => c.name === name);
    const keyIdx = batch.keyColumns.map((c) => idx(c.name));
    const setIdx = batch.setColumns.map((c) => idx(c.name));
    const byKey = new Map(t.rows.map((r) => [keyIdx.map((i) => String(r[i])).join('\u0000'), r]));
    for (const b of batch.rows) {
      const r = byKey.get(b.slice(0, keyIdx.length).map(String).join('\u0000'));
      if (r) setIdx.forEach((i, n) => (r[i] = b[keyIdx.length + n]!));
    }
  }
  async finish(): Promise<void> {}
  async abort(): Promise<void> {}
}
