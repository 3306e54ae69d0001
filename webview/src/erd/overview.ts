// The overview (minimap): the whole drawing in miniature with the visible part outlined, in the
// stage's corner whenever the view does not show everything. Clicking or dragging in it moves the
// view there; it is how a reader gets from the readable starting view to the rest of a big schema.
import { boundsOf, nodeSize, type ErdGraph, type Positions } from '../../../server/src/engine/erd';

const MAX_WIDTH = 200;
const MAX_HEIGHT = 150;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class Overview {
  readonly el: HTMLCanvasElement;
  private graph: ErdGraph | undefined;
  private positions: Positions = {};
  private bounds: Rect = { x: 0, y: 0, width: 1, height: 1 };
  private scale = 1;
  private visible: Rect | undefined;

  constructor(stage: HTMLElement, private readonly moveTo: (x: number, y: number) => void) {
    this.el = document.createElement('canvas');
    this.el.className = 'erd-overview';
    this.el.setAttribute('role', 'img');
    this.el.setAttribute('aria-label', 'Overview of the whole diagram: click or drag to move the view');
    this.el.title = 'Overview: click or drag to move the view (0 fits everything)';
    this.el.hidden = true;
    stage.append(this.el);
    let dragging = false;
    const go = (e: PointerEvent) => {
      const r = this.el.getBoundingClientRect();
      this.moveTo(this.bounds.x + (e.clientX - r.left) / this.scale, this.bounds.y + (e.clientY - r.top) / this.scale);
    };
    this.el.addEventListener('pointerdown', (e) => {
      dragging = true;
      this.el.setPointerCapture?.(e.pointerId);
      go(e);
    });
    this.el.addEventListener('pointermove', (e) => dragging && go(e));
    this.el.addEventListener('pointerup', () => (dragging = false));
  }

  clear(): void {
    this.graph = undefined;
    this.el.hidden = true;
  }

  /** A new drawing: recompute the miniature's scale. */
  setGraph(graph: ErdGraph, positions: Positions): void {
    this.graph = graph;
    this.positions = positions;
    const b = boundsOf(graph.nodes, positions);
    this.bounds = { x: b.x, y: b.y, width: Math.max(1, b.width), height: Math.max(1, b.height) };
    this.scale = Math.min(MAX_WIDTH / this.bounds.width, MAX_HEIGHT / this.bounds.height);
    const ratio = window.devicePixelRatio || 1;
    const w = Math.max(40, Math.round(this.bounds.width * this.scale));
    const h = Math.max(30, Math.round(this.bounds.height * this.scale));
    this.el.style.width = `${w}px`;
    this.el.style.height = `${h}px`;
    this.el.width = Math.round(w * ratio);
    this.el.height = Math.round(h * ratio);
  }

  /** The view moved: outline it, and show the overview only while part of the drawing is off screen. */
  update(visible: Rect): void {
    this.visible = visible;
    const b = this.bounds;
    const all = visible.x <= b.x + 1 && visible.y <= b.y + 1 && visible.x + visible.width >= b.x + b.width - 1 && visible.y + visible.height >= b.y + b.height - 1;
    this.el.hidden = !this.graph || all;
    if (!this.el.hidden) this.draw();
  }

  private draw(): void {
    const ctx = this.el.getContext('2d');
    if (!ctx || !this.graph) return;
    const ratio = window.devicePixelRatio || 1;
    const style = getComputedStyle(this.el);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.el.width, this.el.height);
    const k = this.scale, b = this.bounds;
    ctx.fillStyle = style.getPropertyValue('--erd-overview-box').trim() || '#8a94a0';
    for (const n of this.graph.nodes) {
      const p = this.positions[n.id];
      if (!p) continue;
      const s = nodeSize(n);
      ctx.fillRect((p.x - b.x) * k, (p.y - b.y) * k, Math.max(1, s.width * k), Math.max(1, s.height * k));
    }
    const v = this.visible;
    if (!v) return;
    ctx.strokeStyle = style.getPropertyValue('--erd-overview-view').trim() || '#0969da';
    ctx.lineWidth = 2;
    ctx.strokeRect((v.x - b.x) * k, (v.y - b.y) * k, v.width * k, v.height * k);
  }
}
