// The foreign-key graph of a schema, undirected for path finding: schema linking uses it to connect
// the tables it picked, the offline translator to build JOIN clauses. Breadth-first search gives the
// shortest chain of foreign keys between tables, so joins follow declared relationships only.
import type { ForeignKey, TableInfo } from '../schema/model';
import type { SchemaIndex } from '../schema/schema-index';

/** One step along a foreign key: `from` joins `to` through `fk`, declared on `owner`. */
export interface JoinStep {
  from: TableInfo;
  to: TableInfo;
  fk: ForeignKey;
  /** The table that declares the foreign key (either `from` or `to`). */
  owner: TableInfo;
}

const graphs = new WeakMap<SchemaIndex, SchemaGraph>();

/** The graph of a schema, built once per SchemaIndex and shared by linking and the translator. */
export function schemaGraphOf(index: SchemaIndex): SchemaGraph {
  let g = graphs.get(index);
  if (!g) graphs.set(index, (g = new SchemaGraph(index)));
  return g;
}

export class SchemaGraph {
  private readonly edges = new Map<TableInfo, JoinStep[]>();

  constructor(readonly index: SchemaIndex) {
    for (const t of index.model.tables) {
      for (const fk of t.foreignKeys) {
        const target = index.referencedTable(fk);
        if (!target || target === t) continue; // self references never help to connect two tables
        this.add({ from: t, to: target, fk, owner: t });
        this.add({ from: target, to: t, fk, owner: t });
      }
    }
  }

  private add(step: JoinStep): void {
    const list = this.edges.get(step.from);
    if (list) list.push(step);
    else this.edges.set(step.from, [step]);
  }

  neighbours(t: TableInfo): readonly JoinStep[] {
    return this.edges.get(t) ?? [];
  }

  degree(t: TableInfo): number {
    return this.neighbours(t).length;
  }

  /**
   * Shortest FK path from any table of `sources` to `target` (at most `maxHops` steps), or
   * undefined. Steps are ordered from the source side; ties go to the first declared FK, so the
   * result is deterministic.
   */
  pathFrom(sources: Iterable<TableInfo>, target: TableInfo, maxHops = 4): JoinStep[] | undefined {
    const prev = new Map<TableInfo, JoinStep | null>();
    let frontier: TableInfo[] = [];
    for (const s of sources) {
      if (s === target) return [];
      prev.set(s, null);
      frontier.push(s);
    }
    for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
      const next: TableInfo[] = [];
      for (const t of frontier) {
        for (const step of this.neighbours(t)) {
          if (prev.has(step.to)) continue;
          prev.set(step.to, step);
          if (step.to === target) return unwind(prev, target);
          next.push(step.to);
        }
      }
      frontier = next;
    }
    return undefined;
  }

  /** Hop distance from `source` to every table reachable within `maxHops`, source included (0). */
  distancesFrom(source: TableInfo, maxHops = 4): Map<TableInfo, number> {
    const dist = new Map<TableInfo, number>([[source, 0]]);
    let frontier = [source];
    for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
      const next: TableInfo[] = [];
      for (const t of frontier) {
        for (const step of this.neighbours(t)) {
          if (dist.has(step.to)) continue;
          dist.set(step.to, hop);
          next.push(step.to);
        }
      }
      frontier = next;
    }
    return dist;
  }
}

function unwind(prev: Map<TableInfo, JoinStep | null>, target: TableInfo): JoinStep[] {
  const path: JoinStep[] = [];
  let step = prev.get(target);
  while (step) {
    path.unshift(step);
    step = prev.get(step.from);
  }
  return path;
}
