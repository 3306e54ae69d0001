// Optimization hints: each rule on a large table, none on a small one, configurable like lint rules.
import { strict as assert } from 'node:assert';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { emptyModel, type TableInfo } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';

function table(name: string, rowEstimate: number): TableInfo {
  return {
    schema: 'public', name, kind: 'table', foreignKeys: [], uniques: [], checks: [], rowEstimate,
    columns: [
      { name: 'id', ordinal: 1, dataType: 'integer', nullable: false },
      { name: 'customer_id', ordinal: 2, dataType: 'integer', nullable: false },
      { name: 'code', ordinal: 3, dataType: 'integer', nullable: false },
      { name: 'status', ordinal: 4, dataType: 'text', nullable: true },
    ],
    primaryKey: { name: `${name}_pkey`, columns: ['id'] },
    indexes: [
      { name: `${name}_pkey`, columns: ['id'], unique: true, primary: true },
      { name: `${name}_code_idx`, columns: ['code'], unique: false, primary: false },
    ],
  };
}

const m = emptyModel('postgres', 'app', ['public']);
m.schemas.push({ name: 'public' });
m.tables.push(table('events', 5_000_000), table('customers', 200_000), table('tiny', 50), table('tiny2', 80));
const schema = new SchemaIndex(m);

describe('optimization hints', () => {
  let engine: DiagnosticsEngine;
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });
  const codes = (text: string) => engine.diagnose({ text, dialect: 'postgres', schema }).filter((d) => d.code.startsWith('perf-'));

  it('reports each rule on large tables with severity hint and its own id', () => {
    const cases: [string, string, string][] = [
      ['SELECT * FROM events ORDER BY id LIMIT 20 OFFSET 50000', 'perf-large-offset', '50000'],
      ['SELECT * FROM events ORDER BY random() LIMIT 5', 'perf-order-by-random', 'random()'],
      ['SELECT count(*) FROM events', 'perf-count-estimate', 'count(*)'],
      ['SELECT * FROM events WHERE customer_id = 1 OR status = $1', 'perf-or-different-columns', 'OR'],
      ["SELECT * FROM events WHERE code::text = '42'", 'perf-cast-on-indexed-column', 'code'],
      ['SELECT * FROM customers c JOIN events e ON e.customer_id = c.id', 'perf-unindexed-join', 'customer_id'],
      ['SELECT * FROM events WHERE code = 42.0', 'perf-implicit-cast', '42.0'],
    ];
    for (const [text, code, covered] of cases) {
      const ds = codes(text);
      const d = ds.find((x) => x.code === code);
      assert.ok(d, `${code} on: ${text} (got ${ds.map((x) => x.code).join(', ')})`);
      assert.equal(d.severity, 'hint');
      assert.equal(text.slice(d.range.start, d.range.end), covered);
    }
  });

  it('stays silent on small tables and on indexed or single-column cases', () => {
    for (const text of [
      'SELECT * FROM tiny ORDER BY id LIMIT 20 OFFSET 50000',
      'SELECT * FROM tiny ORDER BY random() LIMIT 5',
      'SELECT count(*) FROM customers',
      'SELECT * FROM tiny WHERE customer_id = 1 OR status = $1',
      'SELECT * FROM events WHERE code = 1 OR code = 2',
      "SELECT * FROM events WHERE code = 42::int",
      'SELECT * FROM events WHERE code = 42',
      'SELECT * FROM tiny WHERE id = 42.0',
      'SELECT * FROM tiny t JOIN tiny2 u ON u.customer_id = t.id',
      'SELECT * FROM customers c JOIN events e ON e.code = c.id',
      'SELECT * FROM events ORDER BY id LIMIT 20 OFFSET 10',
    ]) assert.deepEqual(codes(text).map((d) => d.code), [], text);
  });

  it('offers the planner estimate as a fix for count(*) of a whole huge table', () => {
    const [d] = codes('SELECT count(*) FROM events;');
    assert.equal(d.fix?.edits[0].newText, "SELECT reltuples::bigint AS estimate FROM pg_class WHERE oid = 'public.events'::regclass");
  });

  it('is configurable like the lint rules', () => {
    const text = 'SELECT * FROM events ORDER BY random() LIMIT 5';
    assert.deepEqual(engine.diagnose({ text, dialect: 'postgres', schema, config: { rules: { 'perf-order-by-random': 'off' } } }).filter((d) => d.code === 'perf-order-by-random'), []);
    const [d] = engine.diagnose({ text, dialect: 'postgres', schema, config: { rules: { 'perf-order-by-random': 'warning' } } }).filter((x) => x.code === 'perf-order-by-random');
    assert.equal(d.severity, 'warning');
  });
});
