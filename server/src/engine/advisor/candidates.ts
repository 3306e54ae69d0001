// Candidate indexes from the facts of each query: single columns, then multi-column keys in a
// b-tree-friendly order (equality columns first, then one range column, or the ORDER BY / GROUP BY
// columns so a sort can be skipped), partial indexes for IS NULL / boolean filters, expression
// indexes for `f(col) = value`. Candidates an existing index already covers (same leading columns,
// no narrower predicate) are dropped here: the planner would gain nothing new from them.
import type { IndexInfo, TableInfo } from '../schema/model';
import { qualifiedName } from '../schema/model';
import { quoteIdent, type QueryFacts, type TableUsage } from './query-facts';
import type { CandidateIndex } from './types';

export function candidatesFor(queryId: string, facts: QueryFacts, maxColumns: number): CandidateIndex[] {
  const out: CandidateIndex[] = [];
  for (const u of facts.usages) {
    const add = (columns: string[], reason: string, where?: string) => {
      const cols = dedupe(columns).slice(0, maxColumns);
      if (cols.length === 0) return;
      out.push({ table: qualifiedName(u.table), schema: u.table.schema, tableName: u.table.name, columns: cols, where, reasons: [reason], from: [queryId] });
    };
    const eq = u.eq.map(quoteIdent);
    const range = u.range.map(quoteIdent);
    const order = u.order.map((o) => quoteIdent(o.column) + (o.desc ? ' DESC' : ''));
    const group = u.group.map(quoteIdent);
    for (const c of eq) add([c], 'equality');
    for (const c of range) add([c], 'range');
    for (const c of u.join.map(quoteIdent)) add([c], 'join');
    if (eq.length > 1) add(eq, 'equality (several columns)');
    if (range.length) for (const r of range) if (eq.length) add([...eq, r], 'equality + range');
    if (order.length && (u.limited || eq.length)) add([...eq, ...order.filter((o) => !eq.includes(o))], eq.length ? 'equality + order by' : 'order by … limit');
    if (group.length) add([...eq, ...group.filter((g) => !eq.includes(g))], eq.length ? 'equality + group by' : 'group by');
    if (u.join.length && eq.length) for (const j of u.join.map(quoteIdent)) add([...eq, j], 'equality + join');
    for (const e of u.expressions) add([`(${e})`], 'expression');
    for (const p of u.partial) {
      const keys = eq.length ? eq : range.length ? range : u.join.length ? u.join.map(quoteIdent) : order.length ? order : [];
      if (keys.length) add(keys, 'partial (filter)', p);
      else {
        const col = /^("[^"]+"|\w+)/.exec(p)?.[1];
        if (col) add([col], 'partial (filter)', p);
      }
    }
    void (u satisfies TableUsage);
  }
  return out;
}

/** Merges candidates with the same table, key and predicate (their reasons and queries combined). */
export function mergeCandidates(all: CandidateIndex[]): CandidateIndex[] {
  const byKey = new Map<string, CandidateIndex>();
  for (const c of all) {
    const key = candidateKey(c);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...c, reasons: [...c.reasons], from: [...c.from] });
    else {
      for (const r of c.reasons) if (!seen.reasons.includes(r)) seen.reasons.push(r);
      for (const q of c.from) if (!seen.from.includes(q)) seen.from.push(q);
    }
  }
  return [...byKey.values()];
}

export function candidateKey(c: { table: string; columns: string[]; where?: string }): string {
  return `${c.table}|${c.columns.map(normalizePart).join(',')}|${c.where ? normalizePart(c.where) : ''}`;
}

/** The existing index that covers a candidate: a b-tree whose key starts with the candidate's columns. */
export function coveringIndex(c: CandidateIndex, table: TableInfo): string | undefined {
  const existing: IndexInfo[] = [...table.indexes];
  if (table.primaryKey && !existing.some((i) => i.primary)) existing.push({ name: table.primaryKey.name, columns: table.primaryKey.columns, unique: true, primary: true, method: 'btree' });
  const want = c.columns.map(normalizePart);
  for (const idx of existing) {
    if (idx.method && idx.method !== 'btree') continue;
    // A partial index covers only a candidate with the same predicate.
    if (idx.predicate && (!c.where || normalizePart(idx.predicate) !== normalizePart(c.where))) continue;
    const have = idx.columns.map(normalizePart);
    if (want.length <= have.length && want.every((w, i) => w === have[i])) return idx.name;
  }
  return undefined;
}

/** Comparable text of a key part or predicate: no quotes, casts, redundant parentheses, spaces or ASC. */
export function normalizePart(s: string): string {
  return s
    .toLowerCase()
    .replace(/::[\w ]+(\[\])?/g, '')
    .replace(/["()\s]/g, '')
    .replace(/asc$/, '');
}

/** CREATE INDEX CONCURRENTLY for a candidate (no name: PostgreSQL picks one that does not clash). */
export function createIndexSql(c: { schema: string; tableName: string; columns: string[]; where?: string }, concurrently = true): string {
  return `CREATE INDEX${concurrently ? ' CONCURRENTLY' : ''} ON ${quoteIdent(c.schema)}.${quoteIdent(c.tableName)} (${c.columns.join(', ')})${c.where ? ` WHERE ${c.where}` : ''}`;
}

function dedupe(cols: string[]): string[] {
  const seen = new Set<string>();
  return cols.filter((c) => {
    const k = normalizePart(c).replace(/desc$/, '');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
