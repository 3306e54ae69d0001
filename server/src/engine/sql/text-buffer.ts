// The text of an open document, kept in chunks of a few thousand characters, with the offsets of its
// line starts. An edit rewrites the chunk it lands in; it never copies the file. (A JavaScript string
// of a 20k-line script is ~600 KB: every edit of one string copies all of it into a fresh
// large-object allocation, ~2 ms a keystroke on this hardware plus the garbage it leaves; a chunk
// costs microseconds.) The whole text is joined only when somebody asks for it, once per version.
//
// Positions follow the LSP and vscode-languageserver-textdocument exactly: lines end at \n, \r\n or
// \r; a character past the end of a line means the end of that line (before its line break).

/**
 * A chunk grows up to this many characters before it is split in two. Small, because each edited
 * chunk is a new string that outlives the keystroke (it is the text now) and so is copied by the next
 * scavenge and then promoted: typing all over the 20k-line benchmark file, 16–32 KB chunks made
 * scavenges of 1.1 ms (p90 2.6 ms) with 12 MB promoted per 600 keystrokes; 2–4 KB chunks 0.7 ms
 * (p90 0.9 ms) and 3.9 MB. The per-chunk bookkeeping of an edit (offsets after it) stays microseconds.
 */
const MAX_CHUNK = 4 * 1024;
/** Chunks made from one long text are this long. */
const CHUNK = 2 * 1024;

const LF = 10;
const CR = 13;
const isEOL = (c: number) => c === LF || c === CR;

export interface Position {
  line: number;
  character: number;
}

export class TextBuffer {
  private chunks: string[] = [];
  /** Offset of each chunk's first character. */
  private starts: number[] = [];
  private size = 0;
  /** Offset of each line's first character (always starts with 0). */
  private lines: number[] = [0];
  private whole: string | undefined;
  /** Number of edits applied so far: lets a reader that keeps state per text notice one it missed. */
  edits = 0;

  constructor(text = '') {
    this.setText(text);
  }

  get length(): number {
    return this.size;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Replaces the whole text. */
  setText(text: string): void {
    this.chunks = splitChunks(text);
    this.size = text.length;
    this.reindex(0);
    this.lines = [0, ...lineStarts(text, 0)];
    this.whole = text;
    this.edits++;
  }

  /** The whole text (joined once per version). */
  toString(): string {
    if (this.whole === undefined) this.whole = this.chunks.length === 1 ? this.chunks[0] : this.chunks.join('');
    return this.whole;
  }

  /** Text of [from, to), clamped to the text. */
  slice(from: number, to: number = this.size): string {
    from = Math.max(0, Math.min(from, this.size));
    to = Math.max(from, Math.min(to, this.size));
    if (this.whole !== undefined) return this.whole.slice(from, to);
    if (from === to) return '';
    let i = this.chunkAt(from);
    let out = '';
    let at = from;
    while (at < to) {
      const start = this.starts[i];
      const chunk = this.chunks[i];
      const end = Math.min(to, start + chunk.length);
      out += chunk.slice(at - start, end - start);
      at = end;
      i++;
    }
    return out;
  }

  /** UTF-16 code unit at `offset` (NaN outside the text, as String.prototype.charCodeAt). */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.size) return NaN;
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    const i = this.chunkAt(offset);
    return this.chunks[i].charCodeAt(offset - this.starts[i]);
  }

  /** Replaces [start, end) (offsets in the current text, ordered and clamped) with `text`. */
  replace(start: number, end: number, text: string): void {
    start = Math.max(0, Math.min(start, this.size));
    end = Math.max(start, Math.min(end, this.size));
    this.updateLines(start, end, text);
    if (this.chunks.length === 0) this.chunks = [''];
    const first = this.chunkAt(start);
    const last = end > start ? this.chunkAt(end - 1) : first;
    const head = this.chunks[first].slice(0, start - this.starts[first]);
    const tail = this.chunks[last].slice(end - this.starts[last]);
    const merged = head + text + tail;
    const replacement = merged.length > MAX_CHUNK ? splitChunks(merged) : merged.length > 0 || this.chunks.length === 1 ? [merged] : [];
    this.chunks.splice(first, last - first + 1, ...replacement);
    if (this.chunks.length === 0) this.chunks = [''];
    this.size += text.length - (end - start);
    this.reindex(Math.min(first, this.chunks.length - 1));
    this.whole = undefined;
    this.edits++;
  }

  /** The offset of an LSP position (clamped as vscode-languageserver-textdocument does). */
  offsetAt(position: Position): number {
    const lines = this.lines;
    if (position.line >= lines.length) return this.size;
    if (position.line < 0) return 0;
    const lineOffset = lines[position.line];
    if (position.character <= 0) return lineOffset;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.size;
    return this.beforeEOL(Math.min(lineOffset + position.character, next), lineOffset);
  }

  /** The line of an offset (positionAt(offset).line without reading the text). */
  lineAt(offset: number): number {
    return Math.max(0, upperBound(this.lines, Math.max(Math.min(offset, this.size), 0)) - 1);
  }

  /** The LSP position of an offset (clamped to the text). */
  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.size), 0);
    const line = this.lineAt(offset);
    return { line, character: this.beforeEOL(offset, this.lines[line]) - this.lines[line] };
  }

  /** A line without its line break (as TextDocument.getLineRange: clamped, the rest after the last line). */
  lineRange(line: number): { start: Position; end: Position } {
    const lines = this.lines;
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.size - lines[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < lines.length ? lines[line + 1] : this.size;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEOL(next, lines[line]) - lines[line] } };
  }

  /** The line break ending a line ('' for the last line or out of bounds), as TextDocument.getEOLCharacters. */
  lineBreak(line: number): string {
    const lines = this.lines;
    if (line < 0 || line >= lines.length) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.size;
    return this.slice(this.beforeEOL(next, lines[line]), next);
  }

  private beforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** Index of the chunk holding `offset` (the last chunk for offset = length). */
  private chunkAt(offset: number): number {
    return Math.max(0, upperBound(this.starts, offset) - 1);
  }

  private reindex(from: number): void {
    this.starts.length = this.chunks.length;
    let at = from > 0 ? this.starts[from - 1] + this.chunks[from - 1].length : 0;
    for (let i = from; i < this.chunks.length; i++) {
      this.starts[i] = at;
      at += this.chunks[i].length;
    }
  }

  /**
   * Updates the line starts for replacing [start, end) with `text` (called before the text
   * changes): the starts inside the edited neighbourhood are recounted from its new text, the later
   * ones shifted. The neighbourhood reaches one character beyond each end of the edit (and past a
   * \r\n there), so a \r\n pair the edit joins or splits is counted as the full scan would.
   */
  private updateLines(start: number, end: number, text: string): void {
    const from = start > 0 ? start - 1 : 0;
    let to = Math.min(this.size, end + 1);
    if (to < this.size && this.charCodeAt(to - 1) === CR && this.charCodeAt(to) === LF) to++;
    const local = this.slice(from, start) + text + this.slice(end, to);
    const added = lineStarts(local, from);
    const delta = text.length - (end - start);
    // The old line starts in (from, to] came from the replaced neighbourhood.
    const lines = this.lines;
    const i = upperBound(lines, from);
    const j = upperBound(lines, to);
    if (added.length === j - i) for (let k = 0; k < added.length; k++) lines[i + k] = added[k];
    else if (added.length < 10000) lines.splice(i, j - i, ...added);
    else this.lines = lines.slice(0, i).concat(added, lines.slice(j));
    if (delta !== 0) {
      const out = this.lines;
      for (let k = i + added.length; k < out.length; k++) out[k] += delta;
    }
  }
}

/** Offsets (plus `base`) just after each line break of `text`. */
function lineStarts(text: string, base: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR) {
      if (i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      out.push(base + i + 1);
    } else if (c === LF) out.push(base + i + 1);
  }
  return out;
}

/** Chunks of about CHUNK characters, never splitting a \r\n pair. */
function splitChunks(text: string): string[] {
  if (text.length <= MAX_CHUNK) return [text];
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + CHUNK);
    if (end < text.length && text.charCodeAt(end - 1) === CR && text.charCodeAt(end) === LF) end++;
    // Each chunk its own flat string: a slice would keep the whole text alive.
    out.push(ownCopy(text.slice(at, end)));
    at = end;
  }
  return out;
}

/**
 * A copy of `s` that does not reference the string it was sliced from. V8 makes a slice of a long
 * string a view of it, so a slice kept as a cache key keeps the whole document text alive (one copy
 * per version in a cache filled while typing): long-lived keys are copied.
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** First index i with list[i] > value. */
function upperBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
