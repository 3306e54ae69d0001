// Signature help: the overloads of the function being called with the parameter under the cursor,
// and for INSERT … VALUES the target's columns, over the Sakila schema from PostgreSQL.
import { strict as assert } from 'node:assert';
import { signatureHelp } from '../../server/src/engine/features/signature/signature-help';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { chinook, cursor, indexOf } from '../helpers/fixtures';
import { loadDatasetIndexes, type DatasetIndexes } from './completion-datasets';

describe('signature help', function () {
  let dbs: DatasetIndexes;
  before(async function () {
    dbs = await loadDatasetIndexes(this);
  });
  const help = (marked: string, index = dbs.sakila) => {
    const { text, offset } = cursor(marked);
    return signatureHelp(text, offset, index);
  };
  const param = (h: ReturnType<typeof help>) => {
    const sig = h!.signatures[h!.activeSignature];
    const [a, b] = sig.parameters[h!.activeParameter];
    return sig.label.slice(a, b);
  };

  it("marks the current parameter of a database routine", () => {
    assert.equal(param(help('SELECT film_in_stock(|')), 'p_film_id integer');
    assert.equal(param(help('SELECT film_in_stock(f.film_id, |) FROM film f')), 'p_store_id integer');
  });

  it('counts commas at the call level only (nested calls and strings do not move it)', () => {
    assert.equal(param(help("SELECT film_in_stock(coalesce(1, 2), |")), 'p_store_id integer');
    assert.equal(param(help("SELECT coalesce(lower('a,b'), |")), '...values any');
    assert.equal(param(help("SELECT round(lower(|")), 'text text');
  });

  it('stays on the variadic parameter past its position', () => {
    assert.equal(param(help('SELECT concat(1, 2, 3, |')), '...values any');
  });

  it('lines INSERT … VALUES up with the column list, or all columns', () => {
    assert.equal(param(help("INSERT INTO actor (first_name, last_name) VALUES ('A', |")), 'last_name character varying(45)');
    assert.equal(param(help("INSERT INTO category VALUES (1, |")), 'name character varying(25)');
    assert.equal(param(help("INSERT INTO category VALUES (1, 'a', now()), (2, |")), 'name character varying(25)');
  });

  it('uses the dialect catalog: MySQL built-ins', () => {
    const mysql = indexOf(chinook({ dialect: 'mysql' }));
    assert.equal(getDialect('mysql').id, mysql.dialect.id);
    assert.equal(param(help('SELECT ifnull(a, |', mysql)), 'expr2 any');
  });

  it('says nothing outside a call or inside a subquery', () => {
    assert.equal(help('SELECT | FROM film'), undefined);
    assert.equal(help('SELECT * FROM film WHERE film_id IN (SELECT |'), undefined);
  });
});
