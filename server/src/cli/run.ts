// `schemawise run`: runs SQL through the same executor as the editor: the query firewall, a read-only
// transaction per statement, row limit, timeout and the audit log. Exit 2 when the firewall refuses.
import { readFile } from 'node:fs/promises';
import { DiagnosticsEngine } from '../engine/diagnostics';
import { createDriver } from '../engine/drivers/registry';
import type { DialectId } from '../engine/schema/model';
import type { QueryResult } from '../engine/drivers/types';
import { AuditLog, DEFAULT_AUDIT_LOG } from '../engine/safety/audit';
import { runSql, type StatementRun } from '../engine/safety/executor';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import { EXIT, type CliCommand } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'run SQL safely: query firewall, read-only transaction, row limit, timeout, audit log (exit 3: a write lost its connection and may have been applied)',
  usage: 'schemawise run (--connection <url> | --sample) [--write [--yes]] [--format table|json|csv] [--max-rows N] [--timeout-ms N] [--audit-log path] [--allow-function name]... ("<sql>" | -f file.sql)',
  flags: {
    ...CONNECTION_FLAGS,
    file: { value: true, placeholder: 'file.sql', description: 'read the SQL from this file (also -f; "-" reads stdin)' },
    write: { value: false, description: 'lift read-only mode (writes need a driver that supports them); destructive statements also need --yes' },
    yes: { value: false, description: 'with --write: confirm destructive statements (UPDATE/DELETE without WHERE, DROP, TRUNCATE, ALTER)' },
    format: { value: true, placeholder: 'table|json|csv', description: 'output format (default table)' },
    'max-rows': { value: true, placeholder: 'N', description: 'rows fetched per statement at most (default 1000)' },
    'timeout-ms': { value: true, placeholder: 'N', description: 'statement timeout in milliseconds (default 30000)' },
    'audit-log': { value: true, placeholder: 'path', description: `audit log file (default ${DEFAULT_AUDIT_LOG})` },
    'no-audit-text': { value: false, description: 'leave statement text out of the audit log (its sha256 is still logged)' },
    'allow-function': {
      value: true,
      repeatable: true,
      placeholder: 'name',
      description: 'read-only mode: allow this function (name or schema.name) although the catalog does not show it to be read-only; repeat or separate with commas (deny-listed functions stay refused)',
    },
  },
  async run(args, io) {
    const format = formatFrom(args);
    const maxRows = positiveInt(args, 'max-rows');
    const timeoutMs = positiveInt(args, 'timeout-ms');
    const sql = await sqlFrom(args);
    const config = connectionFromArgs(args);
    const write = args.flags.has('write');
    if (args.flags.has('yes') && !write) throw new UsageError('--yes only applies with --write');
    const audit = new AuditLog({ path: stringFlag(args, 'audit-log'), includeText: !args.flags.has('no-audit-text') });
    const driver = createDriver({ ...config, readOnly: !write });
    try {
      const outcome = await runSql({
        driver,
        connectionName: config.name,
        databaseUser: config.user,
        sql,
        mode: write ? 'writable' : 'read-only',
        maxRows,
        timeoutMs,
        audit,
        allowedFunctions: (stringFlag(args, 'allow-function') ?? '').split(',').map((f) => f.trim()).filter(Boolean),
        confirm: () => args.flags.has('yes'),
        // Connect only when the firewall let the SQL through: a refusal needs no database.
        prepare: () => driver.connect(),
      });
      if (outcome.status === 'refused' && outcome.refusals.every((r) => r.rule === 'unparseable')) {
        // Text that does not parse is a mistake to fix, not a refusal: show where, like psql does.
        const syntax = await syntaxErrors(sql, driver.dialect);
        if (syntax.length > 0) {
          io.stderr(`schemawise run: nothing was run:\n${syntax.join('\n')}`);
          return EXIT.failure;
        }
      }
      if (outcome.status === 'refused') {
        io.stderr(`schemawise run: refused by the query firewall${write ? '' : ' (read-only mode)'}; nothing was run:\n${outcome.message}`);
        return EXIT.refused;
      }
      const done = outcome.statements.filter((s) => s.status !== 'skipped');
      const rendered = done.length > 0 ? render(done, format) : '';
      // A statement that failed has no result: print nothing rather than an empty line.
      if (rendered) io.stdout(rendered);
      for (const s of done) if (s.result?.truncated) io.stderr(`statement ${s.index}: showing the first ${s.result.rowCount} rows (--max-rows); the rest were not fetched`);
      if (outcome.status === 'failed') {
        io.stderr(`schemawise run: ${outcome.message ?? 'failed'}`);
        // Exit 3, not 1: a script must not treat a write that may have been applied as failed and re-run it.
        return outcome.outcomeUnknown ? EXIT.outcomeUnknown : EXIT.failure;
      }
      return EXIT.ok;
    } finally {
      await driver.close().catch(() => undefined);
    }
  },
};

/** "line 1, column 1: Syntax error at or near …" for each statement the dialect's parser rejects. */
async function syntaxErrors(sql: string, dialect: DialectId): Promise<string[]> {
  const engine = await DiagnosticsEngine.create();
  return engine
    .diagnose({ text: sql, dialect, config: { semantic: false } })
    .filter((d) => d.code === 'syntax')
    .map((d) => {
      const before = sql.slice(0, d.range.start);
      const line = before.split('\n').length;
      const column = d.range.start - before.lastIndexOf('\n');
      return /syntax error/i.test(d.message) ? `line ${line}, column ${column}: ${d.message}` : `syntax error at line ${line}, column ${column}: ${d.message}`;
    });
}

function formatFrom(args: ParsedArgs): Format {
  const f = stringFlag(args, 'format') ?? 'table';
  if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  return f as Format;
}

function positiveInt(args: ParsedArgs, name: string): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(v);
}

async function sqlFrom(args: ParsedArgs): Promise<string> {
  const positionals = [...args.positionals];
  let file = stringFlag(args, 'file');
  const dashF = positionals.indexOf('-f');
  if (dashF !== -1) {
    file = positionals[dashF + 1];
    if (!file) throw new UsageError('-f needs a file name');
    positionals.splice(dashF, 2);
  }
  if (file && positionals.length > 0) throw new UsageError('give the SQL either as an argument or with -f, not both');
  if (positionals.length > 1) throw new UsageError('give the SQL as one argument (quote it)');
  let sql: string;
  if (file === '-') sql = await readStdin();
  else if (file) {
    try {
      sql = await readFile(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  } else sql = positionals[0] ?? '';
  if (!sql.trim()) throw new UsageError('no SQL given: pass "<sql>" or -f file.sql');
  return sql;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function render(runs: StatementRun[], format: Format): string {
  if (format === 'json') return JSON.stringify(runs.map(toJson), null, 2);
  return runs
    .filter((r) => r.result)
    .map((r) => (format === 'csv' ? toCsv(r.result!) : toTable(r)))
    .join('\n');
}

function toJson(r: StatementRun) {
  const res = r.result;
  return {
    statement: r.index,
    status: r.status,
    error: r.error,
    fields: res?.fields.map((f) => f.name),
    rows: res?.rows.map((row) => Object.fromEntries(res.fields.map((f, i) => [f.name, jsonValue(row[i])]))),
    rowCount: res?.rowCount,
    truncated: res?.truncated,
    durationMs: r.durationMs === undefined ? undefined : Math.round(r.durationMs),
  };
}

function jsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return '\\x' + Buffer.from(v).toString('hex');
  return v;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return '\\x' + Buffer.from(v).toString('hex');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function toTable(r: StatementRun): string {
  const res = r.result!;
  const ms = r.durationMs === undefined ? '' : `, ${Math.round(r.durationMs)} ms`;
  if (res.fields.length === 0) return `(statement ${r.index}: ${res.rowCount} rows affected${ms})`;
  const header = res.fields.map((f) => f.name);
  const body = res.rows.map((row) => row.map((v) => cell(v).replace(/\s+/g, ' ')));
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...body.map((b) => b[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!))).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line), `(${res.rowCount} row${res.rowCount === 1 ? '' : 's'}${res.truncated ? ', truncated' : ''}${ms})`].join('\n');
}

function toCsv(res: QueryResult): string {
  const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  // NULL is an empty field, as most CSV consumers expect; an empty string is written as "".
  const value = (v: unknown) => (v === null || v === undefined ? '' : v === '' ? '""' : esc(cell(v)));
  return [res.fields.map((f) => esc(f.name)).join(','), ...res.rows.map((row) => row.map(value).join(','))].join('\n');
}
