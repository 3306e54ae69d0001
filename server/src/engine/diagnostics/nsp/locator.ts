// Where a name of node-sql-parser's AST is in the statement text. The MySQL/MariaDB grammars give
// each node a location, so their locator re-reads the dotted name at it; the TransactSQL grammar
// gives none, so SQL Server uses a locator built by matching the AST's names to the T-SQL tokens
// (tsql/locate.ts). A locator answers undefined (or []) whenever it is not sure: the analyser then
// stays silent about that name.
import type { Json } from '../pg/ast';

export interface Span {
  start: number;
  end: number;
}

export interface NameLocator {
  /** Spans of the parts of a table name (FROM item or DML target); the last is the table. */
  tableParts(item: Json): Span[];
  /** Spans of the parts of a column reference; the last is the column. */
  columnParts(ref: Json): Span[];
  /** The i-th name of an INSERT column list. */
  insertColumn(ast: Json, i: number, name: string): Span | undefined;
  /** The column of one `SET col = …` item of an UPDATE. */
  setColumn(ast: Json, item: Json, name: string): Span | undefined;
  /** Whole-expression span (lint rules over comparisons). */
  exprSpan(node: Json): Span | undefined;
  /** The `*` of a `SELECT *` column. */
  starSpan(ref: Json): Span | undefined;
}

/** Locator over node-sql-parser's own locations (MySQL/MariaDB grammars). */
export class LocLocator implements NameLocator {
  constructor(private readonly sql: string) {}

  tableParts(item: Json): Span[] {
    return item?.loc ? dottedNameAt(this.sql, item.loc.start.offset) : [];
  }

  columnParts(ref: Json): Span[] {
    return ref?.loc ? dottedNameAt(this.sql, ref.loc.start.offset) : [];
  }

  insertColumn(ast: Json, _i: number, name: string): Span | undefined {
    const target = Array.isArray(ast.table) ? ast.table[0] : undefined;
    return this.findWord(name, target?.loc?.end?.offset ?? 0);
  }

  setColumn(ast: Json, _item: Json, name: string): Span | undefined {
    const first = Array.isArray(ast.table) ? ast.table[0] : undefined;
    return this.findWord(name, first?.loc?.end?.offset ?? 0);
  }

  exprSpan(node: Json): Span | undefined {
    return node?.loc ? { start: node.loc.start.offset, end: node.loc.end.offset } : undefined;
  }

  starSpan(ref: Json): Span | undefined {
    return ref?.loc ? dottedNameAt(this.sql, ref.loc.start.offset).at(-1) : undefined;
  }

  private findWord(word: string, from: number): Span | undefined {
    const re = new RegExp(`[\`"\\[]?${escapeRe(word)}[\`"\\]]?`, 'i');
    const m = re.exec(this.sql.slice(from));
    return m ? { start: from + m.index, end: from + m.index + m[0].length } : undefined;
  }
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Spans of the parts of a dotted name starting at an offset: `db`.`t`, [s].[t], a.b. */
export function dottedNameAt(sql: string, offset: number): Span[] {
  const re = /(`(?:[^`]|``)*`|"(?:[^"]|"")*"|\[[^\]]*\]|[\w$@#\u0080-\uffff]+|\*)/y;
  const out: Span[] = [];
  let i = offset;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(sql);
    if (!m) break;
    out.push({ start: i, end: i + m[0].length });
    i += m[0].length;
    let j = i;
    while (sql[j] === ' ') j++;
    if (sql[j] !== '.') break;
    j++;
    while (sql[j] === ' ') j++;
    i = j;
  }
  return out;
}
