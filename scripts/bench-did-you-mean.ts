// Did-you-mean benchmark: a script of N statements naming unknown tables (each two edits away from
// a table) diagnosed against a schema of T tables, so every unknown name is compared with every
// table. Prints one row per size with the work (distances, matrix cells) and the wall time; the
// unit test bounds the work, this script reports the time.
//   npm run bench:did-you-mean [-- unknownNames tables]
import { performance } from 'node:perf_hooks';
import { DiagnosticsEngine } from '../server/src/engine/diagnostics';
import { didYouMeanWork } from '../server/src/engine/diagnostics/did-you-mean';
import { emptyModel } from '../server/src/engine/schema/model';
import { SchemaIndex } from '../server/src/engine/schema/schema-index';

function schemaOf(tables: number): SchemaIndex {
  const m = emptyModel('postgres', 'big', ['public']);
  m.schemas.push({ name: 'public' });
  const prefixes = ['customer', 'account', 'invoice', 'product', 'event'];
  for (let i = 0; i < tables; i++)
    m.tables.push({ schema: 'public', name: `${prefixes[i % 5]}_${String(i).padStart(4, '0')}`, kind: 'table', columns: [{ name: 'id', dataType: 'bigint', ordinal: 1, nullable: false }], foreignKeys: [], uniques: [], checks: [], indexes: [] });
  return new SchemaIndex(m);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).map(Number);
  const sizes: [number, number][] = args.length === 2 ? [[args[0]!, args[1]!]] : [[200, 5000], [2000, 5000], [2000, 20000]];
  const engine = await DiagnosticsEngine.create();
  const rows = [['unknown names', 'tables', 'distances', 'cells', 'cells/distance', 'diagnose ms', 'ms/name']];
  for (const [names, tables] of sizes) {
    const schema = schemaOf(tables);
    const text = Array.from({ length: names }, (_, i) => `SELECT id FROM customer_${String(i * 5 + 1).padStart(4, '0')}x WHERE id = ${i};`).join('\n');
    didYouMeanWork.distances = 0;
    didYouMeanWork.cells = 0;
    const t0 = performance.now();
    engine.diagnose({ text, dialect: 'postgres', schema });
    const ms = performance.now() - t0;
    const { distances, cells } = didYouMeanWork;
    rows.push([String(names), String(tables), String(distances), String(cells), (cells / Math.max(1, distances)).toFixed(1), ms.toFixed(0), (ms / names).toFixed(2)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
}

void main();
