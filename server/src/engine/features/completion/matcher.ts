// Matching what the user typed against candidates, and the final order. Prefix matches beat matches
// at a word part (`line` → invoice_line, `IL` → InvoiceLine) which beat fuzzy subsequences
// (`invln` → invoice_line). The server filters (a 5,000-table schema must not ship 5,000 items per
// keystroke) with a superset of what editors' own fuzzy filters keep, so nothing an editor would
// show is lost; the order is fully deterministic.
import type { CompletionItem } from './types';

/** 0 prefix, 1 word-part start, 2 fuzzy subsequence; -1 no match. */
export function matchQuality(typed: string, candidate: string): number {
  return quality(typed.toLowerCase(), candidate);
}

/**
 * matchQuality with the typed text already lower-cased, allocating nothing: it runs once per
 * candidate (5,000 tables) on every keystroke. Case is folded per character (ASCII directly, the
 * rest through toLowerCase of that character).
 */
function quality(p: string, c: string): number {
  if (p.length === 0) return 0;
  if (p.length > c.length) return -1;
  if (startsAt(p, c, 0)) return 0;
  // Subsequence first (cheap, and most candidates fail it), then a word-part start.
  let j = 0;
  for (let i = 0; i < c.length && j < p.length; i++) if (lower(c.charCodeAt(i)) === p.charCodeAt(j)) j++;
  if (j < p.length) return -1;
  for (let i = 1; i + p.length <= c.length; i++) if (isWordStart(c, i) && startsAt(p, c, i)) return 1;
  return 2;
}

function startsAt(p: string, c: string, at: number): boolean {
  for (let k = 0; k < p.length; k++) if (lower(c.charCodeAt(at + k)) !== p.charCodeAt(k)) return false;
  return true;
}

/** A word part begins at i: after `_`, `.`, space or `"`, or at a lower→upper case change. */
function isWordStart(s: string, i: number): boolean {
  const prev = s.charCodeAt(i - 1);
  if (prev === 95 || prev === 46 || prev === 32 || prev === 34) return true;
  const ch = s.charCodeAt(i);
  return ch >= 65 && ch <= 90 && prev >= 97 && prev <= 122;
}

function lower(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  return String.fromCharCode(code).toLowerCase().charCodeAt(0);
}

/**
 * Order inside one bucket. Every item of a bucket has the same rank character and match quality, so
 * ordering by the sort text is ordering by "rank, quality, rest of the sort text" (no key strings
 * are built: a 5,000-table list must not cost 5,000 concatenations per keystroke).
 */
const bySortText = (a: CompletionItem, b: CompletionItem) =>
  a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0;

/**
 * Keeps the items matching `typed`, puts the match quality right after each item's rank group,
 * orders them, drops duplicates (same kind, label and insert text) and cuts at `limit`. Items are
 * bucketed by rank and quality first, so only the buckets that reach the cut are sorted (and a
 * bucket that arrives in order, like the prepared table list, is only checked).
 *
 * The cut never removes a whole kind: when more items match than fit, half the list is shared
 * fairly among the kinds that matched (a kind with few items gets them all, the large ones split
 * the rest) and the other half goes by rank, so the schemas after FROM on a database whose tables
 * all live outside the search path, or on 5,000 tables, are still offered.
 */
export function rankAndFilter(items: readonly CompletionItem[], typed: string, quoteOpen: string, limit: number): { items: CompletionItem[]; isIncomplete: boolean } {
  return rankAndFilterLists([items], typed, quoteOpen, limit);
}

/**
 * rankAndFilter over the concatenation of `lists`, without building it: the 5,000 prepared table
 * items are passed as they are, not copied into a new array on every keystroke.
 */
export function rankAndFilterLists(lists: readonly (readonly CompletionItem[])[], typed: string, quoteOpen: string, limit: number): { items: CompletionItem[]; isIncomplete: boolean } {
  // Bucket id: the rank character's code, then the match quality (the order of "rank char + digit").
  const buckets = new Map<number, Bucket>();
  const perKind = new Map<string, number>();
  const p = typed.toLowerCase();
  let matched = 0;
  // Items come in runs of one kind and one bucket (5,000 prepared tables in a row): the counter and
  // the bucket of the run are looked up once per run, not once per item.
  let runKind: string | undefined;
  let runCount = 0;
  let runHead = -1;
  let runBucket: Bucket | undefined;
  for (const list of lists) {
    for (const item of list) {
      const target = quoteOpen && item.filterText.startsWith(quoteOpen) ? item.filterText.slice(quoteOpen.length) : item.filterText;
      const q = quality(p, target);
      if (q < 0) continue;
      matched++;
      if (item.kind !== runKind) {
        if (runKind !== undefined) perKind.set(runKind, (perKind.get(runKind) ?? 0) + runCount);
        runKind = item.kind;
        runCount = 0;
      }
      runCount++;
      const head = (item.sortText.length > 0 ? item.sortText.charCodeAt(0) + 1 : 0) * 4 + q;
      if (head !== runHead || runBucket === undefined) {
        runHead = head;
        let bucket = buckets.get(head);
        if (!bucket) buckets.set(head, (bucket = { items: [], kind: item.kind }));
        runBucket = bucket;
      }
      if (runBucket.kind !== item.kind) runBucket.kind = undefined;
      runBucket.items.push(item);
    }
  }
  if (runKind !== undefined) perKind.set(runKind, (perKind.get(runKind) ?? 0) + runCount);
  const share = new Shares(perKind, matched > limit ? Math.floor(limit / 2) : 0, limit);
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  let more = matched > limit;
  for (const head of [...buckets.keys()].sort((a, b) => a - b)) {
    if (share.full()) {
      more = true;
      break;
    }
    const bucket = buckets.get(head)!;
    if (!isSorted(bucket.items)) bucket.items.sort(bySortText);
    for (const item of bucket.items) {
      // A kind that has used its share once the list is spoken for never gets a place again: the
      // rest of its (maybe 5,000) items are passed over without building their keys, and a bucket
      // of that kind only (the 5,000 tables) is left at once.
      if (share.saturated(item.kind)) {
        more = true;
        if (share.full() || bucket.kind !== undefined) break;
        continue;
      }
      const id = `${item.kind}\u0000${item.label}\u0000${item.insertText}`;
      if (seen.has(id)) continue;
      if (!share.take(item.kind)) {
        more = true;
        if (share.full()) break;
        continue;
      }
      seen.add(id);
      out.push(item);
    }
  }
  // Sort texts are made unique by position, so every client keeps exactly this order.
  const width = String(out.length).length;
  const ranked = out.map((item, n) => ({ ...item, sortText: `${headOf(item, p, quoteOpen)}${String(n).padStart(width, '0')}` }));
  return { items: ranked, isIncomplete: more };
}

/** Items of one rank character and match quality; `kind` while they are all of one kind. */
interface Bucket {
  items: CompletionItem[];
  kind: string | undefined;
}

/** The places of a capped list: each kind's reserved share first, the rest to whoever ranks first. */
export class Shares {
  private readonly reserved = new Map<string, number>();
  private readonly taken = new Map<string, number>();
  private total = 0;
  /** Places promised to kinds that have not used them yet. */
  private owed = 0;

  /** `budget` places are shared fairly: small kinds get all their items, large ones split the rest. */
  constructor(perKind: Map<string, number>, budget: number, private readonly limit: number) {
    const kinds = [...perKind].sort((a, b) => a[1] - b[1]);
    let left = budget;
    kinds.forEach(([kind, n], i) => {
      const r = Math.min(n, Math.floor(left / (kinds.length - i)));
      this.reserved.set(kind, r);
      this.owed += r;
      left -= r;
    });
  }

  take(kind: string): boolean {
    const taken = this.taken.get(kind) ?? 0;
    const own = taken < (this.reserved.get(kind) ?? 0);
    if (!own && this.total + this.owed >= this.limit) return false;
    if (own) this.owed--;
    this.taken.set(kind, taken + 1);
    this.total++;
    return true;
  }

  /**
   * `kind` can never take another place: its reserved places are used and the rest are promised or
   * taken (total + owed never decreases, so this stays true).
   */
  saturated(kind: string): boolean {
    if (kind === this.lastSaturated) return true;
    if (this.total + this.owed < this.limit || (this.taken.get(kind) ?? 0) < (this.reserved.get(kind) ?? 0)) return false;
    this.lastSaturated = kind;
    return true;
  }

  private lastSaturated: string | undefined;

  /** No item of any kind can be added any more. */
  full(): boolean {
    return this.total >= this.limit; // take() keeps total + owed ≤ limit, so nothing is owed then
  }
}

function headOf(item: CompletionItem, p: string, quoteOpen: string): string {
  const target = quoteOpen && item.filterText.startsWith(quoteOpen) ? item.filterText.slice(quoteOpen.length) : item.filterText;
  return item.sortText.slice(0, 1) + quality(p, target);
}

function isSorted(list: CompletionItem[]): boolean {
  for (let i = 1; i < list.length; i++) if (bySortText(list[i - 1]!, list[i]!) > 0) return false;
  return true;
}
