// Folding ranges of a SQL document: each statement, each parenthesised group (CTE bodies,
// subqueries, long IN lists, column lists), each block comment and each `-- region` … `-- endregion`
// pair. Offsets only; the adapter turns them into lines and drops the ones on a single line.
// Editors ask again after every edit: for an SqlDocument each statement's folds are remembered by
// its text, so a keystroke in a 20k-line script lexes the statement it changed, not the file.
import type { Dialect } from '../../sql/dialect';
import { SqlDocument } from '../../sql/sql-document';
import { splitStatements, type StatementRange } from '../../sql/statement-splitter';
import { ownCopy } from '../../sql/text-buffer';
import { isPunct } from '../../sql/tokens';
import type { DocumentInput } from '../document-input';
import { runAtOnce, runInSlices, type SliceOptions } from '../slices';

export type FoldKind = 'statement' | 'group' | 'comment' | 'region';

export interface FoldRange {
  kind: FoldKind;
  /** Offset of the first character of the fold. */
  start: number;
  /** Offset of the last character of the fold (the `;`, the `)`, the end of the comment). */
  end: number;
}

const REGION = /^--\s*(end)?region\b/i;

/** One statement's folds and region markers, offsets relative to the start of its span. */
interface StatementFolds {
  folds: FoldRange[];
  /** `-- region` (true) and `-- endregion` (false) comments, in order: pairs may span statements. */
  markers: { at: number; end: number; open: boolean }[];
}

/**
 * Per document (and dialect): statement text → its folds, with the number of the last completed run
 * that met the text. Entries are updated in place, not copied per run: a map rebuilt for every
 * request on a 20k-line file would outlive the young generation and pile up for a full collection.
 */
interface Memo {
  dialect: string;
  byText: Map<string, { folds: StatementFolds; run: number }>;
  runs: number;
}
const remembered = new WeakMap<SqlDocument, Memo>();

/** Remembered statements looked up per step (2,000 take ~2 ms): a run that lexes nothing can pause too. */
const REMEMBERED_PER_STEP = 256;

export function foldingRanges(doc: DocumentInput, dialect: Dialect): FoldRange[] {
  return runAtOnce(foldingRun(doc, dialect));
}

/**
 * foldingRanges in slices between the server's quiet turns: the first request on a 20k-line file
 * (every statement lexed, ~100 ms) never holds a keystroke up; undefined when cancelled.
 */
export function foldingRangesAsync(doc: DocumentInput, dialect: Dialect, opts: SliceOptions): Promise<FoldRange[] | undefined> {
  return runInSlices(foldingRun(doc, dialect), opts);
}

/**
 * The folds, one statement lexed per step (statements remembered by text cost no step). A run that
 * is cancelled (the user typed on) keeps the statements it lexed: while someone types in a 20k-line
 * file every run is cut short, and each must get further than the last, not start over.
 */
function* foldingRun(doc: DocumentInput, dialect: Dialect): Generator<void, FoldRange[]> {
  if (!(doc instanceof SqlDocument) || doc.dialect.id !== dialect.id) {
    const out = new Folds();
    for (const st of splitStatements(typeof doc === 'string' ? doc : doc.text, dialect)) out.add(st.from, statementFolds(st, st.from));
    return out.sorted();
  }
  let memo = remembered.get(doc);
  if (memo?.dialect !== dialect.id) remembered.set(doc, (memo = { dialect: dialect.id, byText: new Map(), runs: 0 }));
  const run = memo.runs + 1;
  const out = new Folds();
  let statements = 0;
  let hits = 0;
  for (const span of doc.statementSpans()) {
    const key = doc.slice(span.from, span.semicolon !== undefined ? span.semicolon + 1 : span.to);
    let entry = memo.byText.get(key);
    if (!entry) {
      // A copy as the key: a slice would keep this version's text chunk alive as long as the entry.
      memo.byText.set(ownCopy(key), (entry = { folds: statementFolds(doc.statementFrom(span.from, span.semicolon), span.from), run }));
      yield;
    } else if (++hits % REMEMBERED_PER_STEP === 0) yield;
    entry.run = run;
    statements++;
    out.add(span.from, entry.folds);
  }
  memo.runs = run;
  // Texts edited away go once they outnumber the statements (entries no completed run met).
  if (memo.byText.size > 2 * statements + 64) for (const [key, entry] of memo.byText) if (entry.run !== run) memo.byText.delete(key);
  return out.sorted();
}

/** Folds in absolute offsets, with `-- region` markers paired across statements. */
class Folds {
  private readonly out: FoldRange[] = [];
  private readonly regions: number[] = [];

  add(base: number, f: StatementFolds): void {
    for (const r of f.folds) this.out.push({ kind: r.kind, start: r.start + base, end: r.end + base });
    for (const m of f.markers) {
      if (m.open) this.regions.push(m.at + base);
      else if (this.regions.length > 0) this.out.push({ kind: 'region', start: this.regions.pop()!, end: m.end + base });
    }
  }

  sorted(): FoldRange[] {
    return this.out.sort((a, b) => a.start - b.start || b.end - a.end);
  }
}

function statementFolds(st: StatementRange, base: number): StatementFolds {
  const folds: FoldRange[] = [];
  const markers: StatementFolds['markers'] = [];
  const code = st.tokens.filter((t) => t.kind !== 'comment');
  if (code.length > 0) folds.push({ kind: 'statement', start: code[0].start - base, end: (st.semicolon !== undefined ? st.semicolon : code.at(-1)!.end - 1) - base });
  const open: number[] = [];
  for (const t of st.tokens) {
    if (t.kind === 'comment') {
      if (t.text.startsWith('/*')) folds.push({ kind: 'comment', start: t.start - base, end: t.end - 1 - base });
      const m = REGION.exec(t.text);
      if (m) markers.push({ at: t.start - base, end: t.end - 1 - base, open: !m[1] });
    } else if (isPunct(t, '(')) open.push(t.start);
    else if (isPunct(t, ')') && open.length > 0) folds.push({ kind: 'group', start: open.pop()! - base, end: t.start - base });
  }
  return { folds, markers };
}
