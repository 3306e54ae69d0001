// What the language server's garbage collector does during the LSP benchmark's workloads, on the
// 5,000-table schema: a completion series, keystrokes all over a 20k-line file, and formatting that
// file. Unlike latency on this 2-core VM, these counts repeat from run to run, so a change to what
// survives a request (and is then copied by the next scavenge and promoted) shows here first.
//
// The server is started as the editor starts it (LANGUAGE_SERVER_NODE_OPTIONS) plus V8's
// --trace-gc-nvp; the LSP goes over a Unix socket (--pipe) so that stdout carries only V8's trace.
//   npm run bench:gc [-- --flags "--max-semi-space-size=1"]   (extra Node options after the editor's)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LANGUAGE_SERVER_NODE_OPTIONS } from '../server/src/protocol';
import { ADMIN_URL, BENCH_URL, ensureBenchDatabase } from './bench/bench-schema';
import { LspSession, percentile } from './bench/lsp-session';
import { buildSchemawiseServer } from './bench/servers';
import { completionDocument, longScript, positionAt } from './bench/workload';

const flagsAt = process.argv.indexOf('--flags');
const extraFlags = flagsAt >= 0 ? (process.argv[flagsAt + 1] ?? '').split(/\s+/).filter(Boolean) : [];

interface Phase {
  name: string;
  operations: number;
  unit: string;
  /** Index of the first trace line of the phase, and one past its last. */
  from: number;
  to: number;
}

async function main(): Promise<void> {
  await ensureBenchDatabase(ADMIN_URL, BENCH_URL, false);
  const serverJs = await buildSchemawiseServer();
  const work = mkdtempSync(join(tmpdir(), 'sw-bench-gc-'));
  const session = await LspSession.start({
    command: process.execPath,
    args: [...LANGUAGE_SERVER_NODE_OPTIONS, ...extraFlags, '--trace-gc-nvp', serverJs, '--connection', BENCH_URL],
    env: { XDG_STATE_HOME: join(work, 'state') },
    transport: 'pipe',
  });
  const trace: string[] = [];
  let partial = '';
  session.child.stdout!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    trace.push(...lines);
  });
  const phases: Phase[] = [];
  try {
    const uriOf = (name: string) => pathToFileURL(join(work, name)).href;
    /** Runs a phase after a settling pause; trace lines arriving up to 100 ms after it still count. */
    const phase = async (name: string, unit: string, body: () => Promise<number>) => {
      await new Promise((r) => setTimeout(r, 1500));
      const from = trace.length;
      const operations = await body();
      await new Promise((r) => setTimeout(r, 100));
      phases.push({ name, unit, operations, from, to: trace.length });
    };

    const doc = completionDocument(400);
    const completions = uriOf('completion.sql');
    await session.open(completions, doc.text);
    while (!(await session.completion(completions, positionAt(doc.text, doc.probes[0].offset))).some((i) => i.label === 'amount')) await new Promise((r) => setTimeout(r, 50));
    for (const p of doc.probes.slice(0, 16)) await session.completion(completions, positionAt(doc.text, p.offset));
    await phase('completion series (3 × 400, 8 kinds)', 'completion', async () => {
      for (let r = 0; r < 3; r++) for (const p of doc.probes) await session.completion(completions, positionAt(doc.text, p.offset));
      return 3 * doc.probes.length;
    });

    const script = longScript();
    const lines = script.split('\n');
    const long = uriOf('long.sql');
    await session.open(long, script);
    await phase('keystroke + completion, all over the 20k-line file', 'keystroke', async () => {
      for (let n = 0; n < 600; n++) {
        const line = 5 + 10 * ((n * 97) % 1999);
        await session.insert(long, { line, character: lines[line].length }, ' AND a.na');
        lines[line] += ' AND a.na';
        await session.completion(long, { line, character: lines[line].length });
      }
      return 600;
    });
    await phase('formatting the 20k-line file', 'statement', async () => {
      if (!(await session.format(long))) throw new Error('formatting answered no edits');
      return script.split(';').length - 1;
    });
  } finally {
    await session.stop();
    rmSync(work, { recursive: true, force: true });
  }
  report(phases, trace);
}

function report(phases: Phase[], trace: string[]): void {
  const field = (line: string, name: string) => Number(new RegExp(`(?:^|\\s)${name.replace('.', '\\.')}=([0-9.]+)`).exec(line)?.[1] ?? NaN);
  const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nGarbage collection in the language server (Node ${process.version}, ${[...LANGUAGE_SERVER_NODE_OPTIONS, ...extraFlags].join(' ')})`);
  console.log('| phase | operations | scavenges | scavenge pause p50 / p90 / max | survived per op | promoted per op | full GCs (max pause) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const p of phases) {
    const lines = trace.slice(p.from, p.to);
    const scavenges = lines.filter((l) => /\sgc=s\s/.test(l));
    const majors = lines.filter((l) => /\sgc=(?:mc|mmc|ms)\s/.test(l) || (/\sgc=/.test(l) && !/\sgc=s\s/.test(l)));
    const pauses = scavenges.map((l) => field(l, 'pause'));
    const sum = (name: string) => scavenges.reduce((n, l) => n + (field(l, name) || 0), 0);
    const majorPauses = majors.map((l) => field(l, 'pause')).filter(Number.isFinite);
    console.log(
      `| ${p.name} | ${p.operations} ${p.unit}s | ${scavenges.length} | ${fmt(percentile(pauses, 50))} / ${fmt(percentile(pauses, 90))} / ${fmt(Math.max(0, ...pauses))} ms | ${kb(sum('new_space_survived') / p.operations)} | ${kb(sum('promoted') / p.operations)} | ${majors.length}${majorPauses.length ? ` (${fmt(Math.max(...majorPauses), 1)} ms)` : ''} |`,
    );
  }
  console.log('\nsurvived: bytes a scavenge copied within the young generation; promoted: bytes it moved to the old generation. Both are copies, the main cost of a scavenge; what is promoted is collected only by a full GC.');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
