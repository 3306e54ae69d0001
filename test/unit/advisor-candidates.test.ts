// Index candidates from query facts (no database): key order, partial and expression indexes,
// coverage by existing indexes, workload splitting and the JSON contract's key order.
import { strict as assert } from 'node:assert';
import { formatAdvice, workloadFromText, DEFAULT_ADVISOR_OPTIONS, type AdviceReport } from '../../server/src/engine/advisor';
import { candidatesFor, coveringIndex, createIndexSql, mergeCandidates } from '../../server/src/engine/advisor/candidates';
import { workloadFromPgStatStatements } from '../../server/src/engine/advisor/workload';
import { queryFacts } from '../../server/src/engine/advisor/query-facts';
import { loadPgParser } from '../../server/src/engine/diagnostics/pg/parser';
import { emptyModel, type TableInfo } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';

const rental: TableInfo = {
  schema: 'public', name: 'rental', kind: 'table', foreignKeys: [], uniques: [], checks: [], rowEstimate: 16000,
  columns: ['rental_id', 'rental_date', 'inventory_id', 'customer_id', 'return_date', 'staff_id'].map((name, i) => ({ name, ordinal: i + 1, dataType: name.endsWith('date') ? 'timestamp without time zone' : 'integer', nullable: name === 'return_date' })),
  primaryKey: { name: 'rental_pkey', columns: ['rental_id'] },
  indexes: [
    { name: 'rental_pkey', columns: ['rental_id'], unique: true, primary: true, method: 'btree' },
    { name: 'idx_staff_date', columns: ['staff_id', 'rental_date'], unique: false, primary: false, method: 'btree' },
  ],
};
const customer: TableInfo = {
  schema: 'public', name: 'customer', kind: 'table', foreignKeys: [], uniques: [], checks: [], rowEstimate: 600,
  columns: ['customer_id', 'email', 'active'].map((name, i) => ({ name, ordinal: i + 1, dataType: name === 'active' ? 'boolean' : name === 'email' ? 'text' : 'integer', nullable: false })),
  primaryKey: { name: 'customer_pkey', columns: ['customer_id'] },
  indexes: [{ name: 'customer_pkey', columns: ['customer_id'], unique: true, primary: true, method: 'btree' }],
};
const m = emptyModel('postgres', 'db', ['public']);
m.schemas.push({ name: 'public' });
m.tables.push(rental, customer);
const schema = new SchemaIndex(m);

const keys = (sql: string) => candidatesFor('q1', queryFacts(sql, schema)!, 3).map((c) => `${c.tableName}(${c.columns.join(', ')})${c.where ? ` WHERE ${c.where}` : ''}`);

describe('index advisor candidates', () => {
  before(() => loadPgParser());

  it('orders multi-column keys equality first, then range, or the ORDER BY columns', () => {
    const k = keys("SELECT rental_id FROM rental WHERE customer_id = $1 AND rental_date > '2005-06-01' ORDER BY rental_date DESC");
    assert.ok(k.includes('rental(customer_id)'));
    assert.ok(k.includes('rental(customer_id, rental_date)'));
    assert.ok(k.includes('rental(customer_id, rental_date DESC)'));
    assert.ok(!k.includes('rental(rental_date, customer_id)'));
  });

  it('proposes partial indexes for IS NULL and boolean filters, expression indexes for f(col) = value', () => {
    assert.ok(keys('SELECT 1 FROM rental WHERE customer_id = 5 AND return_date IS NULL').includes('rental(customer_id) WHERE return_date IS NULL'));
    assert.ok(keys("SELECT 1 FROM customer c WHERE lower(c.email) = 'a@b.c'").includes('customer((lower(email)))'));
    assert.ok(keys('SELECT 1 FROM customer WHERE active AND customer_id > 10').includes('customer(customer_id) WHERE active'));
  });

  it('collects join columns, correlated columns and IN lists, not names it cannot resolve', () => {
    assert.deepEqual(keys('SELECT 1 FROM rental r JOIN customer c ON c.customer_id = r.customer_id').sort(), ['customer(customer_id)', 'rental(customer_id)']);
    assert.ok(keys('SELECT 1 FROM customer c WHERE EXISTS (SELECT 1 FROM rental r WHERE r.customer_id = c.customer_id)').includes('rental(customer_id)'));
    assert.ok(keys('SELECT 1 FROM rental WHERE inventory_id IN (1, 2, 3)').includes('rental(inventory_id)'));
    assert.deepEqual(keys('WITH x AS (SELECT 1 AS a) SELECT * FROM x WHERE a = 1'), []);
    assert.deepEqual(keys('SELECT * FROM nosuch WHERE a = 1'), []);
  });

  it('an existing b-tree covers a candidate with the same leading columns, not a different order', () => {
    const [staff] = mergeCandidates(candidatesFor('q1', queryFacts('SELECT 1 FROM rental WHERE staff_id = 1', schema)!, 3));
    assert.equal(coveringIndex(staff, rental), 'idx_staff_date');
    const [date] = candidatesFor('q1', queryFacts("SELECT 1 FROM rental WHERE rental_date > '2006-01-01'", schema)!, 3);
    assert.equal(coveringIndex(date, rental), undefined);
    assert.equal(createIndexSql(date), 'CREATE INDEX CONCURRENTLY ON public.rental (rental_date)');
  });

  it('splits a workload file into advisable statements with their lines', () => {
    const w = workloadFromText('SET work_mem = 1000;\n-- first\nSELECT 1 FROM rental;\n\nUPDATE rental SET staff_id = 1 WHERE rental_id = 2;\nCREATE TABLE t (a int);\nSELEC typo;\n', 'postgres');
    assert.deepEqual(w.map((q) => [q.id, q.line, q.sql]), [
      ['q1', 3, 'SELECT 1 FROM rental'],
      ['q2', 5, 'UPDATE rental SET staff_id = 1 WHERE rental_id = 2'],
      ['q3', 7, 'SELEC typo'],
    ]);
  });

  it('pg_stat_statements rows become a workload weighted by calls', () => {
    const w = workloadFromPgStatStatements([{ id: '-123', query: 'SELECT * FROM rental WHERE customer_id = $1;', calls: 5400 }, { id: '7', query: 'SELECT 1', calls: 0 }]);
    assert.deepEqual(w, [
      { id: 'qid:-123', sql: 'SELECT * FROM rental WHERE customer_id = $1', weight: 5400 },
      { id: 'qid:7', sql: 'SELECT 1', weight: 1 },
    ]);
  });

  it('the JSON output starts with the documented "indexes" and "drop"', () => {
    const r: AdviceReport = { dialect: 'postgres', verified: true, notices: [], indexes: [], drop: [], queries: [], options: DEFAULT_ADVISOR_OPTIONS, durationMs: 1, explains: 0 };
    assert.deepEqual(Object.keys(JSON.parse(formatAdvice(r, 'json'))).slice(0, 2), ['indexes', 'drop']);
  });
});
