// `schemawise check`: diagnostics of .sql files and of SQL templates in TS/JS files, for CI.
import { createDriver } from '../engine/drivers/registry';
import { DiagnosticsEngine, RULES, type RuleSetting } from '../engine/diagnostics';
import { CHECK_FORMATS, checkFiles, expandInputs, formatGithub, formatJson, formatSarif, formatText, summaryLine, type CheckFormat } from '../engine/embedded';
import type { SchemaModel } from '../engine/schema/model';
import { SchemaIndex } from '../engine/schema/schema-index';
import { loadSnapshot } from '../engine/schema/snapshot';
import { isDialectId } from '../engine/sql/dialect';
import { version } from '../../../package.json';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import { EXIT, type CliCommand } from './command';
import { CONNECTION_FLAGS, connectionFromArgs } from './connection-args';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check the SQL in .sql files and in sql`…` templates of TS/JS files (for CI)',
  usage: 'schemawise check <files, directories or globs...> (--connection <url> | --schema snapshot.json) [--format text|json|sarif|github]',
  flags: {
    ...CONNECTION_FLAGS,
    schema: { value: true, placeholder: 'snapshot.json', description: 'check against a schema snapshot (from `schemawise introspect --out`): no database needed' },
    format: { value: true, placeholder: 'text|json|sarif|github', description: 'output: text (file:line:col: severity rule message, default), json, sarif (SARIF 2.1.0 for code scanning), github (workflow annotations)' },
    dialect: { value: true, placeholder: 'postgres|mysql|mssql', description: 'dialect of files without a directive when there is no schema (default postgres)' },
    tag: { value: true, placeholder: 'name[,name]', description: 'more template tags holding SQL besides sql and SQL (like the schemawise.embedded.tags setting)' },
    rule: { value: true, placeholder: 'id=severity[,…]', description: 'rule severities: off, info, warning or error, e.g. --rule select-star=off,cross-join=error' },
  },
  async run(args, io) {
    if (args.positionals.length === 0) throw new UsageError('name the files to check: paths, directories or globs such as "src/**/*.ts"');
    const format = stringFlag(args, 'format') ?? 'text';
    if (!CHECK_FORMATS.includes(format as CheckFormat)) throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}`);
    const dialect = stringFlag(args, 'dialect');
    if (dialect !== undefined && !isDialectId(dialect)) throw new UsageError('--dialect must be postgres, mysql or mssql');
    const rules = parseRules(stringFlag(args, 'rule'));
    const tags = (stringFlag(args, 'tag') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const badTag = tags.find((t) => !/^[$\w]+(\.[$\w]+)*$/.test(t));
    if (badTag !== undefined) throw new UsageError(`--tag: "${badTag}" is not a tag name or member chain (query, db.query)`);
    const cwd = process.cwd();
    const { files, unmatched } = await expandInputs(args.positionals, cwd);
    if (unmatched.length) {
      io.stderr(`schemawise check: no .sql or TS/JS file matches ${unmatched.map((u) => JSON.stringify(u)).join(', ')}`);
      return EXIT.failure;
    }
    const model = await schemaFromArgs(args);
    const engine = await DiagnosticsEngine.create();
    const report = await checkFiles(engine, files, { cwd, schema: model ? new SchemaIndex(model) : undefined, dialect: dialect as SchemaModel['dialect'] | undefined, tags, config: { rules } });
    for (const u of report.unreadable) io.stderr(`schemawise check: cannot read ${u.file}: ${u.reason}`);
    const output = { text: formatText, json: formatJson, github: formatGithub, sarif: (r: typeof report) => formatSarif(r, version) }[format as CheckFormat](report);
    if (output) io.stdout(output);
    // The summary is for people: on stderr, so that json/sarif on stdout stay machine-readable.
    io.stderr(summaryLine(report));
    return report.findings.some((f) => f.severity === 'error') || report.unreadable.length ? EXIT.failure : EXIT.ok;
  },
};

async function schemaFromArgs(args: ParsedArgs): Promise<SchemaModel | undefined> {
  const snapshot = stringFlag(args, 'schema');
  const live = args.flags.has('connection') || args.flags.has('sample');
  if (snapshot && live) throw new UsageError('give either --schema or --connection, not both');
  if (snapshot) return loadSnapshot(snapshot);
  if (!live) throw new UsageError('a schema is needed: --schema snapshot.json (offline) or --connection <url>');
  const driver = createDriver(connectionFromArgs(args));
  try {
    await driver.connect();
    return await driver.introspect();
  } finally {
    await driver.close().catch(() => undefined);
  }
}

function parseRules(value: string | undefined): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  for (const item of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [id, severity] = item.split('=').map((s) => s.trim());
    if (!id || !RULES.some((r) => r.id === id)) throw new UsageError(`--rule: unknown rule "${id ?? ''}" (rules: ${RULES.map((r) => r.id).join(', ')})`);
    if (severity !== 'off' && severity !== 'info' && severity !== 'warning' && severity !== 'error') throw new UsageError(`--rule ${id}: severity must be off, info, warning or error`);
    rules[id] = severity;
  }
  return rules;
}
