// "Did you mean …?" suggestions: exact bounded edit distances (optimal string alignment: swapped
// letters count as one edit), the same nearest name as a plain full-matrix scan, and cheap enough that a long script full of unknown tables (e.g. opened while
// connected to the wrong database) does not freeze the language server on a 5,000-table schema.
import { strict as assert } from 'node:assert';
import { mulberry32 } from '../../scripts/fuzz-diagnostics';
import { DiagnosticsEngine } from '../../server/src/engine/diagnostics';
import { didYouMeanWork, editDistance, nearestName } from '../../server/src/engine/diagnostics/did-you-mean';
import { emptyModel, type TableInfo } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { chinook, indexOf } from '../helpers/fixtures';

/** The textbook full-matrix optimal string alignment distance, as the reference. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

function naiveNearest(name: string, candidates: string[]): string | undefined {
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === name) continue;
    const score = c.toLowerCase() === name.toLowerCase() ? 0 : osa(name.toLowerCase(), c.toLowerCase());
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) [best, bestScore] = [c, score];
  }
  return bestScore <= limit ? best : undefined;
}

describe('did you mean', () => {
  const random = mulberry32(7);
  const word = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => 'abcdeXY_'[Math.floor(random() * 8)]).join('');

  it('computes the exact distance when it is within the limit, and limit + 1 beyond it', () => {
    for (let n = 0; n < 3000; n++) {
      const [a, b] = [word(), word()];
      const exact = osa(a, b);
      assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
      for (const limit of [0, 1, 2, 3]) assert.equal(editDistance(a, b, limit), exact <= limit ? exact : limit + 1, `${a} / ${b} within ${limit}`);
    }
  });

  it('counts a swap of two adjacent letters as one edit (optimal string alignment)', () => {
    assert.equal(editDistance('nmae', 'name'), 1);
    assert.equal(editDistance('titel', 'title'), 1);
    assert.equal(editDistance('ca', 'abc'), 3); // OSA, not unrestricted Damerau (2): no substring is edited twice
    assert.equal(nearestName('nmae', ['name', 'milliseconds', 'album_id']), 'name');
    assert.equal(nearestName('titel', ['title', 'artist_id']), 'title');
    assert.equal(nearestName('Tarck', ['track', 'album']), 'track');
  });

  it('diagnostics suggest the fix for swapped letters: t.nmae, titel, tarck', async () => {
    const engine = await DiagnosticsEngine.create();
    const schema = indexOf(chinook());
    const messages = (text: string) => engine.diagnose({ text, dialect: 'postgres', schema }).map((d) => d.message);
    assert.deepEqual(messages('SELECT t.nmae FROM track t'), ['Column "nmae" does not exist in "t". Did you mean "name"?']);
    assert.match(messages('SELECT titel FROM album')[0]!, /Did you mean "title"\?/);
    assert.match(messages('SELECT * FROM tarck')[0]!, /Did you mean "track"\?/);
  });

  it('picks the same name as a plain scan: case-only differences first, then the nearest, ties by name', () => {
    assert.equal(nearestName('CustomerID', ['customer_id', 'CustomerId', 'customerid']), 'CustomerId');
    for (let n = 0; n < 500; n++) {
      const name = word();
      const candidates = Array.from({ length: 20 }, word);
      assert.equal(nearestName(name, candidates), naiveNearest(name, candidates), `${name} among ${candidates.join(',')}`);
    }
  });

  it('bounds the work for 2,000 unknown tables against a 5,000-table schema (banded, early-stopping distance)', async () => {
    const m = emptyModel('postgres', 'big', ['public']);
    m.schemas.push({ name: 'public' });
    const prefixes = ['customer', 'account', 'invoice', 'product', 'event'];
    for (let i = 0; i < 5000; i++) {
      const t: TableInfo = { schema: 'public', name: `${prefixes[i % 5]}_${String(i).padStart(4, '0')}`, kind: 'table', columns: [{ name: 'id', dataType: 'bigint', ordinal: 1, nullable: false }], foreignKeys: [], uniques: [], checks: [], indexes: [] };
      m.tables.push(t);
    }
    const schema = new SchemaIndex(m);
    const engine = await DiagnosticsEngine.create();
    // customer_NNNN exists only for NNNN ≡ 0 (mod 5): most names are unknown, each one letter away from a table.
    const text = Array.from({ length: 2000 }, (_, i) => `SELECT id FROM customer_${String(i * 5 + 1).padStart(4, '0')} WHERE id = ${i};`).join('\n');
    didYouMeanWork.distances = 0;
    didYouMeanWork.cells = 0;
    const found = engine.diagnose({ text, dialect: 'postgres', schema });
    assert.equal(found.filter((d) => d.code === 'unknown-table').length, 2000);
    assert.match(found[0]!.message, /Table or view "customer_0001" does not exist\. Did you mean "customer_0000"\?/);
    // The work, not the wall time (timings: npm run bench:did-you-mean). Full matrices would fill
    // 2,000 names × 5,000 tables × 13 × 13 ≈ 1.7·10⁹ cells. Candidates whose length rules them out
    // cost nothing, and once the best distance is 1 the band is 3 cells wide: at most 3 cells for each
    // of the 13 rows of a distance (measured: about 11 on average, after the common prefix and suffix are set aside).
    const names = 2000;
    assert.ok(didYouMeanWork.distances <= names * 5000, `${didYouMeanWork.distances} distances`);
    assert.ok(didYouMeanWork.cells <= didYouMeanWork.distances * 13 * 3, `${didYouMeanWork.cells} cells for ${didYouMeanWork.distances} distances`);
    assert.ok(didYouMeanWork.cells < (names * 5000 * 13 * 13) / 8, `${didYouMeanWork.cells} cells`);
    console.log(`      work: ${didYouMeanWork.distances} distances, ${didYouMeanWork.cells} cells (${(didYouMeanWork.cells / names).toFixed(0)} per unknown name)`);
  });
});
