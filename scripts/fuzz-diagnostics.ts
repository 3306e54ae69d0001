// Fuzzing for the diagnostics engine: random edits of real gold queries, garbage, huge lines, NUL
// bytes and 1 MB statements, for every dialect. The engine must never throw, must return in bounded
// time, and every range must lie inside the text. A short seeded run is part of the unit tests;
// run this script for a longer one:  npx tsx scripts/fuzz-diagnostics.ts [cases=5000] [seed=1]
import { DiagnosticsEngine, RULES } from '../server/src/engine/diagnostics';
import type { DialectId } from '../server/src/engine/schema/model';
import { SchemaIndex } from '../server/src/engine/schema/schema-index';
import { join } from 'node:path';
import { birdGold, DATASETS, modelsFromTablesJson, type GoldQuery } from '../test/helpers/spider-models';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ["'", '"', '`', '(', ')', ';', '--', '/*', '*/', '$$', '$a$', '\u0000', '\\', ',', '.', 'SELECT', 'FROM', 'WHERE', 'JOIN', 'NOT IN', '= NULL', '*', '[', ']', 'é', '😀', '\n', 'BEGIN ATOMIC', 'END', 'DELIMITER //\n', '\nGO\n', '#'];

/** One fuzz input derived from a real query. */
export function mutate(sql: string, rnd: () => number): string {
  let s = sql;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const op = Math.floor(rnd() * 5);
    if (op === 0) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 10));
    else if (op === 1) s = s.slice(0, at) + SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] + s.slice(at);
    else if (op === 2) s = s.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + s.slice(at);
    else if (op === 3) s = s + ';' + s.slice(0, at);
    else s = s.slice(at) + s.slice(0, at);
  }
  return s;
}

export function garbage(rnd: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += rnd() < 0.3 ? SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] : String.fromCharCode(Math.floor(rnd() * 0x80));
  return s;
}

/** Large inputs: a 1 MB statement, a huge single line, many NUL bytes. */
export function bigInputs(base: string): string[] {
  const inList = Array.from({ length: 160_000 }, (_, i) => i).join(',');
  return [
    `SELECT * FROM customers WHERE customerid IN (${inList})`, // a valid statement over 1 MB
    `${base} ${'AND 1 = 1 '.repeat(20_000)}`,
    '\u0000'.repeat(10_000) + base,
    `SELECT '${'x'.repeat(1_000_000)}`,
  ];
}

export interface FuzzFailure {
  input: string;
  dialect: DialectId;
  error: string;
}

export interface FuzzContext {
  engine: DiagnosticsEngine;
  gold: Record<'postgres' | 'mysql', GoldQuery[]>;
  schemas: Record<'postgres' | 'mysql', Map<string, SchemaIndex>>;
}

export async function fuzzContext(): Promise<FuzzContext> {
  const tables = join(DATASETS, 'bird-minidev', 'mini_dev_sqlite_tables.json');
  const idx = (d: DialectId) => new Map([...modelsFromTablesJson(tables, d)].map(([k, m]) => [k, new SchemaIndex(m)]));
  return { engine: await DiagnosticsEngine.create(), gold: { postgres: birdGold('postgresql'), mysql: birdGold('mysql') }, schemas: { postgres: idx('postgres'), mysql: idx('mysql') } };
}

const KNOWN = new Set(RULES.map((r) => r.id));

/** Runs one input; returns a failure description, or undefined when the engine behaved. */
export function checkOne(ctx: FuzzContext, text: string, dialect: DialectId, schema: SchemaIndex | undefined, maxMs: number): string | undefined {
  const t0 = performance.now();
  let ds;
  try {
    ds = ctx.engine.diagnose({ text, dialect, schema });
  } catch (e) {
    return `threw: ${(e as Error).stack ?? e}`;
  }
  const ms = performance.now() - t0;
  if (ms > maxMs) return `took ${ms.toFixed(0)} ms (bound ${maxMs} ms)`;
  for (const d of ds) {
    if (!(d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length)) return `range out of text: ${JSON.stringify(d.range)}`;
    if (!KNOWN.has(d.code)) return `unknown code ${d.code}`;
  }
  return undefined;
}

/** Seeded fuzz run over all dialects; returns the failures. */
export function fuzz(ctx: FuzzContext, cases: number, seed: number, maxMs = 2000): FuzzFailure[] {
  const rnd = mulberry32(seed);
  const failures: FuzzFailure[] = [];
  const dialects: DialectId[] = ['postgres', 'mysql', 'mssql'];
  for (let i = 0; i < cases; i++) {
    const dialect = dialects[i % 3];
    const goldDialect = dialect === 'postgres' ? 'postgres' : 'mysql';
    const q = ctx.gold[goldDialect][Math.floor(rnd() * ctx.gold[goldDialect].length)];
    const schema = dialect === 'mssql' ? undefined : ctx.schemas[goldDialect].get(q.db);
    const input = rnd() < 0.85 ? mutate(q.sql, rnd) : garbage(rnd, Math.floor(rnd() * 400));
    const err = checkOne(ctx, input, dialect, schema, maxMs);
    if (err) failures.push({ input, dialect, error: err });
  }
  return failures;
}

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 5000);
  const seed = Number(process.argv[3] ?? 1);
  const ctx = await fuzzContext();
  const t0 = performance.now();
  const failures = fuzz(ctx, cases, seed);
  for (const big of bigInputs(ctx.gold.postgres[0].sql)) {
    for (const dialect of ['postgres', 'mysql', 'mssql'] as const) {
      const t = performance.now();
      const err = checkOne(ctx, big, dialect, dialect === 'mssql' ? undefined : ctx.schemas[dialect].get('debit_card_specializing'), 10_000);
      console.log(`big input ${big.length} chars, ${dialect}: ${(performance.now() - t).toFixed(0)} ms${err ? ` FAIL ${err}` : ''}`);
      if (err) failures.push({ input: big.slice(0, 200), dialect, error: err });
    }
  }
  console.log(`${cases} cases, seed ${seed}: ${failures.length} failures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const f of failures.slice(0, 20)) console.log(`- [${f.dialect}] ${f.error}\n  ${JSON.stringify(f.input.slice(0, 300))}`);
  process.exitCode = failures.length ? 1 : 0;
}

if (require.main === module) void main();
