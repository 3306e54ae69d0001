// The offline translator's pipeline on schema snapshots (no database): every content word must end
// up in the SQL or it declines; units come from a column's name or comment; patterns are LIKE with
// the value's own wildcards escaped; anti-joins follow foreign keys; aliases follow the schema's
// identifier style (PascalCase on SQL Server's Chinook); a decline says what it can answer.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleMssqlModel } from '../../server/src/engine/drivers/mssql/mssql-assemble';
import { MSSQL_RESULT_SET_KEYS, type MssqlResultSets } from '../../server/src/engine/drivers/mssql/mssql-rows';
import { askDatabase, OfflineProvider } from '../../server/src/engine/nl2sql';
import { translateOffline } from '../../server/src/engine/nl2sql/offline/translate';
import { unitOfColumn } from '../../server/src/engine/nl2sql/offline/units';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { pgDdlModel } from '../helpers/pg-ddl-model';

const DDL = `
CREATE TABLE artist (artist_id integer PRIMARY KEY, name varchar(120));
CREATE TABLE album (album_id integer PRIMARY KEY, title varchar(160) NOT NULL, artist_id integer NOT NULL);
ALTER TABLE album ADD CONSTRAINT album_artist_fk FOREIGN KEY (artist_id) REFERENCES artist (artist_id);
CREATE TABLE track (track_id integer PRIMARY KEY, name varchar(200) NOT NULL, album_id integer, milliseconds integer NOT NULL, unit_price numeric(10,2) NOT NULL, discontinued integer);
ALTER TABLE track ADD CONSTRAINT track_album_fk FOREIGN KEY (album_id) REFERENCES album (album_id);
CREATE TABLE film (film_id integer PRIMARY KEY, title varchar(255) NOT NULL, length smallint, running smallint);
COMMENT ON COLUMN film.running IS 'Running time in minutes';
`;

const index = new SchemaIndex(pgDdlModel(DDL, 'music'));
const sql = async (q: string, ix = index) => {
  const r = await translateOffline(q, ix);
  assert.ok(r.ok, `declined "${q}": ${r.ok ? '' : r.reason}`);
  return r.ok ? r.sql.replace(/\s+/g, ' ') : '';
};
const declined = async (q: string, ix = index) => {
  const r = await translateOffline(q, ix);
  assert.ok(!r.ok, `answered "${q}": ${r.ok ? r.sql : ''}`);
  return r.ok ? '' : r.reason;
};

describe('offline NL→SQL pipeline (snapshots)', () => {
  describe('units', () => {
    it('reads the unit of a column from its name or its comment, and none from a bare "length"', () => {
      const col = (t: string, c: string) => index.model.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!;
      assert.equal(unitOfColumn(col('track', 'milliseconds')), 'ms');
      assert.equal(unitOfColumn(col('film', 'running')), 'min');
      assert.equal(unitOfColumn(col('film', 'length')), undefined);
    });
    it('converts "longer than 5 minutes" into the column unit (milliseconds)', async () => {
      assert.match(await sql('How many tracks are longer than 5 minutes?'), /WHERE milliseconds > 300000\b/);
      assert.match(await sql('How many tracks are shorter than 90 seconds?'), /WHERE milliseconds < 90000\b/);
    });
    it('converts into a unit the comment gives ("Running time in minutes")', async () => {
      assert.match(await sql('how many films have a running longer than 2 hours'), /running > 120\b/);
    });
    it('declines a unit when the column does not say its own', async () => {
      assert.match(await declined('how many films are longer than 3 hours'), /film\.length does not say its unit/);
    });
    it('shows an aggregate in the unit asked for', async () => {
      assert.match(await sql('What is the average track length in minutes?'), /AVG\(milliseconds\) \/ 60000\.0 AS avg_minutes/);
    });
  });

  describe('every content word is accounted for', () => {
    it('declines a column the plan cannot use instead of listing everything', async () => {
      assert.match(await declined('Which tracks are discontinued?'), /could not work "discontinued"/);
    });
    it('sums the column called total only for "the total of"', async () => {
      const ix = new SchemaIndex(pgDdlModel('CREATE TABLE invoice (invoice_id integer PRIMARY KEY, total numeric(10,2));', 'shop'));
      assert.match(await sql('What is the total of all invoices?', ix), /SELECT SUM\(total\)/);
      assert.match(await sql('List invoices with a total above 15', ix), /SELECT \* FROM invoice WHERE total > 15/);
    });
    it('projects only the columns asked for', async () => {
      assert.equal(await sql('List the name and unit price of tracks longer than 20 minutes'), 'SELECT name, unit_price FROM track WHERE milliseconds > 1200000');
    });
    it('links a quoted value to the table named right before it', async () => {
      assert.match(await sql("List the tracks of the album 'Let There Be Rock'"), /JOIN album ON .* WHERE album\.title = 'Let There Be Rock'/);
    });
    it('never answers with a word it read as grammar: "no" needs a table after it', async () => {
      const reason = await declined('artists who have no unicorns');
      assert.doesNotMatch(reason, /"no" matches no table/);
    });
  });

  describe('patterns and anti-joins', () => {
    it('turns contains / starts with / ends with into LIKE', async () => {
      assert.match(await sql("List the albums whose title contains 'Greatest'"), /WHERE title LIKE '%Greatest%'$/);
      assert.match(await sql("List the tracks whose name starts with 'Love'"), /WHERE name LIKE 'Love%'$/);
      assert.match(await sql("How many tracks have a name ending with 'Blues'?"), /WHERE name LIKE '%Blues'$/);
    });
    it("escapes the value's own % and _", async () => {
      assert.match(await sql("List the tracks whose name contains '100%_pure'"), /LIKE '%100\\%\\_pure%' ESCAPE '\\'/);
    });
    it('answers "who have no" with NOT EXISTS along the foreign key', async () => {
      assert.equal(await sql('artists who have no albums'), 'SELECT * FROM artist WHERE NOT EXISTS (SELECT 1 FROM album WHERE album.artist_id = artist.artist_id)');
      assert.match(await sql('How many artists have no albums?'), /^SELECT COUNT\(\*\) AS artist_count FROM artist WHERE NOT EXISTS/);
    });
  });

  describe('aliases follow the schema identifier style', () => {
    it('snake_case on PostgreSQL-style names', async () => {
      assert.match(await sql('how many tracks per album'), /AS track_count/);
    });
    it('PascalCase on SQL Server Chinook (TrackCount, not Track_count)', async () => {
      const dir = join(__dirname, '..', 'fixtures', 'mssql', 'chinook');
      const sets = Object.fromEntries(MSSQL_RESULT_SET_KEYS.map((k) => [k, JSON.parse(readFileSync(join(dir, `${k}.json`), 'utf8'))])) as unknown as MssqlResultSets;
      const ix = new SchemaIndex(assembleMssqlModel(sets));
      const out = await sql('how many tracks per genre', ix);
      assert.match(out, /AS TrackCount\b/);
      assert.match(await sql('average unit price of tracks', ix), /AS AvgUnitPrice\b/);
    });
  });

  describe('declines say what the offline translator can answer', () => {
    it('adds the capabilities to an offline decline (the editor adds how to connect a model)', async () => {
      const r = await askDatabase({ question: 'how many unicorns are there', schema: index, provider: new OfflineProvider() });
      assert.equal(r.status, 'failed');
      if (r.status !== 'failed') return;
      assert.equal(r.kind, 'cannot-answer');
      assert.match(r.help ?? '', /offline translator answers questions that name your tables and columns/);
    });
  });
});
