// Mock data benchmark: 1,000,000 rows (or the count given) of a realistic orders table — bigint key,
// names, e-mails, an IN-list CHECK, a range CHECK, a cross-column CHECK, timestamps — generated and
// loaded into PostgreSQL with COPY, next to a plain INSERT … SELECT generate_series() of the same
// row count into the same table shape (the physical reference: no generator, no client, no wire).
// Also: generation alone (no database) and a parent/child pair with a foreign key (fan-out 10).
// Prints one table. Target: ≥ 100,000 rows/s into PostgreSQL.
//   npm run bench:mock [-- rows]
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { parseConnectionUrl } from '../server/src/engine/drivers/connection-url';
import { createDriver } from '../server/src/engine/drivers/registry';
import { generateMock } from '../server/src/engine/mock/generate';
import { PostgresCopySink } from '../server/src/engine/mock/sinks/postgres-sink';
import type { MockSink } from '../server/src/engine/mock/types';
import { dropDatabase, recreateDatabase } from '../test/helpers/datasets';
import { pgUrlFor } from '../test/helpers/services';

const DB = 'sw_mock_bench';
const TARGET = 100_000;

const SCHEMA = `
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  customer_name text NOT NULL,
  email text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'paid', 'shipped', 'cancelled')),
  amount numeric(10,2) NOT NULL CHECK (amount >= 0),
  created_at timestamptz NOT NULL,
  shipped_at timestamptz,
  note text,
  CHECK (shipped_at IS NULL OR shipped_at >= created_at)
);
CREATE TABLE orders_ref (LIKE orders INCLUDING ALL);
CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL, city text);
CREATE TABLE purchase (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customer, total numeric(10,2) NOT NULL CHECK (total > 0), at date NOT NULL);
`;

/** Discards the rows: generation speed alone. */
class NullSink implements MockSink {
  readonly name = 'null';
  async begin() {}
  async beginTable() {}
  async writeRows() {}
  async endTable() {}
  async backfill() {}
  async finish() {}
  async abort() {}
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  await recreateDatabase(DB);
  const client = new Client({ connectionString: pgUrlFor(DB) });
  await client.connect();
  const results: [string, number, number, number][] = [];
  let cpu = process.cpuUsage();
  const cpuSeconds = () => {
    const d = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    return (d.user + d.system) / 1e6;
  };
  try {
    await client.query(SCHEMA);
    const driver = createDriver(parseConnectionUrl(pgUrlFor(DB)));
    await driver.connect();
    const model = await driver.introspect();
    await driver.close();
    const config = { ...parseConnectionUrl(pgUrlFor(DB)), readOnly: false };

    let t = performance.now();
    cpuSeconds();
    const gen = await generateMock(model, { rows, seed: 1, tables: ['orders'] }, new NullSink());
    results.push(['generate only (no database)', gen.totalRows, performance.now() - t, cpuSeconds()]);

    t = performance.now();
    cpuSeconds();
    const copy = await generateMock(model, { rows, seed: 1, tables: ['orders'] }, new PostgresCopySink(config));
    results.push(['schemawise mock → COPY (orders)', copy.totalRows, performance.now() - t, cpuSeconds()]);

    t = performance.now();
    cpuSeconds();
    await client.query(`INSERT INTO orders_ref
      SELECT g, 'Customer ' || g, 'user' || g || '@example.com', (ARRAY['open','paid','shipped','cancelled'])[1 + g % 4],
             (g % 100000) / 100.0, now() - g * interval '1 second', CASE WHEN g % 3 = 0 THEN now() END, 'note ' || g
      FROM generate_series(1, ${rows}) AS g`);
    results.push(['INSERT … SELECT generate_series (reference)', rows, performance.now() - t, cpuSeconds()]);

    t = performance.now();
    cpuSeconds();
    const fk = await generateMock(model, { rows, seed: 1, tables: ['purchase'], rowsPerTable: { customer: Math.max(1, Math.round(rows / 10)) } }, new PostgresCopySink(config));
    results.push(['schemawise mock → COPY (customer 1:10 purchase, FK)', fk.totalRows, performance.now() - t, cpuSeconds()]);
  } finally {
    await client.end();
    await dropDatabase(DB);
  }
  // Node CPU seconds: the generator's own cost, independent of how busy the machine is.
  const header = ['run', 'rows', 'seconds', 'rows/s', 'node CPU s', 'rows per node CPU s'];
  const body = results.map(([name, n, ms, c]) => [name, n.toLocaleString('en-US'), (ms / 1000).toFixed(2), Math.round(n / (ms / 1000)).toLocaleString('en-US'), c.toFixed(2), c > 0.05 ? Math.round(n / c).toLocaleString('en-US') : '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n'));
  const copyRate = results[1]![1] / (results[1]![2] / 1000);
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(`\nLoad average ${load.toFixed(1)} on ${(await import('node:os')).cpus().length} CPUs during the run.`);
  console.log(`Target ≥ ${TARGET.toLocaleString('en-US')} rows/s into PostgreSQL: ${copyRate >= TARGET ? 'met' : 'NOT met'} (${Math.round(copyRate).toLocaleString('en-US')} rows/s)`);
  if (copyRate < TARGET) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
