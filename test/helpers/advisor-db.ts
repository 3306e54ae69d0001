// Scratch Sakila database for the index advisor: schema and data from ../shared/datasets, every
// index that is neither a primary key nor unique removed (the advisor has to find them again), the
// HypoPG extension created (in this scratch database only) and statistics gathered.
import { Client } from 'pg';
import { datasetPath, loadPgDataset } from './datasets';
import { loadPgDataScript } from './pg-copy-data';
import { pgUrlFor } from './services';

/** The non-unique secondary indexes Sakila ships with, as "table(columns)"; the advisor should find them. */
export interface RemovedIndex {
  table: string;
  name: string;
  columns: string[];
  method: string;
}

export async function loadStrippedSakila(database: string, options: { hypopg: boolean }): Promise<RemovedIndex[]> {
  await loadPgDataset('sakila', database);
  await loadPgDataScript(database, datasetPath('sakila/sakila.postgres.data.sql'));
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    const r = await c.query<{ table: string; name: string; columns: string[]; method: string }>(`
      SELECT t.relname AS table, ic.relname AS name, am.amname AS method,
        array(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS columns
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = ic.relam
      WHERE n.nspname = 'public' AND NOT i.indisprimary AND NOT i.indisunique AND t.relkind IN ('r', 'p') AND t.relname NOT LIKE 'payment\\_p%'
      ORDER BY 1, 2`);
    const all = await c.query<{ idx: string }>(`SELECT i.indexrelid::regclass::text AS idx FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND NOT i.indisprimary AND NOT i.indisunique`);
    for (const { idx } of all.rows) await c.query(`DROP INDEX ${idx}`);
    if (options.hypopg) await c.query('CREATE EXTENSION IF NOT EXISTS hypopg');
    await c.query('ANALYZE');
    return r.rows;
  } finally {
    await c.end();
  }
}

/** Nonclustered, non-unique indexes of the original AdventureWorks on the tables the workload uses. */
export const ADVENTUREWORKS_REMOVED: RemovedIndex[] = [
  { table: 'salesorderheader', name: 'IX_SalesOrderHeader_CustomerID', columns: ['customerid'], method: 'btree' },
  { table: 'salesorderheader', name: 'IX_SalesOrderHeader_SalesPersonID', columns: ['salespersonid'], method: 'btree' },
  { table: 'salesorderdetail', name: 'IX_SalesOrderDetail_ProductID', columns: ['productid'], method: 'btree' },
  { table: 'customer', name: 'IX_Customer_TerritoryID', columns: ['territoryid'], method: 'btree' },
  { table: 'person', name: 'IX_Person_LastName_FirstName_MiddleName', columns: ['lastname', 'firstname', 'middlename'], method: 'btree' },
];

const AW_ROWS = `
SET session_replication_role = replica; -- scratch database: foreign keys point at rows not generated here
INSERT INTO person.person (businessentityid, persontype, firstname, lastname, middlename)
  SELECT g, 'IN', (array['John','Mary','Ken','Terri','Rob','Gail','Jossef','Dylan'])[1 + g % 8] || (g % 50), (array['Smith','Johnson','Lee','Brown','Garcia','Miller','Davis','Wilson'])[1 + (g / 8) % 8] || (g % 300), NULL
  FROM generate_series(1, 20000) g;
INSERT INTO sales.customer (personid, storeid, territoryid)
  SELECT g, CASE WHEN g % 7 = 0 THEN g % 700 END, 1 + g % 10 FROM generate_series(1, 20000) g;
INSERT INTO sales.salesorderheader (revisionnumber, orderdate, duedate, shipdate, status, onlineorderflag, customerid, salespersonid, territoryid, billtoaddressid, shiptoaddressid, shipmethodid, subtotal, taxamt, freight, totaldue)
  SELECT 8, ts, ts + interval '12 days', CASE WHEN g % 20 = 0 THEN NULL ELSE ts + interval '7 days' END, 5, g % 2 = 0, 1 + g % 20000,
         CASE WHEN g % 3 = 0 THEN 274 + g % 17 END, 1 + g % 10, 1, 1, 1, g % 1000, 1, 1, g % 1000 + 2
  FROM (SELECT g, timestamp '2011-05-31' + (g % 1100) * interval '1 day' AS ts FROM generate_series(1, 30000) g) s;
INSERT INTO sales.salesorderdetail (salesorderid, orderqty, productid, specialofferid, unitprice, unitpricediscount)
  SELECT 1 + g % 30000, 1 + g % 5, 707 + g % 300, 1, 10 + g % 100, 0 FROM generate_series(1, 120000) g;
SET session_replication_role = origin;
CREATE EXTENSION IF NOT EXISTS hypopg;
ANALYZE;`;

/**
 * The AdventureWorks PostgreSQL port (DDL only in ../shared/datasets) with generated rows: 20k
 * people and customers, 30k orders, 120k order lines; HypoPG created; statistics gathered.
 */
export async function loadAdventureWorksWithRows(database: string): Promise<void> {
  await loadPgDataset('adventureworks', database);
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    await c.query(AW_ROWS);
  } finally {
    await c.end();
  }
}
