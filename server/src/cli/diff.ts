// `schemawise diff`: compare two schemas (live databases or snapshot files) and print a report or the
// migration SQL. `--check` turns it into a drift check for CI (exit 1 when the schemas differ).
import { parseConnectionUrl, redactUrl } from '../engine/drivers/connection-url';
import { createDriver } from '../engine/drivers/registry';
import { compareSchemas, renderDiff, REPORT_FORMATS, type ReportFormat } from '../engine/diff';
import type { SchemaModel } from '../engine/schema/model';
import { loadSnapshot } from '../engine/schema/snapshot';
import { stringFlag, UsageError } from './args';
import { EXIT, type CliCommand } from './command';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

export const diffCommand: CliCommand = {
  name: 'diff',
  summary: 'compare two schemas (databases or snapshots): change report or migration SQL',
  usage: 'schemawise diff --from <url|snapshot> --to <url|snapshot> [--format text|markdown|json|sql] [--check] [--allow-destructive] [--rename old=new ...]',
  flags: {
    from: { value: true, placeholder: 'url|snapshot', description: 'the schema now: a database URL or a snapshot file (.schemawise/schema/<name>.json)' },
    to: { value: true, placeholder: 'url|snapshot', description: 'the schema wanted: a database URL or a snapshot file' },
    format: { value: true, placeholder: 'text|markdown|json|sql', description: 'text (default), markdown (pull-request comment), json, or sql (the migration from --from to --to)' },
    check: { value: false, description: 'exit 1 when the schemas differ, 0 when they are equal (CI drift check)' },
    'allow-destructive': { value: false, description: 'include destructive statements (drops, narrowing types) instead of commenting them out' },
    rename: { value: true, placeholder: 'old=new', description: 'confirm a rename, repeatable: table ([schema.]old=new) or column ([schema.]table.old=new)' },
  },
  async run(args, io) {
    if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const fromArg = stringFlag(args, 'from');
    const toArg = stringFlag(args, 'to');
    if (!fromArg || !toArg) throw new UsageError('both --from and --to are needed');
    const format = (stringFlag(args, 'format') ?? 'text') as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
    const [from, to] = await Promise.all([loadSide(fromArg), loadSide(toArg)]);
    if (format === 'sql' && from.dialect === 'mssql') {
      io.stderr('schemawise diff: SQL Server migrations are not generated (report only): use --format text, markdown or json');
      return EXIT.refused;
    }
    const diff = compareSchemas(from, to, { renames: args.lists?.get('rename') ?? [], fromLabel: label(fromArg), toLabel: label(toArg) });
    io.stdout(renderDiff(diff, format, { allowDestructive: args.flags.has('allow-destructive'), database: from.database }));
    return args.flags.has('check') && diff.changes.length > 0 ? EXIT.failure : EXIT.ok;
  },
};

function label(arg: string): string {
  return URL_LIKE.test(arg) && !/^[a-z]:[\\/]/i.test(arg) ? redactUrl(arg) : arg;
}

async function loadSide(arg: string): Promise<SchemaModel> {
  if (!URL_LIKE.test(arg) || /^[a-z]:[\\/]/i.test(arg)) return loadSnapshot(arg);
  const config = parseConnectionUrl(arg);
  if (!config.password && process.env.SCHEMAWISE_PASSWORD) config.password = process.env.SCHEMAWISE_PASSWORD;
  const driver = createDriver(config);
  try {
    await driver.connect();
    return await driver.introspect();
  } finally {
    await driver.close().catch(() => undefined);
  }
}
