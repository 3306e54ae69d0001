// The ranking of completion candidates (matcher.ts rankAndFilter) against a plain reference: every
// match sorted by rank and match quality, then walked in order with the same fair shares. The real
// one buckets, skips the rest of a one-kind bucket once that kind is saturated, and sorts only
// buckets that arrive out of order; over random candidate lists both must give the same list.
import { strict as assert } from 'node:assert';
import { matchQuality, rankAndFilter, rankAndFilterLists, Shares } from '../../server/src/engine/features/completion/matcher';
import type { CompletionItem, CompletionKind } from '../../server/src/engine/features/completion/types';
import { mulberry32 } from '../../scripts/fuzz-diagnostics';

const bySortText = (a: CompletionItem, b: CompletionItem) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0);

function reference(items: CompletionItem[], typed: string, limit: number) {
  const matched = items.map((item, n) => ({ item, n, q: matchQuality(typed, item.filterText) })).filter((m) => m.q >= 0);
  const perKind = new Map<string, number>();
  for (const m of matched) perKind.set(m.item.kind, (perKind.get(m.item.kind) ?? 0) + 1);
  const head = (m: { item: CompletionItem; q: number }) => (m.item.sortText.length > 0 ? m.item.sortText.charCodeAt(0) + 1 : 0) * 4 + m.q;
  const heads = [...new Set(matched.map(head))].sort((a, b) => a - b);
  const ordered: CompletionItem[] = [];
  for (const h of heads) {
    const bucket = matched.filter((m) => head(m) === h).map((m) => m.item);
    const sorted = bucket.every((x, i) => i === 0 || bySortText(bucket[i - 1], x) <= 0);
    ordered.push(...(sorted ? bucket : [...bucket].sort(bySortText)));
  }
  const share = new Shares(perKind, matched.length > limit ? Math.floor(limit / 2) : 0, limit);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of ordered) {
    if (share.full()) break;
    if (share.saturated(item.kind)) continue;
    const id = `${item.kind}\u0000${item.label}\u0000${item.insertText}`;
    if (seen.has(id)) continue;
    if (!share.take(item.kind)) continue;
    seen.add(id);
    out.push(`${item.kind}:${item.label}`);
  }
  return out;
}

describe('completion ranking (rankAndFilter) against a plain reference', () => {
  it('gives the same list over 3,000 random candidate lists (runs of one kind, duplicates, out-of-order runs, shares), whole or cut into several lists', () => {
    const rnd = mulberry32(19);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const kinds: CompletionKind[] = ['table', 'view', 'schema', 'function', 'keyword', 'column'];
    for (let round = 0; round < 3000; round++) {
      const items: CompletionItem[] = [];
      const runs = 1 + Math.floor(rnd() * 6);
      for (let r = 0; r < runs; r++) {
        const kind = pick(kinds);
        const rank = pick(['1', '3', '5', '8']);
        const size = Math.floor(rnd() * (rnd() < 0.2 ? 400 : 25));
        const inOrder = rnd() < 0.6;
        for (let n = 0; n < size; n++) {
          const label = `${pick(['ab', 'ba', 'a_b', 'bb', 'cab'])}${inOrder ? String(n).padStart(3, '0') : Math.floor(rnd() * 50)}`;
          items.push({ label, kind, detail: kind, insertText: label, sortText: rank + label, filterText: label });
        }
      }
      const typed = pick(['', '', 'a', 'b', 'ab', 'c', 'b0']);
      const limit = pick([3, 10, 25, 100]);
      const got = rankAndFilter(items, typed, '', limit).items.map((i) => `${i.kind}:${i.label}`);
      assert.deepEqual(got, reference(items, typed, limit), `round ${round}: typed ${JSON.stringify(typed)}, limit ${limit}`);
      // The same candidates handed on as several lists (as completion passes the prepared tables).
      const cuts = [0, ...Array.from({ length: Math.floor(rnd() * 4) }, () => Math.floor(rnd() * (items.length + 1))).sort((a, b) => a - b), items.length];
      const lists = cuts.slice(1).map((end, i) => items.slice(cuts[i], end));
      assert.deepEqual(rankAndFilterLists(lists, typed, '', limit).items.map((i) => `${i.kind}:${i.label}`), got, `round ${round}: as ${lists.length} lists`);
    }
  });
});
