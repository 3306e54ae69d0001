import { strict as assert } from 'node:assert';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { resolveScope, type Scope } from '../../server/src/engine/sql/scope';
import { statementAt } from '../../server/src/engine/sql/statement-splitter';
import { cursor } from '../helpers/fixtures';

const pg = getDialect('postgres');

function scopeAt(marked: string, dialect = pg): Scope {
  const { text, offset } = cursor(marked);
  return resolveScope(statementAt(text, offset, dialect).tokens, offset, dialect);
}

/** `schema.name alias` of each visible table, level-tagged when not the cursor's own block. */
function refs(scope: Scope): string[] {
  return scope.tables.map((t) => {
    const name = t.name ? (t.schema ? `${t.schema.value ?? t.schema.text}.` : '') + (t.name.value ?? t.name.text) : '(derived)';
    return `${name}${t.alias ? ' ' + (t.alias.value ?? t.alias.text) : ''}${t.level ? ` @${t.level}` : ''}`;
  });
}

describe('sql scope resolver', () => {
  it('sees FROM and JOIN tables with aliases from the SELECT list before them', () => {
    assert.deepEqual(refs(scopeAt('SELECT | FROM album a JOIN artist AS ar ON ar.artist_id = a.artist_id')), ['album a', 'artist ar']);
  });

  it('reads comma lists, schema-qualified and quoted names', () => {
    assert.deepEqual(refs(scopeAt('SELECT * FROM sales.invoices i, public."LineItem" li, orders WHERE |')), [
      'sales.invoices i',
      'public.LineItem li',
      'orders',
    ]);
  });

  it('finds UPDATE, INSERT INTO and DELETE FROM targets', () => {
    assert.deepEqual(refs(scopeAt('UPDATE customers c SET | = 1')), ['customers c']);
    assert.deepEqual(refs(scopeAt('INSERT INTO sales.invoices (|')), ['sales.invoices']);
    assert.deepEqual(refs(scopeAt('DELETE FROM orders WHERE |')), ['orders']);
  });

  it('works on half-typed statements', () => {
    assert.deepEqual(refs(scopeAt('SELECT c.| FROM customers c WHERE')), ['customers c']);
    assert.deepEqual(refs(scopeAt('SELECT * FROM customers c JOIN orders o ON o.|')), ['customers c', 'orders o']);
    assert.deepEqual(refs(scopeAt("SELECT * FROM t WHERE x = 'unterminated |")), ['t']);
  });

  it('does not mistake IS DISTINCT FROM, EXTRACT(... FROM ...) or FOR UPDATE for tables', () => {
    const s = scopeAt('SELECT extract(year from d) FROM t WHERE a IS DISTINCT FROM b AND | FOR UPDATE SKIP LOCKED');
    assert.deepEqual(refs(s), ['t']);
  });

  it('resolves CTE names and their columns, explicit or from the select list', () => {
    const s = scopeAt('WITH big(id, n) AS (SELECT 1, 2), top AS (SELECT a.x AS y, count(*) cnt, z FROM a) SELECT | FROM big JOIN top ON true');
    assert.deepEqual(refs(s), ['big', 'top']);
    assert.deepEqual(s.tables[0].cte!.columns.names.map((t) => t.text), ['id', 'n']);
    assert.deepEqual(s.tables[1].cte!.columns.names.map((t) => t.text), ['y', 'cnt', 'z']);
  });

  it('sees only the subquery tables plus enclosing ones in a correlated subquery', () => {
    const s = scopeAt('SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = |)');
    assert.deepEqual(refs(s), ['orders o', 'customers c @1']);
  });

  it('isolates CTE bodies and derived tables from the query around them', () => {
    assert.deepEqual(refs(scopeAt('WITH x AS (SELECT | FROM orders) SELECT * FROM x JOIN customers c ON true')), ['orders']);
    const d = scopeAt('SELECT d.| FROM (SELECT id, total AS amount FROM orders) d');
    assert.deepEqual(refs(d), ['(derived) d']);
    assert.deepEqual(d.tables[0].derived!.names.map((t) => t.text), ['id', 'amount']);
  });

  it('keeps each side of a UNION to its own tables', () => {
    assert.deepEqual(refs(scopeAt('SELECT a FROM t1 UNION ALL SELECT | FROM t2')), ['t2']);
  });

  it('reads MySQL backticks and SQL Server brackets', () => {
    assert.deepEqual(refs(scopeAt('SELECT | FROM `order` o', getDialect('mysql'))), ['order o']);
    assert.deepEqual(refs(scopeAt('SELECT | FROM [dbo].[My Table] AS t', getDialect('mssql'))), ['dbo.My Table t']);
  });
});
