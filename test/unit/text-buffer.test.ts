// TextBuffer (the chunked text of an open document) against vscode-languageserver-textdocument, the
// reference for LSP positions: after thousands of random edits (line breaks of every kind, edits
// that join or split \r\n, edits across chunk boundaries, texts of several chunks) the text, the
// line count and every offset ↔ position conversion agree.
import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextBuffer } from '../../server/src/engine/sql/text-buffer';
import { mulberry32 } from '../../scripts/fuzz-diagnostics';

const PIECES = ['\n', '\r\n', '\r', 'a', 'SELECT 1;', ' ', 'é', '😀', '\n\n', 'x\r', '\ny'];

function randomText(next: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

function assertSame(buffer: TextBuffer, doc: TextDocument, next: () => number, probes = 40): void {
  const text = doc.getText();
  assert.equal(buffer.length, text.length);
  assert.equal(buffer.lineCount, doc.lineCount);
  for (let n = 0; n < probes; n++) {
    const offset = Math.floor(next() * (text.length + 3)) - 1;
    assert.deepEqual(buffer.positionAt(offset), doc.positionAt(offset), `positionAt(${offset})`);
    assert.equal(buffer.lineAt(offset), doc.positionAt(offset).line, `lineAt(${offset})`);
    const position = { line: Math.floor(next() * (doc.lineCount + 2)) - 1, character: Math.floor(next() * 12) - 1 };
    assert.equal(buffer.offsetAt(position), doc.offsetAt(position), `offsetAt(${JSON.stringify(position)})`);
    const from = Math.floor(next() * text.length);
    const to = from + Math.floor(next() * 200);
    assert.equal(buffer.slice(from, to), text.slice(from, to));
    assert.equal(buffer.charCodeAt(from), text.charCodeAt(from));
    const line = Math.floor(next() * (doc.lineCount + 2)) - 1;
    assert.deepEqual(buffer.lineRange(line), doc.getLineRange(line), `lineRange(${line})`);
    assert.equal(buffer.lineBreak(line), doc.getEOLCharacters(line), `lineBreak(${line})`);
  }
}

describe('TextBuffer', () => {
  for (const [name, size, seed] of [
    ['a short text', 300, 1],
    ['a text of several chunks', 100_000, 2],
  ] as const) {
    it(`keeps text, lines and positions equal to TextDocument's over random edits (${name})`, () => {
      const next = mulberry32(seed);
      const initial = randomText(next, size);
      const buffer = new TextBuffer(initial);
      let doc = TextDocument.create('file:///t.sql', 'sql', 1, initial);
      assertSame(buffer, doc, next);
      for (let n = 0; n < 3000; n++) {
        const length = buffer.length;
        const start = Math.floor(next() * (length + 1));
        const end = Math.min(length, start + (next() < 0.3 ? Math.floor(next() * 40000) : Math.floor(next() * 6)));
        const text = next() < 0.4 ? '' : randomText(next, Math.floor(next() * (next() < 0.05 ? 40000 : 8)));
        const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
        // The LSP edit is in positions: both sides turn it into the same offsets.
        const s = buffer.offsetAt(range.start);
        const e = buffer.offsetAt(range.end);
        buffer.replace(s, e, text);
        doc = TextDocument.update(doc, [{ range, text }], n + 2);
        if (n % 100 === 0 || buffer.length < 50) assert.equal(buffer.toString(), doc.getText());
        assertSame(buffer, doc, next, 4);
      }
      assert.equal(buffer.toString(), doc.getText());
    });
  }

  it('joins and splits \\r\\n pairs at the edges of an edit as a full scan counts them', () => {
    const cases: [string, number, number, string][] = [
      ['a\r', 2, 2, '\nb'], // \r + inserted \n → one line break
      ['a\rb', 2, 3, '\n'], // \r + replacing b with \n
      ['a\nb', 1, 1, '\r'], // inserted \r before \n → \r\n
      ['a\r\nb', 2, 2, 'x'], // splitting a \r\n pair into \r x \n
      ['a\r\nb', 1, 2, ''], // deleting the \r of a pair
      ['a\r\nb', 2, 3, ''], // deleting the \n of a pair
      ['\r\n\r\n', 1, 3, ''],
      ['x\ry', 2, 2, '\r\n\r'],
    ];
    for (const [text, start, end, insert] of cases) {
      const buffer = new TextBuffer(text);
      buffer.replace(start, end, insert);
      // Offsets can split a pair, which positions cannot: the reference is a fresh scan of the result.
      const doc = TextDocument.create('file:///t.sql', 'sql', 1, text.slice(0, start) + insert + text.slice(end));
      assert.equal(buffer.toString(), doc.getText(), JSON.stringify([text, start, end, insert]));
      assert.equal(buffer.lineCount, doc.lineCount, JSON.stringify([text, start, end, insert]));
      for (let o = 0; o <= buffer.length + 1; o++) assert.deepEqual(buffer.positionAt(o), doc.positionAt(o), `${JSON.stringify([text, start, end, insert])} @${o}`);
    }
  });

  it('counts its edits and joins the whole text only when asked', () => {
    const buffer = new TextBuffer('SELECT 1;\n'.repeat(10_000));
    const edits = buffer.edits;
    buffer.replace(5, 5, 'x');
    assert.equal(buffer.edits, edits + 1);
    assert.equal(buffer.slice(0, 12), 'SELECxT 1;\nS');
    assert.equal(buffer.toString(), 'SELECxT 1;\n' + 'SELECT 1;\n'.repeat(9_999));
    buffer.setText('');
    assert.equal(buffer.length, 0);
    assert.equal(buffer.lineCount, 1);
    assert.deepEqual(buffer.positionAt(5), { line: 0, character: 0 });
  });
});
