// Schema diff timings: compare + plan + render (report and migration) on schemas of growing size,
// built from the recorded Chinook catalog (11 tables) copied into N schemas, with ~10% of the tables
// changed on the `to` side (a column added, a type widened, an index added). No database needed.
//   npm run bench:diff
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleMssqlModel } from '../server/src/engine/drivers/mssql/mssql-assemble';
import { compareSchemas, renderDiff } from '../server/src/engine/diff';
import type { SchemaModel } from '../server/src/engine/schema/model';
import { recordCatalog } from './record-mssql-catalog';

const script = readFileSync(join(__dirname, '..', '..', 'shared', 'datasets', 'chinook', 'chinook.mssql.sql'), 'utf8');
const chinook = assembleMssqlModel(recordCatalog(script, 'Chinook'));

function scaled(copies: number): SchemaModel {
  const m = structuredClone(chinook);
  m.dialect = 'postgres';
  m.tables = [];
  m.schemas = [];
  for (let i = 0; i < copies; i++) {
    const schema = `s${i}`;
    m.schemas.push({ name: schema });
    for (const t of chinook.tables) {
      const copy = structuredClone(t);
      copy.schema = schema;
      for (const fk of copy.foreignKeys) fk.refSchema = schema;
      m.tables.push(copy);
    }
  }
  return m;
}

function changed(m: SchemaModel): SchemaModel {
  const to = structuredClone(m);
  to.tables.forEach((t, i) => {
    if (i % 10 !== 0) return;
    t.columns.push({ name: 'note', ordinal: t.columns.length + 1, dataType: 'text', nullable: true });
    const v = t.columns.find((c) => /varchar\(\d+\)/.test(c.dataType));
    if (v) v.dataType = v.dataType.replace(/\((\d+)\)/, (_m, n: string) => `(${Number(n) * 2})`);
    t.indexes.push({ name: `${t.name}_note_idx`, columns: ['note'], unique: false, primary: false });
  });
  return to;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    value = fn();
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[2]!, value };
}

const rows: string[][] = [];
for (const copies of [1, 10, 100, 500]) {
  const from = scaled(copies);
  const to = changed(from);
  const cmp = time(() => compareSchemas(from, to));
  const sql = time(() => renderDiff(cmp.value, 'sql'));
  const md = time(() => renderDiff(cmp.value, 'markdown'));
  rows.push([String(from.tables.length), String(from.tables.reduce((n, t) => n + t.columns.length, 0)), String(cmp.value.changes.length), cmp.ms.toFixed(1), sql.ms.toFixed(1), md.ms.toFixed(1)]);
}
const head = ['tables', 'columns', 'changes', 'compare ms', 'sql ms', 'markdown ms'];
const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padStart(width[i]!)).join('  ');
console.log('schema diff (median of 5 runs, in-process, no database)');
console.log(line(head));
for (const r of rows) console.log(line(r));
