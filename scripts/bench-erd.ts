// ERD benchmark: layout + first render of generated schemas (100, 1,000, 5,000 tables; or the
// sizes given as arguments) in headless Chromium, through the real webview bundle and protocol.
// Prints one row per size. Target: ≤ 3 s at 1,000 tables.
//   npx tsx scripts/bench-erd.ts [sizes...]
import { performance } from 'node:perf_hooks';
import { launchChromium } from '../test/helpers/chromium';
import { buildErdBundle, ErdPage, serveErd } from '../test/webview/erd-harness';
import { syntheticSchema } from '../test/webview/synthetic-schema';

const TARGET_MS_AT_1000 = 3000;

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const bundle = await buildErdBundle(true);
  const server = await serveErd(bundle);
  const browser = await launchChromium();
  const rows: string[][] = [];
  let failed = false;
  try {
    for (const n of sizes.length ? sizes : [100, 1000, 5000]) {
      const schema = syntheticSchema(n);
      const fks = schema.tables.reduce((a, t) => a + t.foreignKeys.length, 0);
      const page = await ErdPage.open(browser, server);
      try {
        const t0 = performance.now();
        const r = await page.load(schema);
        const total = performance.now() - t0;
        const drawn = await page.page.locator('g.erd-table').count();
        if (drawn !== n) throw new Error(`${n} tables: ${drawn} boxes drawn`);
        if (n === 1000 && total > TARGET_MS_AT_1000) failed = true;
        rows.push([String(n), String(fks), r.layoutEngine, ms(r.layoutMs), ms(r.renderMs), ms(r.totalMs), ms(total)]);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await bundle.dispose();
  }
  printTable(['tables', 'FKs', 'layout', 'layout ms', 'render ms', 'in webview ms', 'host load→painted ms'], rows);
  console.log(`target: ≤ ${TARGET_MS_AT_1000} ms load→painted at 1,000 tables${failed ? ' — MISSED' : ''}`);
  if (failed) process.exitCode = 1;
}

function ms(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
