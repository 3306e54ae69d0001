// Ask the Database, offline (issue 20): a decline of the offline translator says what it can answer
// and how to connect a model, with a button to the AI settings; the inserted SQL keeps the question
// as a comment above it.
import { strict as assert } from 'node:assert';
import { AI_SETTINGS_QUERY, answerAction } from '../../client/src/nl2sql/answer-policy';
import { sqlToInsert } from '../../client/src/nl2sql/sql-text';
import { OFFLINE_CAPABILITIES } from '../../server/src/engine/nl2sql/offline/capabilities';

describe('Ask the Database, offline: declines and inserted SQL', () => {
  it('an offline decline names what it answers, the schemawise.ai.baseUrl setting, and offers the settings', () => {
    const a = answerAction({ status: 'failed', kind: 'cannot-answer', message: 'cannot answer: "unicorns" matches no table or column of the schema', help: OFFLINE_CAPABILITIES, rounds: 1, attempts: [], provider: 'offline' });
    assert.equal(a.kind, 'show-failure');
    if (a.kind !== 'show-failure') return;
    assert.equal(a.openSettings, true);
    assert.match(a.message, /offline translator answers questions that name your tables and columns/);
    assert.match(a.message, /schemawise\.ai\.baseUrl/);
    assert.equal(AI_SETTINGS_QUERY, 'schemawise.ai');
  });

  it('other failures keep the plain message and no settings button', () => {
    const a = answerAction({ status: 'failed', kind: 'provider-error', message: 'openai provider failed: 401', rounds: 1, attempts: [], provider: 'openai' });
    assert.deepEqual(a, { kind: 'show-failure', message: 'Schemawise: openai provider failed: 401' });
  });

  it('puts the question as a comment line above the inserted SQL, on one line and indented', () => {
    assert.equal(sqlToInsert('SELECT COUNT(*) AS track_count\nFROM track', '  ', 'How many\ntracks are there?'), '  -- How many tracks are there?\n  SELECT COUNT(*) AS track_count\n  FROM track;\n');
    assert.equal(sqlToInsert('SELECT 1', ''), 'SELECT 1;\n');
  });
});
