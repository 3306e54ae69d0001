// "Did you mean …?": the nearest candidate by edit distance, preferring a case-only difference
// (the classic PostgreSQL mistake: CustomerID folds to customerid while the column is "CustomerID").
// Called once per unknown name against every table of the schema, so it must stay cheap on
// 5,000-table schemas: the distance is computed only inside a band of width 2·limit + 1, the limit
// tightens to the best score found so far, and the rows live in reused typed arrays.

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

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, abandoned early once it exceeds `limit` (returns limit + 1). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  let prev = rowA;
  let cur = rowB;
  // Cells outside the band are farther than `limit`; this stands for them.
  const far = a.length + n + 1;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(n, i + limit);
    cur[lo - 1] = lo === 1 ? i : far;
    let rowMin = cur[lo - 1]!;
    const ac = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ac === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = far;
    if (rowMin > limit) return limit + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[n]!, limit + 1);
}
