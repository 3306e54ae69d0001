// The per-document statement cache: an edit updates the `;` boundaries locally (re-lexing only the
// touched statement) and must always agree with splitting the whole new text from scratch.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { SqlDocument } from '../../server/src/engine/sql/sql-document';
import { semicolonOffsets } from '../../server/src/engine/sql/tokenizer';
import { DATASETS } from '../helpers/fixtures';

const pg = getDialect('postgres');

/** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sql document: incremental statement boundaries', () => {
  it('re-lexes only the edited statement of a long script', () => {
    const text = 'SELECT 1;\n'.repeat(20000);
    const doc = new SqlDocument(text, pg);
    const at = text.length / 2;
    const span = doc.applyEdit({ start: at, end: at, newText: 'x' });
    assert.ok(span.to - span.from < 20, `re-lexed ${span.to - span.from} characters`);
    assert.deepEqual(doc.semicolons, semicolonOffsets(doc.text, pg));
  });

  it('follows an opened string or dollar quote to where the old boundaries agree again', () => {
    const doc = new SqlDocument("SELECT 1; SELECT 2; SELECT 3; SELECT 4;", pg);
    doc.applyEdit({ start: 17, end: 17, newText: "'" });
    assert.deepEqual(doc.semicolons, semicolonOffsets(doc.text, pg));
    assert.equal(doc.semicolons.length, 1);
    doc.applyEdit({ start: 17, end: 18, newText: '' });
    assert.deepEqual(doc.semicolons, [8, 18, 28, 38]);
    doc.applyEdit({ start: 0, end: 0, newText: 'DO $$ ' });
    assert.deepEqual(doc.semicolons, semicolonOffsets(doc.text, pg));
  });

  it('agrees with a full split after 2,000 random edits of the Sakila PostgreSQL schema script', () => {
    const script = readFileSync(join(DATASETS, 'sakila/sakila.postgres.schema.sql'), 'utf8');
    const doc = new SqlDocument(script, pg);
    const next = random(7);
    const pieces = [';', "'", '$$', '$fn$', '/*', '*/', '--', '\n', '"', 'x', ' ', "E'\\'", 'SELECT 1;'];
    for (let n = 0; n < 2000; n++) {
      const start = Math.floor(next() * doc.text.length);
      const end = Math.min(doc.text.length, start + Math.floor(next() * 4));
      const newText = next() < 0.3 ? '' : pieces[Math.floor(next() * pieces.length)];
      doc.applyEdit({ start, end, newText });
      if (n % 50 === 0 || n > 1990) assert.deepEqual(doc.semicolons, semicolonOffsets(doc.text, pg), `after edit ${n}`);
    }
  });

  it('finds the statement under the cursor from the cached boundaries', () => {
    const doc = new SqlDocument('SELECT 1; SELECT a FROM t; SELECT 3', pg);
    const st = doc.statementAt(15);
    assert.equal(doc.text.slice(st.start, st.end), 'SELECT a FROM t');
    doc.applyEdit({ start: 17, end: 18, newText: 'abc' });
    const after = doc.statementAt(15);
    assert.equal(doc.text.slice(after.start, after.end), 'SELECT abc FROM t');
  });
});
