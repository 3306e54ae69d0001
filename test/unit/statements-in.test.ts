// Range requests on big documents lex only what they look at: SqlDocument.statementsIn gives the
// same statements as splitting the whole text (plain scripts, GO and DELIMITER scripts, any range),
// and folding over an SqlDocument (statement folds remembered by text) gives the same ranges as
// folding the text, after any sequence of edits.
import { strict as assert } from 'node:assert';
import { statementsIn } from '../../server/src/engine/features/document-input';
import { foldingRanges, foldingRangesAsync } from '../../server/src/engine/features/folding/folding-ranges';
import { documentSymbols } from '../../server/src/engine/features/navigation/document-symbols';
import { semanticTokens } from '../../server/src/engine/features/semantic-tokens/semantic-tokens';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { pgDdlModel } from '../helpers/pg-ddl-model';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { SqlDocument } from '../../server/src/engine/sql/sql-document';
import { splitStatements } from '../../server/src/engine/sql/statement-splitter';
import type { DialectId } from '../../server/src/engine/schema/model';

const SCRIPTS: [DialectId, string][] = [
  ['postgres', "-- region setup\nselect 1;\n/* a\nblock */ select a,\n  (select b\n   from t)\nfrom u;\n-- endregion\n;; select 'x;y', $$a;b$$ from v\n\n"],
  ['mssql', 'select 1\nGO\nselect (a\n) from t;\nselect 2\nGO 2\n-- trailing comment\n'],
  ['mysql', 'select 1;\nDELIMITER //\ncreate procedure p()\nbegin\n  select (1\n  );\nend //\nDELIMITER ;\nselect 3'],
];

const strip = (sts: { from: number; start: number; end: number; semicolon?: number; tokens: { start: number }[] }[]) => sts.map((s) => [s.start, s.end, s.semicolon, s.tokens.length]);

describe('statementsIn and remembered folding', () => {
  for (const [dialect, text] of SCRIPTS) {
    it(`statementsIn over an SqlDocument matches splitting the text (${dialect})`, () => {
      const d = getDialect(dialect);
      const doc = new SqlDocument(text, d);
      for (let from = 0; from <= text.length; from += 7)
        for (const width of [0, 5, 40, text.length]) {
          const to = from + width;
          const expected = splitStatements(text, d).filter((st) => !(st.end < from || st.start > to));
          const got = statementsIn(doc, d, from, to).filter((st) => !(st.end < from || st.start > to));
          assert.deepEqual(strip(got), strip(expected), `${dialect} [${from}, ${to}]`);
          assert.deepEqual(doc.spansIn(from, to), doc.statementSpans().filter((sp) => sp.to >= from && sp.from <= to), `spans ${dialect} [${from}, ${to}]`);
        }
    });
  }

  it('folding an SqlDocument after edits gives the folds of its text (regions spanning statements included)', () => {
    const d = getDialect('postgres');
    let text = SCRIPTS[0]![1];
    const doc = new SqlDocument(text, d);
    assert.deepEqual(foldingRanges(doc, d), foldingRanges(text, d));
    const edits = [
      { at: text.indexOf('from t'), insert: '\n   join w on (w.a = t.a)' },
      { at: 0, insert: 'select (\n1);\n' },
      { at: text.indexOf('-- endregion'), insert: '-- region inner\nselect 9;\n-- endregion\n' },
      { at: 3, remove: 4 },
    ];
    for (const e of edits) {
      const at = Math.min(e.at, text.length);
      const end = at + (e.remove ?? 0);
      const insert = e.insert ?? '';
      doc.applyEdit({ start: at, end, newText: insert });
      text = text.slice(0, at) + insert + text.slice(end);
      assert.equal(doc.text, text);
      assert.deepEqual(foldingRanges(doc, d), foldingRanges(text, d), JSON.stringify(e));
    }
  });

  it('folding a big SqlDocument in slices gives the same folds, pausing while it lexes and stopping when cancelled', async () => {
    const d = getDialect('postgres');
    const text = Array.from({ length: 3000 }, (_, n) => `SELECT (a + ${n})\n  FROM t${n % 7}\n WHERE b IN (\n  1, 2);`).join('\n');
    let pauses = 0;
    const sliced = await foldingRangesAsync(new SqlDocument(text, d), d, { pause: async () => void pauses++, sliceMs: 0 });
    assert.deepEqual(sliced, foldingRanges(text, d));
    assert.ok(pauses > 100, `paused ${pauses} times`);
    // A document whose statements are all remembered lexes nothing: it steps only every 256 statements.
    const doc = new SqlDocument(text, d);
    foldingRanges(doc, d);
    pauses = 0;
    assert.deepEqual(await foldingRangesAsync(doc, d, { pause: async () => void pauses++, sliceMs: 0 }), sliced);
    assert.equal(pauses, Math.floor(3000 / 256));
    assert.equal(await foldingRangesAsync(new SqlDocument(text, d), d, { pause: async () => undefined, cancelled: () => true, sliceMs: 0 }), undefined);
  });

  it('a folding run cut short keeps what it lexed: while the user types, each run gets further than the last', async () => {
    const d = getDialect('postgres');
    let text = Array.from({ length: 500 }, (_, n) => `SELECT (a + ${n})\n  FROM t${n % 7};`).join('\n');
    const doc = new SqlDocument(text, d);
    const steps: number[] = [];
    // Each run is cancelled after 100 statements lexed, and the text is edited in between (a keystroke).
    for (let n = 0; n < 8; n++) {
      let pauses = 0;
      const result = await foldingRangesAsync(doc, d, { pause: async () => void pauses++, cancelled: () => pauses >= 100, sliceMs: 0 });
      steps.push(pauses);
      if (result) {
        assert.deepEqual(result, foldingRanges(text, d));
        break;
      }
      const at = text.indexOf('(a + ') + 1;
      doc.applyEdit({ start: at, end: at, newText: ' ' });
      text = text.slice(0, at) + ' ' + text.slice(at);
    }
    // 500 statements, 100 steps per run, one re-lexed per edit: done in the sixth run, not never
    // (a step is a statement lexed, or 256 remembered ones looked up).
    assert.equal(steps.length, 6, `steps ${steps.join(', ')}`);
    assert.ok(steps.slice(0, 5).every((n) => n === 100) && steps[5] < 20, `steps ${steps.join(', ')}`);
  });

  it('folding stays right over hundreds of edits of one statement (the memo drops the texts edited away)', () => {
    const d = getDialect('postgres');
    let text = Array.from({ length: 20 }, (_, n) => `SELECT ${n} FROM t;`).join('\n');
    const doc = new SqlDocument(text, d);
    for (let n = 0; n < 300; n++) {
      doc.applyEdit({ start: 7, end: 7, newText: 'x' });
      text = text.slice(0, 7) + 'x' + text.slice(7);
      assert.deepEqual(foldingRanges(doc, d), foldingRanges(text, d));
    }
  });

  it('the outline of an SqlDocument (remembered per statement text) matches the outline of its text, across edits', () => {
    const d = getDialect('postgres');
    let text = 'WITH a AS (SELECT 1), b AS (SELECT * FROM a) SELECT * FROM b;\nUPDATE film SET title = 1;\n-- done\nINSERT INTO sales.store (name) VALUES (1);\n-- only a comment;\nSELECT 2';
    const doc = new SqlDocument(text, d);
    assert.deepEqual(documentSymbols(doc, d), documentSymbols(text, d));
    for (const [at, insert] of [[0, 'DELETE FROM x;\n'], [text.indexOf('UPDATE'), 'WITH z AS (SELECT 3) '], [text.length, '; SELECT * FROM q'], [text.indexOf('film'), 'my_']] as [number, string][]) {
      const where = Math.min(at, text.length);
      doc.applyEdit({ start: where, end: where, newText: insert });
      text = text.slice(0, where) + insert + text.slice(where);
      assert.deepEqual(documentSymbols(doc, d), documentSymbols(text, d), JSON.stringify(insert));
    }
    assert.equal(documentSymbols(doc, d).length, 6); // the comment-only statement has none
  });

  it('semantic tokens over an SqlDocument (remembered per statement text) match classifying the text, across edits and ranges', () => {
    const index = new SchemaIndex(pgDdlModel('CREATE TABLE t (a int, b text); CREATE TABLE u (x int, t_a int);', 'shop'));
    const d = index.dialect;
    let text = 'WITH c AS (SELECT a FROM t) SELECT c.a, u.x, lower(b) FROM c, u, t WHERE u.t_a = $1;\nSELECT * FROM t tt WHERE tt.a > 1;\n-- note\nSELECT x FROM u';
    const doc = new SqlDocument(text, d);
    const check = () => {
      for (const [from, to] of [[0, text.length], [5, 40], [text.indexOf('tt.a'), text.indexOf('tt.a') + 2], [text.length - 5, text.length]] as [number, number][])
        assert.deepEqual(semanticTokens(doc, index, from, to), semanticTokens(text, index, from, to), `[${from}, ${to}] of ${JSON.stringify(text)}`);
    };
    check();
    assert.deepEqual([...new Set(semanticTokens(text, index).map((t) => t.kind))].sort(), ['alias', 'column', 'cte', 'function', 'parameter', 'table']);
    for (const [at, insert] of [[text.indexOf('tt.a'), 'tt.b, '], [0, 'SELECT 1;\n'], [text.length, ' WHERE u.x = 2']] as [number, string][]) {
      doc.applyEdit({ start: at, end: at, newText: insert });
      text = text.slice(0, at) + insert + text.slice(at);
      check();
    }
  });
});
