// Export of the current view: a standalone SVG (theme colours resolved into an embedded style, so
// the file looks the same outside VS Code), a PNG rendered from that SVG through a canvas, and the
// engine's Mermaid text.
import { boundsOf, toMermaidErDiagram, type ErdGraph, type Positions } from '../../../server/src/engine/erd';

const PAD = 24;
/** Largest PNG side: canvases beyond ~16k px fail in Chromium; 8k keeps memory modest. */
const MAX_PNG_SIDE = 8192;

/** The theme variables the diagram uses (erd.css), resolved to concrete colours. */
const THEME_VARS = ['--erd-bg', '--erd-fg', '--erd-muted', '--erd-box-bg', '--erd-box-border', '--erd-header-bg', '--erd-header-fg', '--erd-edge', '--erd-pk', '--erd-fk', '--erd-group-bg', '--erd-group-border', '--erd-font'];

export function exportSvg(svg: SVGSVGElement, graph: ErdGraph, positions: Positions, themeSource: Element): string {
  const b = boundsOf(graph.nodes, positions);
  const hasGroups = svg.querySelector('.erd-group') !== null;
  const pad = PAD + (hasGroups ? 40 : 0);
  const width = Math.ceil(b.width + 2 * pad);
  const height = Math.ceil(b.height + 2 * pad);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.removeAttribute('tabindex');
  clone.classList.remove('erd-collapsed');
  clone.querySelectorAll('[tabindex]').forEach((el) => el.removeAttribute('tabindex'));
  clone.querySelectorAll('.erd-selected').forEach((el) => el.classList.remove('erd-selected'));
  clone.querySelector('.erd-viewport')?.setAttribute('transform', `translate(${pad - b.x},${pad - b.y})`);
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = exportStyles(themeSource);
  clone.insertBefore(style, clone.firstChild);
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('class', 'erd-export-bg');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  clone.insertBefore(bg, style.nextSibling);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(clone);
}

/** Rasterizes an exported SVG (at 2× up to MAX_PNG_SIDE) and returns the PNG as base64. */
export async function svgToPngBase64(svgText: string): Promise<string> {
  const w = Number(/width="(\d+)"/.exec(svgText)?.[1] ?? 800);
  const h = Number(/height="(\d+)"/.exec(svgText)?.[1] ?? 600);
  const scale = Math.min(2, MAX_PNG_SIDE / Math.max(w, h));
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the diagram could not be rasterized'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(w * scale));
    canvas.height = Math.max(1, Math.round(h * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas available for PNG export');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, w, h);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function exportMermaid(graph: ErdGraph): string {
  return toMermaidErDiagram(graph);
}

/** File-name-safe stem from a connection name. */
export function fileStem(connection: string): string {
  return connection.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'erd';
}

function exportStyles(themeSource: Element): string {
  const cs = getComputedStyle(themeSource);
  const vars = THEME_VARS.map((v) => `${v}:${cs.getPropertyValue(v).trim() || 'initial'};`).join('');
  // Mirrors the SVG rules of erd.css with the variables fixed to the current theme.
  return `svg{${vars}font-family:var(--erd-font);font-size:12px}
.erd-export-bg{fill:var(--erd-bg)}
.erd-box{fill:var(--erd-box-bg);stroke:var(--erd-box-border)}
.erd-header{fill:var(--erd-header-bg)}
.erd-title{fill:var(--erd-header-fg);font-weight:600}
.erd-row{fill:transparent}
.erd-col-name{fill:var(--erd-fg)}
.erd-not-null{font-weight:600}
.erd-col-type,.erd-nullable{fill:var(--erd-muted)}
.erd-key{font-size:9px;font-weight:700;fill:var(--erd-muted)}
.erd-pk{fill:var(--erd-pk)}
.erd-fk{fill:var(--erd-fk)}
.erd-line,.erd-marks{fill:none;stroke:var(--erd-edge);stroke-width:1.3}
.erd-circles{fill:var(--erd-bg);stroke:var(--erd-edge);stroke-width:1.3}
.erd-group rect{fill:var(--erd-group-bg);stroke:var(--erd-group-border);stroke-dasharray:4 3}
.erd-group text{fill:var(--erd-muted);font-size:14px;font-weight:600}`;
}
