// `schemawise mock`: realistic rows that satisfy the schema's constraints. Without --write, --out or
// --out-dir nothing is written anywhere: a preview of the first rows per table is printed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDriver } from '../engine/drivers/registry';
import { DriverError } from '../engine/drivers/errors';
import { MockConfigError, parseMockConfig, type MockConfig } from '../engine/mock/config';
import { formatMockReport, runMockJob, checkMockTarget, type MockTarget } from '../engine/mock/job';
import type { MockRequest } from '../engine/mock/types';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import { EXIT, type CliCommand } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

const DEFAULT_CONFIG = path.join('.schemawise', 'mock.yml');
const PREVIEW_ROWS = 5;

export const mockCommand: CliCommand = {
  name: 'mock',
  summary: 'generate realistic mock rows that satisfy every constraint (preview, --write, --out file.sql or --out-dir csv/)',
  usage: 'schemawise mock (--connection <url> | --sample) --rows <n> [--rows-per-table t=n,...] [--tables t1,t2] [--seed <s>] [--write | --out file.sql | --out-dir csv/] [--config mock.yml] [--tags production,...] [--json]',
  flags: {
    ...CONNECTION_FLAGS,
    rows: { value: true, placeholder: 'n', description: 'rows per table (default 100); fewer only where a table\'s value domain is smaller (reported)' },
    'rows-per-table': { value: true, placeholder: 't=n,...', description: 'row counts for single tables, e.g. film=1000,public.actor=50' },
    tables: { value: true, placeholder: 't1,t2', description: 'only these tables (default: all). A foreign key to another table draws from its existing rows (preview and --write; up to 10,000 keys sampled per parent); a NOT NULL one to an empty parent, or any NOT NULL one with --out/--out-dir, adds the parent' },
    seed: { value: true, placeholder: 's', description: 'seed: the same seed and schema give the same rows, keys included (default 1)' },
    write: { value: false, description: 'insert into the database (one transaction for the whole run); refused on a production-tagged connection' },
    out: { value: true, placeholder: 'file.sql', description: 'write an SQL script (one transaction) instead of touching the database' },
    'out-dir': { value: true, placeholder: 'dir', description: 'write one CSV file per table into this folder' },
    config: { value: true, placeholder: 'mock.yml', description: `per-column overrides (default ${DEFAULT_CONFIG} when it exists)` },
    tags: { value: true, placeholder: 'a,b', description: 'connection tags, as in the editor settings; "production" refuses --write' },
    json: { value: false, description: 'print the report (and preview) as JSON' },
  },
  async run(args, io) {
    const target = targetFrom(args);
    const request = requestFrom(args);
    const base = connectionFromArgs(args);
    const tags = stringFlag(args, 'tags')?.split(',').map((t) => t.trim()).filter(Boolean);
    const config = { ...base, tags, readOnly: target.kind !== 'database' };
    try {
      checkMockTarget(config, target);
    } catch (e) {
      if (e instanceof DriverError && e.kind === 'read_only') {
        io.stderr(`schemawise mock: refused: ${e.message}; nothing was written`);
        return EXIT.refused;
      }
      throw e;
    }
    // Introspection and the sample of existing parent keys run on a read-only session; only the sink writes.
    const driver = createDriver({ ...config, readOnly: true });
    let result;
    try {
      await driver.connect();
      const model = await driver.introspect();
      result = await runMockJob(config, model, request, target, { driver });
    } finally {
      await driver.close().catch(() => undefined);
    }
    const { report, preview } = result;
    const where = target.kind === 'database' ? `written to ${config.name}` : target.kind === 'sql' ? `written to ${target.path}` : target.kind === 'csv' ? `written to ${target.dir}` : 'generated (preview only: nothing was written)';
    if (args.flags.has('json')) io.stdout(JSON.stringify({ report, preview }, null, 2));
    else {
      if (preview) for (const t of preview) io.stdout(renderPreview(t.table, t.columns, t.rows));
      io.stdout(formatMockReport(report, where));
    }
    return report.findings.some((f) => f.level === 'error') ? EXIT.failure : EXIT.ok;
  },
};

function targetFrom(args: ParsedArgs): MockTarget {
  const out = stringFlag(args, 'out');
  const dir = stringFlag(args, 'out-dir');
  const write = args.flags.has('write');
  if ([out !== undefined, dir !== undefined, write].filter(Boolean).length > 1) throw new UsageError('choose one of --write, --out file.sql and --out-dir dir');
  if (write) return { kind: 'database' };
  if (out !== undefined) return { kind: 'sql', path: out };
  if (dir !== undefined) return { kind: 'csv', dir };
  return { kind: 'preview', rowsPerTable: PREVIEW_ROWS };
}

function count(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${what} must be a whole number ≥ 0 (got "${value}")`);
  return Number(value);
}

function requestFrom(args: ParsedArgs): MockRequest {
  const rows = count(stringFlag(args, 'rows') ?? '100', '--rows');
  const rowsPerTable: Record<string, number> = {};
  for (const part of (stringFlag(args, 'rows-per-table') ?? '').split(',').filter((p) => p.trim())) {
    const m = /^\s*([^=]+?)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new UsageError(`--rows-per-table expects table=n pairs separated by commas (got "${part}")`);
    rowsPerTable[m[1]!] = count(m[2]!, `--rows-per-table ${m[1]}`);
  }
  const tables = stringFlag(args, 'tables')?.split(',').map((t) => t.trim()).filter(Boolean);
  const seedText = stringFlag(args, 'seed') ?? '1';
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  return { rows, rowsPerTable, tables, seed, config: loadConfig(stringFlag(args, 'config')) };
}

function loadConfig(file: string | undefined): MockConfig | undefined {
  const f = file ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  if (!f) return undefined;
  let text: string;
  try {
    text = readFileSync(f, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseMockConfig(text, f);
  } catch (e) {
    if (e instanceof MockConfigError) throw new UsageError(e.message);
    throw e;
  }
}

function renderPreview(table: string, columns: string[], rows: (string | null)[][]): string {
  const cell = (v: string | null) => (v === null ? 'NULL' : v.replace(/\s+/g, ' '));
  const body = rows.map((r) => r.map(cell));
  const widths = columns.map((h, i) => Math.min(40, Math.max(h.length, ...body.map((b) => b[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!))).join(' | ').trimEnd();
  return [`${table}:`, line(columns), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line), ''].join('\n');
}
