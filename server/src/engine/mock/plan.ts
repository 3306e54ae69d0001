// The plan: which tables, how many rows, in which order, which foreign keys are filled while
// inserting and which are inserted empty and back-filled with UPDATE (cycles). Pure: SchemaModel in,
// plan out. Tables are ordered parents-first over the strongly connected components of the
// foreign-key graph; inside a cycle, the NOT NULL edges fix the order and the nullable edges that
// point forward are back-filled, so cyclic foreign keys end up populated.
// A live run (preview on a connection, --write) also knows the keys already in the database: a
// foreign key whose parent is not generated draws from a sample of the parent's existing keys, and
// a parent with rows is then not added to the run. The samples are read outside (generate.ts asks
// for `toSample`, reads them, plans again), so planning stays pure.
import { qualifiedName, type ForeignKey, type SchemaModel, type TableInfo } from '../schema/model';
import type { Finding, MockRequest, ParentKeySample } from './types';

/** At most this many distinct key tuples are read from a parent outside the run. */
export const PARENT_SAMPLE_LIMIT = 10_000;

/** Samples of existing parent keys read so far, by child table and foreign key (live runs only). */
export interface ExistingParents {
  /** undefined: not read yet (the plan lists it in `toSample`). */
  get(child: string, fk: ForeignKey): ParentKeySample | undefined;
}

/** A sample the plan needs before it is final. */
export interface ParentSampleWanted {
  child: TableInfo;
  fk: ForeignKey;
  parent: TableInfo;
  /** The child's foreign-key columns are a unique key (1:1): only parents it does not reference yet. */
  unreferencedOnly: boolean;
}

export interface TablePlan {
  table: TableInfo;
  key: string;
  rows: number;
  /** Parent already loaded (or the table itself, for self-references): filled while inserting. */
  directFks: ForeignKey[];
  /** Parent loaded later (a cycle): inserted NULL, back-filled with UPDATE after the parent. */
  backfillFks: ForeignKey[];
  /** Unresolvable NOT NULL cycle edges: the table cannot be generated. */
  blocked?: string;
  /**
   * Member of a cycle of NOT NULL foreign keys (the tables of one group share the number). Their
   * rows are written together: PostgreSQL in one statement (WITH … INSERT, the foreign keys are
   * checked at its end), MySQL with foreign-key checks off for those rows and verified afterwards.
   * Keys of the later tables are predicted (integer sequences), so earlier rows can point at them.
   */
  group?: number;
  /** Foreign keys to a later table of the same group: filled from its predicted keys. */
  predictedFks?: ForeignKey[];
  /** Foreign keys whose parent is not generated: drawn from the parent's existing keys (also in directFks). */
  sampledFks?: { fk: ForeignKey; sample: ParentKeySample }[];
  /** The run reads the database's existing rows (false: SQL script, CSV files, snapshot). */
  readsDatabase?: boolean;
}

export interface MockPlan {
  tables: TablePlan[];
  findings: Finding[];
  /** Live runs: parent keys to read before planning again (empty when the plan is final). */
  toSample: ParentSampleWanted[];
}

/** The child's foreign-key columns are exactly a unique key (a 1:1 relationship). */
export function uniqueForeignKey(t: TableInfo, fk: ForeignKey): boolean {
  const same = (cols: string[]) => cols.length === fk.columns.length && cols.every((c) => fk.columns.includes(c));
  return [t.primaryKey, ...t.uniques].some((k) => k && same(k.columns)) || t.indexes.some((i) => i.unique && !i.predicate && same(i.columns));
}

const WRITABLE_KINDS = new Set(['table', 'partitioned_table']);

export function findTable(model: SchemaModel, name: string): TableInfo | undefined {
  const n = name.trim().replace(/"/g, '');
  const lower = n.toLowerCase();
  const tables = model.tables.filter((t) => WRITABLE_KINDS.has(t.kind));
  return (
    tables.find((t) => qualifiedName(t) === n || t.name === n) ??
    tables.find((t) => qualifiedName(t).toLowerCase() === lower) ??
    tables.find((t) => t.name.toLowerCase() === lower && (model.searchPath.includes(t.schema) || tables.filter((x) => x.name.toLowerCase() === lower).length === 1))
  );
}

export function planMock(model: SchemaModel, request: MockRequest, existing?: ExistingParents): MockPlan {
  const findings: Finding[] = [];
  const byKey = new Map(model.tables.filter((t) => WRITABLE_KINDS.has(t.kind)).map((t) => [qualifiedName(t), t]));
  const parentOf = (fk: ForeignKey) => byKey.get(`${fk.refSchema}.${fk.refTable}`);
  const toSample: ParentSampleWanted[] = [];
  const sampleOf = (t: TableInfo, fk: ForeignKey, parent: TableInfo): ParentKeySample | undefined => {
    const s = existing!.get(qualifiedName(t), fk);
    if (!s && !toSample.some((w) => w.child === t && w.fk === fk)) toSample.push({ child: t, fk, parent, unreferencedOnly: uniqueForeignKey(t, fk) });
    return s;
  };

  // 1. Tables: the asked ones plus, transitively, the parents their NOT NULL foreign keys need.
  let selected: TableInfo[];
  if (request.tables?.length) {
    selected = [];
    for (const name of request.tables) {
      const t = findTable(model, name);
      if (!t) findings.push({ level: 'error', message: `no table "${name}" in ${model.database || 'the schema'}` });
      else if (!selected.includes(t)) selected.push(t);
    }
    const queue = [...selected];
    while (queue.length) {
      const t = queue.shift()!;
      for (const fk of t.foreignKeys) {
        const p = parentOf(fk);
        if (!p || selected.includes(p)) continue;
        const cols = fk.columns.map((c) => t.columns.find((x) => x.name === c));
        const nullable = cols.every((c) => c?.nullable);
        if (existing) {
          // Live: a parent with rows is sampled, not generated; only an empty one is added (NOT NULL).
          const s = sampleOf(t, fk, p);
          if (!s || !s.parentEmpty || nullable) continue;
          selected.push(p);
          queue.push(p);
          findings.push({ level: 'info', table: qualifiedName(p), message: `added: ${qualifiedName(t)}.${fk.name} needs rows in it and it has none in the database` });
          continue;
        }
        if (nullable) continue;
        selected.push(p);
        queue.push(p);
        findings.push({ level: 'info', table: qualifiedName(p), message: `added: ${qualifiedName(t)}.${fk.name} needs rows in it` });
      }
    }
  } else selected = [...byKey.values()];
  selected.sort((a, b) => cmp(qualifiedName(a), qualifiedName(b)));
  const inPlan = new Set(selected.map(qualifiedName));

  // 2. Row counts.
  const counts = new Map<string, number>();
  for (const t of selected) counts.set(qualifiedName(t), request.rows);
  for (const [name, n] of Object.entries(request.rowsPerTable ?? {})) {
    const t = findTable(model, name);
    if (!t) findings.push({ level: 'error', message: `--rows-per-table: no table "${name}"` });
    else if (!inPlan.has(qualifiedName(t))) findings.push({ level: 'warning', table: qualifiedName(t), message: '--rows-per-table names a table that is not generated (see --tables)' });
    else counts.set(qualifiedName(t), n);
  }

  // 3. Order: strongly connected components, parents first.
  const edges = new Map<string, { fk: ForeignKey; parent: string }[]>();
  for (const t of selected) {
    const k = qualifiedName(t);
    edges.set(
      k,
      t.foreignKeys.flatMap((fk) => {
        const p = `${fk.refSchema}.${fk.refTable}`;
        return inPlan.has(p) && p !== k ? [{ fk, parent: p }] : [];
      }),
    );
  }
  const components = tarjan(selected.map(qualifiedName), (k) => edges.get(k)!.map((e) => e.parent));
  const order: string[] = [];
  const backfill = new Map<string, ForeignKey[]>();
  const blocked = new Map<string, string>();
  const groups = new Map<string, number>();
  let groupCount = 0;
  for (const comp of components) {
    if (comp.length === 1) {
      order.push(comp[0]!);
      continue;
    }
    const members = new Set(comp);
    const table = (k: string) => byKey.get(k)!;
    const nullable = (k: string, fk: ForeignKey) => fk.columns.every((c) => table(k).columns.find((x) => x.name === c)?.nullable);
    // Kahn over the NOT NULL edges inside the component.
    const hard = new Map(comp.map((k) => [k, edges.get(k)!.filter((e) => members.has(e.parent) && !nullable(k, e.fk))]));
    const placed: string[] = [];
    const left = new Set(comp);
    while (left.size) {
      const ready = [...left].filter((k) => hard.get(k)!.every((e) => !left.has(e.parent))).sort(cmp);
      if (ready.length === 0) {
        const names = [...left].sort(cmp);
        const predictable = names.every((k) => hard.get(k)!.filter((e) => left.has(e.parent)).every((e) => isSequenceKey(table(e.parent), e.fk.refColumns)));
        if (predictable) {
          const id = ++groupCount;
          for (const k of names) groups.set(k, id);
        } else for (const k of names) blocked.set(k, `cycle of NOT NULL foreign keys between ${names.join(', ')}: no row can be inserted first (make one of them nullable or DEFERRABLE)`);
        placed.push(...names);
        break;
      }
      placed.push(ready[0]!);
      left.delete(ready[0]!);
    }
    const pos = new Map(placed.map((k, i) => [k, i]));
    for (const k of placed) {
      const late = edges.get(k)!.filter((e) => members.has(e.parent) && pos.get(e.parent)! > pos.get(k)!).map((e) => e.fk);
      if (late.length) backfill.set(k, late);
    }
    order.push(...placed);
    findings.push({ level: 'info', message: `foreign-key cycle ${placed.join(' → ')}: ${[...backfill.entries()].filter(([k]) => members.has(k)).map(([k, fks]) => fks.map((f) => `${k}.${f.name}`).join(', ')).join(', ') || 'none'} inserted empty, then back-filled with UPDATE` });
  }

  const tables: TablePlan[] = order.map((k) => {
    const t = byKey.get(k)!;
    const pos = new Map(order.map((x, i) => [x, i]));
    const group = groups.get(k);
    const nullableFk = (fk: ForeignKey) => fk.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable);
    // Inside a NOT NULL group, the NOT NULL edges to later members are predicted, not back-filled.
    const predicted = group === undefined ? [] : t.foreignKeys.filter((fk) => groups.get(`${fk.refSchema}.${fk.refTable}`) === group && `${fk.refSchema}.${fk.refTable}` !== k && pos.get(`${fk.refSchema}.${fk.refTable}`)! > pos.get(k)! && !nullableFk(fk));
    const late = (backfill.get(k) ?? []).filter((fk) => !predicted.includes(fk));
    const sampled: NonNullable<TablePlan['sampledFks']> = [];
    if (existing)
      for (const fk of t.foreignKeys) {
        const p = parentOf(fk);
        if (!p || inPlan.has(qualifiedName(p))) continue;
        const s = sampleOf(t, fk, p);
        if (s) sampled.push({ fk, sample: s });
      }
    const plan: TablePlan = {
      table: t,
      key: k,
      rows: counts.get(k) ?? request.rows,
      directFks: t.foreignKeys.filter((fk) => (!late.includes(fk) && inPlan.has(`${fk.refSchema}.${fk.refTable}`)) || sampled.some((x) => x.fk === fk)),
      backfillFks: late,
      readsDatabase: existing !== undefined,
    };
    if (sampled.length) plan.sampledFks = sampled;
    const b = blocked.get(k);
    if (b) plan.blocked = b;
    if (group !== undefined) {
      plan.group = group;
      plan.predictedFks = predicted;
    }
    for (const fk of t.foreignKeys)
      if (!inPlan.has(`${fk.refSchema}.${fk.refTable}`) && !byKey.has(`${fk.refSchema}.${fk.refTable}`))
        findings.push({ level: 'warning', table: k, message: `${fk.name} references ${fk.refSchema}.${fk.refTable}, which is not a table this run can fill` });
    return plan;
  });
  return { tables, findings, toSample };
}

/** A single integer primary-key column that is not itself a foreign key: the generator numbers it 1, 2, … */
function isSequenceKey(t: TableInfo, columns: string[]): boolean {
  if (columns.length !== 1 || t.primaryKey?.columns.length !== 1 || t.primaryKey.columns[0] !== columns[0]) return false;
  if (t.foreignKeys.some((fk) => fk.columns.includes(columns[0]!))) return false;
  const type = t.columns.find((c) => c.name === columns[0])?.dataType.toLowerCase() ?? '';
  return /^(smallint|integer|bigint|int|int2|int4|int8|mediumint|tinyint)\b/.test(type) || /^(small|big)?serial/.test(type);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tarjan's strongly connected components; a component comes after every component it points to. */
function tarjan(nodes: string[], next: (n: string) => string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      out.push(comp.sort(cmp));
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}
