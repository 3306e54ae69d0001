// node-sql-parser rejects `INSERT … (a, b) VALUES (1, 2, 3)` with a message but no location; this
// finds the first VALUES row whose width differs from the column list, so the error lands on it.
import type { DialectId } from '../../schema/model';

interface Group {
  start: number;
  end: number;
  items: number;
}

export function insertCountMismatch(sql: string, dialect: DialectId): { start: number; end: number; message: string } | undefined {
  const groups: Group[] = [];
  let valuesAt = -1;
  let depth = 0;
  let cur: Group | undefined;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`' || (c === '[' && dialect === 'mssql')) {
      const close = c === '[' ? ']' : c;
      i++;
      while (i < sql.length && sql[i] !== close) i += sql[i] === '\\' && dialect === 'mysql' ? 2 : 1;
      continue;
    }
    if (c === '(') {
      if (depth === 0) cur = { start: i, end: i, items: 1 };
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth === 0 && cur) {
        cur.end = i + 1;
        if (/^\(\s*\)$/.test(sql.slice(cur.start, cur.end))) cur.items = 0;
        groups.push(cur);
        cur = undefined;
      }
    } else if (c === ',' && depth === 1 && cur) cur.items++;
    else if (depth === 0 && valuesAt < 0 && /^VALUES?\b/i.test(sql.slice(i, i + 7)) && !/\w/.test(sql[i - 1] ?? ' ')) valuesAt = i;
  }
  if (valuesAt < 0) return undefined;
  const cols = groups.filter((g) => g.end <= valuesAt).at(-1);
  if (!cols) return undefined;
  const row = groups.find((g) => g.start > valuesAt && g.items !== cols.items);
  if (!row) return undefined;
  const more = row.items > cols.items;
  return {
    start: row.start,
    end: row.end,
    message: more ? `INSERT has more expressions (${row.items}) than target columns (${cols.items}).` : `INSERT has more target columns (${cols.items}) than expressions (${row.items}).`,
  };
}
