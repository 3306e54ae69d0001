// Docs benchmark: documents generated schemas (default 500, 1,000 and 5,000 tables of 15 columns
// each, i.e. up to 75,000 columns) in Markdown and writes them to a temporary folder, timing the
// generation, the write and the drift check (schema.json read back and compared). Prints a table.
// Target: ≤ 30 s for 5,000 tables / 75,000 columns, generation + write.
//   npm run bench:docs [-- sizes...]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { diffSchemas, generateDocs, readRecordedStructure, writeDocs } from '../server/src/engine/docs';
import { generatedSchema } from '../test/helpers/docs-models';

const TARGET_MS = 30_000;

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const rows: string[][] = [];
  let missed = false;
  for (const n of sizes.length ? sizes : [500, 1000, 5000]) {
    const model = generatedSchema(n);
    const columns = model.tables.reduce((a, t) => a + t.columns.length, 0);
    const dir = await mkdtemp(join(tmpdir(), 'sw-docs-bench-'));
    try {
      const t0 = performance.now();
      const docs = generateDocs({ model });
      const t1 = performance.now();
      await writeDocs(dir, docs.files);
      const t2 = performance.now();
      const recorded = await readRecordedStructure(dir);
      const changes = diffSchemas(recorded.model, model);
      const t3 = performance.now();
      if (changes.length) throw new Error(`${n} tables: the drift check found ${changes.length} changes in an unchanged schema`);
      const bytes = docs.files.reduce((a, f) => a + Buffer.byteLength(f.content), 0);
      const total = t2 - t0;
      if (n >= 5000 && total > TARGET_MS) missed = true;
      rows.push([fmt(n), fmt(columns), fmt(docs.files.length), `${(bytes / 1024 / 1024).toFixed(1)} MB`, ms(t1 - t0), ms(t2 - t1), ms(total), ms(t3 - t2)]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  printTable(['tables', 'columns', 'files', 'size', 'generate ms', 'write ms', 'docs total ms', 'drift check ms'], rows);
  console.log(`target: ≤ ${fmt(TARGET_MS)} ms (generate + write) at 5,000 tables / 75,000 columns${missed ? ' — MISSED' : ''}`);
  if (missed) process.exitCode = 1;
}

function fmt(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function ms(n: number): string {
  return fmt(n);
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padStart(widths[i]!)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
