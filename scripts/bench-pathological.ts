// Pathological-SQL benchmark: completion and hover time on statements that used to freeze the
// language server (issue 13 §5), at growing sizes, to show that the time grows linearly.
//   npm run bench:pathological
import { performance } from 'node:perf_hooks';
import { complete } from '../server/src/engine/features/completion/complete';
import { hover } from '../server/src/engine/features/hover/hover';
import { emptyModel } from '../server/src/engine/schema/model';
import { SchemaIndex } from '../server/src/engine/schema/schema-index';

const model = emptyModel('postgres', 'bench', ['public']);
model.schemas.push({ name: 'public' });
model.tables.push({ schema: 'public', name: 'artist', kind: 'table', columns: [{ name: 'artist_id', dataType: 'integer', ordinal: 1, nullable: false }, { name: 'name', dataType: 'text', ordinal: 2, nullable: true }], foreignKeys: [], uniques: [], checks: [], indexes: [] });
const index = new SchemaIndex(model);

const CASES: Record<string, (n: number) => string> = {
  'unclosed (': (n) => 'select ' + '('.repeat(n) + ' a. from artist a',
  'balanced ( )': (n) => 'select ' + '('.repeat(n / 2) + 'a.' + ')'.repeat(n / 2) + ' from artist a',
  'nested derived tables': (n) => 'select * from ' + '(select * from '.repeat(n / 20) + 'artist a where a.' + ') x'.repeat(n / 20),
  'nested scalar subqueries': (n) => 'select ' + '(select '.repeat(n / 20) + 'a. from artist a' + ')'.repeat(n / 20),
};

const ms = (f: () => unknown) => {
  const t = performance.now();
  f();
  return performance.now() - t;
};

const rows = [['case', 'n', 'chars', 'complete ms', 'hover ms']];
for (const [name, make] of Object.entries(CASES)) {
  for (const n of [20_000, 40_000, 80_000]) {
    const text = make(n);
    const at = text.indexOf('a.') + 2;
    rows.push([name, String(n), String(text.length), ms(() => complete(text, at, index)).toFixed(0), ms(() => hover(text, text.indexOf('artist') + 2, index)).toFixed(0)]);
  }
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
