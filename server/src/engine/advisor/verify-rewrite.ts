// A rewrite is offered only when the live database says it returns the same rows: both statements
// run read-only (the connection's read-only transaction, bounded by a statement timeout) inside one
// comparison query, `(A) EXCEPT ALL (B)` and `(B) EXCEPT ALL (A)` must both be empty (same rows,
// same multiplicity). EXPLAIN gives the cost before and after; a rewrite that is not cheaper is
// not offered either. Shown as a line diff of the formatted statements.
import { format } from '../sql/sql-formatter';
import type { QueryOptions, QueryResult } from '../drivers/types';
import type { Rewrite } from './rewrites';

export type ReadOnlyQuery = (sql: string, options?: QueryOptions) => Promise<QueryResult>;

export interface CheckedRewrite extends Rewrite {
  /** true: same rows; false: different rows (never offered); undefined: could not be compared. */
  sameRows?: boolean;
  /** Rows the original returned in the comparison. */
  rowsCompared?: number;
  /** Set when the rows were compared on a sample of the outer table: what the sample was. */
  sampled?: string;
  costBefore?: number;
  costAfter?: number;
  offered: boolean;
  /** Why it is (not) offered, for the user. */
  note: string;
  /** Unified-style line diff of the formatted statements. */
  diff: string;
}

export interface VerifyOptions {
  /** Bound of the comparison query (default 10 000 ms): a bigger workload is not compared, and not offered. */
  timeoutMs?: number;
  /** From this many estimated rows of the outer table on, compare on a sample of it (default 100 000). */
  sampleAboveRows?: number;
  /** Rows of the outer table in that sample (default 10 000). */
  sampleRows?: number;
}

export async function checkRewrite(r: Rewrite, query: ReadOnlyQuery, options: VerifyOptions = {}): Promise<CheckedRewrite> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const out: CheckedRewrite = { ...r, offered: false, note: '', diff: sqlDiff(r.original, r.rewritten) };
  try {
    out.costBefore = await cost(query, r.original, timeoutMs);
    out.costAfter = await cost(query, r.rewritten, timeoutMs);
  } catch (e) {
    out.note = `not offered: EXPLAIN failed (${firstLine(e)})`;
    return out;
  }
  if (/\blimit\b|\bfetch\s+first\b|\boffset\b/i.test(r.original)) {
    out.note = 'not offered: with LIMIT/OFFSET the rows returned are not determined, so they cannot be compared';
    return out;
  }
  // Large outer table: the same repeatable sample of it in both statements, compared in one query.
  const rows = r.outerRows ?? 0;
  const sampled = rows >= (options.sampleAboveRows ?? 100_000) ? r.sample?.(Math.max(0.001, Math.min(100, Math.round((100 * (options.sampleRows ?? 10_000) * 1000) / rows) / 1000))) : undefined;
  const [a, b] = sampled ? [sampled.original, sampled.rewritten] : [r.original, r.rewritten];
  try {
    const cmp = await query(
      `SELECT (SELECT count(*) FROM ((${a}) EXCEPT ALL (${b})) a)::int8::text AS only_before, (SELECT count(*) FROM ((${b}) EXCEPT ALL (${a})) b)::int8::text AS only_after, (SELECT count(*) FROM (${a}) c)::int8::text AS n`,
      { maxRows: 1, timeoutMs },
    );
    const [onlyBefore, onlyAfter, n] = (cmp.rows[0] ?? []).map((v) => Number(v));
    out.rowsCompared = n;
    out.sameRows = onlyBefore === 0 && onlyAfter === 0;
    if (sampled) out.sampled = `a repeatable sample of ~${(options.sampleRows ?? 10_000).toLocaleString('en-US')} of ~${Math.round(rows).toLocaleString('en-US')} rows of ${r.outerTable}`;
    if (!out.sameRows) {
      out.note = `not offered: the rewrite returns different rows on this database (${onlyBefore} only before, ${onlyAfter} only after)`;
      return out;
    }
  } catch (e) {
    out.note = `not offered: the rows could not be compared within ${timeoutMs} ms (${firstLine(e)})`;
    return out;
  }
  if (!(out.costAfter < out.costBefore)) {
    out.note = `not offered: same rows, but not cheaper (cost ${out.costBefore} → ${out.costAfter})`;
    return out;
  }
  out.offered = true;
  out.note = `same ${out.rowsCompared} rows on the live database${out.sampled ? ` (on ${out.sampled})` : ''}; cost ${out.costBefore} → ${out.costAfter} (−${Math.round((1 - out.costAfter / out.costBefore) * 100)}%)`;
  return out;
}

async function cost(query: ReadOnlyQuery, sql: string, timeoutMs: number): Promise<number> {
  const r = await query(`EXPLAIN (FORMAT JSON) ${sql}`, { maxRows: 10, timeoutMs });
  const cell = r.rows[0]?.[0];
  const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: { 'Total Cost': number } }[];
  return Number(plan[0].Plan['Total Cost']);
}

function firstLine(e: unknown): string {
  return ((e as Error)?.message ?? String(e)).split('\n')[0];
}

/** Line diff of the two statements after formatting (LCS; `-` removed, `+` added, two spaces kept). */
export function sqlDiff(before: string, after: string): string {
  const fmt = (s: string) => {
    try {
      return format(s, { language: 'postgresql', keywordCase: 'upper', tabWidth: 2 }).split('\n');
    } catch {
      return s.split('\n');
    }
  };
  const a = fmt(before);
  const b = fmt(after);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (j < b.length && (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${b[j++]}`);
    else out.push(`- ${a[i++]}`);
  }
  return out.join('\n');
}
