// Hover on aliases and functions over real schemas introspected from PostgreSQL (Sakila).
import { strict as assert } from 'node:assert';
import { hover } from '../../server/src/engine/features/hover/hover';
import type { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { cursor } from '../helpers/fixtures';
import { loadDatasetIndexes, type DatasetIndexes } from './completion-datasets';

describe('hover over real schemas: aliases and functions', function () {
  let dbs: DatasetIndexes;
  before(async function () {
    dbs = await loadDatasetIndexes(this);
  });
  const md = (marked: string, index: SchemaIndex = dbs.sakila) => {
    const { text, offset } = cursor(marked);
    return hover(text, offset, index)?.markdown ?? '';
  };

  it('an alias in use says which table it stands for, then describes the table', () => {
    const text = md('SELECT f|.title FROM film f');
    assert.match(text, /^\*\*alias\*\* `f` → `public\.film`/);
    assert.match(text, /\*\*Primary key\*\* `film_pkey` \(film_id\)/);
    assert.match(text, /\*\*Referenced by\*\*[\s\S]*`public\.inventory` \(film_id\)/);
  });

  it('the alias where it is declared, and the excluded pseudo-table of ON CONFLICT', () => {
    assert.match(md('SELECT * FROM film AS f| WHERE true'), /^\*\*alias\*\* `f` → `public\.film`/);
    assert.match(md("INSERT INTO actor (first_name, last_name) VALUES ('A', 'B') ON CONFLICT (actor_id) DO UPDATE SET last_name = exclud|ed.last_name"), /row proposed for insertion into `public\.actor`/);
  });

  it("a database routine: its signature, kind and schema", () => {
    assert.match(md('SELECT film_in_st|ock(1, 1)'), /film_in_stock\(p_film_id integer, p_store_id integer\) → SETOF integer[\s\S]*function in `public`/);
    assert.match(md('SELECT get_customer_bal|ance(1, now())'), /get_customer_balance\(p_customer_id integer, p_effective_date timestamp/);
  });

  it('a built-in function of the dialect, with its documentation', () => {
    assert.match(md('SELECT coal|esce(f.rating, 1) FROM film f'), /coalesce\(value any, \.\.\.values any\)[\s\S]*First of its arguments that is not null/);
    assert.match(md('SELECT count|(*) FROM film'), /built-in aggregate function/);
  });

  it('a column of an AdventureWorks table behind an alias: type, nullability and the FK out', () => {
    assert.match(md('SELECT soh.customer|id FROM sales.salesorderheader soh', dbs.adventureworks), /`integer` NOT NULL[\s\S]*foreign key → `sales\.customer`\.customerid/);
  });
});
