// The offline translator on real databases: chinook and sakila (with its data) in the local
// PostgreSQL. Each question goes through the whole pipeline (linking, translation, validation,
// EXPLAIN on the connection, classification); the SQL it produces is then run read-only next to a
// hand-written query and the two result sets must be equal. Questions outside its reach must be
// refused with a reason, never guessed.
import { strict as assert } from 'node:assert';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { createDriver } from '../../server/src/engine/drivers/registry';
import type { DatabaseDriver } from '../../server/src/engine/drivers/types';
import { askDatabase, explainWith, OfflineProvider, valueProbeWith } from '../../server/src/engine/nl2sql';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { dropDatabase, loadPgDataset } from '../helpers/datasets';
import { loadSakilaWithData } from '../helpers/nl2sql-questions';
import { pgUrlFor, requirePostgres } from '../helpers/services';

interface Case {
  q: string;
  /** Hand-written SQL whose result set the generated SQL must reproduce. */
  expected: string;
}

const CHINOOK: Case[] = [
  { q: 'How many customers are there?', expected: 'SELECT COUNT(*) FROM customer' },
  { q: 'top 5 artists by number of albums', expected: 'SELECT ar.name, COUNT(*) FROM artist ar JOIN album al ON al.artist_id = ar.artist_id GROUP BY ar.artist_id, ar.name ORDER BY 2 DESC, 1 LIMIT 5' },
  { q: 'List customers in Canada', expected: "SELECT * FROM customer WHERE country = 'Canada'" },
  { q: 'latest 10 invoices', expected: 'SELECT * FROM invoice ORDER BY invoice_date DESC, invoice_id DESC LIMIT 10' },
  { q: 'how many invoices between 2022-01-01 and 2022-03-31', expected: "SELECT COUNT(*) FROM invoice WHERE invoice_date::date BETWEEN '2022-01-01' AND '2022-03-31'" },
  { q: 'sum of invoice totals per billing country', expected: 'SELECT billing_country, SUM(total) FROM invoice GROUP BY billing_country' },
  { q: 'average invoice total per billing country', expected: 'SELECT billing_country, AVG(total) FROM invoice GROUP BY billing_country' },
  { q: 'Which genre has the most tracks?', expected: 'SELECT g.name, COUNT(*) FROM genre g JOIN track t ON t.genre_id = g.genre_id GROUP BY g.genre_id, g.name ORDER BY 2 DESC LIMIT 1' },
  { q: 'how many tracks per genre', expected: 'SELECT g.name, COUNT(*) FROM track t JOIN genre g ON g.genre_id = t.genre_id GROUP BY g.genre_id, g.name' },
  { q: 'list albums by Queen', expected: "SELECT al.* FROM album al JOIN artist ar ON ar.artist_id = al.artist_id WHERE ar.name = 'Queen'" },
  { q: 'how many tracks are longer than 300000 milliseconds', expected: 'SELECT COUNT(*) FROM track WHERE milliseconds > 300000' },
  { q: 'what is the maximum unit price of tracks', expected: 'SELECT MAX(unit_price) FROM track' },
  { q: 'how many invoices in 2023', expected: "SELECT COUNT(*) FROM invoice WHERE EXTRACT(YEAR FROM invoice_date) = 2023" },
  { q: 'top 3 customers by sum of invoice total', expected: 'SELECT c.first_name, c.last_name, SUM(i.total) FROM customer c JOIN invoice i ON i.customer_id = c.customer_id GROUP BY c.customer_id ORDER BY 3 DESC, 1, 2 LIMIT 3' },
];

const SAKILA: Case[] = [
  { q: 'how many films are there', expected: 'SELECT COUNT(*) FROM film' },
  { q: 'average film length per rating', expected: 'SELECT rating, AVG(length) FROM film GROUP BY rating' },
  { q: 'How many films are rated PG-13?', expected: "SELECT COUNT(*) FROM film WHERE rating = 'PG-13'" },
  { q: 'list customers in Canada', expected: "SELECT cu.* FROM customer cu JOIN address a USING (address_id) JOIN city ci USING (city_id) JOIN country co USING (country_id) WHERE co.country = 'Canada'" },
  { q: 'how many customers in Canada', expected: "SELECT COUNT(*) FROM customer cu JOIN address a USING (address_id) JOIN city ci USING (city_id) JOIN country co USING (country_id) WHERE co.country = 'Canada'" },
  { q: 'top 3 actors by number of films', expected: 'SELECT a.first_name, a.last_name, COUNT(*) FROM actor a JOIN film_actor fa ON fa.actor_id = a.actor_id GROUP BY a.actor_id ORDER BY 3 DESC LIMIT 3' },
  { q: 'the 5 longest films', expected: 'SELECT * FROM film ORDER BY length DESC, film_id DESC LIMIT 5' },
  { q: 'how many films per category', expected: 'SELECT c.name, COUNT(*) FROM category c JOIN film_category fc ON fc.category_id = c.category_id GROUP BY c.category_id, c.name' },
  { q: 'total payment amount per customer', expected: 'SELECT c.first_name, c.last_name, SUM(p.amount) FROM customer c JOIN payment p ON p.customer_id = c.customer_id GROUP BY c.customer_id' },
  { q: 'latest 5 rentals', expected: 'SELECT * FROM rental ORDER BY rental_date DESC, rental_id DESC LIMIT 5' },
  { q: 'how many payments between 2007-02-01 and 2007-02-28', expected: "SELECT COUNT(*) FROM payment WHERE payment_date >= '2007-02-01' AND payment_date < '2007-03-01'" },
  { q: 'top 5 customers by total payment amount', expected: 'SELECT c.first_name, c.last_name, SUM(p.amount) FROM customer c JOIN payment p ON p.customer_id = c.customer_id GROUP BY c.customer_id ORDER BY 3 DESC LIMIT 5' },
  { q: 'Which category has the most films?', expected: 'SELECT c.name, COUNT(*) FROM category c JOIN film_category fc ON fc.category_id = c.category_id GROUP BY c.category_id ORDER BY 2 DESC LIMIT 1' },
  { q: 'average rental rate per rating', expected: 'SELECT rating, AVG(rental_rate) FROM film GROUP BY rating' },
];

const REFUSED: Record<'chinook' | 'sakila', [string, RegExp][]> = {
  chinook: [
    ['What is the salary of each employee?', /"salary" matches no table or column/],
    ['delete all customers', /read-only queries only/],
    ['why is the database slow', /only questions about the data/],
    ['list customers in Atlantis', /"Atlantis" was not found/],
    ['how many unicorns are there', /"unicorns" matches no table or column/],
  ],
  sakila: [
    ['what is the horsepower of films', /"horsepower" matches no table or column/],
    ['drop the film table', /read-only queries only/],
    ['list films in Narnia', /"Narnia" was not found/],
    // film.length holds minutes, but neither its name nor a comment says so: no guessing the unit.
    ['how many films are longer than 180 minutes', /film\.length does not say its unit/],
  ],
};

/** Rows as sorted JSON text: result sets compared as multisets, values as text. */
function normalise(rows: unknown[][]): string[] {
  const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));
  return rows.map((r) => JSON.stringify(r.map(cell))).sort();
}

describe('nl2sql offline translator on live chinook and sakila', function () {
  this.timeout(120000);
  const drivers: Partial<Record<'chinook' | 'sakila', { driver: DatabaseDriver; schema: SchemaIndex }>> = {};

  before(async function () {
    await requirePostgres(this);
    await Promise.all([loadPgDataset('chinook', 'sw_nl_chinook'), loadSakilaWithData('sw_nl_sakila')]);
    for (const [key, db] of [['chinook', 'sw_nl_chinook'], ['sakila', 'sw_nl_sakila']] as const) {
      const driver = createDriver(parseConnectionUrl(pgUrlFor(db)));
      await driver.connect();
      drivers[key] = { driver, schema: new SchemaIndex(await driver.introspect()) };
    }
  });
  after(async () => {
    for (const d of Object.values(drivers)) await d?.driver.close();
    for (const db of ['sw_nl_chinook', 'sw_nl_sakila']) await dropDatabase(db);
  });

  for (const [name, cases] of [['chinook', CHINOOK], ['sakila', SAKILA]] as const) {
    describe(name, () => {
      for (const c of cases) {
        it(`answers "${c.q}" with the same rows as hand-written SQL`, async () => {
          const { driver, schema } = drivers[name]!;
          const query = driver.queryReadOnly.bind(driver);
          const r = await askDatabase({ question: c.q, schema, provider: new OfflineProvider(), explain: explainWith(query), valueProbe: valueProbeWith(query, 'postgres') });
          assert.equal(r.status, 'ok', JSON.stringify(r));
          if (r.status !== 'ok') return;
          assert.equal(r.classification.kind, 'read');
          assert.equal(r.rounds, 1);
          const [got, want] = await Promise.all([driver.queryReadOnly(r.sql, { maxRows: 5000 }), driver.queryReadOnly(c.expected, { maxRows: 5000 })]);
          assert.ok(want.rowCount > 0, `the hand-written query returns rows: ${c.expected}`);
          assert.deepEqual(normalise(got.rows), normalise(want.rows), `generated:\n${r.sql}`);
        });
      }
      for (const [q, reason] of REFUSED[name]) {
        it(`refuses "${q}" with a reason instead of guessing`, async () => {
          const { driver, schema } = drivers[name]!;
          const query = driver.queryReadOnly.bind(driver);
          const r = await askDatabase({ question: q, schema, provider: new OfflineProvider(), valueProbe: valueProbeWith(query, 'postgres') });
          assert.equal(r.status, 'failed', JSON.stringify(r));
          if (r.status !== 'failed') return;
          assert.equal(r.kind, 'cannot-answer');
          assert.match(r.message, /^cannot answer: /);
          assert.match(r.message, reason);
        });
      }
    });
  }
});
