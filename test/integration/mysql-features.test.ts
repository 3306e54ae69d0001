// MySQL/MariaDB language features over real models: the published Chinook, Sakila (schema + data)
// and Northwind MySQL scripts are loaded into sw_dia_* databases on the live test server, each is
// introspected by the MySQL driver, and completion, hover and diagnostics run on those models —
// backtick quoting, MySQL's case-sensitive table names, FK join help, COMMENTs and ENUM values in
// hover, MySQL-only syntax left alone, DELIMITER scripts, LIMIT rather than TOP.
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { MysqlDriver } from '../../server/src/engine/drivers/mysql/mysql-driver';
import { DiagnosticsEngine, splitStatements } from '../../server/src/engine/diagnostics';
import { complete, hover } from '../../server/src/engine/features';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { SqlDocument } from '../../server/src/engine/sql/sql-document';
import { cursor } from '../helpers/fixtures';
import { DATASETS, loadMysqlScripts, mysqlUrlFor } from '../helpers/mysql-datasets';
import { MYSQL_URL, requireMysql } from '../helpers/services';

const DBS = { chinook: 'sw_dia_chinook', sakila: 'sw_dia_sakila', northwind: 'sw_dia_northwind' } as const;

async function introspect(database: string): Promise<SchemaIndex> {
  const driver = new MysqlDriver(parseConnectionUrl(mysqlUrlFor(database)));
  try {
    return new SchemaIndex(await driver.introspect());
  } finally {
    await driver.close();
  }
}

describe('MySQL/MariaDB language features (live Chinook, Sakila, Northwind)', function () {
  this.timeout(60_000);
  let chinook: SchemaIndex;
  let sakila: SchemaIndex;
  let northwind: SchemaIndex;
  let lowerCaseTableNames: number;
  let engine: DiagnosticsEngine;

  before(async function () {
    await requireMysql(this);
    await Promise.all([
      loadMysqlScripts(DBS.chinook, 'Chinook', ['chinook/chinook.mysql.sql']),
      loadMysqlScripts(DBS.sakila, 'sakila', ['sakila/sakila.mysql.schema.sql', 'sakila/sakila.mysql.data.sql']),
      loadMysqlScripts(DBS.northwind, 'northwind', ['northwind/northwind.mysql.schema.sql']),
    ]);
    [chinook, sakila, northwind, engine] = await Promise.all([introspect(DBS.chinook), introspect(DBS.sakila), introspect(DBS.northwind), DiagnosticsEngine.create()]);
    const admin = await createConnection({ uri: MYSQL_URL });
    const [rows] = await admin.query<RowDataPacket[]>('SELECT @@lower_case_table_names AS l');
    lowerCaseTableNames = Number(rows[0].l);
    await admin.end();
  });

  after(async () => {
    const admin = await createConnection({ uri: MYSQL_URL }).catch(() => undefined);
    if (!admin) return;
    for (const db of Object.values(DBS)) await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    await admin.end();
  });

  const items = (index: SchemaIndex, marked: string) => {
    const { text, offset } = cursor(marked);
    return complete(text, offset, index, { limit: 2000 }).items;
  };
  const hoverAt = (index: SchemaIndex, marked: string) => {
    const { text, offset } = cursor(marked);
    return hover(text, offset, index)?.markdown ?? '';
  };
  const codes = (index: SchemaIndex, text: string) => engine.diagnose({ text, dialect: 'mysql', schema: index }).map((d) => `${d.code}:${text.slice(d.range.start, d.range.end)}`);

  it('captures lower_case_table_names in the model, so table names follow the server', () => {
    assert.equal(chinook.model.caseSensitiveTables === true, lowerCaseTableNames === 0);
    assert.equal(chinook.findTable({ text: 'Album', quoted: false })?.name, 'Album');
    if (lowerCaseTableNames === 0) {
      assert.equal(chinook.findTable({ text: 'album', quoted: false }), undefined, 'Linux MariaDB: `album` is not `Album`');
      assert.deepEqual(codes(chinook, 'SELECT Title FROM album'), ['unknown-table:album']);
    }
    // Column names are never case-sensitive in MySQL.
    assert.deepEqual(codes(chinook, 'SELECT title, ALBUMID FROM Album'), []);
  });

  it('inserts names with backticks only where MySQL needs them', () => {
    const cols = items(northwind, 'SELECT | FROM sales_reports');
    assert.equal(cols.find((i) => i.label === 'default')?.insertText, '`default`', 'a reserved word');
    assert.equal(cols.find((i) => i.label === 'group_by')?.insertText, 'group_by');
    const tables = items(chinook, 'SELECT * FROM |');
    assert.equal(tables.find((i) => i.label === 'InvoiceLine')?.insertText, 'InvoiceLine', 'mixed case needs no quotes in MySQL');
    assert.equal(items(chinook, 'SELECT * FROM `Inv|').find((i) => i.label === 'Invoice')?.insertText, '`Invoice`');
    assert.equal(items(sakila, `SELECT * FROM ${DBS.chinook}.|`).length, 0, 'another database than the introspected one is unknown');
  });

  it('completes the columns of the tables in scope, and joins along foreign keys', () => {
    const cols = items(sakila, 'SELECT f.| FROM film f JOIN language l ON l.language_id = f.language_id').map((i) => i.label);
    assert.deepEqual(cols.slice(0, 3), ['film_id', 'title', 'description']);
    assert.ok(!cols.includes('name'), 'only the columns of f after `f.`');
    const joins = items(sakila, 'SELECT * FROM rental r JOIN |').filter((i) => i.kind === 'join').map((i) => i.label);
    assert.ok(joins.includes('inventory i ON r.inventory_id = i.inventory_id'), joins.join('\n'));
    assert.ok(joins.includes('customer c ON r.customer_id = c.customer_id'), joins.join('\n'));
    const on = items(northwind, 'SELECT * FROM orders o JOIN order_details od ON |').filter((i) => i.kind === 'join').map((i) => i.label);
    assert.ok(on.includes('od.order_id = o.id'), on.join('\n'));
  });

  it('offers LIMIT, not TOP, and the MySQL function catalog', () => {
    const after = items(sakila, 'SELECT title FROM film ORDER BY title |');
    assert.ok(after.some((i) => i.label === 'LIMIT' && i.sortText.startsWith('7')));
    assert.ok(!after.some((i) => i.label === 'TOP' || i.label === 'FETCH'));
    assert.ok(!items(sakila, 'SELECT | FROM film').some((i) => i.label === 'TOP'));
    const fns = items(sakila, 'SELECT | FROM film').filter((i) => i.kind === 'function').map((i) => i.label);
    for (const f of ['group_concat', 'ifnull', 'date_format', 'get_customer_balance']) assert.ok(fns.includes(f), f);
    assert.ok(!fns.includes('getdate') && !fns.includes('string_agg'));
  });

  it('hovers with ENUM values (film.rating) and the COMMENT MySQL keeps', () => {
    const rating = hoverAt(sakila, 'SELECT rat|ing FROM film');
    assert.ok(rating.includes("enum: 'G', 'PG', 'PG-13', 'R', 'NC-17'"), rating);
    assert.ok(rating.includes('default `'), rating);
    // The data script ran: the rental table's row estimate shows in its hover.
    assert.match(hoverAt(sakila, 'SELECT * FROM rent|al'), /~1[0-9],[0-9]{3} rows \(estimate\)/);
    const routine = hoverAt(sakila, 'CALL rewards_rep|ort(7, 20.00, @n)');
    assert.ok(routine.includes('Provides a customizable report on best customers'), routine);
    const table = hoverAt(northwind, 'SELECT * FROM sales_rep|orts');
    assert.ok(table.startsWith(`**table** \`${DBS.northwind}.sales_reports\``), table);
    assert.ok(table.includes('| `default` |'), table);
  });

  it('leaves MySQL-only syntax alone and still reports real mistakes', () => {
    const mysqlOnly = [
      "SELECT f.title, GROUP_CONCAT(a.last_name ORDER BY a.last_name SEPARATOR ', ') FROM film f JOIN film_actor fa USING (film_id) JOIN actor a USING (actor_id) GROUP BY f.film_id LIMIT 5, 10",
      'SELECT title FROM film FORCE INDEX (PRIMARY) WHERE film_id > 10',
      "INSERT INTO language (language_id, name) VALUES (1, 'English') ON DUPLICATE KEY UPDATE name = VALUES(name)",
      'SELECT `title`, rental_rate DIV 1 FROM `film` WHERE title REGEXP \'^A\'',
    ];
    for (const sql of mysqlOnly) assert.deepEqual(codes(sakila, sql), [], sql);
    assert.deepEqual(codes(sakila, 'SELECT titel FROM film'), ['unknown-column:titel']);
  });

  it('splits the real Sakila schema script at its DELIMITER lines, for the editor and diagnostics', async () => {
    const script = await readFile(join(DATASETS, 'sakila/sakila.mysql.schema.sql'), 'utf8');
    const doc = new SqlDocument(script, sakila.dialect);
    const inBody = script.indexOf('SELECT', script.indexOf('CREATE PROCEDURE rewards_report'));
    const st = doc.statementAt(inBody);
    const text = script.slice(st.start, st.end);
    assert.ok(text.startsWith('CREATE PROCEDURE rewards_report') && /END\s*$/.test(text) && text.includes('DROP TABLE tmpCustomer;'), text.slice(0, 80));
    // Every routine and trigger stays whole: the diagnostics split has one statement per CREATE.
    const creates = splitStatements(script, 'mysql').filter((s) => /^CREATE\s+(?:DEFINER=\S+\s+)?(?:PROCEDURE|FUNCTION|TRIGGER)/i.test(s.text));
    assert.equal(creates.length, (script.match(/^\s*CREATE\s+(?:DEFINER=\S+\s+)?(?:PROCEDURE|FUNCTION|TRIGGER)\b/gim) ?? []).length);
    assert.ok(creates.length >= 6);
    assert.deepEqual(engine.diagnose({ text: script, dialect: 'mysql', schema: sakila }).filter((d) => d.code === 'syntax'), []);
  });
});
