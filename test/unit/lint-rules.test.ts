// Lint rules that need schema facts (indexes, types, nullability) and their no-finding cases,
// over a small hand-built model where those facts are explicit.
import { strict as assert } from 'node:assert';
import { DiagnosticsEngine, RULES } from '../../server/src/engine/diagnostics';
import { emptyModel } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';

const m = emptyModel('postgres', 'app', ['public']);
m.schemas.push({ name: 'public' });
m.tables.push(
  {
    schema: 'public', name: 'users', kind: 'table', foreignKeys: [], uniques: [], checks: [],
    columns: [
      { name: 'id', ordinal: 1, dataType: 'uuid', nullable: false },
      { name: 'email', ordinal: 2, dataType: 'character varying(200)', nullable: false },
      { name: 'age', ordinal: 3, dataType: 'integer', nullable: true },
      { name: 'manager_id', ordinal: 4, dataType: 'uuid', nullable: true },
      { name: 'created_at', ordinal: 5, dataType: 'timestamp with time zone', nullable: false },
    ],
    primaryKey: { name: 'users_pkey', columns: ['id'] },
    indexes: [
      { name: 'users_pkey', columns: ['id'], unique: true, primary: true },
      { name: 'users_email_idx', columns: ['email'], unique: true, primary: false },
      { name: 'users_created_idx', columns: ['created_at'], unique: false, primary: false },
      { name: 'users_lower_email_idx', columns: ['lower((email)::text)'], unique: false, primary: false },
    ],
  },
  {
    schema: 'public', name: 'orders', kind: 'table', foreignKeys: [], uniques: [], checks: [], indexes: [],
    columns: [
      { name: 'order_id', ordinal: 1, dataType: 'bigint', nullable: false },
      { name: 'user_id', ordinal: 2, dataType: 'uuid', nullable: true },
      { name: 'total', ordinal: 3, dataType: 'numeric(10,2)', nullable: true },
    ],
  },
);
const schema = new SchemaIndex(m);

describe('lint rules', () => {
  let engine: DiagnosticsEngine;
  before(async () => {
    engine = await DiagnosticsEngine.create();
  });
  const lint = (text: string) => engine.diagnose({ text, dialect: 'postgres', schema }).map((d) => `${d.code}:${text.slice(d.range.start, d.range.end)}`);

  it('non-sargable: a function over an indexed column in WHERE, unless an expression index covers it', () => {
    assert.deepEqual(lint("SELECT id FROM users WHERE date_trunc('day', created_at) = '2024-01-01'"), ["non-sargable:date_trunc('day', created_at)"]);
    assert.deepEqual(lint("SELECT id FROM users WHERE lower(email) = 'a@b.c'"), []); // users_lower_email_idx
    assert.deepEqual(lint('SELECT id FROM users WHERE abs(age) = 3'), []); // age has no index
    assert.deepEqual(lint("SELECT date_trunc('day', created_at) FROM users"), []); // not in WHERE
  });

  it('type-mismatch: int = uuid column, text = number, uuid = malformed literal; not for fitting literals', () => {
    assert.deepEqual(lint('SELECT 1 FROM orders o JOIN users u ON u.id = o.user_id WHERE o.order_id = u.id'), ['type-mismatch:=']);
    assert.deepEqual(lint('SELECT 1 FROM users WHERE email = 42'), ['type-mismatch:=']);
    assert.deepEqual(lint("SELECT 1 FROM users WHERE id IN ('not-a-uuid')"), ['type-mismatch:IN']);
    assert.deepEqual(lint("SELECT 1 FROM users WHERE id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AND age = '42' AND age > 3"), []);
  });

  it('not-in-nullable: only when the subquery column is nullable and not filtered', () => {
    assert.deepEqual(lint('SELECT 1 FROM users WHERE id NOT IN (SELECT user_id FROM orders)'), ['not-in-nullable:NOT IN']);
    assert.deepEqual(lint('SELECT 1 FROM users WHERE id NOT IN (SELECT user_id FROM orders WHERE user_id IS NOT NULL)'), []);
    assert.deepEqual(lint('SELECT 1 FROM orders WHERE order_id NOT IN (SELECT order_id FROM orders)'), []);
  });

  it('cross-join: a comma join with no linking condition, not when WHERE links the tables', () => {
    assert.deepEqual(lint('SELECT 1 FROM users u, orders o WHERE u.age > 3'), ['cross-join:orders']);
    assert.deepEqual(lint('SELECT 1 FROM users u, orders o WHERE u.id = o.user_id'), []);
    assert.deepEqual(lint('SELECT 1 FROM users u CROSS JOIN orders o'), []); // explicit: intended
    assert.deepEqual(lint('SELECT 1 FROM users u, (SELECT max(total) AS m FROM orders) t'), []); // derived single-row table
  });

  it('select-star: in INSERT … SELECT and in views, with the range on the star', () => {
    assert.deepEqual(lint('INSERT INTO orders SELECT * FROM orders'), ['select-star:*']);
    assert.deepEqual(lint('CREATE VIEW v AS SELECT u.* FROM users u'), ['select-star:*']);
    assert.deepEqual(lint('SELECT * FROM users'), []);
  });

  it('null-comparison offers the IS NULL rewrite; order-by-ordinal offers the column name', () => {
    const text = 'SELECT email, age FROM users WHERE manager_id <> NULL ORDER BY 2';
    const ds = engine.diagnose({ text, dialect: 'postgres', schema });
    assert.deepEqual(ds.map((d) => [d.code, d.fix?.edits[0].newText]), [['null-comparison', 'IS NOT NULL'], ['order-by-ordinal', 'age']]);
  });

  it('every rule has an id, a default severity and a documented entry in docs/rules.md', async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(`${__dirname}/../../docs/rules.md`, 'utf8');
    for (const r of RULES) {
      assert.match(r.defaultSeverity, /^(error|warning|info|hint)$/);
      assert.ok(doc.includes(`## \`${r.id}\``), `docs/rules.md documents ${r.id}`);
    }
  });
});
