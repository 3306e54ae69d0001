// The results panel: a toolbar (copy/export in CSV, JSON or Markdown), one tab per result set with
// its grid (or rows affected, or its error), a status line with row count, duration, the truncated
// warning and server notices; or a plan view for Explain; or "running…" with a Cancel button.
import { FORMAT_EXTENSIONS, formatRows } from './formats';
import { Grid } from './grid';
import { PlanView } from './plan-view';
import type { CopyFormat, GridResultSet, HostToResultsMessage, ResultsToHostMessage } from './protocol';

export type Post = (message: ResultsToHostMessage) => void;

export class ResultsApp {
  private sets: GridResultSet[] = [];
  private grids = new Map<number, Grid>();
  private activeTab = 0;
  private title = '';
  private format: CopyFormat = 'csv';
  private nextRequestId = 1;
  private planRaw = '';
  private readonly pendingExports = new Map<number, string>();

  constructor(
    private readonly root: HTMLElement,
    private readonly post: Post,
  ) {
    root.addEventListener('keydown', (e) => {
      // Ctrl/Cmd+C anywhere in the panel (outside inputs) copies the grid selection.
      if ((e.ctrlKey || e.metaKey) && (e.key === 'c' || e.key === 'C') && !(e.target as HTMLElement).closest('input, select, .rs-grid')) {
        if (this.currentGrid()) {
          e.preventDefault();
          this.copy(false);
        }
      }
    });
  }

  handle(msg: HostToResultsMessage): void {
    const started = performance.now();
    try {
      switch (msg.type) {
        case 'running':
          this.showRunning(msg.title, msg.connection);
          break;
        case 'results':
          this.showResults(msg.title, msg.connection, msg.sets, msg.message, msg.cancelled === true);
          break;
        case 'plan':
          this.showPlan(msg);
          break;
        case 'failed':
          this.showFailed(msg.title, msg.connection, msg.message);
          break;
        case 'saved': {
          const what = this.pendingExports.get(msg.requestId) ?? 'export';
          this.pendingExports.delete(msg.requestId);
          this.flash(msg.ok ? `Saved ${what}${msg.path ? ` to ${msg.path}` : ''}.` : `Could not save ${what}: ${msg.error ?? 'unknown error'}`);
          return;
        }
      }
      const view = msg.type;
      this.post({ type: 'rendered', requestId: msg.requestId, view, tabs: this.sets.length, domRows: this.currentGrid()?.domRows ?? 0, ms: Math.round(performance.now() - started) });
    } catch (e) {
      this.post({ type: 'error', requestId: msg.requestId, message: e instanceof Error ? e.message : String(e) });
    }
  }

  // ------------------------------------------------------------------ views

  private showRunning(title: string, connection: string): void {
    this.reset(title);
    const box = el('div', 'rs-running');
    box.setAttribute('role', 'status');
    box.append(el('span', 'rs-spinner'), text('span', '', `Running on ${connection}…`));
    const cancel = button('Cancel', () => this.post({ type: 'cancel' }));
    cancel.classList.add('rs-cancel');
    box.append(cancel);
    this.root.append(this.headerBar(title, connection), box);
  }

  private showFailed(title: string, connection: string, message: string): void {
    this.reset(title);
    const box = text('pre', 'rs-error', message);
    box.setAttribute('role', 'alert');
    this.root.append(this.headerBar(title, connection), box);
  }

  private showResults(title: string, connection: string, sets: GridResultSet[], message: string | undefined, cancelled: boolean): void {
    this.reset(title);
    this.sets = sets;
    const bar = this.headerBar(title, connection);
    bar.append(this.toolbar());
    this.root.append(bar);
    if (message) {
      const m = text('p', cancelled ? 'rs-message rs-warning' : 'rs-message', message);
      m.setAttribute('role', 'status');
      this.root.append(m);
    }
    const tabs = el('div', 'rs-tabs');
    tabs.setAttribute('role', 'tablist');
    tabs.setAttribute('aria-label', 'Result sets');
    const panel = el('div', 'rs-panel');
    panel.setAttribute('role', 'tabpanel');
    panel.id = 'rs-panel';
    sets.forEach((s, i) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.className = `rs-tab rs-tab-${s.status}`;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-controls', 'rs-panel');
      tab.dataset.index = String(i);
      tab.textContent = `${s.statement}: ${s.preview}`;
      tab.title = s.preview;
      tab.addEventListener('click', () => this.selectTab(i));
      tab.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        e.preventDefault();
        const next = (i + (e.key === 'ArrowRight' ? 1 : sets.length - 1)) % sets.length;
        this.selectTab(next);
        tabs.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
      });
      tabs.append(tab);
    });
    if (sets.length > 1) this.root.append(tabs);
    const status = el('div', 'rs-status');
    status.setAttribute('aria-live', 'polite');
    this.root.append(panel, status);
    // Show the first result that has rows, else the first one.
    const first = Math.max(0, sets.findIndex((s) => s.status === 'ok' && s.columns.length > 0));
    this.selectTab(first);
  }

  private showPlan(msg: Extract<HostToResultsMessage, { type: 'plan' }>): void {
    this.reset(msg.title);
    this.planRaw = msg.raw;
    const bar = this.headerBar(msg.title, msg.connection);
    const tools = el('div', 'rs-toolbar');
    tools.append(button('Copy plan', () => this.post({ type: 'copy', format: 'plan', rows: 0, text: this.planRaw })));
    bar.append(tools);
    this.root.append(bar, new PlanView(msg.plan).el);
  }

  private selectTab(i: number): void {
    this.activeTab = i;
    this.root.querySelectorAll<HTMLElement>('.rs-tab').forEach((t) => {
      const selected = Number(t.dataset.index) === i;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
    });
    const panel = this.root.querySelector<HTMLElement>('#rs-panel')!;
    panel.replaceChildren();
    const set = this.sets[i];
    if (!set) return;
    if (set.status === 'error') {
      const box = text('pre', 'rs-error', set.error ?? 'failed');
      box.setAttribute('role', 'alert');
      panel.append(box);
    } else if (set.status === 'skipped') panel.append(text('p', 'rs-message', 'Not run: an earlier statement failed or the run was cancelled.'));
    else if (set.columns.length === 0) panel.append(text('p', 'rs-message rs-affected', `${set.rowCount.toLocaleString('en-US')} row${set.rowCount === 1 ? '' : 's'} affected.`));
    else {
      let grid = this.grids.get(i);
      if (!grid) this.grids.set(i, (grid = new Grid(set, () => this.copy(false))));
      panel.append(grid.el);
      grid.render();
    }
    // Copy and export act on a grid: without rows to copy (an error, a statement not run, a write)
    // they are disabled rather than silently copying nothing.
    const hasGrid = set.status === 'ok' && set.columns.length > 0;
    this.root.querySelectorAll<HTMLButtonElement>('.rs-copy-selection, .rs-copy-all, .rs-export').forEach((b) => (b.disabled = !hasGrid));
    this.renderStatus(set);
  }

  private renderStatus(set: GridResultSet): void {
    const status = this.root.querySelector<HTMLElement>('.rs-status')!;
    status.replaceChildren();
    // A statement that failed, was cancelled or did not run affected nothing we know of: no count.
    if (set.status !== 'ok') {
      status.append(text('span', 'rs-count', set.status === 'skipped' ? 'not run' : 'no result'));
      if (set.status === 'error' && set.durationMs > 0) status.append(text('span', 'rs-duration', `${set.durationMs.toLocaleString('en-US')} ms`));
      return;
    }
    const rows = set.columns.length > 0 ? `${set.rowCount.toLocaleString('en-US')} row${set.rowCount === 1 ? '' : 's'}` : `${set.rowCount.toLocaleString('en-US')} affected`;
    status.append(text('span', 'rs-count', rows), text('span', 'rs-duration', `${set.durationMs.toLocaleString('en-US')} ms`));
    if (set.truncated) {
      const warn = text('span', 'rs-truncated', `Showing the first ${set.rowCount.toLocaleString('en-US')} rows; more rows were not fetched (schemawise.query.maxRows).`);
      warn.setAttribute('role', 'note');
      status.append(warn);
    }
    if (set.notices.length > 0) {
      const details = el('details', 'rs-notices');
      details.append(text('summary', '', `${set.notices.length} notice${set.notices.length === 1 ? '' : 's'}`));
      const list = el('ul', '');
      for (const n of set.notices) list.append(text('li', '', n));
      details.append(list);
      status.append(details);
    }
  }

  // ------------------------------------------------------------------ copy / export

  private toolbar(): HTMLElement {
    const tools = el('div', 'rs-toolbar');
    const label = text('label', '', 'Format ');
    const select = document.createElement('select');
    select.className = 'rs-format';
    for (const [value, name] of [['csv', 'CSV'], ['json', 'JSON'], ['markdown', 'Markdown']] as const) {
      const o = document.createElement('option');
      o.value = value;
      o.textContent = name;
      select.append(o);
    }
    select.value = this.format;
    select.addEventListener('change', () => (this.format = select.value as CopyFormat));
    label.append(select);
    tools.append(label, button('Copy selection', () => this.copy(false), 'rs-copy-selection'), button('Copy all', () => this.copy(true), 'rs-copy-all'), button('Export…', () => this.exportAll(), 'rs-export'));
    return tools;
  }

  private copy(all: boolean): void {
    const grid = this.currentGrid();
    if (!grid) return;
    const { columns, rows } = grid.selection(all);
    this.post({ type: 'copy', format: this.format, rows: rows.length, text: formatRows(this.format, columns, rows) });
    this.flash(`Copied ${rows.length.toLocaleString('en-US')} row${rows.length === 1 ? '' : 's'} as ${this.format.toUpperCase()}.`);
  }

  private exportAll(): void {
    const grid = this.currentGrid();
    const set = this.sets[this.activeTab];
    if (!grid || !set) return;
    const { columns, rows } = grid.selection(true);
    const requestId = this.nextRequestId++;
    const stem = (this.title || 'results').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'results';
    this.pendingExports.set(requestId, `${rows.length.toLocaleString('en-US')} rows`);
    this.post({ type: 'export', requestId, format: this.format, fileName: `${stem}-${set.statement}.${FORMAT_EXTENSIONS[this.format]}`, content: formatRows(this.format, columns, rows) });
  }

  // ------------------------------------------------------------------ helpers

  private currentGrid(): Grid | undefined {
    return this.grids.get(this.activeTab);
  }

  private reset(title: string): void {
    this.title = title;
    this.sets = [];
    this.grids = new Map();
    this.activeTab = 0;
    this.root.replaceChildren();
  }

  private headerBar(title: string, connection: string): HTMLElement {
    const bar = el('header', 'rs-header-bar');
    bar.append(text('h1', 'rs-title', title), text('span', 'rs-connection', connection));
    return bar;
  }

  private flash(message: string): void {
    let live = this.root.querySelector<HTMLElement>('.rs-flash');
    if (!live) {
      live = el('p', 'rs-flash');
      live.setAttribute('role', 'status');
      this.root.append(live);
    }
    live.textContent = message;
  }
}

function el(tag: string, className: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}

function text(tag: string, className: string, content: string): HTMLElement {
  const e = el(tag, className);
  e.textContent = content;
  return e;
}

function button(label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (className) b.className = className;
  b.addEventListener('click', onClick);
  return b;
}
