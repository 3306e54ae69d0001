// One CSV file per table (--out-dir csv/), header row first, NULL as an empty field and the empty
// string as "". Back-filled foreign keys go to <table>.backfill.csv (key columns, then the values).
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TableInfo } from '../../schema/model';
import type { Value } from '../expr';
import { csvField } from '../format';
import type { BackfillBatch, MockSink, SinkColumn } from '../types';

export class CsvDirSink implements MockSink {
  readonly name: string;
  private out: WriteStream | undefined;
  private columns: SinkColumn[] = [];
  private readonly written: string[] = [];
  private readonly backfillFiles = new Map<string, WriteStream>();

  constructor(
    private readonly dir: string,
    private readonly dialect: 'postgres' | 'mysql',
  ) {
    this.name = dir;
  }

  async begin(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  async beginTable(table: TableInfo, columns: SinkColumn[]): Promise<void> {
    this.columns = columns;
    const file = path.join(this.dir, fileName(table) + '.csv');
    this.written.push(file);
    this.out = createWriteStream(file, { encoding: 'utf8' });
    await write(this.out, columns.map((c) => csvField(c.name, { ...c, kind: 'text' }, this.dialect)).join(',') + '\n');
  }

  async writeRows(rows: Value[][]): Promise<void> {
    let s = '';
    for (const r of rows) s += r.map((v, i) => csvField(v, this.columns[i]!, this.dialect)).join(',') + '\n';
    await write(this.out!, s);
  }

  async endTable(): Promise<void> {
    await close(this.out!);
    this.out = undefined;
  }

  async backfill(b: BackfillBatch): Promise<void> {
    const key = fileName(b.table) + '.backfill.csv';
    let out = this.backfillFiles.get(key);
    const cols = [...b.keyColumns, ...b.setColumns];
    if (!out) {
      const file = path.join(this.dir, key);
      this.written.push(file);
      out = createWriteStream(file, { encoding: 'utf8' });
      this.backfillFiles.set(key, out);
      await write(out, cols.map((c) => c.name).join(',') + '\n');
    }
    await write(out, b.rows.map((r) => r.map((v, i) => csvField(v, cols[i]!, this.dialect)).join(',')).join('\n') + '\n');
  }

  async finish(): Promise<void> {
    for (const out of this.backfillFiles.values()) await close(out);
  }

  async abort(): Promise<void> {
    if (this.out) await close(this.out).catch(() => undefined);
    for (const out of this.backfillFiles.values()) await close(out).catch(() => undefined);
    for (const f of this.written) await rm(f, { force: true }).catch(() => undefined);
  }
}

function fileName(t: TableInfo): string {
  return `${t.schema}.${t.name}`.replace(/[^\w.-]/g, '_');
}

function write(out: WriteStream, text: string): Promise<void> {
  return out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', () => resolve()));
}

function close(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
