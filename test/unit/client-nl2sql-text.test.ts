// Pure logic of the NL→SQL commands: the statement at the cursor, the question of a comment line,
// the text inserted, and what happens with an answer (insert, confirm a write, show the failure).
import { strict as assert } from 'node:assert';
import { answerAction } from '../../client/src/nl2sql/answer-policy';
import { indentOf, questionOfCommentLine, sqlToInsert, statementAt } from '../../client/src/nl2sql/sql-text';
import type { Nl2SqlResult } from '../../server/src/protocol';
import { cursor } from '../helpers/fixtures';

const stmt = (marked: string) => {
  const { text, offset } = cursor(marked);
  return statementAt(text, offset)?.text;
};

describe('client NL→SQL text helpers', () => {
  it('takes the statement around the cursor, ignoring semicolons in strings, comments and dollar quotes', () => {
    assert.equal(stmt('SELECT 1;\nSELECT \'a;b\' AS x| FROM t;\nSELECT 3;'), "SELECT 'a;b' AS x FROM t");
    assert.equal(stmt('-- the question; really\nSELECT | 2'), 'SELECT  2');
    assert.equal(stmt('SELECT 1;\n\n|'), 'SELECT 1');
    assert.equal(stmt('DO $$ BEGIN PERFORM 1; END $$|;'), 'DO $$ BEGIN PERFORM 1; END $$');
    assert.equal(stmt('SELECT "a;" /* ; */ FROM| t'), 'SELECT "a;" /* ; */ FROM t');
    assert.equal(stmt('|'), undefined);
  });

  it('reads the question of a comment line, dropping a Q: prefix', () => {
    assert.equal(questionOfCommentLine('  -- Q: how many customers are there?'), 'how many customers are there?');
    assert.equal(questionOfCommentLine('--top 5 albums'), 'top 5 albums');
    assert.equal(questionOfCommentLine('SELECT 1'), undefined);
    assert.equal(questionOfCommentLine('-- ----'), undefined);
  });

  it('inserts one statement with a semicolon, indented like the comment', () => {
    assert.equal(sqlToInsert('SELECT 1\nFROM t;;  ', '  '), '  SELECT 1\n  FROM t;\n');
    assert.equal(indentOf('\t  -- q'), '\t  ');
  });
});

describe('client NL→SQL answer policy', () => {
  const base = { rounds: 1, attempts: [], provider: 'offline', tablesUsed: [], tablesInContext: [], contextTokens: 10 };

  it('inserts a read with its explanation as info', () => {
    const r: Nl2SqlResult = { ...base, status: 'ok', sql: 'SELECT 1', explanation: 'One.', warnings: ['lint: x'], classification: { kind: 'read', verb: 'SELECT' } };
    assert.deepEqual(answerAction(r), { kind: 'insert', sql: 'SELECT 1', info: 'One. · lint: x' });
  });

  it('asks before inserting a write, and says it is never run', () => {
    const r: Nl2SqlResult = { ...base, status: 'ok', sql: 'DELETE FROM t', warnings: ['THIS STATEMENT WRITES TO THE DATABASE (DELETE): x'], classification: { kind: 'write', verb: 'DELETE', reason: 'DELETE changes data' } };
    const a = answerAction(r);
    assert.equal(a.kind, 'confirm-write');
    if (a.kind !== 'confirm-write') return;
    assert.match(a.warning, /WRITES TO THE DATABASE \(DELETE\)/);
    assert.match(a.detail, /never runs it/);
    assert.match(a.detail, /DELETE FROM t/);
  });

  it('shows failures, and stays quiet on a cancel', () => {
    assert.deepEqual(answerAction({ status: 'failed', kind: 'cancelled', message: 'cancelled', rounds: 0, attempts: [], provider: 'openai' }), { kind: 'cancelled' });
    assert.deepEqual(answerAction({ status: 'failed', kind: 'cannot-answer', message: 'cannot answer: no such thing', rounds: 1, attempts: [], provider: 'offline' }), { kind: 'show-failure', message: 'Schemawise: cannot answer: no such thing' });
  });
});
