// The requests both servers answer: a completion document with one cursor per statement, of varied
// kinds, over different tables of the 5,000-table schema; and a 20,000-line script for keystrokes.
import { tableName, TABLES } from './bench-schema';

export interface CompletionProbe {
  kind: string;
  offset: number;
  /** A label a schema-aware answer must contain (checked once per kind, to be sure both servers answered). */
  expect?: string;
}

const KINDS: { kind: string; sql: (a: string, b: string) => string; expect?: string }[] = [
  { kind: 'alias.column', sql: (a) => `SELECT x.| FROM ${a} x`, expect: 'amount' },
  { kind: 'select list (FROM after)', sql: (a) => `SELECT | FROM ${a}`, expect: 'created_at' },
  { kind: 'table, prefix', sql: (a) => `SELECT * FROM ${a.slice(0, 6)}|`, expect: undefined },
  { kind: 'table, no prefix', sql: () => `SELECT * FROM |`, expect: undefined },
  { kind: 'JOIN', sql: (a) => `SELECT * FROM ${a} x JOIN |`, expect: undefined },
  { kind: 'ON', sql: (a, b) => `SELECT * FROM ${a} x JOIN ${b} y ON |`, expect: undefined },
  { kind: 'WHERE', sql: (a) => `SELECT * FROM ${a} x WHERE x.amount > 1 AND |`, expect: 'status' },
  { kind: 'function prefix', sql: (a) => `SELECT coa| FROM ${a}`, expect: 'coalesce' },
];

/** One statement per probe, separated by `;` and a blank line. */
export function completionDocument(count: number): { text: string; probes: CompletionProbe[] } {
  let text = '';
  const probes: CompletionProbe[] = [];
  for (let n = 0; n < count; n++) {
    const k = KINDS[n % KINDS.length];
    const i = 1 + ((n * 7919) % (TABLES - 1));
    const marked = k.sql(tableName(i), tableName(i - 1));
    const at = marked.indexOf('|');
    probes.push({ kind: k.kind, offset: text.length + at, expect: k.expect });
    text += marked.slice(0, at) + marked.slice(at + 1) + ';\n\n';
  }
  return { text, probes };
}

/** A ~20,000-line script: 2,000 ten-line SELECTs over the benchmark tables. */
export function longScript(lines = 20000): string {
  const out: string[] = [];
  for (let n = 0; out.length < lines; n++) {
    const i = 1 + (n % (TABLES - 1));
    out.push(
      `SELECT a.id,`,
      `       a.name,`,
      `       b.amount`,
      `FROM   ${tableName(i)} a`,
      `JOIN   ${tableName(i - 1)} b ON b.id = a.ref_id`,
      `WHERE  a.status = 'open'`,
      `  AND  b.created_at > now() - interval '1 day'`,
      `ORDER  BY a.id`,
      `LIMIT  10;`,
      ``,
    );
  }
  return out.join('\n');
}

/** Line/character of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}
