// "Did you mean …?": the nearest candidate by edit distance, preferring a case-only difference
// (the classic PostgreSQL mistake: CustomerID folds to customerid while the column is "CustomerID").
// The distance is optimal string alignment (Levenshtein plus the swap of two adjacent letters, each
// edit counted once): `nmae` is one edit from `name`, `titel` one from `title`, the most common typos.
// Called once per unknown name against every table of the schema, so it must stay cheap on
// 5,000-table schemas: the distance is computed only inside a band of width 2·limit + 1, the limit
// tightens to the best score found so far, and the rows live in reused typed arrays.

/** Work done since the last reset: distances computed and matrix cells filled (bounded in tests). */
export const didYouMeanWork = { distances: 0, cells: 0 };

export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  for (const c of candidates) {
    if (c === name) continue;
    // A candidate farther than the best so far can never win: only distances up to it matter.
    const bound = Math.min(limit, bestScore);
    if (Math.abs(c.length - name.length) > bound + 1) continue; // lower-casing moves a length by at most one per special letter; editDistance decides exactly
    const cl = c.toLowerCase();
    const score = cl === lower ? 0 : editDistance(lower, cl, bound);
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return bestScore <= limit ? best : undefined;
}

let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and transpositions of
 * adjacent characters, no substring edited twice), abandoned early once it exceeds `limit`
 * (returns limit + 1). Stopping early is exact: a row whose minimum exceeds the limit means the
 * row before it was at least the limit, so no later cell, transposition included, can come back.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  // A common prefix and suffix never change the distance (matching equal letters is always optimal),
  // and names that differ near the end (customer_0001 / customer_0000) are most of the candidates.
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  if (start > 0 || endA < a.length) return bandedDistance(a.slice(start, endA), b.slice(start, endB), limit);
  return bandedDistance(a, b, limit);
}

function bandedDistance(a: string, b: string, limit: number): number {
  if (a.length === 0 || b.length === 0) return Math.min(a.length + b.length, limit + 1);
  didYouMeanWork.distances++;
  const n = b.length;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let prev2 = rows[0]; // row i - 2 (only read for transpositions, from i = 2 on)
  let prev = rows[1];
  let cur = rows[2];
  // Cells outside the band are farther than `limit`; this stands for them.
  const far = a.length + n + 1;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(n, i + limit);
    cur[lo - 1] = lo === 1 ? i : far;
    let rowMin = cur[lo - 1]!;
    const ac = a.charCodeAt(i - 1);
    const ap = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const bc = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ac === bc ? 0 : 1));
      // Row i - 2's band covers j - 2 here (its band is the same width, two columns to the left).
      if (j > 1 && i > 1 && ac === b.charCodeAt(j - 2) && ap === bc && ac !== bc) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    didYouMeanWork.cells += hi - lo + 1;
    if (hi < n) cur[hi + 1] = far;
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n]!, limit + 1);
}
