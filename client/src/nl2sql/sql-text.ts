// Pure text helpers of the NL→SQL commands (no `vscode`, unit-tested): the statement around the
// cursor, the question of a `-- question` comment line, and the text to insert for an answer.

export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

/**
 * The statement containing `offset`: text between top-level semicolons, skipping quotes, comments
 * and dollar-quoted bodies. On blank space after a statement, the statement before it. Trimmed.
 */
export function statementAt(text: string, offset: number): TextSpan | undefined {
  const bounds: [number, number][] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '-' && next === '-') i = lineEnd(text, i);
    else if (c === '/' && next === '*') i = closeOf(text, '*/', i + 2);
    else if (c === "'" || c === '"' || c === '`') i = quoteEnd(text, c, i + 1);
    else if (c === '[') i = closeOf(text, ']', i + 1);
    else if (c === '$' && /^\$[A-Za-z_]*\$/.test(text.slice(i, i + 64))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64))![0];
      i = closeOf(text, tag, i + tag.length);
    } else if (c === ';') {
      bounds.push([start, i + 1]);
      start = i + 1;
      i++;
    } else i++;
  }
  if (start < text.length) bounds.push([start, text.length]);
  const spans = bounds.map(([s, e]) => trimSpan(text, s, e)).filter((s): s is TextSpan => !!s);
  const inside = spans.find((s) => offset >= s.start && offset <= s.end);
  if (inside) return inside;
  const before = spans.filter((s) => s.end <= offset);
  return before[before.length - 1] ?? spans[0];
}

function trimSpan(text: string, s: number, e: number): TextSpan | undefined {
  const raw = text.slice(s, e);
  // Leading comment lines belong to the statement's surroundings (e.g. the question), not its SQL.
  const lead = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(raw)![0].length;
  const body = raw.slice(lead).replace(/;?\s*$/, '');
  if (!body.trim()) return undefined;
  return { start: s + lead, end: s + lead + body.length, text: body };
}

function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n + 1;
}

function closeOf(text: string, close: string, from: number): number {
  const n = text.indexOf(close, from);
  return n < 0 ? text.length : n + close.length;
}

function quoteEnd(text: string, q: string, from: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === q) {
      if (text[i + 1] === q) i += 2;
      else return i + 1;
    } else if (text[i] === '\\' && q === "'") i += 2;
    else i++;
  }
  return text.length;
}

/** The question of a `-- question` line ("Q:" or "?" prefix dropped), or undefined for other lines. */
export function questionOfCommentLine(line: string): string | undefined {
  const m = /^\s*--+\s?(.*?)\s*$/.exec(line);
  if (!m) return undefined;
  const text = m[1]!.replace(/^(?:q|question|ask|nl|\?)\s*[:?]?\s+/i, '').trim();
  return /\p{L}/u.test(text) ? text : undefined;
}

/**
 * The SQL to insert for an answer: the statement with a semicolon, indented like `indent`, with the
 * question (if given) as a `--` comment line above it.
 */
export function sqlToInsert(sql: string, indent = '', question?: string): string {
  const body = sql.trim().replace(/;+\s*$/, '');
  const asked = question?.replace(/\s+/g, ' ').trim();
  return `${asked ? `${indent}-- ${asked}\n` : ''}${body
    .split('\n')
    .map((l) => (l ? indent + l : l))
    .join('\n')};\n`;
}

/** The leading whitespace of a line. */
export function indentOf(line: string): string {
  return /^\s*/.exec(line)![0];
}
