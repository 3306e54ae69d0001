// The SVG diagram: layers for schema boxes, edges and tables; d3-zoom pan/zoom with level of detail
// (below DETAIL_SCALE boxes collapse to their header); dragging pins tables; keyboard navigation.
import { drag, select, zoom, zoomIdentity, type D3ZoomEvent, type Selection, type ZoomBehavior, type ZoomTransform } from 'd3';
import { boundsOf, GROUP_PADDING, GROUP_PADDING_TOP, nodeSize, schemaGroupBoxes, shouldGroupBySchema, type ErdEdge, type ErdGraph, type ErdNode, type Point, type Positions } from '../../../server/src/engine/erd';
import { drawColumns, drawEdge, drawTable, placeEdge } from './draw';

/** Zoom scale under which tables show only their header. */
export const DETAIL_SCALE = 0.5;
/** Zoom scale under which names are unreadable anyway: boxes only (much cheaper to paint). */
export const OUTLINE_SCALE = 0.15;
/** The initial view never starts below this zoom: 12px names at ≥ 9px on screen, columns drawn. */
export const READABLE_SCALE = 0.75;
/** Up to this many tables all column rows are drawn at once; above, only for visible tables. */
const EAGER_COLUMN_TABLES = 400;
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface DiagramEvents {
  open(node: ErdNode): void;
  select(node: ErdNode | undefined): void;
  moved(node: ErdNode, position: Point): void;
  hoverColumn(node: ErdNode, column: string | undefined, at: { x: number; y: number } | undefined): void;
  neighbourhood(node: ErdNode): void;
}

type G = Selection<SVGGElement, unknown, null, undefined>;

export class Diagram {
  readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly viewport: G;
  private readonly groupLayer: G;
  private readonly edgeLayer: G;
  private readonly nodeLayer: G;
  private readonly zoomer: ZoomBehavior<SVGSVGElement, unknown>;
  private transform: ZoomTransform = zoomIdentity;
  private graph: ErdGraph | undefined;
  private positions: Positions = {};
  private collapsed = false;
  private nodeById = new Map<string, ErdNode>();
  private tableEls = new Map<string, SVGGElement>();
  private edgeEls = new Map<string, SVGGElement>();
  private edgesOf = new Map<string, ErdEdge[]>();
  private withColumns = new Set<string>();
  private selected: string | undefined;

  constructor(container: HTMLElement, private readonly events: DiagramEvents) {
    this.svg = select(container).append('svg').attr('class', 'erd-canvas').attr('tabindex', 0).attr('aria-label', 'Diagram canvas: arrow keys pan, + and - zoom, 0 fits');
    this.viewport = this.svg.append('g').attr('class', 'erd-viewport');
    this.groupLayer = this.viewport.append('g').attr('class', 'erd-groups');
    this.edgeLayer = this.viewport.append('g').attr('class', 'erd-edges');
    this.nodeLayer = this.viewport.append('g').attr('class', 'erd-nodes');
    this.zoomer = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.02, 4])
      .on('zoom', (e: D3ZoomEvent<SVGSVGElement, unknown>) => this.onZoom(e.transform))
      .on('end', () => this.drawVisibleColumns());
    this.svg.call(this.zoomer).on('dblclick.zoom', null);
    this.svg.on('keydown', (e: KeyboardEvent) => this.onKey(e));
    this.svg.on('click', (e: MouseEvent) => {
      if (e.target === this.svg.node()) this.setSelected(undefined);
    });
  }

  get currentGraph(): ErdGraph | undefined {
    return this.graph;
  }
  get currentPositions(): Positions {
    return this.positions;
  }
  get isCollapsed(): boolean {
    return this.collapsed;
  }
  get scale(): number {
    return this.transform.k;
  }

  /** Replaces the drawing. Does not move the camera: call fit() after. */
  render(graph: ErdGraph, positions: Positions): void {
    this.graph = graph;
    this.positions = positions;
    this.nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
    this.edgesOf = new Map();
    for (const e of graph.edges) for (const id of new Set([e.from, e.to])) (this.edgesOf.get(id) ?? this.edgesOf.set(id, []).get(id)!).push(e);
    this.tableEls.clear();
    this.edgeEls.clear();
    this.withColumns.clear();
    this.groupLayer.selectChildren().remove();
    this.edgeLayer.selectChildren().remove();
    this.nodeLayer.selectChildren().remove();
    const eager = graph.nodes.length <= EAGER_COLUMN_TABLES;
    // Building detached fragments keeps style recalculation to one pass for thousands of boxes.
    const nodeFrag = document.createDocumentFragment();
    for (const n of graph.nodes) {
      const el = document.createElementNS(SVG_NS, 'g') as SVGGElement;
      const g = select(el) as unknown as G;
      drawTable(g, n, eager);
      if (eager) this.withColumns.add(n.id);
      this.bindTable(g, n);
      this.tableEls.set(n.id, el);
      nodeFrag.appendChild(el);
    }
    const edgeFrag = document.createDocumentFragment();
    for (const e of graph.edges) {
      const el = document.createElementNS(SVG_NS, 'g') as SVGGElement;
      drawEdge(select(el) as unknown as G, e);
      this.edgeEls.set(e.id, el);
      edgeFrag.appendChild(el);
    }
    this.nodeLayer.node()!.appendChild(nodeFrag);
    this.edgeLayer.node()!.appendChild(edgeFrag);
    this.applyCollapsed(this.transform.k < DETAIL_SCALE, true);
    this.applyOutline();
    if (this.selected && !this.nodeById.has(this.selected)) this.selected = undefined;
  }

  /** Removes the drawing (no connection). */
  clear(): void {
    this.graph = undefined;
    this.positions = {};
    this.nodeById.clear();
    this.tableEls.clear();
    this.edgeEls.clear();
    this.edgesOf.clear();
    this.withColumns.clear();
    this.selected = undefined;
    this.groupLayer.selectChildren().remove();
    this.edgeLayer.selectChildren().remove();
    this.nodeLayer.selectChildren().remove();
  }

  /** Called after every pan/zoom, with the visible rectangle in drawing coordinates (the overview follows it). */
  onViewChange: ((visible: { x: number; y: number; width: number; height: number }) => void) | undefined;

  /**
   * The first view of a drawing: the whole graph when it fits at a readable zoom, else a readable
   * zoom centred on the best-connected table and its neighbours (the overview leads to the rest).
   * Returns whether the whole graph is in view.
   */
  initialView(): boolean {
    if (!this.graph || this.graph.nodes.length === 0) return true;
    const size = this.viewportSize();
    const b = boundsOf(this.graph.nodes, this.positions);
    const fitK = this.fitScale(b, size);
    if (fitK >= READABLE_SCALE) {
      this.fit();
      return true;
    }
    const hub = mostConnected(this.graph);
    const around = [hub.id, ...(this.edgesOf.get(hub.id) ?? []).flatMap((e) => [e.from, e.to])].map((id) => this.nodeById.get(id)).filter((n): n is ErdNode => n !== undefined);
    let focus = boundsOf(around, this.positions);
    // Neighbours too far apart to show together: centre on the hub alone.
    if (this.fitScale(focus, size) < READABLE_SCALE) focus = boundsOf([hub], this.positions);
    const k = READABLE_SCALE;
    let tx = size.width / 2 - k * (focus.x + focus.width / 2);
    let ty = size.height / 2 - k * (focus.y + Math.min(focus.height, size.height / k) / 2);
    // Never open on empty margins: keep the drawing's edges at the panel's edges (with a little air).
    const pad = 16;
    const frame = shouldGroupBySchema(this.graph) ? { side: GROUP_PADDING, top: GROUP_PADDING_TOP } : { side: 0, top: 0 };
    const left = b.x - frame.side, top = b.y - frame.top, right = b.x + b.width + frame.side, bottom = b.y + b.height + frame.side;
    tx = Math.max(Math.min(tx, pad - k * left), size.width - pad - k * right);
    ty = Math.max(Math.min(ty, pad - k * top), size.height - pad - k * bottom);
    const t = zoomIdentity.translate(tx, ty).scale(k);
    this.svg.call(this.zoomer.transform, t);
    return false;
  }

  /** Centres the view on a point of the drawing, keeping the zoom (overview clicks). */
  centerOn(x: number, y: number): void {
    this.svg.call(this.zoomer.translateTo, x, y);
  }

  /** The part of the drawing currently on screen, in drawing coordinates. */
  visibleRect(): { x: number; y: number; width: number; height: number } {
    const size = this.viewportSize();
    const [x0, y0] = this.transform.invert([0, 0]);
    const [x1, y1] = this.transform.invert([size.width, size.height]);
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  private fitScale(b: { width: number; height: number }, size: { width: number; height: number }): number {
    return Math.max(0.02, Math.min(1, (0.94 * size.width) / Math.max(1, b.width), (0.94 * size.height) / Math.max(1, b.height)));
  }

  /** Zooms to show the whole graph (never above 100 %). */
  fit(animate = false): void {
    const size = this.viewportSize();
    if (!this.graph || this.graph.nodes.length === 0) return;
    const b = boundsOf(this.graph.nodes, this.positions);
    const k = this.fitScale(b, size);
    const t = zoomIdentity.translate(size.width / 2 - k * (b.x + b.width / 2), size.height / 2 - k * (b.y + b.height / 2)).scale(k);
    if (animate) this.svg.transition().duration(250).call(this.zoomer.transform, t);
    else this.svg.call(this.zoomer.transform, t);
  }

  zoomBy(factor: number): void {
    this.svg.call(this.zoomer.scaleBy, factor);
  }

  panBy(dx: number, dy: number): void {
    this.svg.call(this.zoomer.translateBy, dx / this.transform.k, dy / this.transform.k);
  }

  /** Brings a table into view (keyboard focus, search hit) without changing the zoom. */
  reveal(id: string): void {
    const n = this.nodeById.get(id);
    const p = this.positions[id];
    if (!n || !p) return;
    const size = this.viewportSize();
    const s = nodeSize(n, this.collapsed);
    const [sx, sy] = this.transform.apply([p.x, p.y]);
    const [ex, ey] = this.transform.apply([p.x + s.width, p.y + s.height]);
    if (sx >= 0 && sy >= 0 && ex <= size.width && ey <= size.height) return;
    const cx = p.x + s.width / 2, cy = p.y + s.height / 2;
    this.svg.call(this.zoomer.translateTo, cx, cy);
  }

  focusTable(id: string): void {
    this.tableEls.get(id)?.focus();
  }

  tableElement(id: string): SVGGElement | undefined {
    return this.tableEls.get(id);
  }

  /** Draws every column row (used before an export, so the file shows the full boxes). */
  ensureAllColumns(): void {
    for (const n of this.graph?.nodes ?? []) this.ensureColumns(n);
  }

  setCollapsed(collapsed: boolean): void {
    this.applyCollapsed(collapsed, false);
  }

  private onZoom(t: ZoomTransform): void {
    this.transform = t;
    this.viewport.attr('transform', t.toString());
    this.applyCollapsed(t.k < DETAIL_SCALE, false);
    this.applyOutline();
    this.onViewChange?.(this.visibleRect());
  }

  private applyOutline(): void {
    const outline = this.transform.k < OUTLINE_SCALE;
    this.svg.classed('erd-outline', outline);
    if (outline) this.svg.attr('data-lod', 'outline');
    else this.svg.attr('data-lod', this.collapsed ? 'header' : 'columns');
  }

  private applyCollapsed(collapsed: boolean, force: boolean): void {
    if (collapsed === this.collapsed && !force) return;
    this.collapsed = collapsed;
    this.svg.classed('erd-collapsed', collapsed).attr('data-lod', collapsed ? 'header' : 'columns');
    for (const [id, el] of this.tableEls) {
      const n = this.nodeById.get(id)!;
      el.querySelector('.erd-box')?.setAttribute('height', String(nodeSize(n, collapsed).height));
      this.placeTable(id);
    }
    for (const e of this.graph?.edges ?? []) this.placeEdge(e);
    this.drawGroups();
    if (!collapsed) this.drawVisibleColumns();
  }

  private placeTable(id: string): void {
    const p = this.positions[id];
    this.tableEls.get(id)?.setAttribute('transform', `translate(${p?.x ?? 0},${p?.y ?? 0})`);
  }

  private placeEdge(e: ErdEdge): void {
    const el = this.edgeEls.get(e.id);
    const child = this.nodeById.get(e.from), parent = this.nodeById.get(e.to);
    const cp = this.positions[e.from], pp = this.positions[e.to];
    if (el && child && parent && cp && pp) placeEdge(select(el) as unknown as G, e, child, parent, cp, pp, this.collapsed);
  }

  private drawGroups(): void {
    this.groupLayer.selectChildren().remove();
    if (!this.graph || !shouldGroupBySchema(this.graph)) return;
    for (const box of schemaGroupBoxes(this.graph, this.positions, this.collapsed)) {
      const g = this.groupLayer.append('g').attr('class', 'erd-group').attr('data-group', box.schema);
      g.append('rect').attr('x', box.x).attr('y', box.y).attr('width', box.width).attr('height', box.height).attr('rx', 8);
      g.append('text').attr('x', box.x + 12).attr('y', box.y + 24).text(box.schema);
    }
  }

  /** Lazily adds column rows to the tables in view (big graphs only ever draw what is seen). */
  private drawVisibleColumns(): void {
    if (this.collapsed || !this.graph) return;
    const size = this.viewportSize();
    const [x0, y0] = this.transform.invert([0, 0]);
    const [x1, y1] = this.transform.invert([size.width, size.height]);
    for (const n of this.graph.nodes) {
      if (this.withColumns.has(n.id)) continue;
      const p = this.positions[n.id];
      const s = nodeSize(n);
      if (p && p.x < x1 && p.x + s.width > x0 && p.y < y1 && p.y + s.height > y0) this.ensureColumns(n);
    }
  }

  private ensureColumns(n: ErdNode): void {
    const el = this.tableEls.get(n.id);
    if (!el || this.withColumns.has(n.id)) return;
    drawColumns(select(el) as unknown as G, n);
    this.withColumns.add(n.id);
  }

  private bindTable(g: G, n: ErdNode): void {
    g.on('dblclick', (e: MouseEvent) => {
      e.stopPropagation();
      this.events.open(n);
    })
      .on('click', () => this.setSelected(n.id))
      .on('focus', () => {
        this.reveal(n.id);
        this.setSelected(n.id);
      })
      .on('keydown', (e: KeyboardEvent) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.stopPropagation();
          this.events.open(n);
        } else if (e.key === 'n' || e.key === 'N') {
          e.preventDefault();
          this.events.neighbourhood(n);
        }
      })
      .on('mouseover', (e: MouseEvent) => {
        const row = (e.target as Element).closest?.('.erd-column');
        this.events.hoverColumn(n, row?.getAttribute('data-column') ?? undefined, { x: e.clientX, y: e.clientY });
      })
      .on('mouseleave', () => this.events.hoverColumn(n, undefined, undefined));
    const dragger = drag<SVGGElement, unknown>()
      .clickDistance(4)
      .on('drag', (e: { dx: number; dy: number }) => {
        const p = this.positions[n.id] ?? { x: 0, y: 0 };
        this.positions[n.id] = { x: p.x + e.dx, y: p.y + e.dy };
        this.placeTable(n.id);
        for (const edge of this.edgesOf.get(n.id) ?? []) this.placeEdge(edge);
        g.classed('erd-dragging', true);
      })
      .on('end', () => {
        if (!g.classed('erd-dragging')) return;
        g.classed('erd-dragging', false);
        this.drawGroups();
        this.events.moved(n, { ...this.positions[n.id] });
      });
    g.call(dragger);
  }

  private setSelected(id: string | undefined): void {
    if (this.selected === id) return;
    if (this.selected) {
      this.tableEls.get(this.selected)?.classList.remove('erd-selected');
      for (const e of this.edgesOf.get(this.selected) ?? []) this.edgeEls.get(e.id)?.classList.remove('erd-active');
    }
    this.selected = id;
    if (id) {
      this.tableEls.get(id)?.classList.add('erd-selected');
      for (const e of this.edgesOf.get(id) ?? []) this.edgeEls.get(e.id)?.classList.add('erd-active');
    }
    this.events.select(id ? this.nodeById.get(id) : undefined);
  }

  private onKey(e: KeyboardEvent): void {
    const step = 80;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => this.panBy(step, 0),
      ArrowRight: () => this.panBy(-step, 0),
      ArrowUp: () => this.panBy(0, step),
      ArrowDown: () => this.panBy(0, -step),
      '+': () => this.zoomBy(1.25),
      '=': () => this.zoomBy(1.25),
      '-': () => this.zoomBy(0.8),
      '0': () => this.fit(true),
    };
    const action = actions[e.key];
    if (action && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      action();
    }
  }

  private viewportSize(): { width: number; height: number } {
    const r = this.svg.node()!.getBoundingClientRect();
    return { width: r.width || 800, height: r.height || 600 };
  }
}

/** The table with the most foreign keys in and out (ties: the first in the graph's order). */
export function mostConnected(graph: ErdGraph): ErdNode {
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    if (e.from === e.to) continue;
    degree.set(e.from, (degree.get(e.from) ?? 0) + 1);
    degree.set(e.to, (degree.get(e.to) ?? 0) + 1);
  }
  return graph.nodes.reduce((best, n) => ((degree.get(n.id) ?? 0) > (degree.get(best.id) ?? 0) ? n : best), graph.nodes[0]!);
}
