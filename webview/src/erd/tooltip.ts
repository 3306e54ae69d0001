// Column docs on hover: type, nullability, keys, where an FK points, and the column's comment.
import type { ErdEdge, ErdNode } from '../../../server/src/engine/erd';

export class Tooltip {
  readonly el: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.el = document.createElement('div');
    this.el.className = 'erd-tooltip';
    this.el.id = 'erd-tooltip';
    this.el.setAttribute('role', 'tooltip');
    this.el.hidden = true;
    parent.append(this.el);
  }

  show(node: ErdNode, column: string | undefined, outgoing: readonly ErdEdge[], at: { x: number; y: number }): void {
    const lines = column ? columnLines(node, column, outgoing) : tableLines(node);
    if (lines.length === 0) return this.hide();
    this.el.replaceChildren(...lines.map((l, i) => line(l, i === 0)));
    this.el.hidden = false;
    const box = this.el.getBoundingClientRect();
    this.el.style.left = `${Math.min(at.x + 14, window.innerWidth - box.width - 8)}px`;
    this.el.style.top = `${Math.min(at.y + 14, window.innerHeight - box.height - 8)}px`;
  }

  hide(): void {
    this.el.hidden = true;
  }
}

function tableLines(node: ErdNode): string[] {
  return [`${node.id}`, `${node.kind.replace('_', ' ')}, ${node.columns.length} columns`, ...(node.comment ? [node.comment] : [])];
}

function columnLines(node: ErdNode, name: string, outgoing: readonly ErdEdge[]): string[] {
  const c = node.columns.find((x) => x.name === name);
  if (!c) return [];
  const keys = [c.pk && 'primary key', c.unique && 'unique'].filter(Boolean).join(', ');
  const refs = outgoing.filter((e) => e.from === node.id && e.fromColumns.includes(name)).map((e) => `→ ${e.to}(${e.toColumns.join(', ')})`);
  return [`${node.name}.${c.name}`, `${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}${keys ? ', ' + keys : ''}`, ...refs, ...(c.comment ? [c.comment] : [])];
}

function line(text: string, title: boolean): HTMLElement {
  const el = document.createElement(title ? 'strong' : 'div');
  el.textContent = text;
  if (title) el.className = 'erd-tooltip-title';
  return el;
}
