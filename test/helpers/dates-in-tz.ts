// Run in a child process with TZ set (by test/integration/dates-time-zones.test.ts): the time zone is
// read once per process, so each zone needs its own. Runs the real CLI (table, json, csv) and the
// editor's run path (runRequest → results grid cells) for every connection given in argv, and prints
// one JSON object on stdout: { [url]: { table, json, csv, grid } }.
import { runCli } from '../../server/src/cli';
import { createDriver } from '../../server/src/engine/drivers/registry';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { runRequest } from '../../server/src/engine/execution/run-request';
import type { ColumnInfo, TableInfo } from '../../server/src/engine/schema/model';
import { valueProbeWith, sampleValuesWith } from '../../server/src/engine/nl2sql/driver-callbacks';

const SQL = process.env.SW_DATES_SQL ?? '';

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  if (code !== 0) throw new Error(`schemawise ${args.join(' ')} exited ${code}: ${err.join('\n')}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const result: Record<string, unknown> = {};
  for (const url of process.argv.slice(2)) {
    const base = ['run', '--connection', url, '--audit-log', process.env.SW_DATES_AUDIT ?? '/dev/null'];
    const table = await cli([...base, SQL]);
    const json = JSON.parse(await cli([...base, '--format', 'json', SQL])) as unknown;
    const csv = await cli([...base, '--format', 'csv', SQL]);
    const config = parseConnectionUrl(url);
    const driver = createDriver(config);
    await driver.connect();
    try {
      const outcome = await runRequest({ target: { driver, config }, sql: SQL });
      const query = driver.queryReadOnly.bind(driver);
      const probeTable = process.env.SW_DATES_PROBE_TABLE ?? '';
      const probe = probeTable ? await valueProbeWith(query, 'postgres')('', probeTable, 'd', '2021-01-01') : undefined;
      // The sample-value lookup of NL→SQL prompts returns the values as text.
      const samples = probeTable ? await sampleValuesWith(query, 'postgres')({ schema: '', name: probeTable } as TableInfo, { name: 'd' } as ColumnInfo, ['2021-01-01']) : undefined;
      result[url] = { table, json, csv, grid: outcome, probe, samples };
    } finally {
      await driver.close();
    }
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch((e: unknown) => {
  process.stderr.write(String((e as Error)?.stack ?? e));
  process.exit(1);
});
