// Folding ranges of a SQL document: each statement, each parenthesised group (CTE bodies,
// subqueries, long IN lists, column lists), each block comment and each `-- region` … `-- endregion`
// pair. Offsets only; the adapter turns them into lines and drops the ones on a single line.
// Editors ask again after every edit: for an SqlDocument each statement's folds are remembered by
// its text, so a keystroke in a 20k-line script lexes the statement it changed, not the file.
import type { Dialect } from '../../sql/dialect';
import { SqlDocument } from '../../sql/sql-document';
import { splitStatements, type StatementRange } from '../../sql/statement-splitter';
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

/** Per document (and dialect): statement text → its folds, as of the last request. */
const remembered = new WeakMap<SqlDocument, { dialect: string; byText: Map<string, StatementFolds> }>();

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

/** The folds, one statement lexed per step (statements remembered by text cost no step). */
function* foldingRun(doc: DocumentInput, dialect: Dialect): Generator<void, FoldRange[]> {
  const out: FoldRange[] = [];
  const regions: number[] = [];
  const add = (base: number, f: StatementFolds) => {
    for (const r of f.folds) out.push({ kind: r.kind, start: r.start + base, end: r.end + base });
    for (const m of f.markers) {
      if (m.open) regions.push(m.at + base);
      else if (regions.length > 0) out.push({ kind: 'region', start: regions.pop()!, end: m.end + base });
    }
  };
  if (doc instanceof SqlDocument && doc.dialect.id === dialect.id) {
    const previous = remembered.get(doc);
    const old = previous?.dialect === dialect.id ? previous.byText : undefined;
    const byText = new Map<string, StatementFolds>();
    for (const span of doc.statementSpans()) {
      const key = doc.slice(span.from, span.semicolon !== undefined ? span.semicolon + 1 : span.to);
      let folds = byText.get(key) ?? old?.get(key);
      if (!folds) {
        folds = statementFolds(doc.statementFrom(span.from, span.semicolon), span.from);
        yield;
      }
      byText.set(key, folds);
      add(span.from, folds);
    }
    remembered.set(doc, { dialect: dialect.id, byText });
  } else {
    for (const st of splitStatements(typeof doc === 'string' ? doc : doc.text, dialect)) add(st.from, statementFolds(st, st.from));
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
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
