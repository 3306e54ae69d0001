// Sizes of table boxes and the shapes of FK edges with crow's-foot marks, as plain numbers and SVG
// path strings. Shared by the webview (d3 drawing) and any static SVG output, so both look alike.
import type { ErdEdge, ErdNode } from './graph';

export const HEADER_HEIGHT = 28;
export const ROW_HEIGHT = 20;
/** Average glyph width of the 12px UI font, used to size boxes without measuring text in a DOM. */
export const CHAR_WIDTH = 7;
const MIN_WIDTH = 140;
const MAX_WIDTH = 360;
const PADDING = 12;

export interface Point {
  x: number;
  y: number;
}
export interface Size {
  width: number;
  height: number;
}
export type Positions = Record<string, Point>;

/** Box size: the widest of header and "marker name type" rows; height grows with the column count. */
export function nodeSize(node: ErdNode, collapsed = false): Size {
  const header = node.name.length;
  const row = node.columns.reduce((w, c) => Math.max(w, c.name.length + c.type.length + 9), 0);
  const chars = Math.max(header + 2, row);
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, chars * CHAR_WIDTH + 2 * PADDING));
  return { width, height: HEADER_HEIGHT + (collapsed ? 0 : node.columns.length * ROW_HEIGHT) };
}

/** Vertical centre of a column's row inside its box (the header's centre when collapsed or unknown). */
export function columnCenterY(node: ErdNode, column: string | undefined, collapsed: boolean): number {
  const i = column === undefined || collapsed ? -1 : node.columns.findIndex((c) => c.name === column);
  return i < 0 ? HEADER_HEIGHT / 2 : HEADER_HEIGHT + i * ROW_HEIGHT + ROW_HEIGHT / 2;
}

export interface EdgeShape {
  /** The connecting curve. */
  line: string;
  /** Cardinality marks at both ends (stroke only). */
  marks: string;
  /** Small circles of "zero" (optional) marks; filled with the background. */
  circles: string;
  start: Point;
  end: Point;
}

const STUB = 18;

/**
 * The edge from the child's first FK column to the parent's first referenced column. Ends leave
 * the boxes horizontally on the facing sides so the crow's feet read left-to-right.
 */
export function edgeShape(edge: ErdEdge, child: ErdNode, parent: ErdNode, cPos: Point, pPos: Point, collapsed: boolean): EdgeShape {
  const cSize = nodeSize(child, collapsed);
  const pSize = nodeSize(parent, collapsed);
  const cy = cPos.y + columnCenterY(child, edge.fromColumns[0], collapsed);
  const py = pPos.y + columnCenterY(parent, edge.toColumns[0], collapsed);
  let cDir: 1 | -1;
  let pDir: 1 | -1;
  if (child === parent) {
    cDir = pDir = 1;
  } else if (cPos.x + cSize.width + STUB * 2 < pPos.x) {
    cDir = 1;
    pDir = -1;
  } else if (pPos.x + pSize.width + STUB * 2 < cPos.x) {
    cDir = -1;
    pDir = 1;
  } else {
    // Stacked boxes: both ends on the right, curving out and back.
    cDir = pDir = 1;
  }
  const start = { x: cDir > 0 ? cPos.x + cSize.width : cPos.x, y: cy };
  const end = { x: pDir > 0 ? pPos.x + pSize.width : pPos.x, y: py };
  const s2 = { x: start.x + cDir * STUB, y: start.y };
  const e2 = { x: end.x + pDir * STUB, y: end.y };
  const bend = Math.max(40, Math.abs(e2.x - s2.x) / 2, cDir === pDir ? Math.abs(e2.y - s2.y) / 4 : 0);
  const line =
    `M${r(start.x)},${r(start.y)}H${r(s2.x)}` +
    `C${r(s2.x + cDir * bend)},${r(s2.y)} ${r(e2.x + pDir * bend)},${r(e2.y)} ${r(e2.x)},${r(e2.y)}H${r(end.x)}`;
  const childMany = edge.cardinality === 'many-to-one';
  const marks = [childMany ? crowsFoot(start, cDir) : bar(start, cDir, 10), bar(end, pDir, 6), edge.optional ? '' : bar(end, pDir, 11)].join('');
  const circles = [circle(start, cDir, 16), edge.optional ? circle(end, pDir, 14) : ''].join('');
  return { line, marks, circles, start, end };
}

function crowsFoot(p: Point, dir: number): string {
  const tip = p.x + dir * 11;
  return `M${r(tip)},${r(p.y)}L${r(p.x)},${r(p.y - 6)}M${r(tip)},${r(p.y)}L${r(p.x)},${r(p.y + 6)}`;
}

function bar(p: Point, dir: number, at: number): string {
  const x = r(p.x + dir * at);
  return `M${x},${r(p.y - 6)}V${r(p.y + 6)}`;
}

function circle(p: Point, dir: number, at: number): string {
  const cx = p.x + dir * at;
  const rad = 3.5;
  return `M${r(cx - rad)},${r(p.y)}a${rad},${rad} 0 1,0 ${rad * 2},0a${rad},${rad} 0 1,0 ${-rad * 2},0`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Bounding box of positioned nodes (for fit-to-view and export). */
export function boundsOf(nodes: readonly ErdNode[], positions: Positions, collapsed = false): { x: number; y: number; width: number; height: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p) continue;
    const s = nodeSize(n, collapsed);
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + s.width);
    y1 = Math.max(y1, p.y + s.height);
  }
  return x0 === Infinity ? { x: 0, y: 0, width: 0, height: 0 } : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
