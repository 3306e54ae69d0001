// The plan view for Explain: a tree (ARIA tree with a roving focus: ↑/↓ move, ←/→ collapse and
// expand, Enter toggles) of plan nodes with their costs, estimated and actual rows, actual times when
// analysed, a bar of each node's own share of the work, and the hottest nodes marked.
import type { GridPlan, GridPlanNode } from './protocol';

export class PlanView {
  readonly el: HTMLElement;
  private readonly tree: HTMLElement;

  constructor(private readonly plan: GridPlan) {
    this.el = document.createElement('section');
    this.el.className = 'rs-plan';
    this.el.setAttribute('aria-label', plan.analyzed ? 'Query plan with measured times' : 'Query plan');
    const summary = document.createElement('p');
    summary.className = 'rs-plan-summary';
    summary.textContent = summaryText(plan);
    this.tree = document.createElement('ul');
    this.tree.className = 'rs-tree';
    this.tree.setAttribute('role', 'tree');
    this.tree.append(this.node(plan.root, 1));
    this.el.append(summary, this.tree);
    const first = this.tree.querySelector<HTMLElement>('.rs-node-line');
    if (first) first.tabIndex = 0;
    this.tree.addEventListener('keydown', (e) => this.onKey(e));
    this.tree.addEventListener('click', (e) => {
      const line = (e.target as HTMLElement).closest<HTMLElement>('.rs-node-line');
      if (!line) return;
      if ((e.target as HTMLElement).closest('.rs-twisty')) this.toggle(line.parentElement!);
      this.focus(line);
    });
  }

  private node(n: GridPlanNode, level: number): HTMLElement {
    const li = document.createElement('li');
    li.className = `rs-node${n.hot ? ' rs-hot' : ''}`;
    li.setAttribute('role', 'treeitem');
    li.setAttribute('aria-level', String(level));
    li.dataset.nodeId = String(n.id);
    if (n.hot) li.dataset.hot = 'true';
    const line = document.createElement('div');
    line.className = 'rs-node-line';
    line.tabIndex = -1;
    const twisty = span('rs-twisty', n.children.length ? '▾' : '');
    twisty.setAttribute('aria-hidden', 'true');
    const label = span('rs-node-label', n.label);
    line.append(twisty, label);
    if (n.hot) line.append(span('rs-hot-badge', 'hot'));
    line.append(span('rs-metrics', metricsText(n)));
    const bar = span('rs-bar', '');
    const fill = span('rs-bar-fill', '');
    fill.style.width = `${Math.round(n.heat * 100)}%`;
    bar.title = `${Math.round(n.heat * 1000) / 10}% of the plan's ${this.plan.metric === 'time' ? 'time' : this.plan.metric === 'cost' ? 'cost' : 'rows'} is spent in this node itself`;
    bar.append(fill);
    line.append(bar);
    li.setAttribute('aria-label', `${n.label}${n.hot ? ' (hot)' : ''}: ${metricsText(n)}`);
    li.append(line);
    if (n.details.length) {
      const details = document.createElement('div');
      details.className = 'rs-node-details';
      details.textContent = n.details.join('\n');
      li.append(details);
    }
    if (n.children.length) {
      li.setAttribute('aria-expanded', 'true');
      const group = document.createElement('ul');
      group.setAttribute('role', 'group');
      for (const c of n.children) group.append(this.node(c, level + 1));
      li.append(group);
    }
    return li;
  }

  private visibleLines(): HTMLElement[] {
    const shown = (line: HTMLElement) => {
      for (let p = line.parentElement!.parentElement?.closest<HTMLElement>('.rs-node'); p; p = p.parentElement?.closest<HTMLElement>('.rs-node'))
        if (p.getAttribute('aria-expanded') === 'false') return false;
      return true;
    };
    return [...this.tree.querySelectorAll<HTMLElement>('.rs-node-line')].filter(shown);
  }

  private focus(line: HTMLElement): void {
    this.tree.querySelectorAll<HTMLElement>('.rs-node-line').forEach((l) => (l.tabIndex = -1));
    line.tabIndex = 0;
    line.focus();
  }

  private toggle(li: HTMLElement, expand?: boolean): void {
    if (!li.hasAttribute('aria-expanded')) return;
    const open = expand ?? li.getAttribute('aria-expanded') !== 'true';
    li.setAttribute('aria-expanded', String(open));
    const twisty = li.querySelector(':scope > .rs-node-line > .rs-twisty');
    if (twisty) twisty.textContent = open ? '▾' : '▸';
  }

  private onKey(e: KeyboardEvent): void {
    const line = (e.target as HTMLElement).closest<HTMLElement>('.rs-node-line');
    if (!line) return;
    const li = line.parentElement!;
    const lines = this.visibleLines();
    const i = lines.indexOf(line);
    switch (e.key) {
      case 'ArrowDown':
        if (lines[i + 1]) this.focus(lines[i + 1]!);
        break;
      case 'ArrowUp':
        if (i > 0) this.focus(lines[i - 1]!);
        break;
      case 'ArrowRight':
        if (li.getAttribute('aria-expanded') === 'false') this.toggle(li, true);
        else if (lines[i + 1] && li.contains(lines[i + 1]!)) this.focus(lines[i + 1]!);
        break;
      case 'ArrowLeft': {
        if (li.getAttribute('aria-expanded') === 'true') this.toggle(li, false);
        else {
          const parent = li.parentElement?.closest<HTMLElement>('.rs-node');
          const parentLine = parent?.querySelector<HTMLElement>(':scope > .rs-node-line');
          if (parentLine) this.focus(parentLine);
        }
        break;
      }
      case 'Enter':
      case ' ':
        this.toggle(li);
        break;
      default:
        return;
    }
    e.preventDefault();
  }
}

export function metricsText(n: GridPlanNode): string {
  const parts: string[] = [];
  if (n.totalCost !== undefined) parts.push(`cost ${n.startupCost !== undefined ? `${fmt(n.startupCost)}..` : ''}${fmt(n.totalCost)}`);
  if (n.planRows !== undefined) parts.push(`rows ${fmt(n.planRows)} est.`);
  if (n.actualRows !== undefined) parts.push(`${fmt(n.actualRows)} actual${n.loops !== undefined && n.loops !== 1 ? ` × ${n.loops} loops` : ''}`);
  if (n.actualTotalMs !== undefined) parts.push(`${fmt(n.actualTotalMs)} ms`);
  return parts.join(' · ');
}

function summaryText(p: GridPlan): string {
  const parts = [p.analyzed ? 'Analysed plan (the statement was executed)' : 'Estimated plan (not executed)', `${p.nodeCount} nodes`];
  if (p.planningMs !== undefined) parts.push(`planning ${fmt(p.planningMs)} ms`);
  if (p.executionMs !== undefined) parts.push(`execution ${fmt(p.executionMs)} ms`);
  // Says exactly what the badge means: several nodes can be hot.
  const metric = p.metric === 'time' ? 'time' : p.metric === 'cost' ? 'cost' : 'rows';
  parts.push(`hot = the largest own share of ${metric}, and any other node with ≥ ${Math.round(p.hotShare * 100)}% of it (${p.maxHot} at most)`);
  return parts.join(' · ');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
}

function span(className: string, text: string): HTMLElement {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}
