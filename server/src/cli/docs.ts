// `schemawise docs`: documentation with ERDs and a glossary, its drift check for CI, the comment
// emitter, and `schemawise docs lint`. A thin adapter over engine/docs.
import { join } from 'node:path';
import {
  diffDescriptions,
  diffSchemas,
  emitComments,
  formatDrift,
  generateDocs,
  lintSchema,
  LINT_RULES,
  loadDocsInputs,
  loadErdBundle,
  readMysqlColumnDefinitions,
  readRecordedStructure,
  tablesNeedingColumnDefinitions,
  writeDocs,
  type DocsFormat,
  type ReadOnlyQuery,
} from '../engine/docs';
import { applyOverrides } from '../engine/docs/overrides';
import { percent } from '../engine/docs/format';
import { createDriver } from '../engine/drivers/registry';
import type { IntrospectOptions } from '../engine/drivers/types';
import type { SchemaModel } from '../engine/schema/model';
import { loadSnapshot } from '../engine/schema/snapshot';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import { EXIT, type CliCommand, type CliIO } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

/** The schema, and (live databases only) the driver's read-only query while `use` runs. */
async function withModel<T>(args: ParsedArgs, use: (model: SchemaModel, query?: ReadOnlyQuery) => Promise<T>, options: IntrospectOptions = {}): Promise<T> {
  const snapshot = stringFlag(args, 'schema');
  if (snapshot) {
    if (args.flags.has('connection') || args.flags.has('sample')) throw new UsageError('give one of --connection, --sample or --schema');
    return use(await loadSnapshot(snapshot));
  }
  const driver = createDriver(connectionFromArgs(args));
  try {
    await driver.connect();
    const model = await driver.introspect(options);
    return await use(model, (sql) => driver.queryReadOnly(sql));
  } finally {
    await driver.close().catch(() => undefined);
  }
}

const loadModel = (args: ParsedArgs, options: IntrospectOptions = {}) => withModel(args, async (model) => model, options);

function workspaceInputs(args: ParsedArgs) {
  const paths: { docsFile?: string; glossary?: string } = {};
  const docsFile = stringFlag(args, 'docs-file');
  const glossary = stringFlag(args, 'glossary');
  if (docsFile) paths.docsFile = docsFile;
  if (glossary) paths.glossary = glossary;
  return loadDocsInputs(stringFlag(args, 'workspace') ?? process.cwd(), paths);
}

function formatFlag(args: ParsedArgs): DocsFormat {
  const f = stringFlag(args, 'format') ?? 'markdown';
  if (f !== 'markdown' && f !== 'html') throw new UsageError(`--format must be markdown or html, not "${f}"`);
  return f;
}

function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v.replace(/%$/, ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--${name} must be a percentage between 0 and 100, not "${v}"`);
  return n;
}

function listFlag(args: ParsedArgs, name: string): string[] | undefined {
  const v = stringFlag(args, name);
  return v === undefined ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);
}

const ERD_BUNDLE_DIRS = [join(__dirname, '..', 'webview'), join(__dirname, '..', '..', '..', 'dist', 'webview')];

async function generate(args: ParsedArgs, io: CliIO): Promise<number> {
  const out = stringFlag(args, 'out');
  if (!out) throw new UsageError('--out <folder> is needed (where the docs go, e.g. docs/db)');
  const format = formatFlag(args);
  const inputs = await workspaceInputs(args);
  const stats = !args.flags.has('no-stats');
  // Table sizes are read only for the pages that show them (a query per table on PostgreSQL).
  const model = await loadModel(args, { tableSizes: stats });
  const started = performance.now();
  const erdBundle = format === 'html' ? await loadErdBundle(ERD_BUNDLE_DIRS) : undefined;
  const docs = generateDocs({ model, docsFile: inputs.docsFile, glossary: inputs.glossary }, { format, stats, ...(erdBundle ? { erdBundle } : {}) });
  const written = await writeDocs(out, docs.files);
  for (const w of docs.warnings) io.stderr(`warning: ${w}`);
  if (format === 'html' && !erdBundle) io.stderr('warning: the ERD webview bundle was not found (run `npm run build`); the site shows Mermaid source instead of the interactive ERD');
  io.stdout(
    `Documented ${model.tables.length} tables and views of ${model.database} in ${out}/${docs.index}: ${written.written} file(s) written, ${written.unchanged} unchanged, ${written.removed} removed (${(performance.now() - started).toFixed(0)} ms).`,
  );
  return EXIT.ok;
}

async function check(args: ParsedArgs, io: CliIO): Promise<number> {
  const out = stringFlag(args, 'out');
  if (!out) throw new UsageError('--check needs --out <folder>: the committed docs to compare with the database');
  const recorded = await readRecordedStructure(out);
  const inputs = await workspaceInputs(args);
  const model = await loadModel(args);
  const changes = [...diffSchemas(recorded.model, model), ...diffDescriptions(recorded.descriptions, applyOverrides(model, inputs.docsFile.tables).descriptions)];
  if (changes.length === 0) {
    io.stdout(`The docs in ${out} match ${model.database}: no structural change.`);
    return EXIT.ok;
  }
  io.stdout(`The docs in ${out} are out of date: ${changes.length} change(s) in ${model.database} since they were generated:\n${formatDrift(changes)}\n\nRegenerate them with \`schemawise docs --out ${out} …\` and commit the result.`);
  return EXIT.failure;
}

async function emit(args: ParsedArgs, io: CliIO): Promise<number> {
  const inputs = await workspaceInputs(args);
  const result = await withModel(args, async (model, query) => {
    const needed = tablesNeedingColumnDefinitions(model, inputs.docsFile.tables);
    const mysqlColumnDefinitions = query && needed.length ? await readMysqlColumnDefinitions(query, needed) : undefined;
    return emitComments(model, inputs.docsFile.tables, mysqlColumnDefinitions ? { mysqlColumnDefinitions } : {});
  });
  for (const w of result.warnings) io.stderr(`warning: ${w}`);
  io.stdout(result.sql);
  if (result.count === 0) io.stderr('Nothing to emit: every description in docs.yml is already the database comment.');
  return EXIT.ok;
}

async function lint(args: ParsedArgs, io: CliIO): Promise<number> {
  const inputs = await workspaceInputs(args);
  const settings = inputs.docsFile.lint;
  const model = applyOverrides(await loadModel(args), inputs.docsFile.tables).model;
  const minCoverage = numberFlag(args, 'min-coverage') ?? settings.minCoverage;
  const naming = stringFlag(args, 'naming') ?? settings.naming;
  const disable = listFlag(args, 'disable') ?? settings.disable;
  let report;
  try {
    report = lintSchema(model, { disable, ...(naming ? { naming } : {}), ...(minCoverage !== undefined ? { minCoverage } : {}) });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const c = report.coverage;
  const lines = report.findings.map((f) => `${f.object}: ${f.message} [${f.rule}]`);
  lines.push(
    '',
    `Coverage: ${c.percent.toFixed(1)}% described (tables and views ${c.tablesDescribed}/${c.tables} = ${percent(c.tablesDescribed, c.tables)}, columns ${c.columnsDescribed}/${c.columns} = ${percent(c.columnsDescribed, c.columns)})` +
      (report.minCoverage !== undefined ? `; minimum ${report.minCoverage}%: ${report.coverageOk ? 'met' : 'NOT met'}` : ''),
    `${report.findings.length} finding(s).`,
  );
  io.stdout(lines.join('\n'));
  return report.findings.length > 0 || !report.coverageOk ? EXIT.failure : EXIT.ok;
}

export const docsCommand: CliCommand = {
  name: 'docs',
  summary: 'Markdown/HTML docs with ERDs and a glossary; --check for drift in CI; `docs lint` for coverage and anomalies',
  usage: [
    'schemawise docs (--connection <url> | --sample | --schema <snapshot.json>) --out <folder> [--format markdown|html] [--no-stats]',
    '       schemawise docs --check (--connection <url> | --sample | --schema <snapshot.json>) --out <folder>',
    '       schemawise docs --emit-comments (--connection <url> | --sample | --schema <snapshot.json>)',
    '       schemawise docs lint (--connection <url> | --sample | --schema <snapshot.json>) [--min-coverage <percent>] [--naming <convention>] [--disable <rules>]',
    '',
    'Descriptions from .schemawise/docs.yml add to or override database comments; terms in .schemawise/glossary.yml',
    'make the glossary. Exit codes: 0 ok / in sync / lint clean; 1 drift, lint findings, coverage below the minimum,',
    'or an error (unreachable database, bad YAML); 64 bad arguments.',
    'Lint rules:',
    ...LINT_RULES.map((r) => `  ${r.id.padEnd(24)}${r.summary}`),
  ].join('\n'),
  flags: {
    ...CONNECTION_FLAGS,
    schema: { value: true, placeholder: 'snapshot.json', description: 'document a schema snapshot file instead of a live database' },
    out: { value: true, placeholder: 'folder', description: 'docs folder to write (or, with --check, to compare)' },
    format: { value: true, placeholder: 'markdown|html', description: 'markdown (default: pages for GitHub/GitLab) or html (one self-contained site with search and the interactive ERD)' },
    check: { value: false, description: 'compare the docs in --out with the database structurally; exit 1 naming every change' },
    'emit-comments': { value: false, description: "print the dialect's statements that store docs.yml descriptions as database comments (nothing is run)" },
    'no-stats': { value: false, description: 'leave row estimates and sizes out of the pages (keeps Git diffs to structural changes)' },
    workspace: { value: true, placeholder: 'folder', description: 'folder holding .schemawise/docs.yml and .schemawise/glossary.yml (default: current folder)' },
    'docs-file': { value: true, placeholder: 'file', description: 'descriptions file (default: <workspace>/.schemawise/docs.yml)' },
    glossary: { value: true, placeholder: 'file', description: 'glossary file (default: <workspace>/.schemawise/glossary.yml)' },
    'min-coverage': { value: true, placeholder: 'percent', description: 'lint: fail when less than this % of tables and columns are described (default: docs.yml lint.minCoverage)' },
    naming: { value: true, placeholder: 'convention', description: 'lint: snake_case (default), camelCase, PascalCase or /regex/ for table and column names' },
    disable: { value: true, placeholder: 'rules', description: 'lint: comma-separated rule ids to skip' },
  },
  async run(args, io) {
    const [sub, ...extra] = args.positionals;
    if (extra.length || (sub !== undefined && sub !== 'lint')) throw new UsageError(`unexpected argument "${sub === 'lint' ? extra[0] : sub}" (the only subcommand is "lint")`);
    const modes = ['check', 'emit-comments'].filter((f) => args.flags.has(f));
    if (sub === 'lint') {
      if (modes.length) throw new UsageError(`--${modes[0]} does not go with "docs lint"`);
      return lint(args, io);
    }
    for (const f of ['min-coverage', 'naming', 'disable']) if (args.flags.has(f)) throw new UsageError(`--${f} belongs to "schemawise docs lint"`);
    if (modes.length > 1) throw new UsageError('give either --check or --emit-comments, not both');
    if (modes[0] === 'check') return check(args, io);
    if (modes[0] === 'emit-comments') return emit(args, io);
    return generate(args, io);
  },
};
