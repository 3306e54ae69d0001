// Broken queries over real BIRD schemas, each with the one diagnostic it must produce: the code,
// the exact text the range covers, and (where one exists) the quick fix's replacement text.
import type { DialectId } from '../../server/src/engine/schema/model';

export interface BrokenQuery {
  dialect: DialectId;
  /** BIRD database id (schema from mini_dev_sqlite_tables.json). */
  db: string;
  sql: string;
  code: string;
  /** Text under the diagnostic's range. */
  range: string;
  /** newText of the quick fix's first edit, when a fix is expected. */
  fix?: string;
}

const pg = (sql: string, code: string, range: string, fix?: string): BrokenQuery => ({ dialect: 'postgres', db: 'debit_card_specializing', sql, code, range, fix });
const my = (sql: string, code: string, range: string, fix?: string): BrokenQuery => ({ dialect: 'mysql', db: 'debit_card_specializing', sql, code, range, fix });

export const BROKEN_QUERIES: BrokenQuery[] = [
  // syntax (the real PostgreSQL parser; the exact token)
  pg('SELECT segment FROM customers WHERE', 'syntax', 'WHERE'),
  pg("SELECT segment FROM customers WHERE currency = 'EUR", 'syntax', "'EUR"),
  pg('SELEC segment FROM customers', 'syntax', 'SELEC'),
  pg('SELECT segment, FROM customers', 'syntax', 'FROM'),
  pg('SELECT segment FROM customers GROUP segment', 'syntax', 'segment'),
  // unknown names
  pg('SELECT segment FROM customer', 'unknown-table', 'customer', 'customers'),
  pg('SELECT * FROM public.customerz', 'unknown-table', 'customerz', 'customers'),
  pg('SELECT * FROM sales.customers', 'unknown-schema', 'sales', undefined),
  pg('SELECT segmnt FROM customers', 'unknown-column', 'segmnt', 'segment'),
  pg('SELECT c.segmnt FROM customers c', 'unknown-column', 'segmnt', 'segment'),
  pg('SELECT "Segment" FROM customers', 'unknown-column', '"Segment"', 'segment'),
  pg('SELECT (SELECT max(amount) FROM transactions_1k t WHERE t.customerid = c.custid) FROM customers c', 'unknown-column', 'custid', undefined),
  pg('WITH big AS (SELECT customerid FROM yearmonth WHERE consumption > 1000) SELECT b.consumption FROM big b', 'unknown-column', 'consumption', undefined),
  pg('SELECT d.total FROM (SELECT customerid, sum(consumption) AS s FROM yearmonth GROUP BY customerid) d', 'unknown-column', 'total', undefined),
  pg("UPDATE customers SET segmant = 'SME' WHERE customerid = 1", 'unknown-column', 'segmant', 'segment'),
  pg("DELETE FROM customers WHERE segmnt = 'x'", 'unknown-column', 'segmnt', 'segment'),
  pg("SELECT t.price FROM transactions_1k t WHERE t.date > '2012-01-01' ORDER BY t.amout", 'unknown-column', 'amout', 'amount'),
  pg('SELECT x.curency FROM customers c, LATERAL (SELECT c.currency) x', 'unknown-column', 'curency', 'currency'),
  pg('SELECT frobnicate(segment) FROM customers', 'unknown-function', 'frobnicate'),
  pg('SELECT customerid FROM customers c JOIN yearmonth y ON c.customerid = y.customerid', 'ambiguous-column', 'customerid', 'c.'),
  pg('SELECT x.segment FROM customers c', 'undefined-alias', 'x'),
  pg('SELECT customers.segment FROM customers c', 'undefined-alias', 'customers', 'c'),
  pg('SELECT c.segment FROM customers', 'undefined-alias', 'c', ' c'),
  pg("INSERT INTO products (productid, description) VALUES (1, 'a', 'b')", 'insert-value-count', "'b'"),
  pg('INSERT INTO products (productid, description) VALUES (1)', 'insert-value-count', 'description'),
  // lint
  pg('SELECT 1 FROM customers WHERE segment = NULL', 'null-comparison', '= NULL', 'IS NULL'),
  pg("UPDATE customers SET segment = 'SME'", 'update-without-where', 'customers'),
  pg('DELETE FROM yearmonth', 'delete-without-where', 'yearmonth'),
  pg("SELECT * FROM products WHERE description LIKE '%oil'", 'leading-wildcard-like', "'%oil'"),
  pg('SELECT segment, currency FROM customers ORDER BY 2', 'order-by-ordinal', '2', 'currency'),
  pg("SELECT c.segment FROM customers c, gasstations g WHERE c.currency = 'EUR'", 'cross-join', 'gasstations'),
  pg('CREATE VIEW v AS SELECT * FROM customers', 'select-star', '*'),
  pg("SELECT 1 FROM customers WHERE customerid = 'abc'", 'type-mismatch', '='),
  pg('SELECT 1 FROM customers WHERE segment = 5', 'type-mismatch', '='),
  pg('SELECT 1 FROM customers WHERE segment NOT IN (SELECT segment FROM gasstations)', 'not-in-nullable', 'NOT IN'),
  // MySQL / MariaDB
  my('SELECT `Segmnt` FROM `customers`', 'unknown-column', '`Segmnt`', 'Segment'),
  my('SELECT T1.Segment FROM customer AS T1', 'unknown-table', 'customer', 'customers'),
  my('SELECT Segment FROM customers WHERE', 'syntax', 'WHERE'),
  my("INSERT INTO products (ProductID, Description) VALUES (1, 'a', 'b')", 'insert-value-count', "(1, 'a', 'b')"),
  my('SELECT T3.Segment FROM customers AS T1', 'undefined-alias', 'T3'),
  my('DELETE FROM yearmonth', 'delete-without-where', 'yearmonth'),
  my('SELECT CustomerID FROM customers AS T1 JOIN yearmonth AS T2 ON T1.CustomerID = T2.CustomerID', 'ambiguous-column', 'CustomerID', 't1.'),
  my('SELECT Segment FROM customers WHERE Currency = NULL', 'null-comparison', 'Currency = NULL'),
];
