// Mermaid ERDs for the docs, built on the shared ERD module. A schema that fits in one readable
// diagram is drawn whole; a bigger one is split into neighbourhoods (a hub table and the tables
// around it, found by breadth-first search from the best-connected tables), so no part is an
// unreadable picture. Links between parts are listed in text. Everything is deterministic.
import { adjacency, subgraph, toMermaidErDiagram, type ErdEdge, type ErdGraph, type ErdNode } from '../erd';
import { cmp } from './paths';

/** Tables per diagram above which a schema is split (Mermaid stays readable up to about this). */
export const MAX_TABLES_PER_DIAGRAM = 25;

export interface ErdPart {
  /** The hub table the part grew from (undefined for a part of unrelated tables). */
  hub?: string;
  graph: ErdGraph;
  /** FK links from this part to tables of other parts, as "from → to". */
  crossLinks: string[];
}

/** Keys only (PK/FK/unique columns): overviews show structure, table pages show every column. */
export function keysOnly(graph: ErdGraph): ErdGraph {
  return { ...graph, nodes: graph.nodes.map((n): ErdNode => ({ ...n, columns: n.columns.filter((c) => c.pk || c.fk || c.unique) })) };
}

export function splitByNeighbourhood(graph: ErdGraph, max = MAX_TABLES_PER_DIAGRAM): ErdPart[] {
  if (graph.nodes.length <= max) return [{ graph, crossLinks: [] }];
  const adj = adjacency(graph.edges);
  for (const list of adj.values()) list.sort(cmp);
  const degree = (id: string) => new Set(adj.get(id) ?? []).size;
  const order = graph.nodes.map((n) => n.id).sort((a, b) => degree(b) - degree(a) || cmp(a, b));
  const partOf = new Map<string, number>();
  const groups: { hub?: string; ids: string[] }[] = [];
  const loners: string[] = [];
  for (const seed of order) {
    if (partOf.has(seed)) continue;
    if (degree(seed) === 0) {
      loners.push(seed);
      continue;
    }
    const ids = [seed];
    partOf.set(seed, groups.length);
    for (let i = 0; i < ids.length && ids.length < max; i++) {
      for (const next of adj.get(ids[i]!) ?? []) {
        if (ids.length >= max) break;
        if (!partOf.has(next)) {
          partOf.set(next, groups.length);
          ids.push(next);
        }
      }
    }
    groups.push({ hub: seed, ids });
  }
  // Merge tiny groups (a pair or a triple) into one "small groups" part so they do not multiply.
  const parts: { hub?: string; ids: string[] }[] = [];
  let small: string[] = [];
  for (const g of groups) {
    if (g.ids.length > 3) parts.push(g);
    else {
      if (small.length + g.ids.length > max) {
        parts.push({ ids: small });
        small = [];
      }
      small.push(...g.ids);
    }
  }
  if (small.length) parts.push({ ids: small });
  for (let i = 0; i < loners.length; i += max) parts.push({ ids: loners.slice(i, i + max) });
  parts.forEach((p, i) => p.ids.forEach((id) => partOf.set(id, i)));
  return parts.map((p, i) => {
    const ids = new Set(p.ids);
    const crossLinks = graph.edges
      .filter((e) => ids.has(e.from) !== ids.has(e.to) && (ids.has(e.from) || ids.has(e.to)))
      .map((e) => `${e.from} → ${e.to}`)
      .sort(cmp);
    void i;
    return { ...(p.hub ? { hub: p.hub } : {}), graph: subgraph(graph, ids), crossLinks: [...new Set(crossLinks)] };
  });
}

export interface GraphLookup {
  graph: ErdGraph;
  nodes: Map<string, ErdNode>;
  adj: Map<string, string[]>;
  edgesOf: Map<string, ErdEdge[]>;
}

/** Lookups built once per graph, so a page per table stays linear on a 5,000-table schema. */
export function graphLookup(graph: ErdGraph): GraphLookup {
  const edgesOf = new Map<string, ErdEdge[]>();
  const push = (k: string, e: ErdEdge) => {
    const l = edgesOf.get(k);
    if (l) l.push(e);
    else edgesOf.set(k, [e]);
  };
  for (const e of graph.edges) {
    push(e.from, e);
    if (e.to !== e.from) push(e.to, e);
  }
  return { graph, nodes: new Map(graph.nodes.map((n) => [n.id, n])), adj: adjacency(graph.edges), edgesOf };
}

/** The 1-hop neighbourhood of a table: every column of the table itself, keys of its neighbours. */
export function neighbourhoodDiagram(g: GraphLookup, id: string, maxNeighbours = 30): { text: string; omitted: number } | undefined {
  const center = g.nodes.get(id);
  if (!center) return undefined;
  const others = [...new Set(g.adj.get(id) ?? [])].filter((x) => x !== id).sort(cmp);
  const kept = others.slice(0, maxNeighbours);
  const ids = new Set([id, ...kept]);
  const edges = new Map<string, ErdEdge>();
  for (const n of ids) for (const e of g.edgesOf.get(n) ?? []) if (ids.has(e.from) && ids.has(e.to)) edges.set(e.id, e);
  const nodes = [center, ...kept.map((k) => g.nodes.get(k)!)].map((n) => (n.id === id ? n : { ...n, columns: n.columns.filter((c) => c.pk || c.fk || c.unique) }));
  const schemas = [...new Set(nodes.map((n) => n.schema))];
  const graph: ErdGraph = { ...g.graph, nodes, edges: [...edges.values()].sort((a, b) => cmp(a.id, b.id)), schemas, unresolved: [] };
  return { text: safeMermaid(toMermaidErDiagram(graph)), omitted: others.length - kept.length };
}

export function mermaid(graph: ErdGraph): string {
  return safeMermaid(toMermaidErDiagram(graph));
}

/** erDiagram syntax has no angle brackets; names and comments with them must not become markup. */
function safeMermaid(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
