// Fixture-driven completion over real schemas (Chinook, Sakila, AdventureWorks with its five
// schemas) introspected from PostgreSQL: SQL with a `|` cursor → the labels expected first (in
// order), labels that must or must not appear, and exact insert texts. One case per behaviour of
// the completion issue: scope, join help, functions, snippets, ranking and matching.
import { strict as assert } from 'node:assert';
import { complete } from '../../server/src/engine/features/completion/complete';
import type { CompletionItem } from '../../server/src/engine/features/completion/types';
import type { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { cursor } from '../helpers/fixtures';
import { loadDatasetIndexes, type DatasetIndexes } from './completion-datasets';

interface Case {
  /** The behaviour pinned down. */
  name: string;
  db: keyof DatasetIndexes;
  sql: string;
  /** The first labels, in this order. */
  first?: string[];
  /** Labels that must appear / must not appear. */
  has?: string[];
  not?: string[];
  /** Exactly these labels (any order). */
  only?: string[];
  /** label → expected insert text. */
  insert?: Record<string, string>;
  /** label → kind. */
  kind?: Record<string, string>;
}

const CASES: Case[] = [
  // Scope at the cursor
  { name: 'CTE with an explicit column list', db: 'chinook', sql: 'WITH totals(customer, amount) AS (SELECT customer_id, sum(total) FROM invoice GROUP BY 1) SELECT t.| FROM totals t', only: ['customer', 'amount'] },
  { name: 'CTE columns derived from its select list', db: 'sakila', sql: 'WITH rentals AS (SELECT r.customer_id, count(*) AS n FROM rental r GROUP BY 1) SELECT | FROM rentals', first: ['customer_id', 'n'], not: ['rental_date'] },
  { name: 'CTE name offered first in FROM', db: 'sakila', sql: 'WITH late AS (SELECT * FROM rental WHERE return_date IS NULL) SELECT * FROM |', first: ['late'], kind: { late: 'cte' } },
  { name: 'derived table alias with the inner select list as columns', db: 'adventureworks', sql: 'SELECT d.| FROM (SELECT p.productid, p.name AS product_name FROM production.product p) d', only: ['productid', 'product_name'] },
  { name: 'nested subquery sees its own tables', db: 'sakila', sql: 'SELECT * FROM customer c WHERE c.customer_id IN (SELECT r.| FROM rental r)', first: ['rental_id', 'rental_date', 'inventory_id', 'customer_id'] },
  { name: 'correlated subquery: own columns first, then the outer alias columns qualified', db: 'sakila', sql: 'SELECT * FROM film f WHERE EXISTS (SELECT 1 FROM inventory i WHERE i.film_id = f.film_id AND |)', first: ['inventory_id', 'film_id', 'store_id', 'last_update'], has: ['f.title', 'f.rental_rate'] },
  { name: 'INSERT INTO t (…) column list in table order', db: 'sakila', sql: 'INSERT INTO actor (|', first: ['actor_id', 'first_name', 'last_name', 'last_update'] },
  { name: 'VALUES offers value keywords and functions, no columns', db: 'sakila', sql: "INSERT INTO actor (first_name, last_name) VALUES ('A', |", has: ['DEFAULT', 'NULL', 'now', 'upper'], not: ['first_name', 'actor'] },
  { name: 'UPDATE … SET offers only the target columns', db: 'sakila', sql: 'UPDATE film SET | WHERE film_id = 1', first: ['film_id', 'title', 'description'], not: ['actor_id'] },
  { name: 'DELETE … WHERE sees the target table', db: 'sakila', sql: 'DELETE FROM payment p WHERE p.|', first: ['payment_id', 'customer_id', 'staff_id', 'rental_id', 'amount', 'payment_date'] },
  { name: 'DELETE … USING adds the USING tables to the scope', db: 'chinook', sql: 'DELETE FROM invoice_line il USING invoice i WHERE i.invoice_id = il.invoice_id AND i.|', has: ['billing_country'] },
  { name: 'ON CONFLICT … DO UPDATE: excluded holds the target columns', db: 'sakila', sql: "INSERT INTO actor (first_name, last_name) VALUES ('A', 'B') ON CONFLICT (actor_id) DO UPDATE SET last_name = excluded.|", first: ['actor_id', 'first_name', 'last_name', 'last_update'] },
  { name: 'ON CONFLICT (…) offers the target columns and the excluded qualifier', db: 'sakila', sql: "INSERT INTO actor (first_name, last_name) VALUES ('A', 'B') ON CONFLICT (|", first: ['actor_id', 'first_name'], has: ['excluded'] },
  { name: 'RETURNING offers the target columns', db: 'sakila', sql: "INSERT INTO category (name) VALUES ('Noir') RETURNING |", first: ['category_id', 'name', 'last_update'] },
  { name: 'ORDER BY offers select-list aliases first', db: 'sakila', sql: 'SELECT c.name AS category, count(*) AS films FROM category c JOIN film_category fc ON fc.category_id = c.category_id GROUP BY 1 ORDER BY |', first: ['category', 'films'] },
  { name: 'GROUP BY offers select-list aliases (PostgreSQL allows them there)', db: 'chinook', sql: 'SELECT billing_country AS country, sum(total) AS revenue FROM invoice GROUP BY |', first: ['country', 'revenue', 'invoice_id'] },
  // Tables
  { name: 'tables of another schema are schema-qualified (AdventureWorks: nothing on search_path but public)', db: 'adventureworks', sql: 'SELECT * FROM salesorderh|', first: ['salesorderheader'], insert: { salesorderheader: 'sales.salesorderheader' } },
  { name: '`schema.` lists that schema only, unqualified', db: 'adventureworks', sql: 'SELECT * FROM humanresources.|', has: ['employee', 'department', 'shift'], not: ['product'], insert: { employee: 'employee' } },
  { name: '`schema.table.` lists the columns of that table', db: 'adventureworks', sql: 'SELECT person.person.| ', first: ['businessentityid', 'persontype', 'namestyle', 'title', 'firstname'] },
  { name: 'schemas after FROM although every table lives outside the search path (no kind cut by the cap)', db: 'adventureworks', sql: 'SELECT * FROM |', has: ['sales', 'production', 'person', 'humanresources', 'purchasing'] },
  { name: 'schemas after JOIN too', db: 'adventureworks', sql: 'SELECT * FROM sales.customer c JOIN |', has: ['sales', 'production', 'person'] },
  { name: 'the first letter of a schema offers it among its many tables', db: 'adventureworks', sql: 'SELECT * FROM p|', has: ['person', 'production', 'purchasing'] },
  { name: 'alias being typed gets no keywords (FROM person AS p must not become PARTIAL)', db: 'adventureworks', sql: 'SELECT * FROM person.person AS p|', only: [] },
  // Join help from foreign keys
  { name: 'after JOIN, the tables linked by a foreign key rank first, as whole join clauses', db: 'sakila', sql: 'SELECT * FROM rental r JOIN |', first: ['customer c ON r.customer_id = c.customer_id', 'inventory i ON r.inventory_id = i.inventory_id'], has: ['payment p ON p.rental_id = r.rental_id'] },
  { name: 'after JOIN, FK-linked tables rank before the other tables', db: 'sakila', sql: 'SELECT * FROM rental r JOIN c|', first: ['customer c ON r.customer_id = c.customer_id', 'customer', 'category'] },
  { name: 'after ON, the whole join condition from the foreign key', db: 'sakila', sql: 'SELECT * FROM rental r JOIN customer c ON |', first: ['r.customer_id = c.customer_id'] },
  { name: 'after ON, a composite foreign key gives every column pair', db: 'adventureworks', sql: 'SELECT * FROM sales.salesorderdetail sod JOIN sales.specialofferproduct sop ON |', first: ['sod.specialofferid = sop.specialofferid AND sod.productid = sop.productid'] },
  { name: 'after ON, conditions with every earlier table, the nearest first', db: 'chinook', sql: 'SELECT * FROM invoice i JOIN customer c ON c.customer_id = i.customer_id JOIN employee e ON |', first: ['c.support_rep_id = e.employee_id'], not: ['e.reports_to = e.employee_id'] },
  // Functions
  { name: "the database's routines, with their signature", db: 'sakila', sql: 'SELECT film_in|', first: ['film_in_stock'], insert: { film_in_stock: 'film_in_stock($1)$0' } },
  { name: 'set-returning functions where a table is expected', db: 'chinook', sql: 'SELECT * FROM generate_s|', first: ['generate_series'] },
  // Snippets
  { name: 'INSERT INTO t | offers the columns without defaults as a VALUES snippet', db: 'sakila', sql: 'INSERT INTO actor |', first: ['(columns without defaults) VALUES (…)', '(all columns) VALUES (…)'], insert: { '(columns without defaults) VALUES (…)': '(first_name, last_name) VALUES (${1:first_name}, ${2:last_name})$0' } },
  // Matching
  { name: 'prefix matches first, then word-part matches', db: 'sakila', sql: 'SELECT * FROM categ|', first: ['category', 'film_category', 'sales_by_film_category'] },
  { name: 'fuzzy matching finds a table from a few of its letters', db: 'sakila', sql: 'SELECT * FROM flmcat|', first: ['film_category'] },
  { name: 'quoted prefix matches and inserts quoted', db: 'chinook', sql: 'SELECT * FROM "inv|', first: ['invoice', 'invoice_line'], insert: { invoice: '"invoice"' } },
];

describe('completion over real schemas (fixtures)', function () {
  let dbs: DatasetIndexes;
  before(async function () {
    dbs = await loadDatasetIndexes(this);
  });

  const run = (index: SchemaIndex, marked: string, limit?: number): CompletionItem[] => {
    const { text, offset } = cursor(marked);
    return complete(text, offset, index, { limit }).items;
  };

  for (const c of CASES) {
    it(`${c.name}: ${c.sql}`, () => {
      const items = run(dbs[c.db], c.sql);
      const labels = items.map((i) => i.label);
      if (c.first) assert.deepEqual(labels.slice(0, c.first.length), c.first, labels.slice(0, 12).join(' | '));
      for (const l of c.has ?? []) assert.ok(labels.includes(l), `missing ${l} in ${labels.slice(0, 20).join(' | ')}`);
      for (const l of c.not ?? []) assert.ok(!labels.includes(l), `unexpected ${l}`);
      if (c.only) assert.deepEqual([...labels].sort(), [...c.only].sort());
      for (const [label, text] of Object.entries(c.insert ?? {})) assert.equal(items.find((i) => i.label === label)?.insertText, text, label);
      for (const [label, kind] of Object.entries(c.kind ?? {})) assert.equal(items.find((i) => i.label === label)?.kind, kind, label);
    });
  }

  it('ranks functions by clause: aggregates preferred in the select list, demoted in WHERE', () => {
    // Uncut lists, to see where every function lands.
    const rank = (sql: string, label: string) => run(dbs.sakila, sql, 1000).findIndex((i) => i.label === label);
    const select = run(dbs.sakila, 'SELECT | FROM film', 1000);
    const where = run(dbs.sakila, 'SELECT * FROM film WHERE |', 1000);
    assert.ok(select.findIndex((i) => i.label === 'count') < select.findIndex((i) => i.label === 'SELECT'));
    assert.ok(where.findIndex((i) => i.label === 'count') > where.findIndex((i) => i.label === 'upper'));
    assert.ok(where.findIndex((i) => i.label === 'upper') >= 0);
    assert.ok(rank('SELECT * FROM film WHERE |', 'get_customer_balance') < rank('SELECT * FROM film WHERE |', 'abs'), "the database's routines before built-ins");
    assert.ok(rank('SELECT * FROM film WHERE |', 'film_in_stock') > rank('SELECT * FROM film WHERE |', 'abs'), 'set-returning routines belong in FROM');
  });

  it('keeps a stable order with unique, increasing sort texts', () => {
    const a = run(dbs.adventureworks, 'SELECT * FROM |');
    const b = run(dbs.adventureworks, 'SELECT * FROM |');
    assert.deepEqual(a.map((i) => i.label), b.map((i) => i.label));
    const sorts = a.map((i) => i.sortText);
    assert.deepEqual([...sorts].sort(), sorts);
    assert.equal(new Set(sorts).size, sorts.length);
  });

  it('ranks the nearest scope first, then FK-related, then the rest', () => {
    const items = run(dbs.sakila, 'WITH recent AS (SELECT * FROM rental) SELECT * FROM recent r, payment p JOIN |');
    const kinds = items.map((i) => i.label);
    const cte = kinds.indexOf('recent');
    const related = kinds.indexOf('customer');
    const other = kinds.indexOf('actor');
    assert.ok(cte >= 0 && cte < related && related < other, `${cte} ${related} ${other}`);
  });

  it('cuts long lists and says so (isIncomplete), never dropping a prefix match', () => {
    const { text, offset } = cursor('SELECT * FROM |');
    const r = complete(text, offset, dbs.adventureworks, { limit: 20 });
    assert.equal(r.items.length, 20);
    assert.equal(r.isIncomplete, true);
  });
});
