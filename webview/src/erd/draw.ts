// DOM construction for one table box and one relationship, with the data attributes tests and
// tools rely on: data-table="schema.table", data-column, data-edge, data-from/-to (+ -columns).
import type { Selection } from 'd3';
import { HEADER_HEIGHT, ROW_HEIGHT, edgeShape, nodeSize, type ErdEdge, type ErdNode, type Point } from '../../../server/src/engine/erd';

type G = Selection<SVGGElement, unknown, null, undefined>;

export function drawTable(g: G, node: ErdNode, withColumns: boolean): void {
  const { width, height } = nodeSize(node);
  g.attr('class', `erd-table erd-kind-${node.kind}`)
    .attr('data-table', node.id)
    .attr('data-schema', node.schema)
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', `${node.kind === 'table' ? 'Table' : node.kind.replace('_', ' ')} ${node.id}, ${node.columns.length} columns. Enter opens it.`);
  g.append('rect').attr('class', 'erd-box').attr('width', width).attr('height', height).attr('rx', 4);
  g.append('path').attr('class', 'erd-header').attr('d', headerPath(width));
  g.append('text').attr('class', 'erd-title').attr('x', 10).attr('y', HEADER_HEIGHT / 2).attr('dy', '0.35em').text(node.name);
  if (withColumns) drawColumns(g, node);
}

/** Column rows; drawn eagerly for small graphs, on demand (when zoomed in and visible) for big ones. */
export function drawColumns(g: G, node: ErdNode): void {
  const { width } = nodeSize(node);
  const rows = g.append('g').attr('class', 'erd-columns');
  node.columns.forEach((c, i) => {
    const row = rows
      .append('g')
      .attr('class', 'erd-column')
      .attr('data-column', c.name)
      .attr('data-nullable', String(c.nullable))
      .attr('transform', `translate(0,${HEADER_HEIGHT + i * ROW_HEIGHT})`);
    row.append('rect').attr('class', 'erd-row').attr('width', width).attr('height', ROW_HEIGHT);
    const keys = [c.pk && 'PK', c.fk && 'FK', !c.pk && c.unique && 'UK'].filter(Boolean).join(' ');
    if (keys) row.append('text').attr('class', `erd-key${c.pk ? ' erd-pk' : ''}${c.fk ? ' erd-fk' : ''}`).attr('x', 6).attr('y', ROW_HEIGHT / 2).attr('dy', '0.35em').text(keys);
    row.append('text').attr('class', `erd-col-name${c.nullable ? '' : ' erd-not-null'}`).attr('x', 40).attr('y', ROW_HEIGHT / 2).attr('dy', '0.35em').text(c.name);
    const type = row.append('text').attr('class', 'erd-col-type').attr('x', width - 8).attr('y', ROW_HEIGHT / 2).attr('dy', '0.35em').attr('text-anchor', 'end').text(c.type);
    if (c.nullable) type.append('tspan').attr('class', 'erd-nullable').text('?');
  });
}

function headerPath(w: number): string {
  const r = 4;
  return `M0,${HEADER_HEIGHT}V${r}Q0,0 ${r},0H${w - r}Q${w},0 ${w},${r}V${HEADER_HEIGHT}Z`;
}

export function drawEdge(g: G, edge: ErdEdge): void {
  g.attr('class', `erd-rel erd-${edge.cardinality}${edge.optional ? ' erd-optional' : ''}`)
    .attr('data-edge', edge.id)
    .attr('data-from', edge.from)
    .attr('data-to', edge.to)
    .attr('data-from-columns', edge.fromColumns.join(','))
    .attr('data-to-columns', edge.toColumns.join(','))
    .attr('data-cardinality', edge.cardinality)
    .attr('data-optional', String(edge.optional));
  g.append('title').text(`${edge.name ? edge.name + ': ' : ''}${edge.from}(${edge.fromColumns.join(', ')}) → ${edge.to}(${edge.toColumns.join(', ')}), ${edge.cardinality}${edge.optional ? ', optional' : ''}`);
  g.append('path').attr('class', 'erd-line');
  g.append('path').attr('class', 'erd-marks');
  g.append('path').attr('class', 'erd-circles');
}

export function placeEdge(g: G, edge: ErdEdge, child: ErdNode, parent: ErdNode, cPos: Point, pPos: Point, collapsed: boolean): void {
  const s = edgeShape(edge, child, parent, cPos, pPos, collapsed);
  g.select('.erd-line').attr('d', s.line);
  g.select('.erd-marks').attr('d', s.marks);
  g.select('.erd-circles').attr('d', s.circles || null);
}
