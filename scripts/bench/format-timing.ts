// Formatting the 20k-line benchmark script in process: the whole document (sync and in slices), a
// 200-character range, and the longest the event loop waits while the sliced formatting runs (what a
// completion request arriving meanwhile waits at most, transport aside).
import { loadPgParser } from '../../server/src/engine/diagnostics/pg/parser';
import { formatSql, formatSqlAsync } from '../../server/src/engine/features/formatting/format-sql';
import { longScript } from './workload';

export interface FormatTiming {
  lines: number;
  statements: number;
  documentMs: number;
  slicedMs: number;
  maxLoopWaitMs: number;
  rangeMs: number;
}

export async function formatTiming(): Promise<FormatTiming> {
  await loadPgParser();
  const script = longScript();
  const t0 = performance.now();
  const report = formatSql(script, 'postgres');
  const documentMs = performance.now() - t0;
  let last = performance.now();
  let maxLoopWaitMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLoopWaitMs = Math.max(maxLoopWaitMs, now - last);
    last = now;
  }, 1);
  const t1 = performance.now();
  await formatSqlAsync(script, 'postgres');
  const slicedMs = performance.now() - t1;
  clearInterval(timer);
  const mid = Math.floor(script.length / 2);
  const t2 = performance.now();
  formatSql(script, 'postgres', undefined, mid, mid + 200);
  return { lines: script.split('\n').length, statements: report.formatted + report.untouched, documentMs, slicedMs, maxLoopWaitMs, rangeMs: performance.now() - t2 };
}

if (require.main === module) {
  void formatTiming().then((t) => {
    console.log(`| formatting (${t.lines} lines, ${t.statements} statements) | ms |`);
    console.log('|---|---|');
    console.log(`| whole document, one pass | ${t.documentMs.toFixed(0)} |`);
    console.log(`| whole document, in slices (server path) | ${t.slicedMs.toFixed(0)} |`);
    console.log(`| longest event-loop wait while formatting in slices | ${t.maxLoopWaitMs.toFixed(1)} |`);
    console.log(`| 200-character range | ${t.rangeMs.toFixed(1)} |`);
  });
}
