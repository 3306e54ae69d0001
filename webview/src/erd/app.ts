// The ERD webview's state and its conversation with the host: what is loaded, which view is shown,
// pinned positions, exports. Drawing is Diagram's job; layout is layout-runner's.
import { applyView, buildErdGraph, DEFAULT_HOPS, findNode, MAX_HOPS, type ErdGraph, type ErdNode, type ErdView, type Positions } from '../../../server/src/engine/erd';
import { SAVED_LAYOUT_FORMAT, sanitizeLayout, type ErdFocus, type ErdToHostMessage, type ExportFormat, type HostToErdMessage } from '../protocol';
import { Controls } from './controls';
import { Diagram } from './diagram';
import { exportMermaid, exportSvg, fileStem, svgToPngBase64 } from './export';
import { layoutGraph } from './layout-runner';
import { Overview } from './overview';
import { Tooltip } from './tooltip';

export type Post = (message: ErdToHostMessage) => void;

export class ErdApp {
  private readonly controls: Controls;
  private readonly diagram: Diagram;
  private readonly overview: Overview;
  private readonly stage: HTMLElement;
  private readonly tooltip: Tooltip;
  private readonly statusLine: HTMLElement;
  private connection = '';
  private full: ErdGraph | undefined;
  private pinned: Positions = {};
  private view: ErdView = { kind: 'all' };
  private schemaFilter: string | undefined;
  private selected: ErdNode | undefined;
  /** Guards against a slow layout finishing after a newer one. */
  private generation = 0;
  private nextRequestId = 1;
  private readonly pendingSaves = new Map<number, string>();
  private requestStart = 0;

  constructor(private readonly root: HTMLElement, private readonly post: Post) {
    this.statusLine = root.querySelector('#erd-status') ?? root.appendChild(document.createElement('p'));
    this.controls = new Controls({
      search: (q) => this.setView(q.trim() ? { kind: 'search', query: q } : { kind: 'all' }),
      schema: (s) => {
        this.schemaFilter = s;
        void this.refresh(0);
      },
      hops: (hops) => {
        if (this.view.kind === 'neighbourhood') this.setView({ ...this.view, hops: clampHops(hops) });
      },
      neighbourhood: () => {
        if (this.selected) this.setView({ kind: 'neighbourhood', table: this.selected.id, hops: DEFAULT_HOPS });
      },
      showAll: () => this.setView({ kind: 'all' }),
      fit: () => this.diagram.fit(true),
      export: (format) => void this.export(format),
      resetLayout: () => {
        this.pinned = {};
        this.savePositions();
        void this.refresh(0);
      },
    });
    const stage = document.createElement('div');
    stage.className = 'erd-stage';
    this.stage = stage;
    root.append(this.controls.el, stage);
    this.diagram = new Diagram(stage, {
      open: (n) => this.post({ type: 'openTable', schema: n.schema, table: n.name }),
      select: (n) => {
        this.selected = n;
        this.controls.setSelection(n?.id);
      },
      moved: (n, p) => {
        if (!this.pinsApply()) return;
        this.pinned[n.id] = p;
        this.savePositions();
      },
      hoverColumn: (n, column, at) => {
        if (!at) return this.tooltip.hide();
        this.tooltip.show(n, column, this.diagram.currentGraph?.edges ?? [], at);
      },
      neighbourhood: (n) => this.setView({ kind: 'neighbourhood', table: n.id, hops: DEFAULT_HOPS }),
    });
    this.tooltip = new Tooltip(root);
    this.overview = new Overview(stage, (x, y) => this.diagram.centerOn(x, y));
    this.diagram.onViewChange = (visible) => this.overview.update(visible);
  }

  async handle(msg: HostToErdMessage): Promise<void> {
    this.requestStart = performance.now();
    try {
      switch (msg.type) {
        case 'load': {
          this.connection = msg.connection;
          this.full = buildErdGraph(msg.schema, { includeViews: msg.includeViews });
          this.pinned = sanitizeLayout(msg.layout);
          this.controls.setSearch('');
          this.applyFocus(msg.focus ?? { kind: 'all' });
          this.controls.setSchemas(this.full.schemas, this.schemaFilter);
          await this.refresh(msg.requestId);
          break;
        }
        case 'focus':
          this.applyFocus(msg.focus);
          this.controls.setSearch('');
          this.controls.setSchemas(this.full?.schemas ?? [], this.schemaFilter);
          await this.refresh(msg.requestId);
          break;
        case 'unload':
          // Never leave another connection's tables on screen.
          this.generation++;
          this.full = undefined;
          this.connection = '';
          this.diagram.clear();
          this.overview.clear();
          this.controls.setStatus('');
          this.setStatus(msg.message);
          break;
        case 'saved': {
          const what = this.pendingSaves.get(msg.requestId) ?? 'file';
          this.pendingSaves.delete(msg.requestId);
          this.setStatus(msg.ok ? `Saved ${what}${msg.path ? ` to ${msg.path}` : ''}` : `Could not save ${what}: ${msg.error ?? 'unknown error'}`);
          break;
        }
      }
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.setStatus(`Error: ${message}`);
      this.post({ type: 'error', requestId: 'requestId' in msg ? msg.requestId : undefined, message });
    }
  }

  private applyFocus(focus: ErdFocus): void {
    if (focus.kind === 'all') {
      this.view = { kind: 'all' };
      this.schemaFilter = undefined;
    } else if (focus.kind === 'schema') {
      this.view = { kind: 'all' };
      this.schemaFilter = focus.schema;
    } else {
      const node = this.full && findNode(this.full, focus.table);
      if (!node) throw new Error(`No table named "${focus.table}" in ${this.full?.database ?? 'the schema'}`);
      this.view = { kind: 'neighbourhood', table: node.id, hops: clampHops(focus.hops ?? DEFAULT_HOPS) };
      this.schemaFilter = undefined;
    }
  }

  private setView(view: ErdView): void {
    this.view = view;
    if (view.kind !== 'search') this.controls.setSearch('');
    void this.refresh(0);
  }

  /** Pinned positions belong to the whole-schema view; sub-views get a fresh compact layout. */
  private pinsApply(): boolean {
    return this.view.kind === 'all' && !this.schemaFilter;
  }

  /** Filters, lays out and draws the current view; posts `rendered` (requestId 0: webview-initiated). */
  private async refresh(requestId: number): Promise<void> {
    if (!this.full) return;
    const started = requestId === 0 ? performance.now() : this.requestStart;
    const gen = ++this.generation;
    const visible = applyView(this.full, this.view, this.schemaFilter ? [this.schemaFilter] : undefined);
    const around = this.view.kind === 'neighbourhood' ? this.view : undefined;
    this.controls.setNeighbourhood(around?.table, around?.hops ?? DEFAULT_HOPS);
    this.setStatus(`Laying out ${visible.nodes.length} tables…`);
    const layout = await layoutGraph(visible, this.pinsApply() ? this.pinned : {}, this.stageAspect());
    if (gen !== this.generation) return;
    const t0 = performance.now();
    this.diagram.render(visible, layout.positions);
    this.overview.setGraph(visible, layout.positions);
    // A neighbourhood or search result is small: show it whole. The whole schema starts readable.
    if (this.view.kind === 'all') this.diagram.initialView();
    else this.diagram.fit();
    this.overview.update(this.diagram.visibleRect());
    this.root.classList.add('erd-loaded');
    if (around) this.diagram.tableElement(around.table)?.classList.add('erd-center');
    await nextPaint();
    const renderMs = performance.now() - t0;
    if (gen !== this.generation) return;
    const n = visible.nodes.length, e = visible.edges.length;
    this.setStatus(`${this.full.database}: ${n} of ${this.full.nodes.length} tables · ${e} relationships · ${layout.engine} layout ${Math.round(layout.ms)} ms`);
    this.controls.setStatus(`${n} tables · ${e} relationships`);
    this.post({ type: 'rendered', requestId, tables: n, edges: e, layoutEngine: layout.engine, layoutMs: Math.round(layout.ms), renderMs: Math.round(renderMs), totalMs: Math.round(performance.now() - started) });
  }

  /** Width / height of the drawing area, so the layout can be packed to the panel's shape. */
  private stageAspect(): number {
    const r = this.stage.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? r.width / r.height : 1.6;
  }

  private savePositions(): void {
    const requestId = this.nextRequestId++;
    this.pendingSaves.set(requestId, 'layout');
    this.post({ type: 'savePositions', requestId, connection: this.connection, layout: { format: SAVED_LAYOUT_FORMAT, version: 1, positions: { ...this.pinned } } });
  }

  private async export(format: ExportFormat): Promise<void> {
    const graph = this.diagram.currentGraph;
    if (!graph) return;
    const requestId = this.nextRequestId++;
    const stem = fileStem(this.connection);
    try {
      let content: string;
      if (format === 'mermaid') {
        content = exportMermaid(graph);
      } else {
        this.diagram.ensureAllColumns();
        const svg = exportSvg(this.diagram.svg.node()!, graph, this.diagram.currentPositions, this.root);
        content = format === 'svg' ? svg : await svgToPngBase64(svg);
      }
      const ext = format === 'mermaid' ? 'mmd' : format;
      this.pendingSaves.set(requestId, `${format.toUpperCase()} export`);
      this.post({ type: 'export', requestId, format, fileName: `${stem}.erd.${ext}`, encoding: format === 'png' ? 'base64' : 'utf8', content });
    } catch (e) {
      const message = `Export failed: ${e instanceof Error ? e.message : String(e)}`;
      this.setStatus(message);
      this.post({ type: 'error', requestId, message });
    }
  }

  private setStatus(text: string): void {
    this.statusLine.textContent = text;
  }
}

function clampHops(h: number): number {
  return Number.isFinite(h) ? Math.max(0, Math.min(MAX_HOPS, Math.round(h))) : DEFAULT_HOPS;
}

/** Resolves after the browser has painted the current DOM (two animation frames). */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}
