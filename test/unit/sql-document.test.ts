// The per-document statement cache: an edit updates the `;` boundaries locally (re-lexing only the
// touched statement) and must always agree with splitting the whole new text from scratch.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDialect } from '../../server/src/engine/sql/dialect';
import { SqlDocument } from '../../server/src/engine/sql/sql-document';
import { splitStatements, statementAt } from '../../server/src/engine/sql/statement-splitter';
import { TextBuffer } from '../../server/src/engine/sql/text-buffer';
import { semicolonOffsets } from '../../server/src/engine/sql/tokenizer';
import { DATASETS } from '../helpers/fixtures';
import { mulberry32 } from '../../scripts/fuzz-diagnostics';

const pg = getDialect('postgres');

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
    const next = mulberry32(7);
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

  it('agrees with a full split after random edits of statements longer than its scan window', () => {
    // Function bodies and literals of ~10k characters: the scan after an edit must grow its window.
    const body = (n: number) => `SELECT ${'x, '.repeat(n)}1`;
    const parts: string[] = [];
    for (let i = 0; i < 12; i++) {
      parts.push(`CREATE FUNCTION f${i}() RETURNS int AS $fn$ ${body(3000 + i * 50)}; $fn$ LANGUAGE sql;`);
      parts.push(`SELECT '${'a;'.repeat(2500 + i)}' AS s;`);
      parts.push('SELECT 1;');
    }
    const doc = new SqlDocument(parts.join('\n'), pg);
    const next = mulberry32(11);
    const pieces = [';', "'", '$fn$', '$$', '/*', '*/', '--', '\n', 'x'];
    for (let n = 0; n < 400; n++) {
      const start = Math.floor(next() * doc.length);
      const end = Math.min(doc.length, start + Math.floor(next() * 3));
      doc.applyEdit({ start, end, newText: next() < 0.3 ? '' : pieces[Math.floor(next() * pieces.length)] });
      if (n % 20 === 0) {
        const text = doc.text;
        assert.deepEqual(doc.semicolons, semicolonOffsets(text, pg), `after edit ${n}`);
        const at = Math.floor(next() * text.length);
        const mine = doc.statementAt(at);
        const full = statementAt(text, at, pg);
        assert.deepEqual([mine.start, mine.end, mine.tokens.map((t) => [t.start, t.text])], [full.start, full.end, full.tokens.map((t) => [t.start, t.text])], `statement at ${at} after edit ${n}`);
      }
    }
  });

  it('follows a shared buffer its owner edits first, and reads everything again after edits it missed', () => {
    const buffer = new TextBuffer('SELECT 1; SELECT 2; SELECT 3;');
    const doc = new SqlDocument(buffer, pg);
    // The LSP document edits the buffer, then tells the document: the text changes once.
    buffer.replace(10, 16, 'SELECT 22');
    doc.applyEdit({ start: 10, end: 16, newText: 'SELECT 22' });
    assert.equal(doc.text, 'SELECT 1; SELECT 22 2; SELECT 3;');
    assert.deepEqual(doc.semicolons, [8, 21, 31]);
    // Two edits it never heard of, then one it does: the boundaries come from the whole text.
    buffer.replace(0, 0, 'SELECT 0; ');
    buffer.replace(0, 0, '; ');
    buffer.replace(buffer.length, buffer.length, ' SELECT 4;');
    doc.applyEdit({ start: 44, end: 44, newText: ' SELECT 4;' });
    assert.deepEqual(doc.semicolons, semicolonOffsets(doc.text, pg));
    const st = doc.statementAt(4);
    assert.equal(doc.slice(st.start, st.end), 'SELECT 0');
  });

  it('changes to the script splitter when an edit types a GO or DELIMITER line, and back when it is gone', () => {
    for (const [dialect, line] of [
      ['mssql', 'GO'],
      ['mysql', 'DELIMITER //'],
    ] as const) {
      const d = getDialect(dialect);
      const text = 'SELECT 1;\nSELECT 2;\nSELECT 3;\n'.repeat(50);
      const doc = new SqlDocument(text, d);
      const at = text.indexOf('SELECT 2;') + 'SELECT 2;'.length + 1;
      doc.applyEdit({ start: at, end: at, newText: `${line}\n` });
      const expected = splitStatements(doc.text, d).map((s) => s.start);
      assert.deepEqual(
        doc.statementsIn(0, doc.length).map((s) => s.start),
        expected,
        `${dialect}: statements after typing ${line}`,
      );
      doc.applyEdit({ start: at, end: at + line.length + 1, newText: '' });
      assert.equal(doc.text, text);
      assert.deepEqual(doc.semicolons, semicolonOffsets(text, d), `${dialect}: boundaries after removing ${line}`);
    }
  });

  it('keeps the statements when the dialect changes in place', () => {
    const doc = new SqlDocument('SELECT `a;b` FROM t; SELECT 2;', getDialect('postgres'));
    assert.equal(doc.semicolons.length, 3);
    doc.setDialect(getDialect('mysql'));
    assert.deepEqual(doc.semicolons, semicolonOffsets(doc.text, getDialect('mysql')));
    assert.equal(doc.semicolons.length, 2);
  });
});
