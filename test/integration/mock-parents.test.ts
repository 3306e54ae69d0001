// Mock rows for a child table only, into a database that already has its parents: Chinook with its
// data in scratch databases (sw_mockfk_*) on PostgreSQL and MariaDB/MySQL. Through the CLI, as a
// user runs it; the database enforces every foreign key and key, and SQL checks that each generated
// reference is an existing parent, that the counts are exact and that the parents were not touched.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import type { MockReport } from '../../server/src/engine/mock/types';
import { cli } from '../helpers/cli';
import { dropDatabase, loadPgDataset } from '../helpers/datasets';
import { loadMysqlScripts, mysqlUrlFor } from '../helpers/mysql-datasets';
import { MYSQL_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

const PG_DB = 'sw_mockfk_chinook';
const MY_DB = 'sw_mockfk_chinook';

async function pg<T = Record<string, unknown>>(text: string): Promise<T[]> {
  const c = new Client({ connectionString: pgUrlFor(PG_DB) });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

const pgNumber = async (text: string) => Number(Object.values((await pg(text))[0]!)[0]);

async function my(text: string): Promise<Record<string, unknown>[]> {
  const c = await createConnection({ uri: mysqlUrlFor(MY_DB) });
  try {
    return (await c.query(text))[0] as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

const myNumber = async (text: string) => Number(Object.values((await my(text))[0]!)[0]);

async function mockJson(args: string[]): Promise<{ code: number; report: MockReport; preview?: { table: string; columns: string[]; rows: (string | null)[][] }[] }> {
  const r = await cli(['mock', ...args, '--json']);
  assert.ok(r.stdout.startsWith('{'), r.stdout + r.stderr);
  const parsed = JSON.parse(r.stdout) as { report: MockReport; preview?: { table: string; columns: string[]; rows: (string | null)[][] }[] };
  return { code: r.code, ...parsed };
}

const messages = (report: MockReport) => report.findings.map((f) => `${f.level} ${f.table ?? ''}: ${f.message}`).join('\n');

describe('mock data for a child table whose parents already have rows: PostgreSQL (Chinook)', function () {
  this.timeout(180_000);
  const url = () => pgUrlFor(PG_DB);
  before(async function () {
    await requirePostgres(this);
    await loadPgDataset('chinook', PG_DB);
  });
  after(async () => {
    await dropDatabase(PG_DB).catch(() => undefined);
  });

  it('a preview draws invoice_line references from the existing invoices and tracks and writes nothing', async () => {
    const r = await cli(['mock', '--connection', url(), '--tables', 'invoice_line', '--rows', '500']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /Existing parent keys \(parents not generated in this run\):\n {2}public\.invoice_line\.invoice_line_invoice_id_fkey → public\.invoice \(invoice_id\): 412 keys, every key, read with LIMIT \(the whole table\)\n {2}public\.invoice_line\.invoice_line_track_id_fkey → public\.track \(track_id\): 3,503 keys/);
    const { report, preview } = await mockJson(['--connection', url(), '--tables', 'invoice_line', '--rows', '500']);
    assert.deepEqual(report.tables.map((t) => t.table), ['public.invoice_line']);
    const lines = preview!.find((t) => t.table === 'public.invoice_line')!;
    const invoiceIds = lines.rows.map((row) => Number(row[lines.columns.indexOf('invoice_id')]));
    assert.ok(invoiceIds.every((id) => id >= 1 && id <= 412), invoiceIds.join(','));
    assert.equal(await pgNumber('SELECT count(*) FROM invoice_line'), 2240);
  });

  it('--write fills invoice_line only: every generated invoice_id and track_id is an existing parent, counts exact, parents untouched', async () => {
    const { code, report } = await mockJson(['--connection', url(), '--tables', 'invoice_line', '--rows', '500', '--write', '--seed', '5']);
    assert.equal(code, 0, messages(report));
    assert.deepEqual(
      report.tables.map((t) => [t.table, t.written, t.existingBefore]),
      [['public.invoice_line', 500, 2240]],
    );
    assert.deepEqual(
      report.sampledParents!.map((s) => [s.table, s.columns, s.keys, s.bounded]),
      [
        ['public.invoice', ['invoice_id'], 412, false],
        ['public.track', ['track_id'], 3503, false],
      ],
    );
    assert.equal(await pgNumber('SELECT count(*) FROM invoice_line'), 2740);
    assert.equal(await pgNumber('SELECT count(*) FROM invoice_line WHERE invoice_line_id > 2240'), 500);
    assert.equal(await pgNumber('SELECT count(*) FROM invoice_line l WHERE invoice_line_id > 2240 AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.invoice_id = l.invoice_id)'), 0);
    assert.equal(await pgNumber('SELECT count(*) FROM invoice_line l WHERE invoice_line_id > 2240 AND NOT EXISTS (SELECT 1 FROM track t WHERE t.track_id = l.track_id)'), 0);
    assert.ok((await pgNumber('SELECT count(DISTINCT invoice_id) FROM invoice_line WHERE invoice_line_id > 2240')) > 100, 'spread over many invoices');
    assert.deepEqual(await pg("SELECT (SELECT count(*) FROM invoice)::int AS invoices, (SELECT count(*) FROM track)::int AS tracks, (SELECT count(*) FROM customer)::int AS customers"), [{ invoices: 412, tracks: 3503, customers: 59 }]);
  });

  it('a many-to-many table (playlist_track: both keys existing parents) avoids the pairs already there', async () => {
    const { code, report } = await mockJson(['--connection', url(), '--tables', 'playlist_track', '--rows', '300', '--write']);
    assert.equal(code, 0, messages(report));
    assert.equal(report.tables[0]!.written, 300);
    assert.equal(await pgNumber('SELECT count(*) FROM playlist_track'), 8715 + 300);
    assert.equal(await pgNumber('SELECT count(*) FROM playlist_track pt WHERE NOT EXISTS (SELECT 1 FROM playlist p WHERE p.playlist_id = pt.playlist_id) OR NOT EXISTS (SELECT 1 FROM track t WHERE t.track_id = pt.track_id)'), 0);
  });

  it('1:1: each invoice at most once and only those without a note yet; the row count is capped and reported', async () => {
    await pg('CREATE TABLE invoice_note (invoice_id int PRIMARY KEY REFERENCES invoice, note text NOT NULL); INSERT INTO invoice_note SELECT invoice_id, \'old\' FROM invoice WHERE invoice_id <= 400');
    const { code, report } = await mockJson(['--connection', url(), '--tables', 'invoice_note', '--rows', '50', '--write']);
    assert.equal(code, 0, messages(report));
    assert.deepEqual(report.tables.map((t) => [t.table, t.written, t.requested]), [['public.invoice_note', 12, 50]]);
    assert.equal(report.sampledParents![0]!.unreferencedOnly, true);
    assert.match(messages(report), /warning public\.invoice_note: domain too small: 12 of 50 rows \(key invoice_note_pkey \(invoice_id\) has only 12 distinct combinations: 12 existing public\.invoice keys not yet referenced by this table\)/);
    assert.deepEqual(await pg("SELECT count(*)::int AS n, min(invoice_id) AS lo, max(invoice_id) AS hi FROM invoice_note WHERE note <> 'old'"), [{ n: 12, lo: 401, hi: 412 }]);
  });

  it('an empty parent: a nullable foreign key stays NULL; a NOT NULL one adds the parent to the run (as before), both reported', async () => {
    await pg('CREATE TABLE promo (id int PRIMARY KEY, label text NOT NULL); CREATE TABLE coupon (id serial PRIMARY KEY, promo_id int REFERENCES promo, invoice_id int NOT NULL REFERENCES invoice); CREATE TABLE voucher (id serial PRIMARY KEY, promo_id int NOT NULL REFERENCES promo)');
    const coupons = await mockJson(['--connection', url(), '--tables', 'coupon', '--rows', '40', '--write']);
    assert.equal(coupons.code, 0, messages(coupons.report));
    assert.match(messages(coupons.report), /info public\.coupon: coupon_promo_id_fkey left NULL: public\.promo is not part of this run and has no rows in the database/);
    assert.deepEqual(await pg('SELECT count(*)::int AS n, count(promo_id)::int AS with_promo, count(DISTINCT invoice_id)::int > 10 AS spread FROM coupon'), [{ n: 40, with_promo: 0, spread: true }]);
    const vouchers = await mockJson(['--connection', url(), '--tables', 'voucher', '--rows', '10', '--write']);
    assert.equal(vouchers.code, 0, messages(vouchers.report));
    assert.deepEqual(vouchers.report.tables.map((t) => [t.table, t.written]), [['public.promo', 10], ['public.voucher', 10]]);
    assert.match(messages(vouchers.report), /info public\.promo: added: public\.voucher\.voucher_promo_id_fkey needs rows in it and it has none in the database/);
  });

  it('an SQL script (--out) does not read the database: the report says why a nullable foreign key to a parent outside the run is NULL', async () => {
    const r = await cli(['mock', '--connection', url(), '--tables', 'coupon', '--rows', '5', '--out', path.join(tmpdir(), `sw-mockfk-${process.pid}.sql`)]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /coupon_promo_id_fkey left NULL: public\.promo is not part of this run \(this run does not read the database: an SQL script, CSV files, a snapshot or SQL Server cannot draw from existing parent rows; preview or --write against a PostgreSQL or MySQL\/MariaDB connection does\)/);
    assert.match(r.stdout, /public\.invoice {2,}5/, 'the NOT NULL parent is generated into the script, as before');
    assert.doesNotMatch(r.stdout, /Existing parent keys/);
  });
});

describe('mock data for a child table whose parents already have rows: MariaDB/MySQL (Chinook)', function () {
  this.timeout(180_000);
  const url = () => mysqlUrlFor(MY_DB);
  before(async function () {
    await requireMysql(this);
    await loadMysqlScripts(MY_DB, 'Chinook', ['chinook/chinook.mysql.sql']);
  });
  after(async () => {
    const admin = await createConnection({ uri: MYSQL_URL });
    await admin.query(`DROP DATABASE IF EXISTS \`${MY_DB}\``).finally(() => admin.end());
  });

  it('--write fills InvoiceLine only: every generated InvoiceId and TrackId is an existing parent, counts exact, parents untouched', async () => {
    const { code, report } = await mockJson(['--connection', url(), '--tables', 'InvoiceLine', '--rows', '500', '--write', '--seed', '5']);
    assert.equal(code, 0, messages(report));
    assert.deepEqual(report.tables.map((t) => [t.table, t.written, t.existingBefore]), [[`${MY_DB}.InvoiceLine`, 500, 2240]]);
    assert.deepEqual(
      report.sampledParents!.map((s) => [s.table, s.keys, s.bounded]),
      [
        [`${MY_DB}.Invoice`, 412, false],
        [`${MY_DB}.Track`, 3503, false],
      ],
    );
    assert.equal(await myNumber('SELECT count(*) FROM InvoiceLine'), 2740);
    assert.equal(await myNumber('SELECT count(*) FROM InvoiceLine l LEFT JOIN Invoice i ON i.InvoiceId = l.InvoiceId WHERE l.InvoiceLineId > 2240 AND i.InvoiceId IS NULL'), 0);
    assert.equal(await myNumber('SELECT count(*) FROM InvoiceLine l LEFT JOIN Track t ON t.TrackId = l.TrackId WHERE l.InvoiceLineId > 2240 AND t.TrackId IS NULL'), 0);
    assert.ok((await myNumber('SELECT count(DISTINCT InvoiceId) FROM InvoiceLine WHERE InvoiceLineId > 2240')) > 100);
    assert.deepEqual([await myNumber('SELECT count(*) FROM Invoice'), await myNumber('SELECT count(*) FROM Track')], [412, 3503]);
  });

  it('a many-to-many table (PlaylistTrack) avoids the pairs already there; a 1:1 table takes only parents without a row and is capped', async () => {
    const pairs = await mockJson(['--connection', url(), '--tables', 'PlaylistTrack', '--rows', '300', '--write']);
    assert.equal(pairs.code, 0, messages(pairs.report));
    assert.equal(await myNumber('SELECT count(*) FROM PlaylistTrack'), 8715 + 300);
    await my('CREATE TABLE InvoiceNote (InvoiceId INT NOT NULL PRIMARY KEY, Note VARCHAR(40) NOT NULL, CONSTRAINT FK_NoteInvoice FOREIGN KEY (InvoiceId) REFERENCES Invoice (InvoiceId))');
    await my("INSERT INTO InvoiceNote SELECT InvoiceId, 'old' FROM Invoice WHERE InvoiceId <= 400");
    const notes = await mockJson(['--connection', url(), '--tables', 'InvoiceNote', '--rows', '50', '--write']);
    assert.equal(notes.code, 0, messages(notes.report));
    assert.deepEqual(notes.report.tables.map((t) => [t.written, t.requested]), [[12, 50]]);
    assert.match(messages(notes.report), /domain too small: 12 of 50 rows .*12 existing sw_mockfk_chinook\.Invoice keys not yet referenced by this table/);
    assert.deepEqual(await my("SELECT count(*) AS n, min(InvoiceId) AS lo, max(InvoiceId) AS hi FROM InvoiceNote WHERE Note <> 'old'"), [{ n: 12, lo: 401, hi: 412 }]);
  });
});
