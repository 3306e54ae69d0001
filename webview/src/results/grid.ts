// The virtualized result grid: only the rows in view (plus a small overscan) exist in the DOM, laid
// over a spacer as tall as all rows, so 100k rows scroll as smoothly as 100. Columns are resizable
// (drag the header edge, or Alt+←/→ on a header) and sortable (click or Enter on a header: ascending,
// descending, server order). Cells select by click, shift-click, drag or the keyboard; the selection
// (or everything) copies as CSV, JSON or Markdown. NULL is drawn as a dimmed, italic NULL that the
// text 'NULL' never looks like.
import { cellText } from './formats';
import type { CellValue, GridColumn, GridResultSet } from './protocol';
import { sortedOrder, type SortDirection } from './sort';

export const ROW_HEIGHT = 22;
const OVERSCAN = 8;
const GUTTER = 56;
const MIN_WIDTH = 48;
const MAX_AUTO_WIDTH = 360;

interface Cell {
  row: number;
  col: number;
}

export interface GridSelection {
  columns: GridColumn[];
  rows: CellValue[][];
}

export class Grid {
  readonly el: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly header: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;
  private readonly widths: number[];
  private order: Uint32Array | undefined;
  private sort: { col: number; dir: SortDirection } | undefined;
  private active: Cell = { row: 0, col: 0 };
  private anchor: Cell = { row: 0, col: 0 };
  private pool: HTMLElement[] = [];
  private first = 0;
  private frame = 0;
  private dragging = false;

  constructor(
    private readonly set: GridResultSet,
    private readonly onCopyKey: () => void,
  ) {
    this.widths = set.columns.map((c, i) => autoWidth(c, set.rows, i));
    this.el = div('rs-grid');
    this.el.setAttribute('role', 'grid');
    this.el.setAttribute('aria-rowcount', String(set.rows.length + 1));
    this.el.setAttribute('aria-colcount', String(set.columns.length + 1));
    this.el.setAttribute('aria-multiselectable', 'true');
    this.el.setAttribute('aria-label', `Result of statement ${set.statement}: ${set.rows.length} rows`);
    this.el.tabIndex = 0;
    this.viewport = div('rs-viewport');
    this.header = this.buildHeader();
    this.spacer = div('rs-spacer');
    this.body = div('rs-rows');
    this.body.setAttribute('role', 'rowgroup');
    this.spacer.append(this.body);
    this.viewport.append(this.header, this.spacer);
    this.el.append(this.viewport);
    this.spacer.style.height = `${set.rows.length * ROW_HEIGHT}px`;
    this.applyWidths();
    this.viewport.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    this.body.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.body.addEventListener('mouseover', (e) => this.onMouseOver(e));
    window.addEventListener('mouseup', () => (this.dragging = false));
    new ResizeObserver(() => this.schedule()).observe(this.viewport);
  }

  get rowCount(): number {
    return this.set.rows.length;
  }

  /** Grid rows currently in the DOM (the virtualization window). */
  get domRows(): number {
    return this.pool.filter((r) => !r.hidden).length;
  }

  /** Draws the rows in view now (callers: after attaching to the page). */
  render(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const n = this.set.rows.length;
    const top = this.viewport.scrollTop;
    const height = this.viewport.clientHeight - this.header.offsetHeight;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((top + Math.max(height, ROW_HEIGHT)) / ROW_HEIGHT) + OVERSCAN);
    this.first = first;
    this.body.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const count = last - first;
    while (this.pool.length < count) this.pool.push(this.body.appendChild(this.newRow()));
    for (let i = 0; i < this.pool.length; i++) {
      const row = this.pool[i]!;
      if (i >= count) {
        row.hidden = true;
        continue;
      }
      row.hidden = false;
      this.fillRow(row, first + i);
    }
  }

  /** The selected cells (a rectangle, in display order), or every row when `all`. */
  selection(all = false): GridSelection {
    const { columns } = this.set;
    if (all) return { columns, rows: this.displayRows(0, this.rowCount - 1).map((r) => r) };
    const [r0, r1] = ordered(this.anchor.row, this.active.row);
    const [c0, c1] = ordered(this.anchor.col, this.active.col);
    return { columns: columns.slice(c0, c1 + 1), rows: this.displayRows(r0, r1).map((r) => r.slice(c0, c1 + 1)) };
  }

  selectAll(): void {
    this.anchor = { row: 0, col: 0 };
    this.active = { row: Math.max(0, this.rowCount - 1), col: Math.max(0, this.set.columns.length - 1) };
    this.render();
  }

  /** Sorts by a column (asc → desc → server order), as a click on its header does. */
  toggleSort(col: number): void {
    const next: SortDirection | undefined = this.sort?.col !== col ? 'asc' : this.sort.dir === 'asc' ? 'desc' : undefined;
    this.sort = next ? { col, dir: next } : undefined;
    this.order = next ? sortedOrder(this.set.rows, col, next) : undefined;
    this.header.querySelectorAll<HTMLElement>('[role=columnheader][data-col]').forEach((h) => {
      const c = Number(h.dataset.col);
      h.setAttribute('aria-sort', this.sort?.col === c ? (this.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    });
    this.render();
  }

  setWidth(col: number, width: number): void {
    this.widths[col] = Math.max(MIN_WIDTH, Math.round(width));
    this.applyWidths();
  }

  width(col: number): number {
    return this.widths[col]!;
  }

  private displayRows(from: number, to: number): CellValue[][] {
    const out: CellValue[][] = [];
    for (let i = from; i <= to; i++) out.push(this.rowAt(i));
    return out;
  }

  private rowAt(displayIndex: number): CellValue[] {
    return this.set.rows[this.order ? this.order[displayIndex]! : displayIndex]!;
  }

  private schedule(): void {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private applyWidths(): void {
    const cols = [`${GUTTER}px`, ...this.widths.map((w) => `${w}px`)].join(' ');
    this.el.style.setProperty('--rs-cols', cols);
    this.el.style.setProperty('--rs-width', `${GUTTER + this.widths.reduce((a, b) => a + b, 0)}px`);
  }

  private buildHeader(): HTMLElement {
    const header = div('rs-header');
    header.setAttribute('role', 'row');
    header.setAttribute('aria-rowindex', '1');
    const corner = div('rs-hcell rs-gutter');
    corner.setAttribute('role', 'columnheader');
    corner.textContent = '#';
    header.append(corner);
    this.set.columns.forEach((c, i) => {
      const cell = div('rs-hcell');
      cell.setAttribute('role', 'columnheader');
      cell.setAttribute('aria-sort', 'none');
      cell.dataset.col = String(i);
      const button = document.createElement('button');
      button.className = 'rs-sort';
      button.type = 'button';
      button.title = `${c.name}${c.type ? ` (${c.type})` : ''}: click or Enter to sort; Alt+←/→ to resize`;
      const name = document.createElement('span');
      name.className = 'rs-colname';
      name.textContent = c.name;
      button.append(name);
      if (c.type) {
        const type = document.createElement('span');
        type.className = 'rs-coltype';
        type.textContent = c.type;
        button.append(type);
      }
      button.addEventListener('click', () => this.toggleSort(i));
      button.addEventListener('keydown', (e) => {
        if (e.altKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) {
          e.preventDefault();
          e.stopPropagation();
          this.setWidth(i, this.widths[i]! + (e.key === 'ArrowLeft' ? -16 : 16));
        }
      });
      const handle = div('rs-resize');
      handle.setAttribute('aria-hidden', 'true');
      handle.addEventListener('pointerdown', (e) => this.startResize(e, i, handle));
      cell.append(button, handle);
      header.append(cell);
    });
    return header;
  }

  private startResize(e: PointerEvent, col: number, handle: HTMLElement): void {
    e.preventDefault();
    const startX = e.clientX;
    const startWidth = this.widths[col]!;
    handle.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => this.setWidth(col, startWidth + m.clientX - startX);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  }

  private newRow(): HTMLElement {
    const row = div('rs-row');
    row.setAttribute('role', 'row');
    const gutter = div('rs-cell rs-gutter');
    gutter.setAttribute('role', 'rowheader');
    row.append(gutter);
    for (let c = 0; c < this.set.columns.length; c++) {
      const cell = div('rs-cell');
      cell.setAttribute('role', 'gridcell');
      cell.dataset.col = String(c);
      row.append(cell);
    }
    return row;
  }

  private fillRow(row: HTMLElement, displayIndex: number): void {
    const values = this.rowAt(displayIndex);
    row.dataset.row = String(displayIndex);
    row.setAttribute('aria-rowindex', String(displayIndex + 2));
    const cells = row.children;
    (cells[0] as HTMLElement).textContent = String(displayIndex + 1);
    const [r0, r1] = ordered(this.anchor.row, this.active.row);
    const [c0, c1] = ordered(this.anchor.col, this.active.col);
    const rowSelected = displayIndex >= r0 && displayIndex <= r1;
    for (let c = 0; c < this.set.columns.length; c++) {
      const cell = cells[c + 1] as HTMLElement;
      const v = values[c] ?? null;
      const text = cellText(v);
      if (cell.textContent !== text) cell.textContent = text;
      cell.title = text.length > 40 ? text.slice(0, 2000) : '';
      cell.classList.toggle('rs-null', v === null);
      cell.classList.toggle('rs-num', typeof v === 'number');
      const selected = rowSelected && c >= c0 && c <= c1;
      cell.classList.toggle('rs-sel', selected);
      const isActive = displayIndex === this.active.row && c === this.active.col;
      cell.classList.toggle('rs-active', isActive);
      cell.setAttribute('aria-selected', String(selected));
      if (isActive) this.el.setAttribute('aria-activedescendant', (cell.id = `rs-${this.set.statement}-active`));
      else if (cell.id) cell.removeAttribute('id');
    }
  }

  private cellFrom(target: EventTarget | null): Cell | undefined {
    const cell = (target as HTMLElement | null)?.closest<HTMLElement>('.rs-cell');
    const row = cell?.parentElement;
    if (!cell || !row?.dataset.row) return undefined;
    const col = cell.dataset.col === undefined ? -1 : Number(cell.dataset.col);
    return { row: Number(row.dataset.row), col };
  }

  private onMouseDown(e: MouseEvent): void {
    const hit = this.cellFrom(e.target);
    if (!hit || e.button !== 0) return;
    e.preventDefault();
    this.el.focus({ preventScroll: true });
    if (hit.col < 0) {
      // Row number: the whole row (shift extends over rows).
      if (!e.shiftKey) this.anchor = { row: hit.row, col: 0 };
      this.active = { row: hit.row, col: this.set.columns.length - 1 };
      this.anchor.col = 0;
    } else {
      this.active = hit;
      if (!e.shiftKey) this.anchor = { ...hit };
    }
    this.dragging = true;
    this.render();
  }

  private onMouseOver(e: MouseEvent): void {
    if (!this.dragging || e.buttons !== 1) return;
    const hit = this.cellFrom(e.target);
    if (!hit || hit.col < 0) return;
    this.active = hit;
    this.render();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.el) return;
    const mod = e.ctrlKey || e.metaKey;
    const rows = this.rowCount;
    const cols = this.set.columns.length;
    if (rows === 0 || cols === 0) return;
    const page = Math.max(1, Math.floor((this.viewport.clientHeight - this.header.offsetHeight) / ROW_HEIGHT) - 1);
    let { row, col } = this.active;
    switch (e.key) {
      case 'ArrowDown': row = mod ? rows - 1 : row + 1; break;
      case 'ArrowUp': row = mod ? 0 : row - 1; break;
      case 'ArrowRight': col = mod ? cols - 1 : col + 1; break;
      case 'ArrowLeft': col = mod ? 0 : col - 1; break;
      case 'PageDown': row += page; break;
      case 'PageUp': row -= page; break;
      case 'Home': if (mod) row = 0; col = 0; break;
      case 'End': if (mod) row = rows - 1; col = cols - 1; break;
      case 'a':
      case 'A':
        if (!mod) return;
        e.preventDefault();
        this.selectAll();
        return;
      case 'c':
      case 'C':
        if (!mod) return;
        e.preventDefault();
        this.onCopyKey();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.active = { row: clamp(row, 0, rows - 1), col: clamp(col, 0, cols - 1) };
    if (!e.shiftKey) this.anchor = { ...this.active };
    this.reveal(this.active.row);
    this.render();
  }

  /** Scrolls just enough to show a row below the sticky header. */
  private reveal(row: number): void {
    const top = row * ROW_HEIGHT;
    const visible = this.viewport.clientHeight - this.header.offsetHeight;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + visible) this.viewport.scrollTop = top + ROW_HEIGHT - visible;
  }
}

/** A first guess from the header and the first 200 values, about 7.5 px a character. */
function autoWidth(c: GridColumn, rows: CellValue[][], i: number): number {
  let chars = Math.max(c.name.length, (c.type?.length ?? 0) + 2);
  for (let r = 0; r < Math.min(rows.length, 200); r++) chars = Math.max(chars, cellText(rows[r]![i] ?? null).length);
  return clamp(Math.round(chars * 7.5 + 20), MIN_WIDTH + 16, MAX_AUTO_WIDTH);
}

function div(className: string): HTMLElement {
  const d = document.createElement('div');
  d.className = className;
  return d;
}

function ordered(a: number, b: number): [number, number] {
  return a <= b ? [a, b] : [b, a];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
