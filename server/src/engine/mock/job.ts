// One mock-data job, as the CLI and the language server start it: the target (the database, an SQL
// file, a CSV folder, or a preview in memory) decides the sink; the write rule is checked first.
import type { ConnectionConfig, DatabaseDriver } from '../drivers/types';
import { DriverError } from '../drivers/errors';
import type { SchemaModel } from '../schema/model';
import type { Value } from './expr';
import { describeSample, generateMock, type GenerateOptions } from './generate';
import { formatTime } from './format';
import { CsvDirSink } from './sinks/csv-sink';
import { MemorySink } from './sinks/memory-sink';
import { MysqlInsertSink } from './sinks/mysql-sink';
import { DriverParentKeySampler } from './sinks/parent-key-sampler';
import { PostgresCopySink } from './sinks/postgres-sink';
import { SqlFileSink } from './sinks/sql-file-sink';
import type { MockReport, MockRequest, MockSink, SinkColumn } from './types';
import { assertMockWritable } from './write-guard';

export type MockTarget = { kind: 'database' } | { kind: 'sql'; path: string } | { kind: 'csv'; dir: string } | { kind: 'preview'; rowsPerTable: number };

export interface PreviewTable {
  table: string;
  columns: string[];
  /** Cells as display text (NULL as null). */
  rows: (string | null)[][];
}

export interface MockJobResult {
  report: MockReport;
  preview?: PreviewTable[];
}

/** Throws DriverError('read_only') when the target is the database and the connection may not be written. */
export function checkMockTarget(config: ConnectionConfig, target: MockTarget): void {
  if (target.kind !== 'database') return;
  assertMockWritable(config);
  if (config.driver !== 'postgres' && config.driver !== 'mysql')
    throw new DriverError('config', `writing mock data into ${config.driver === 'pglite' ? 'PGlite' : 'SQL Server'} is not supported; use --out file.sql or --out-dir`);
}

export interface MockJobOptions extends GenerateOptions {
  /**
   * The live connection the schema came from (read-only use): a preview or a run into the database
   * draws foreign keys to parents outside the run from the parents' existing keys. SQL scripts and
   * CSV files never read it: they are made for any database of that schema.
   */
  driver?: Pick<DatabaseDriver, 'queryReadOnly'>;
}

/** The existing-parent source for this target, or why there is none (for the report). */
export function parentSourceFor(model: SchemaModel, target: MockTarget, driver: MockJobOptions['driver']): GenerateOptions['parents'] {
  if (!driver || (target.kind !== 'database' && target.kind !== 'preview')) return undefined;
  if (model.dialect !== 'postgres' && model.dialect !== 'mysql') return undefined;
  return new DriverParentKeySampler(driver, model.dialect);
}

export async function runMockJob(config: ConnectionConfig, model: SchemaModel, request: MockRequest, target: MockTarget, jobOptions: MockJobOptions = {}): Promise<MockJobResult> {
  checkMockTarget(config, target);
  const { driver, ...rest } = jobOptions;
  const options: GenerateOptions = { ...rest, parents: rest.parents ?? parentSourceFor(model, target, driver) };
  const dialect = model.dialect === 'mysql' ? 'mysql' : 'postgres';
  let sink: MockSink;
  switch (target.kind) {
    case 'database':
      sink = config.driver === 'mysql' ? new MysqlInsertSink(config) : new PostgresCopySink(config);
      break;
    case 'sql':
      if (model.dialect === 'mssql') throw new DriverError('config', 'SQL scripts are written for PostgreSQL and MySQL/MariaDB only; use --out-dir for CSV files');
      sink = new SqlFileSink(target.path, dialect, `seed ${request.seed}, database ${model.database}`);
      break;
    case 'csv':
      sink = new CsvDirSink(target.dir, dialect);
      break;
    case 'preview': {
      const memory = new MemorySink();
      const report = await generateMock(model, request, memory, { ...options, limitPerTable: target.rowsPerTable });
      return { report, preview: memory.tables.map((t) => ({ table: `${t.table.schema}.${t.table.name}`, columns: t.columns.map((c) => c.name), rows: t.rows.map((r) => r.map((v, i) => displayValue(v, t.columns[i]!))) })) };
    }
  }
  return { report: await generateMock(model, request, sink, options) };
}

export function displayValue(v: Value, col: SinkColumn): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && ['date', 'timestamp', 'timestamptz'].includes(col.kind)) return formatTime(v, col.kind);
  if (typeof v === 'number' && (col.kind === 'decimal' || col.kind === 'money') && col.scale !== undefined) return v.toFixed(col.scale);
  if (v instanceof Uint8Array) return '\\x' + Buffer.from(v).toString('hex');
  if (typeof v === 'object' && !Array.isArray(v) && 'raw' in v) return String((v as { text: string }).text);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The report as text for a terminal. */
export function formatMockReport(report: MockReport, where: string): string {
  const rows = report.tables.map((t) => [t.table, String(t.written), String(t.requested), t.rejected ? String(t.rejected) : '', t.backfilled ? String(t.backfilled) : '', t.existingBefore ? String(t.existingBefore) : '']);
  const header = ['table', 'rows', 'asked', 'rejected', 'back-filled', 'already there'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const seconds = report.durationMs / 1000;
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', `${report.totalRows} rows ${where} in ${seconds.toFixed(2)} s (${Math.round(report.totalRows / Math.max(seconds, 1e-3)).toLocaleString('en-US')} rows/s), seed ${report.seed}`];
  if (report.sampledParents?.length) {
    out.push('', 'Existing parent keys (parents not generated in this run):');
    for (const s of report.sampledParents)
      out.push(`  ${s.child}.${s.foreignKey} → ${s.table} (${s.columns.join(', ')}): ${s.keys.toLocaleString('en-US')} keys${s.unreferencedOnly ? ' not yet referenced' : ''}, ${describeSample(s)}`);
  }
  if (report.findings.length) {
    out.push('', 'Findings:');
    for (const f of report.findings) out.push(`  ${f.level.padEnd(7)} ${f.table ? f.table + (f.column ? '.' + f.column : '') + ': ' : ''}${f.message}`);
  }
  return out.join('\n');
}
