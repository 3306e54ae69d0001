// Ways into a big schema: a view selects the nodes to show and keeps the edges between them. Pure
// functions over an ErdGraph; the webview runs them on every keystroke, so they stay linear.
import type { ErdEdge, ErdGraph, ErdNode } from './graph';

export type ErdView =
  | { kind: 'all' }
  | { kind: 'schemas'; schemas: string[] }
  | { kind: 'neighbourhood'; table: string; hops: number }
  | { kind: 'search'; query: string };

export const DEFAULT_HOPS = 1;
export const MAX_HOPS = 6;

/** The part of the graph a view shows; schema filter and search combine (both narrow). */
export function applyView(graph: ErdGraph, view: ErdView, schemaFilter?: readonly string[]): ErdGraph {
  const base = schemaFilter && schemaFilter.length > 0 ? filterSchemas(graph, schemaFilter) : graph;
  switch (view.kind) {
    case 'all':
      return base;
    case 'schemas':
      return filterSchemas(base, view.schemas);
    case 'neighbourhood':
      return neighbourhood(base, view.table, view.hops);
    case 'search':
      return search(base, view.query);
  }
}

/** The nodes with these ids and the edges whose two ends are among them. */
export function subgraph(graph: ErdGraph, ids: ReadonlySet<string>): ErdGraph {
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.from) && ids.has(e.to)),
    schemas: graph.schemas.filter((s) => graph.nodes.some((n) => n.schema === s && ids.has(n.id))),
  };
}

export function filterSchemas(graph: ErdGraph, schemas: readonly string[]): ErdGraph {
  const wanted = new Set(schemas);
  return subgraph(graph, new Set(graph.nodes.filter((n) => wanted.has(n.schema)).map((n) => n.id)));
}

/** Tables within `hops` FK steps of `table` (either direction). Unknown table → empty graph. */
export function neighbourhood(graph: ErdGraph, table: string, hops: number = DEFAULT_HOPS): ErdGraph {
  const start = findNode(graph, table);
  if (!start) return subgraph(graph, new Set());
  const limit = Math.max(0, Math.min(MAX_HOPS, Math.floor(hops)));
  const adjacent = adjacency(graph.edges);
  const seen = new Set([start.id]);
  let frontier = [start.id];
  for (let step = 0; step < limit && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier)
      for (const other of adjacent.get(id) ?? [])
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
    frontier = next;
  }
  return subgraph(graph, seen);
}

/**
 * Tables whose "schema.table" contains the query, case-insensitively; "col:x" finds the tables with
 * a column whose name contains x. An empty query shows everything.
 */
export function search(graph: ErdGraph, query: string): ErdGraph {
  const q = query.trim().toLowerCase();
  if (!q) return graph;
  const columnsOnly = q.startsWith('col:');
  const needle = columnsOnly ? q.slice(4).trim() : q;
  const hit = (n: ErdNode) =>
    columnsOnly ? n.columns.some((c) => c.name.toLowerCase().includes(needle)) : n.id.toLowerCase().includes(needle);
  return subgraph(graph, new Set(graph.nodes.filter(hit).map((n) => n.id)));
}

/** Resolves "schema.table" exactly, else a unique bare table name (case-insensitive). */
export function findNode(graph: ErdGraph, table: string): ErdNode | undefined {
  const exact = graph.nodes.find((n) => n.id === table);
  if (exact) return exact;
  const lower = table.toLowerCase();
  const matches = graph.nodes.filter((n) => n.id.toLowerCase() === lower || n.name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : matches.find((n) => n.name === table);
}

export function adjacency(edges: readonly ErdEdge[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = map.get(a);
    if (list) list.push(b);
    else map.set(a, [b]);
  };
  for (const e of edges) {
    link(e.from, e.to);
    link(e.to, e.from);
  }
  return map;
}
