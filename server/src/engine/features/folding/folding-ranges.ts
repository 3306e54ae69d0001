// Folding ranges of a SQL document: each statement, each parenthesised group (CTE bodies,
// subqueries, long IN lists, column lists), each block comment and each `-- region` … `-- endregion`
// pair. Offsets only; the adapter turns them into lines and drops the ones on a single line.
import type { Dialect } from '../../sql/dialect';
import { splitStatements } from '../../sql/statement-splitter';
import { isPunct } from '../../sql/tokens';

export type FoldKind = 'statement' | 'group' | 'comment' | 'region';

export interface FoldRange {
  kind: FoldKind;
  /** Offset of the first character of the fold. */
  start: number;
  /** Offset of the last character of the fold (the `;`, the `)`, the end of the comment). */
  end: number;
}

const REGION = /^--\s*(end)?region\b/i;

export function foldingRanges(text: string, dialect: Dialect): FoldRange[] {
  const out: FoldRange[] = [];
  const regions: number[] = [];
  for (const st of splitStatements(text, dialect)) {
    const code = st.tokens.filter((t) => t.kind !== 'comment');
    if (code.length > 0) out.push({ kind: 'statement', start: code[0].start, end: st.semicolon !== undefined ? st.semicolon : code.at(-1)!.end - 1 });
    const open: number[] = [];
    for (const t of st.tokens) {
      if (t.kind === 'comment') {
        if (t.text.startsWith('/*')) out.push({ kind: 'comment', start: t.start, end: t.end - 1 });
        const m = REGION.exec(t.text);
        if (m && !m[1]) regions.push(t.start);
        else if (m && regions.length > 0) out.push({ kind: 'region', start: regions.pop()!, end: t.end - 1 });
      } else if (isPunct(t, '(')) open.push(t.start);
      else if (isPunct(t, ')') && open.length > 0) out.push({ kind: 'group', start: open.pop()!, end: t.start });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
