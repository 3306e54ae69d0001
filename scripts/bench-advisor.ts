// `npm run bench:advisor`: the index advisor against databases whose indexes were removed.
//   - Sakila (real data): every secondary index that is neither primary nor unique is dropped.
//   - AdventureWorks (PostgreSQL port, DDL from ../shared/datasets, rows generated here): the port
//     has none of the original SQL Server database's nonclustered indexes; those are the "removed"
//     ones (listed below).
// For each: how many removed indexes the advisor finds again (same column set; or same leading
// column), how many suggestions are redundant (another suggestion on the table starts with the same
// key), the planner cost reduction of each suggestion, and the advisor's time. Scratch databases
// are named sw_adv_bench_* and dropped afterwards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adviseIndexes, workloadFromText, type AdviceReport } from '../server/src/engine/advisor';
import { parseConnectionUrl } from '../server/src/engine/drivers/connection-url';
import { createDriver } from '../server/src/engine/drivers/registry';
import { SchemaIndex } from '../server/src/engine/schema/schema-index';
import { ADVENTUREWORKS_REMOVED, loadAdventureWorksWithRows, loadStrippedSakila, type RemovedIndex } from '../test/helpers/advisor-db';
import { dropDatabase } from '../test/helpers/datasets';
import { pgUrlFor } from '../test/helpers/services';

const FIXTURES = join(__dirname, '../test/fixtures/advisor');





async function advise(database: string, workloadFile: string, maxIndexes?: number): Promise<AdviceReport> {
  const config = { ...parseConnectionUrl(pgUrlFor(database)), readOnly: true };
  const driver = createDriver(config);
  await driver.connect();
  try {
    const schema = new SchemaIndex(await driver.introspect());
    return await adviseIndexes({ config, driver, schema, workload: workloadFromText(readFileSync(join(FIXTURES, workloadFile), 'utf8'), 'postgres'), options: maxIndexes ? { maxIndexes } : {} });
  } finally {
    await driver.close();
  }
}

interface Row {
  dataset: string;
  removed: number;
  found: number;
  leading: number;
  suggestions: number;
  redundant: number;
  medianReduction: number;
  minReduction: number;
  ms: number;
  explains: number;
  missed: string[];
}

function score(dataset: string, removed: RemovedIndex[], r: AdviceReport): Row {
  const btree = removed.filter((x) => x.method === 'btree');
  const on = (x: RemovedIndex) => r.indexes.filter((s) => s.table.split('.').pop() === x.table);
  const bare = (c: string) => c.replace(/ DESC$/, '').replace(/"/g, '');
  const exact = (x: RemovedIndex) => on(x).some((s) => !s.where && s.columns.length === x.columns.length && [...s.columns.map(bare)].sort().join() === [...x.columns].sort().join());
  const lead = (x: RemovedIndex) => on(x).some((s) => bare(s.columns[0]) === x.columns[0]);
  const redundant = r.indexes.filter((a) => r.indexes.some((b) => b !== a && b.table === a.table && (b.where ?? '') === (a.where ?? '') && b.columns.length >= a.columns.length && a.columns.every((c, i) => b.columns[i] === c) && (b.columns.length > a.columns.length || r.indexes.indexOf(b) < r.indexes.indexOf(a))));
  const reductions = r.indexes.map((s) => (s.costAfter !== null && s.costBefore > 0 ? 100 * (1 - s.costAfter / s.costBefore) : 0)).sort((a, b) => a - b);
  return {
    dataset,
    removed: btree.length,
    found: btree.filter(exact).length,
    leading: btree.filter((x) => exact(x) || lead(x)).length,
    suggestions: r.indexes.length,
    redundant: redundant.length,
    medianReduction: reductions.length ? reductions[Math.floor(reductions.length / 2)] : 0,
    minReduction: reductions.length ? reductions[0] : 0,
    ms: r.durationMs,
    explains: r.explains,
    missed: btree.filter((x) => !exact(x) && !lead(x)).map((x) => `${x.table}(${x.columns.join(', ')})`),
  };
}

function table(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: (string | number)[]) => cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const details: (string | number)[][] = [];
  const collect = (dataset: string, r: AdviceReport) => {
    for (const s of r.indexes) details.push([dataset, s.sql.replace('CREATE INDEX CONCURRENTLY ON ', ''), s.costBefore, s.costAfter ?? '-', s.costAfter !== null && s.costBefore > 0 ? `${Math.round(100 * (1 - s.costAfter / s.costBefore))}%` : '-', s.queries.join(' ')]);
  };

  const sakila = 'sw_adv_bench_sakila';
  try {
    const removed = await loadStrippedSakila(sakila, { hypopg: true });
    const r = await advise(sakila, 'sakila-bench.sql');
    rows.push(score('sakila', removed, r));
    collect('sakila', r);
    // The default keeps the 10 indexes that save the most; without that cap the small tables' ones follow.
    const all = await advise(sakila, 'sakila-bench.sql', 30);
    rows.push(score('sakila --max-indexes 30', removed, all));
  } finally {
    await dropDatabase(sakila).catch(() => undefined);
  }

  const aw = 'sw_adv_bench_aw';
  try {
    await loadAdventureWorksWithRows(aw);
    const r = await advise(aw, 'adventureworks-bench.sql');
    rows.push(score('adventureworks', ADVENTUREWORKS_REMOVED, r));
    collect('adventureworks', r);
  } finally {
    await dropDatabase(aw).catch(() => undefined);
  }

  console.log('\nIndex advisor (HypoPG, --min-savings 50, workload-wide greedy selection)\n');
  console.log(
    table(
      ['dataset', 'removed b-tree', 'found (same columns)', 'found (same leading column)', 'suggestions', 'redundant', 'median cost cut', 'min cost cut', 'advisor ms', 'EXPLAINs'],
      rows.map((r) => [r.dataset, r.removed, r.found, r.leading, r.suggestions, r.redundant, `${Math.round(r.medianReduction)}%`, `${Math.round(r.minReduction)}%`, r.ms, r.explains]),
    ),
  );
  for (const r of rows) if (r.missed.length) console.log(`\n${r.dataset}: not found: ${r.missed.join(', ')}`);
  console.log('\nPer suggestion (planner cost of the queries it helps, without → with the suggested indexes)\n');
  console.log(table(['dataset', 'index', 'cost before', 'cost after', 'cut', 'queries'], details));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
