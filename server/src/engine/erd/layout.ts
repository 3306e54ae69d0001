// Placement of table boxes. Small and medium graphs go to ELK's layered algorithm (the caller runs
// elkjs, in a web worker in the webview); its options get cheaper as graphs grow. Beyond
// ELK_MAX_NODES a linear-time grid-by-component layout keeps thousands of tables instant.
import type { ErdGraph, ErdNode } from './graph';
import { boundsOf, nodeSize, type Positions } from './geometry';
import { adjacency } from './views';

/** Above this many nodes ELK layered takes seconds; the grid layout is used instead. */
export const ELK_MAX_NODES = 2000;

export type LayoutEngine = 'elk' | 'grid';

export function chooseLayoutEngine(nodeCount: number): LayoutEngine {
  return nodeCount > ELK_MAX_NODES ? 'grid' : 'elk';
}

/** Structural subset of elkjs's ElkNode, so the engine does not depend on elkjs's types. */
export interface ElkInputNode {
  id: string;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkInputNode[];
  edges?: { id: string; sources: string[]; targets: string[] }[];
}
export interface ElkOutputNode {
  id: string;
  x?: number;
  y?: number;
  children?: ElkOutputNode[];
}

/** Grouping by schema uses ELK's hierarchical mode, which is slower: only for modest graphs. */
export const GROUP_MAX_NODES = 300;
const GROUP_PREFIX = 'schema-group:';

/** Width / height of the drawing area when the caller does not know it (a wide editor panel). */
export const DEFAULT_ASPECT = 1.6;

/** Options for ELK layered, trading crossing quality for speed as the graph grows. */
export function elkOptions(nodeCount: number, aspect = DEFAULT_ASPECT): Record<string, string> {
  const options: Record<string, string> = {
    'elk.algorithm': 'layered',
    // Parents (referenced tables) to the left of (or, in a tall panel, above) their children.
    'elk.direction': aspect >= 1 ? 'RIGHT' : 'DOWN',
    'elk.spacing.nodeNode': '32',
    'elk.layered.spacing.nodeNodeBetweenLayers': '90',
    'elk.spacing.componentComponent': '60',
    'elk.separateConnectedComponents': 'true',
    // Edges are drawn by the webview from column to column; ELK's routes are not used.
    'elk.edgeRouting': 'POLYLINE',
    // Connected components are packed to the panel's shape.
    'elk.aspectRatio': aspect.toFixed(2),
  };
  if (nodeCount > 150) {
    options['elk.layered.thoroughness'] = '1';
    options['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
    // Measured on generated 1,000-table schemas: SIMPLE placement ~0.5 s vs LINEAR_SEGMENTS ~6.8 s
    // and BRANDES_KOEPF ~2.8 s, with the most compact drawing of the three.
    options['elk.layered.nodePlacement.strategy'] = 'SIMPLE';
  }
  return options;
}

/**
 * The ELK input graph: one child per table sized from its columns, one edge per FK (parent →
 * child). With several schemas and a modest size, tables are nested in one box per schema.
 */
export function toElkInput(graph: ErdGraph, collapsed = false): ElkInputNode {
  const edges = graph.edges.filter((e) => e.from !== e.to).map((e) => ({ id: e.id, sources: [e.to], targets: [e.from] }));
  const leaf = (n: ErdNode): ElkInputNode => ({ id: n.id, ...nodeSize(n, collapsed) });
  const options = elkOptions(graph.nodes.length);
  if (!shouldGroupBySchema(graph)) return { id: 'root', layoutOptions: options, children: graph.nodes.map(leaf), edges };
  const groups = graph.schemas.map((schema) => ({
    id: GROUP_PREFIX + schema,
    layoutOptions: { ...options, 'elk.padding': `[top=${GROUP_PADDING_TOP},left=${GROUP_PADDING},bottom=${GROUP_PADDING},right=${GROUP_PADDING}]` },
    children: graph.nodes.filter((n) => n.schema === schema).map(leaf),
  }));
  return { id: 'root', layoutOptions: { ...options, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' }, children: groups, edges };
}

export function shouldGroupBySchema(graph: ErdGraph): boolean {
  return graph.schemas.length > 1 && graph.nodes.length <= GROUP_MAX_NODES;
}

/** One ELK run: the whole graph, or one schema's tables when the drawing is grouped by schema. */
export interface ElkJob {
  schema?: string;
  input: ElkInputNode;
}

/**
 * The ELK runs for a drawing that should fill a panel of the given aspect ratio. A grouped drawing
 * lays out each schema on its own (flat, so ELK packs its components to the aspect ratio) and the
 * schema blocks are then packed by `packLayouts`: one hierarchical ELK run would line the schemas
 * up in a single strip, unreadable once fitted (issue 20: 21 tables at scale 0.18).
 */
export function elkJobs(graph: ErdGraph, aspect = DEFAULT_ASPECT, collapsed = false): ElkJob[] {
  const a = sanitizeAspect(aspect);
  const leaf = (n: ErdNode): ElkInputNode => ({ id: n.id, ...nodeSize(n, collapsed) });
  const flat = (nodes: ErdNode[], blockAspect: number): ElkInputNode => {
    const ids = new Set(nodes.map((n) => n.id));
    const edges = graph.edges.filter((e) => e.from !== e.to && ids.has(e.from) && ids.has(e.to)).map((e) => ({ id: e.id, sources: [e.to], targets: [e.from] }));
    return { id: 'root', layoutOptions: elkOptions(nodes.length, blockAspect), children: nodes.map(leaf), edges };
  };
  if (!shouldGroupBySchema(graph)) return [{ input: flat(graph.nodes, a) }];
  return graph.schemas
    .map((schema) => ({ schema, nodes: graph.nodes.filter((n) => n.schema === schema) }))
    .filter((g) => g.nodes.length > 0)
    .map((g) => ({ schema: g.schema, input: flat(g.nodes, a) }));
}

function sanitizeAspect(aspect: number): number {
  return Number.isFinite(aspect) && aspect > 0 ? Math.min(6, Math.max(1 / 6, aspect)) : DEFAULT_ASPECT;
}

/** Space between packed blocks; schema blocks also need room for their group frame and title. */
const BLOCK_GAP = 60;

/**
 * Packs independently laid out blocks (positions each) onto shelves so the whole drawing comes
 * closest to `aspect` (width / height). Blocks keep their inner layout; only offsets change.
 */
export function packLayouts(graph: ErdGraph, blocks: Positions[], aspect = DEFAULT_ASPECT, collapsed = false): Positions {
  const a = sanitizeAspect(aspect);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const grouped = shouldGroupBySchema(graph);
  const frame = grouped ? { left: GROUP_PADDING, top: GROUP_PADDING_TOP, right: GROUP_PADDING, bottom: GROUP_PADDING } : { left: 0, top: 0, right: 0, bottom: 0 };
  const boxes = blocks
    .map((positions) => {
      const nodes = Object.keys(positions).map((id) => byId.get(id)).filter((n): n is ErdNode => n !== undefined);
      const b = boundsOf(nodes, positions, collapsed);
      return { positions, x: b.x, y: b.y, width: b.width + frame.left + frame.right, height: b.height + frame.top + frame.bottom };
    })
    .filter((b) => Object.keys(b.positions).length > 0)
    .sort((p, q) => q.height - p.height || q.width - p.width);
  if (boxes.length <= 1) return Object.assign({}, ...blocks) as Positions;
  const shelve = (rowWidth: number) => {
    const at: { x: number; y: number }[] = [];
    let x = 0, y = 0, shelfH = 0, width = 0;
    for (const b of boxes) {
      if (x > 0 && x + b.width > rowWidth) {
        x = 0;
        y += shelfH + BLOCK_GAP;
        shelfH = 0;
      }
      at.push({ x, y });
      x += b.width + BLOCK_GAP;
      shelfH = Math.max(shelfH, b.height);
      width = Math.max(width, x - BLOCK_GAP);
    }
    return { at, width, height: y + shelfH };
  };
  // Try each shelf width between the widest block and all blocks in one row; keep the packing whose
  // shape is closest to the panel's (compared in log space, so 2:1 off counts like 1:2 off).
  const widest = Math.max(...boxes.map((b) => b.width));
  const total = boxes.reduce((sum, b) => sum + b.width + BLOCK_GAP, 0);
  let best = shelve(total);
  let bestScore = Infinity;
  for (let i = 0; i <= 24; i++) {
    const candidate = shelve(widest + ((total - widest) * i) / 24);
    // How much of the panel a fitted drawing leaves unused, whichever side it is on.
    const score = Math.abs(Math.log(candidate.width / Math.max(1, candidate.height) / a));
    if (score < bestScore - 1e-9) {
      best = candidate;
      bestScore = score;
    }
  }
  const out: Positions = {};
  boxes.forEach((b, i) => {
    const dx = best.at[i]!.x + frame.left - b.x;
    const dy = best.at[i]!.y + frame.top - b.y;
    for (const [id, p] of Object.entries(b.positions)) out[id] = { x: p.x + dx, y: p.y + dy };
  });
  return out;
}

/** Reads absolute table positions back from ELK's result (nested schema boxes are flattened). */
export function positionsFromElk(result: ElkOutputNode): Positions {
  const out: Positions = {};
  const visit = (n: ElkOutputNode, dx: number, dy: number) => {
    for (const c of n.children ?? []) {
      const x = dx + (c.x ?? 0);
      const y = dy + (c.y ?? 0);
      if (c.id.startsWith(GROUP_PREFIX)) visit(c, x, y);
      else out[c.id] = { x, y };
    }
  };
  visit(result, 0, 0);
  return out;
}

export const GROUP_PADDING = 20;
export const GROUP_PADDING_TOP = 40;

export interface SchemaGroupBox {
  schema: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One box around each schema's tables (computed from positions, so it follows dragged tables). */
export function schemaGroupBoxes(graph: ErdGraph, positions: Positions, collapsed = false): SchemaGroupBox[] {
  return graph.schemas.map((schema) => {
    const b = boundsOf(graph.nodes.filter((n) => n.schema === schema), positions, collapsed);
    return {
      schema,
      x: b.x - GROUP_PADDING,
      y: b.y - GROUP_PADDING_TOP,
      width: b.width + 2 * GROUP_PADDING,
      height: b.height + GROUP_PADDING + GROUP_PADDING_TOP,
    };
  });
}

const GAP = 40;

/**
 * Linear-time layout for very large graphs: connected components (largest first), each a grid of
 * its tables in breadth-first order from its best-connected table (so neighbours sit near each
 * other), packed onto shelves of a roughly 16:10 canvas.
 */
export function gridLayout(graph: ErdGraph, collapsed = false): Positions {
  const adjacent = adjacency(graph.edges);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const components = connectedComponents(graph.nodes, adjacent).sort((a, b) => b.length - a.length);
  const positions: Positions = {};
  const totalArea = graph.nodes.reduce((a, n) => {
    const s = nodeSize(n, collapsed);
    return a + (s.width + GAP) * (s.height + GAP);
  }, 0);
  const canvasWidth = Math.max(800, Math.sqrt(totalArea * 1.6));
  let shelfX = 0, shelfY = 0, shelfH = 0;
  for (const ids of components) {
    const block = gridBlock(ids.map((id) => byId.get(id)!), collapsed);
    if (shelfX > 0 && shelfX + block.width > canvasWidth) {
      shelfX = 0;
      shelfY += shelfH + GAP * 2;
      shelfH = 0;
    }
    for (const [id, p] of Object.entries(block.positions)) positions[id] = { x: p.x + shelfX, y: p.y + shelfY };
    shelfX += block.width + GAP * 2;
    shelfH = Math.max(shelfH, block.height);
  }
  return positions;
}

function gridBlock(nodes: ErdNode[], collapsed: boolean): { positions: Positions; width: number; height: number } {
  const perRow = Math.max(1, Math.ceil(Math.sqrt(nodes.length * 1.6)));
  const positions: Positions = {};
  let x = 0, y = 0, rowH = 0, width = 0;
  nodes.forEach((n, i) => {
    if (i > 0 && i % perRow === 0) {
      x = 0;
      y += rowH + GAP;
      rowH = 0;
    }
    const s = nodeSize(n, collapsed);
    positions[n.id] = { x, y };
    x += s.width + GAP;
    width = Math.max(width, x - GAP);
    rowH = Math.max(rowH, s.height);
  });
  return { positions, width, height: y + rowH };
}

/** Components as id lists, each in BFS order starting from its highest-degree node. */
export function connectedComponents(nodes: readonly ErdNode[], adjacent: Map<string, string[]>): string[][] {
  const degree = (id: string) => adjacent.get(id)?.length ?? 0;
  const order = [...nodes].sort((a, b) => degree(b.id) - degree(a.id));
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const start of order) {
    if (seen.has(start.id)) continue;
    const comp = [start.id];
    seen.add(start.id);
    for (let i = 0; i < comp.length; i++)
      for (const other of adjacent.get(comp[i]) ?? [])
        if (!seen.has(other)) {
          seen.add(other);
          comp.push(other);
        }
    out.push(comp);
  }
  return out;
}
