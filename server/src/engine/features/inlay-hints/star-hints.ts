// Inlay hints after a select-list `*` (or `t.*`): how many columns it stands for, with their names,
// types and tables for a tooltip; exactly the columns "Expand *" would write (so a `*` over a CTE, a
// derived table or a USING/NATURAL join, whose columns are not certain here, gets no hint).
import type { SchemaIndex } from '../../schema/schema-index';
import { statementsIn, type DocumentInput } from '../document-input';
import { expandStar, type StarExpansion } from '../expand-star/expand-star';

export interface StarHint {
  /** Offset just after the `*`: the hint goes there. */
  offset: number;
  columns: StarExpansion['details'];
}

export function starHints(doc: DocumentInput, index: SchemaIndex, from = 0, to = Number.MAX_SAFE_INTEGER): StarHint[] {
  const out: StarHint[] = [];
  for (const st of statementsIn(doc, index.dialect, from, to)) {
    for (const t of st.tokens) {
      if (t.text !== '*' || t.kind === 'comment' || t.start < from || t.start > to) continue;
      const expansion = expandStar(doc, t.start, index);
      if (expansion) out.push({ offset: t.end, columns: expansion.details });
    }
  }
  return out;
}
