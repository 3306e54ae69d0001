// Finds the table references of one query block (tokens between its bounds, nested parentheses
// skipped): FROM/JOIN lists with aliases, UPDATE/INSERT INTO/DELETE FROM targets, derived tables and
// the CTEs of a leading WITH. Works on half-typed text: it stops at anything it does not understand.
import type { Dialect } from './dialect';
import { readDottedName, splitTableName } from './names';
import { isSubqueryGroup } from './paren-groups';
import { isIdentifier, isPunct, keywordOf, type Token } from './tokens';

export type TableRefClause = 'from' | 'join' | 'into' | 'update' | 'using' | 'table';

export interface TableRef {
  kind: 'table' | 'derived' | 'function';
  clause: TableRefClause;
  schema?: Token;
  /** Table (or function) name; undefined for a derived table. */
  name?: Token;
  alias?: Token;
  /** Output columns of a derived table `(SELECT …) alias`. */
  derived?: OutputColumns;
  /** Offsets of the whole reference, name through alias. */
  start: number;
  end: number;
}

export interface CteDef {
  name: Token;
  /** Explicit column list `name(a, b)` or the body's select list. */
  columns: OutputColumns;
  /** Token index of the body's `(`. */
  bodyOpen?: number;
}

/** Columns a subquery produces: named ones plus `*` expansions over its own tables. */
export interface OutputColumns {
  names: Token[];
  stars: TableRef[];
}

export interface BlockInfo {
  refs: TableRef[];
  ctes: CteDef[];
  /** Token indexes of `(` that open CTE bodies or derived tables (they do not see the outer block). */
  isolatedGroups: Set<number>;
  /** Offsets where UNION/INTERSECT/EXCEPT split the block into separate SELECTs. */
  setOperatorOffsets: number[];
}

/** Words that end a table reference; an alias can never be one of them without quotes. */
const STOP_WORDS = new Set(
  `ON USING WHERE GROUP ORDER HAVING LIMIT OFFSET JOIN INNER LEFT RIGHT FULL CROSS NATURAL OUTER UNION
  INTERSECT EXCEPT SET VALUES RETURNING WINDOW FETCH FOR LATERAL TABLESAMPLE WITH SELECT DEFAULT OUTPUT
  WHEN THEN ELSE END AND OR NOT AS FROM INTO QUALIFY STRAIGHT_JOIN PARTITION APPLY OPTION DO`.split(/\s+/),
);
const SET_OPERATORS = new Set(['UNION', 'INTERSECT', 'EXCEPT']);

/** Nesting of derived tables analysed at most (real queries stay far below). */
const MAX_NESTING = 64;

export class BlockScanner {
  private depth = 0;
  private readonly outputs = new Map<string, OutputColumns>();
  /** Blocks scanned from the top (depth 0), by range: one scanner answers many offsets of a statement. */
  private readonly scanned = new Map<string, BlockInfo>();

  constructor(
    private readonly tokens: Token[],
    private readonly parens: Map<number, number>,
    private readonly dialect: Dialect,
  ) {}

  isStopWord(t: Token | undefined): boolean {
    return t?.kind === 'word' && (STOP_WORDS.has(t.text.toUpperCase()) || this.dialect.reserved.has(t.text.toUpperCase()));
  }

  scan(from: number, to: number): BlockInfo {
    // Only a scan started at depth 0 is remembered: deeper ones may be cut short by MAX_NESTING.
    if (this.depth === 0) {
      const key = `${from}:${to}`;
      let info = this.scanned.get(key);
      if (!info) this.scanned.set(key, (info = this.scanUncached(from, to)));
      return info;
    }
    return this.scanUncached(from, to);
  }

  private scanUncached(from: number, to: number): BlockInfo {
    const info: BlockInfo = { refs: [], ctes: [], isolatedGroups: new Set(), setOperatorOffsets: [] };
    // Derived tables inside derived tables recurse (scan → outputColumns → scan): past this depth
    // their columns stay unknown, so absurd nesting costs neither the stack nor quadratic time.
    if (this.depth >= MAX_NESTING) return info;
    this.depth++;
    try {
      return this.scanBlock(from, to, info);
    } finally {
      this.depth--;
    }
  }

  private scanBlock(from: number, to: number, info: BlockInfo): BlockInfo {
    const tk = this.tokens;
    let i = from;
    if (keywordOf(tk[i]) === 'WITH') i = this.readCtes(i + 1, to, info);
    while (i < to) {
      const t = tk[i];
      if (isPunct(t, '(')) {
        i = this.close(i) + 1;
        continue;
      }
      const kw = keywordOf(t);
      if (SET_OPERATORS.has(kw)) info.setOperatorOffsets.push(t.start);
      const clause = this.introducedClause(i, from);
      i = clause ? this.readRefList(i + 1, to, clause, info) : i + 1;
    }
    return info;
  }

  /** Which table clause tokens[i] opens, if any (guards against IS DISTINCT FROM, FOR UPDATE, …). */
  private introducedClause(i: number, blockStart: number): TableRefClause | undefined {
    const tk = this.tokens;
    const kw = keywordOf(tk[i]);
    const prev = keywordOf(tk[i - 1]);
    switch (kw) {
      case 'FROM':
        return prev === 'DISTINCT' ? undefined : 'from';
      case 'JOIN':
      case 'STRAIGHT_JOIN':
        return 'join';
      case 'APPLY':
        return 'join';
      case 'INTO':
        return 'into';
      case 'UPDATE':
        return ['FOR', 'KEY', 'DO', 'NO'].includes(prev) ? undefined : 'update';
      case 'USING':
        return isPunct(tk[i + 1], '(') ? undefined : 'using';
      case 'TABLE':
        return i === blockStart || ['TRUNCATE', 'LOCK', 'ALTER', 'ONLY'].includes(prev) ? 'table' : undefined;
      default:
        return undefined;
    }
  }

  private close(open: number): number {
    return this.parens.get(open) ?? this.tokens.length;
  }

  /** Reads `ref [, ref …]` (commas only in FROM/USING lists); returns the index after the list. */
  private readRefList(i: number, to: number, clause: TableRefClause, info: BlockInfo): number {
    const tk = this.tokens;
    for (;;) {
      while (i < to && ['LATERAL', 'ONLY'].includes(keywordOf(tk[i]))) i++;
      const start = tk[i]?.start ?? 0;
      let ref: TableRef;
      if (isPunct(tk[i], '(')) {
        const close = this.close(i);
        if (!isSubqueryGroup(tk, i)) return close + 1;
        info.isolatedGroups.add(i);
        ref = { kind: 'derived', clause, derived: this.outputColumns(i + 1, Math.min(close, to)), start, end: 0 };
        i = close + 1;
      } else {
        const name = readDottedName(tk, i, to);
        if (!name || name.trailingDot || this.isStopWord(name.parts[0])) return i;
        const { schema, name: tableName } = splitTableName(name.parts);
        ref = { kind: 'table', clause, schema, name: tableName, start, end: 0 };
        i = name.next;
        if (isPunct(tk[i], '(') && clause !== 'into') {
          ref.kind = 'function';
          i = this.close(i) + 1;
        }
      }
      i = this.readAlias(i, to, ref);
      ref.end = tk[Math.min(i, tk.length) - 1]?.end ?? ref.start;
      info.refs.push(ref);
      if ((clause === 'from' || clause === 'using') && isPunct(tk[i], ',') && i < to) {
        i++;
        continue;
      }
      return i;
    }
  }

  private readAlias(i: number, to: number, ref: TableRef): number {
    const tk = this.tokens;
    if (i < to && keywordOf(tk[i]) === 'AS') {
      if (i + 1 < to && isIdentifier(tk[i + 1])) {
        ref.alias = tk[i + 1];
        i += 2;
      } else return i + 1;
    } else if (i < to && isIdentifier(tk[i]) && !this.isStopWord(tk[i])) {
      ref.alias = tk[i];
      i++;
    }
    // Column alias list `AS x(a, b)`; an INSERT column list is not part of the reference.
    if (ref.alias && isPunct(tk[i], '(') && ref.clause !== 'into') i = this.close(i) + 1;
    return i;
  }

  private readCtes(i: number, to: number, info: BlockInfo): number {
    const tk = this.tokens;
    if (keywordOf(tk[i]) === 'RECURSIVE') i++;
    while (i < to && isIdentifier(tk[i])) {
      const name = tk[i++];
      let explicit: Token[] | undefined;
      if (isPunct(tk[i], '(')) {
        const close = this.close(i);
        explicit = tk.slice(i + 1, close).filter(isIdentifier);
        i = close + 1;
      }
      if (keywordOf(tk[i]) !== 'AS') return i;
      i++;
      while (['NOT', 'MATERIALIZED'].includes(keywordOf(tk[i]))) i++;
      if (!isPunct(tk[i], '(')) return i;
      const close = this.close(i);
      info.isolatedGroups.add(i);
      const columns = explicit ? { names: explicit, stars: [] } : this.outputColumns(i + 1, Math.min(close, to));
      info.ctes.push({ name, columns, bodyOpen: i });
      i = close + 1;
      if (!isPunct(tk[i], ',')) return i;
      i++;
    }
    return i;
  }

  /**
   * Output column names of the query in tokens [from, to): aliases, bare column names, `*` sources.
   * Remembered per range: the scope resolver scans every block from the statement down to the
   * cursor, and each scan asks for the columns of the derived tables below it again.
   */
  outputColumns(from: number, to: number): OutputColumns {
    const key = `${from}:${to}`;
    let out = this.outputs.get(key);
    if (!out) this.outputs.set(key, (out = this.readOutputColumns(from, to)));
    return out;
  }

  private readOutputColumns(from: number, to: number): OutputColumns {
    const tk = this.tokens;
    const out: OutputColumns = { names: [], stars: [] };
    let i = from;
    while (i < to && keywordOf(tk[i]) !== 'SELECT') i = isPunct(tk[i], '(') ? this.close(i) + 1 : i + 1;
    i++;
    while (['DISTINCT', 'ALL', 'TOP'].includes(keywordOf(tk[i]))) i++;
    let item: Token[] = [];
    const finishItem = () => {
      const name = itemName(item);
      if (name && !this.isStopWord(name)) out.names.push(name);
      else if (item.at(-1)?.text === '*') {
        const body = this.scan(from, to).refs;
        const q = item.length >= 3 && isPunct(item.at(-2), '.') ? item.at(-3) : undefined;
        out.stars.push(...(q ? body.filter((r) => sameToken(r.alias ?? r.name, q)) : body));
      }
      item = [];
    };
    for (; i < to; i++) {
      const t = tk[i];
      if (isPunct(t, '(')) {
        item.push(t);
        i = this.close(i);
        item.push(tk[i] ?? t);
        continue;
      }
      if (isPunct(t, ',')) finishItem();
      else if (['FROM', 'INTO', 'WHERE', 'GROUP', 'ORDER', 'LIMIT', 'UNION', 'INTERSECT', 'EXCEPT'].includes(keywordOf(t))) break;
      else item.push(t);
    }
    finishItem();
    return out;
  }
}

/** Name of a select-list item: `expr AS x`, `expr x`, `t.col`, `col`. */
function itemName(item: Token[]): Token | undefined {
  const last = item.at(-1);
  if (!isIdentifier(last)) return undefined;
  if (item.length === 1) return last;
  const before = item.at(-2)!;
  const named = before.kind === 'word' || before.kind === 'quoted' || before.kind === 'string' || before.kind === 'number';
  if (named || isPunct(before, '.') || isPunct(before, ')')) return last;
  return undefined;
}

function sameToken(a: Token | undefined, b: Token | undefined): boolean {
  return !!a && !!b && (a.value ?? a.text).toLowerCase() === (b.value ?? b.text).toLowerCase();
}
