// The toolbar: plain HTML controls themed with VS Code's variables (erd.css). It only reports what
// the user asked for; the app decides what to draw.
export interface ControlEvents {
  search(query: string): void;
  schema(schema: string | undefined): void;
  hops(hops: number): void;
  neighbourhood(): void;
  showAll(): void;
  fit(): void;
  export(format: 'svg' | 'png' | 'mermaid'): void;
  resetLayout(): void;
}

export class Controls {
  readonly el: HTMLElement;
  readonly searchInput: HTMLInputElement;
  private readonly schemaSelect: HTMLSelectElement;
  private readonly hopsInput: HTMLInputElement;
  private readonly aroundBar: HTMLElement;
  private readonly aroundName: HTMLElement;
  private readonly neighboursButton: HTMLButtonElement;
  private readonly status: HTMLElement;

  constructor(private readonly events: ControlEvents) {
    this.el = h('div', { class: 'erd-toolbar', role: 'toolbar', 'aria-label': 'Diagram tools' });
    this.searchInput = h('input', { type: 'search', id: 'erd-search', placeholder: 'Search tables or col:name', 'aria-label': 'Search tables', title: 'Search tables by name; col:name finds tables with a matching column' });
    this.schemaSelect = h('select', { id: 'erd-schema', 'aria-label': 'Schema filter' });
    this.neighboursButton = button('Neighbours', 'erd-neighbours', 'Show the selected table and its neighbours (N)', () => events.neighbourhood());
    this.neighboursButton.disabled = true;
    this.aroundName = h('strong', {});
    this.hopsInput = h('input', { type: 'number', id: 'erd-hops', min: '0', max: '6', value: '1', 'aria-label': 'Hops' });
    this.aroundBar = h('span', { class: 'erd-around', id: 'erd-around', hidden: '' });
    this.aroundBar.append('Around ', this.aroundName, ' within ', this.hopsInput, ' hops ', button('Show all', 'erd-show-all', 'Back to the whole schema', () => events.showAll()));
    this.status = h('span', { class: 'erd-count', id: 'erd-count', role: 'status', 'aria-live': 'polite' });
    const exports = h('span', { class: 'erd-exports' });
    exports.append(
      button('Fit', 'erd-fit', 'Fit the diagram to the window (0)', () => events.fit()),
      button('SVG', 'erd-export-svg', 'Export as SVG', () => events.export('svg')),
      button('PNG', 'erd-export-png', 'Export as PNG', () => events.export('png')),
      button('Mermaid', 'erd-export-mermaid', 'Export as a Mermaid erDiagram', () => events.export('mermaid')),
      button('Reset layout', 'erd-reset', 'Forget pinned positions', () => events.resetLayout()),
    );
    this.el.append(this.searchInput, this.schemaSelect, this.neighboursButton, this.aroundBar, exports, this.status);

    let timer: ReturnType<typeof setTimeout> | undefined;
    // Debounced: each search re-runs the layout; typing should not queue a layout per keystroke.
    this.searchInput.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => events.search(this.searchInput.value), 200);
    });
    this.searchInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        clearTimeout(timer);
        events.search(this.searchInput.value);
      }
    });
    this.schemaSelect.addEventListener('change', () => events.schema(this.schemaSelect.value || undefined));
    this.hopsInput.addEventListener('change', () => events.hops(Number(this.hopsInput.value)));
  }

  setSchemas(schemas: string[], selected: string | undefined): void {
    this.schemaSelect.replaceChildren(h('option', { value: '' }, 'All schemas'), ...schemas.map((s) => h('option', { value: s }, s)));
    this.schemaSelect.value = selected ?? '';
    this.schemaSelect.hidden = schemas.length < 2;
  }

  setSelection(table: string | undefined): void {
    this.neighboursButton.disabled = !table;
  }

  setNeighbourhood(table: string | undefined, hops: number): void {
    this.aroundBar.hidden = !table;
    this.aroundName.textContent = table ?? '';
    this.hopsInput.value = String(hops);
  }

  setSearch(query: string): void {
    this.searchInput.value = query;
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

function button(label: string, id: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', id, title }, label);
  b.addEventListener('click', onClick);
  return b;
}
