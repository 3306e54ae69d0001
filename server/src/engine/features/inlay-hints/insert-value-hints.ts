// Inlay hints in INSERT … VALUES: the column name before each value, from the statement's column
// list or, without one, from the table's columns in order (as DataGrip does). Only rows and values
// in [from, to) are hinted; a value beyond the known columns gets no hint.
import type { SchemaIndex } from '../../schema/schema-index';
import { namePart, readDottedName, splitTableName } from '../../sql/names';
import { statementsIn, type DocumentInput } from '../document-input';
import { isIdentifier, isPunct, keywordOf, type Token } from '../../sql/tokens';

export interface InsertValueHint {
  /** Offset of the value's first character; the hint goes before it. */
  offset: number;
  column: string;
}

const INSERT_MODIFIERS = new Set(['INTO', 'IGNORE', 'LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'TOP']);

export function insertValueHints(doc: DocumentInput, index: SchemaIndex, from = 0, to = Number.MAX_SAFE_INTEGER): InsertValueHint[] {
  const out: InsertValueHint[] = [];
  for (const st of statementsIn(doc, index.dialect, from, to)) {
    if (st.end < from || st.start > to) continue;
    const tokens = st.tokens.filter((t) => t.kind !== 'comment');
    const k = tokens.findIndex((t) => keywordOf(t) === 'INSERT');
    if (k < 0) continue;
    let i = k + 1;
    while (INSERT_MODIFIERS.has(keywordOf(tokens[i]))) i++;
    const name = readDottedName(tokens, i);
    if (!name) continue;
    i = name.next;
    let columns: string[] | undefined;
    if (isPunct(tokens[i], '(')) {
      const list = groupItems(tokens, i);
      if (!list) continue;
      columns = list.items.map((item) => (item.length === 1 && isIdentifier(item[0]) ? (item[0].value ?? item[0].text) : ''));
      i = list.next;
    } else {
      const { schema, name: table } = splitTableName(name.parts);
      const info = index.findTable(namePart(table), schema && namePart(schema));
      if (!info) continue;
      columns = [...info.columns].sort((a, b) => a.ordinal - b.ordinal).map((c) => c.name);
    }
    if (keywordOf(tokens[i]) !== 'VALUES' && keywordOf(tokens[i]) !== 'VALUE') continue;
    i++;
    while (isPunct(tokens[i], '(')) {
      const row = groupItems(tokens, i);
      if (!row) break;
      row.items.forEach((item, n) => {
        const column = columns![n];
        if (column && item.length > 0 && item[0].start >= from && item[0].start < to) out.push({ offset: item[0].start, column });
      });
      i = row.next;
      if (!isPunct(tokens[i], ',')) break;
      i++;
    }
  }
  return out;
}

/** The comma-separated items of the parenthesised group opening at tokens[open]; undefined when unclosed. */
function groupItems(tokens: Token[], open: number): { items: Token[][]; next: number } | undefined {
  const items: Token[][] = [[]];
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j];
    if (isPunct(t, '(')) {
      if (depth++ === 0) continue;
    } else if (isPunct(t, ')')) {
      if (--depth === 0) return { items: items.at(-1)!.length === 0 && items.length === 1 ? [] : items, next: j + 1 };
    } else if (depth === 1 && isPunct(t, ',')) {
      items.push([]);
      continue;
    }
    items.at(-1)!.push(t);
  }
  return undefined;
}
