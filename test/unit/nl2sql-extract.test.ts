// Getting SQL out of whatever a model answers, and the offline translator's behaviour that needs
// no database (refusals, joins, literals).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { extractSql, translateOffline } from '../../server/src/engine/nl2sql';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { datasetPath } from '../helpers/datasets';
import { pgDdlModel } from '../helpers/pg-ddl-model';

describe('nl2sql answer extraction', () => {
  it('prefers the ```sql block and keeps the prose as explanation', () => {
    const r = extractSql('Here you go:\n```text\nnot this\n```\n```sql\nSELECT 1;\n```\nDone.');
    assert.deepEqual(r, { kind: 'sql', sql: 'SELECT 1', explanation: 'Here you go: text not this Done.' });
  });
  it('takes an untagged fence that holds SQL', () => {
    assert.equal((extractSql('```\nselect * from t\n```') as { sql: string }).sql, 'select * from t');
  });
  it('takes bare SQL and a trailing explanation after a blank line', () => {
    const r = extractSql('SELECT name\nFROM artist\nWHERE artist_id = 1;\n\nThis finds artist 1.');
    assert.deepEqual(r, { kind: 'sql', sql: 'SELECT name\nFROM artist\nWHERE artist_id = 1', explanation: 'This finds artist 1.' });
  });
  it('finds SQL after a line of prose', () => {
    const r = extractSql('The query is:\nSELECT COUNT(*) FROM track');
    assert.equal(r.kind, 'sql');
    assert.equal((r as { sql: string }).sql, 'SELECT COUNT(*) FROM track');
  });
  it('recognises a refusal', () => {
    assert.deepEqual(extractSql('Cannot answer: there is no salary column.'), { kind: 'refusal', reason: 'there is no salary column.' });
  });
  it('reports garbage as no SQL, with a short preview', () => {
    const r = extractSql('¯\\_(ツ)_/¯ ' + 'blah '.repeat(50));
    assert.equal(r.kind, 'none');
    assert.ok((r as { preview: string }).preview.length <= 120);
  });
});

describe('nl2sql offline translator without a database', () => {
  const schema = new SchemaIndex(pgDdlModel(readFileSync(datasetPath('chinook/chinook.postgres.sql'), 'utf8'), 'chinook'));

  it('joins along the foreign-key path and quotes literals', async () => {
    const r = await translateOffline("how many tracks by O'Connor", schema);
    assert.equal(r.ok, true, JSON.stringify(r));
    if (!r.ok) return;
    assert.match(r.sql, /'O''Connor'/);
  });
  it('counts per group through a bridge table', async () => {
    const r = await translateOffline('how many tracks per playlist', schema);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.match(r.sql, /JOIN playlist_track ON playlist_track\.track_id = track\.track_id\nJOIN playlist ON playlist\.playlist_id = playlist_track\.playlist_id/);
    assert.match(r.sql, /GROUP BY playlist\.playlist_id, playlist\.name/);
  });
  it('says without a probe which column it assumed a value belongs to', async () => {
    const r = await translateOffline('list customers in Brazil', schema);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.match(r.sql, /WHERE country = 'Brazil'/);
    assert.match(r.explanation, /Assumed "Brazil" is a value of customer\.country/);
  });
  it('refuses when nothing in the question matches the schema', async () => {
    assert.deepEqual(await translateOffline('what is the weather tomorrow', schema), { ok: false, reason: '"weather", "tomorrow" match no table or column of the schema' });
  });
  it('refuses to group without anything to aggregate', async () => {
    const r = await translateOffline('tracks per genre', schema);
    assert.equal(r.ok, false);
  });
  it('refuses an empty question and write requests', async () => {
    assert.equal((await translateOffline('   ', schema)).ok, false);
    const r = await translateOffline('update the prices of all tracks', schema);
    assert.match(r.ok ? '' : r.reason, /read-only queries only/);
  });
});
