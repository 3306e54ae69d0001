// Dates and timestamps are shown as PostgreSQL prints them, whatever the machine's time zone: the CLI
// (table, JSON, CSV), the results grid (runRequest cells, which the grid's exports copy) and the
// NL→SQL sample values, on PostgreSQL. Each TZ runs in its own process (test/helpers/dates-in-tz.ts)
// so that nothing parsed earlier in the test run hides a shift. PGlite: test/unit/pglite-driver.test.ts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { pgUrlFor, requirePostgres } from '../helpers/services';

const run = promisify(execFile);
const DB = 'sw_cor_dates';
const ZONES = ['Asia/Tokyo', 'America/Los_Angeles', 'UTC'];
const SQL =
  "select date '2021-01-01' as d, timestamp '2021-01-01 00:00:00' as ts, timestamptz '2021-01-01 00:00:00+00' as tz, " +
  "interval '1 day 2 hours' as i, time '10:30:00' as t, array[date '2021-01-01', null] as da, " +
  '(select d from dated limit 1) as stored';

interface Runs {
  table: string;
  json: { rows: Record<string, unknown>[] }[];
  csv: string;
  grid: { status: string; results: { rows: unknown[][]; columns: { name: string }[] }[] };
  probe?: boolean;
  samples?: string[];
}

async function inZone(tz: string, sql: string, targets: string[], probeTable = ''): Promise<Record<string, Runs>> {
  const dir = mkdtempSync(join(tmpdir(), 'sw-cor-dates-'));
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', '--require', './test/helpers/register-sql.cjs', 'test/helpers/dates-in-tz.ts', ...targets], {
      env: { ...process.env, TZ: tz, SW_DATES_SQL: sql, SW_DATES_PROBE_TABLE: probeTable, SW_DATES_AUDIT: join(dir, 'audit.log') },
      maxBuffer: 10 * 1024 * 1024,
    });
    return JSON.parse(stdout) as Record<string, Runs>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function gridRow(r: Runs): Record<string, unknown> {
  const res = r.grid.results[0]!;
  return Object.fromEntries(res.columns.map((f, i) => [f.name, res.rows[0]![i]]));
}

describe('dates and timestamps as the database prints them, under any TZ', function () {
  this.timeout(120_000);
  const url = pgUrlFor(DB);

  before(async function () {
    await requirePostgres(this);
    await recreateDatabase(DB);
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      // The session time zone psql would use: the database's own setting, not the client machine's.
      await c.query(`ALTER DATABASE ${DB} SET timezone TO 'America/New_York'`);
      await c.query("CREATE TABLE dated (d date); INSERT INTO dated VALUES ('2021-01-01')");
    } finally {
      await c.end();
    }
  });
  after(async () => dropDatabase(DB));

  for (const tz of ZONES) {
    it(`PostgreSQL under TZ=${tz}: date, timestamp, timestamptz (session zone), interval, arrays`, async () => {
      const r = (await inZone(tz, SQL, [url], 'dated'))[url]!;
      const expected = {
        d: '2021-01-01',
        ts: '2021-01-01 00:00:00',
        tz: '2020-12-31 19:00:00-05',
        i: '1 day 02:00:00',
        t: '10:30:00',
        da: ['2021-01-01', null],
        stored: '2021-01-01',
      };
      assert.deepEqual(r.json[0]!.rows[0], expected);
      assert.deepEqual(gridRow(r), expected);
      const [header, row] = r.csv.split('\n');
      assert.equal(header, 'd,ts,tz,i,t,da,stored');
      assert.equal(row, '2021-01-01,2021-01-01 00:00:00,2020-12-31 19:00:00-05,1 day 02:00:00,10:30:00,"[""2021-01-01"",null]",2021-01-01');
      const line = r.table.split('\n')[2]!;
      assert.match(line, /^2021-01-01 \| 2021-01-01 00:00:00 \| 2020-12-31 19:00:00-05 \| 1 day 02:00:00 \| 10:30:00 \| \["2021-01-01",null\] \| 2021-01-01$/);
      assert.doesNotMatch(r.table + r.csv + JSON.stringify(r.json), /T\d\d:\d\d:\d\d\.\d{3}Z/);
      assert.equal(r.probe, true);
      assert.deepEqual(r.samples, ['2021-01-01']);
    });
  }
});
