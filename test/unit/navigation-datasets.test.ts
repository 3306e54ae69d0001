// Go to definition, find references, document symbols and the generated table DDL, over the
// Sakila and AdventureWorks schemas introspected from PostgreSQL.
import { strict as assert } from 'node:assert';
import { definition } from '../../server/src/engine/features/navigation/definition';
import { documentSymbols } from '../../server/src/engine/features/navigation/document-symbols';
import { references, referencesAsync } from '../../server/src/engine/features/navigation/references';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { SqlDocument } from '../../server/src/engine/sql/sql-document';
import { ddlUri, parseDdlUri, tableDdl } from '../../server/src/engine/features/navigation/table-ddl';
import { cursor } from '../helpers/fixtures';
import { loadDatasetIndexes, type DatasetIndexes } from './completion-datasets';

describe('navigation over real schemas', function () {
  let dbs: DatasetIndexes;
  before(async function () {
    dbs = await loadDatasetIndexes(this);
  });
  const at = (marked: string) => cursor(marked);
  const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

  describe('go to definition', () => {
    it('an alias jumps to where the statement declares it', () => {
      const { text, offset } = at('SELECT f.title FROM film f JOIN language l ON l.language_id = f.language_id WHERE f|.length > 100');
      const d = definition(text, offset, dbs.sakila);
      assert.equal(d?.kind, 'document');
      if (d?.kind === 'document') assert.equal(d.start, text.indexOf('film f') + 5);
    });

    it('a CTE name and a CTE column jump to the CTE', () => {
      const { text, offset } = at('WITH late AS (SELECT rental_id FROM rental) SELECT l.rental_id FROM lat|e l');
      assert.deepEqual(definition(text, offset, dbs.sakila), { kind: 'document', start: 5, end: 9 });
      const col = at('WITH late AS (SELECT rental_id FROM rental) SELECT rental_i|d FROM late');
      assert.deepEqual(definition(col.text, col.offset, dbs.sakila), { kind: 'document', start: 5, end: 9 });
    });

    it('a table jumps to its generated DDL; a column to its line there', () => {
      const t = at('SELECT * FROM sales.salesorderhe|ader');
      const d = definition(t.text, t.offset, dbs.adventureworks);
      assert.ok(d?.kind === 'ddl');
      assert.equal(d.uri, 'schemawise-ddl:/sales/salesorderheader.sql');
      const c = at('SELECT soh.totald|ue FROM sales.salesorderheader soh');
      const dc = definition(c.text, c.offset, dbs.adventureworks);
      assert.ok(dc?.kind === 'ddl');
      const ddl = tableDdl(dbs.adventureworks.findTable({ text: 'salesorderheader', quoted: false }, { text: 'sales', quoted: false })!, dbs.adventureworks);
      assert.match(ddl.text.split('\n')[dc.line], /^\s+totaldue numeric/);
      assert.match(ddl.text.split('\n')[d.line], /^CREATE TABLE sales\.salesorderheader \($/);
    });

    it('the alias declaration itself goes on to the table', () => {
      const { text, offset } = at('SELECT * FROM film f| WHERE true');
      const d = definition(text, offset, dbs.sakila);
      assert.ok(d?.kind === 'ddl' && d.table === 'film');
    });
  });

  describe('generated DDL', () => {
    it('prints columns with defaults, keys, foreign keys, indexes and comments', () => {
      const aw = dbs.adventureworks;
      const ddl = tableDdl(aw.findTable({ text: 'salesorderdetail', quoted: false }, { text: 'sales', quoted: false })!, aw).text;
      assert.match(ddl, /CONSTRAINT "?FK_SalesOrderDetail_SpecialOfferProduct_SpecialOfferIDProductID"? FOREIGN KEY \(specialofferid, productid\) REFERENCES sales\.specialofferproduct \(specialofferid, productid\)/);
      assert.match(ddl, /COMMENT ON TABLE sales\.salesorderdetail IS 'Individual products associated with a specific sales order/);
      const film = tableDdl(dbs.sakila.findTable({ text: 'film', quoted: false })!, dbs.sakila).text;
      assert.match(film, /film_id integer DEFAULT nextval\('film_film_id_seq'::regclass\) NOT NULL|film_id integer NOT NULL DEFAULT nextval\('film_film_id_seq'::regclass\)/);
      assert.match(film, /CREATE INDEX film_fulltext_idx ON public\.film USING gist \(fulltext\);/);
    });

    it('round-trips its URI, percent-encoding odd names', () => {
      assert.deepEqual(parseDdlUri(ddlUri({ schema: 'My Schema', name: 'a/b' })), { schema: 'My Schema', table: 'a/b' });
      assert.equal(parseDdlUri('file:///x.sql'), undefined);
    });
  });

  describe('references', () => {
    it('an alias: its declaration and every use in the statement', () => {
      const { text, offset } = at('SELECT f.title FROM film f WHERE f|.film_id = 1 AND f.rating IS NULL; SELECT f.x FROM actor f');
      assert.deepEqual(references(text, offset, dbs.sakila).map((r) => r.start), [7, 25, 33, 51]);
      assert.deepEqual(references(text, offset, dbs.sakila, false).map((r) => r.start), [7, 33, 51]);
    });

    it('a table: every statement of the document that names it, not other names', () => {
      const { text, offset } = at('SELECT * FROM fil|m; SELECT film.title FROM film JOIN film_actor USING (film_id); DELETE FROM public.film');
      const refs = references(text, offset, dbs.sakila);
      assert.deepEqual(refs.map((r) => slice(text, r)), ['film', 'film', 'film', 'film']);
      assert.equal(refs.at(-1)!.start, text.lastIndexOf('film'));
    });

    it('a column: through aliases and bare names, only of that table', () => {
      const { text, offset } = at('SELECT c.last_na|me FROM customer c; SELECT last_name FROM actor; SELECT last_name FROM customer');
      const refs = references(text, offset, dbs.sakila);
      assert.deepEqual(refs.map((r) => r.start), [text.indexOf('last_name'), text.lastIndexOf('last_name')]);
    });

    it('over a long SqlDocument, in slices: the same answer, the statements without the names never lexed, and cancellation', async () => {
      const statements = ['SELECT c.last_name FROM customer c;', 'SELECT last_name FROM actor;', 'SELECT "Last_Name" FROM customer;', 'SELECT a.first_name FROM actor a;'];
      const text = Array.from({ length: 4000 }, (_, n) => statements[n % 4]).join('\n');
      const doc = new SqlDocument(text, getDialect('postgres'));
      const offset = text.indexOf('last_name') + 2;
      const expected = references(text, offset, dbs.sakila);
      assert.equal(expected.length, 1000); // c.last_name in every first statement; "Last_Name" is another name
      let pauses = 0;
      const sliced = await referencesAsync(doc, offset, dbs.sakila, { pause: async () => void pauses++, sliceMs: 0 });
      assert.deepEqual(sliced, expected);
      // One step per statement lexed: those naming customer and last_name (any case), half of them.
      assert.ok(pauses >= 1000 && pauses <= 2000, `paused ${pauses} times`);
      assert.equal(await referencesAsync(doc, offset, dbs.sakila, { pause: async () => undefined, cancelled: () => true, sliceMs: 0 }), undefined);
    });
  });

  describe('document symbols', () => {
    it('one per statement, named by verb and table, with CTEs as children', () => {
      const text = 'WITH a AS (SELECT 1), b AS (SELECT * FROM a) SELECT * FROM b;\nUPDATE film SET title = 1;\n-- done\nINSERT INTO sales.store (name) VALUES (1)';
      const symbols = documentSymbols(text, dbs.sakila.dialect);
      assert.deepEqual(symbols.map((s) => s.name), ['SELECT', 'UPDATE film', 'INSERT sales.store']);
      assert.deepEqual(symbols[0].children.map((c) => [c.name, slice(text, c)]), [['a', 'a AS (SELECT 1)'], ['b', 'b AS (SELECT * FROM a)']]);
    });
  });
});
