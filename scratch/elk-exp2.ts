import ELK from 'elkjs/lib/elk.bundled.js';
import { readFileSync } from 'node:fs';
import { buildErdGraph, elkOptions, nodeSize, boundsOf } from '../server/src/engine/erd';
const model = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const g = buildErdGraph(model, { includeViews: false });
const elk = new ELK();
(async () => {
  for (const extra of [{}, { 'elk.layered.wrapping.strategy': 'MULTI_EDGE', 'elk.aspectRatio': '1.5' }, { 'elk.layered.wrapping.strategy': 'SINGLE_EDGE', 'elk.aspectRatio': '1.5' }, { 'elk.direction': 'DOWN', 'elk.aspectRatio': '1.5' }, { 'elk.algorithm': 'stress' }, { 'elk.algorithm': 'force' }]) {
    const input: any = { id: 'root', layoutOptions: { ...elkOptions(g.nodes.length), ...extra }, children: g.nodes.map((n) => ({ id: n.id, ...nodeSize(n, false) })), edges: g.edges.filter((e) => e.from !== e.to).map((e) => ({ id: e.id, sources: [e.to], targets: [e.from] })) };
    const t = Date.now();
    const out = await elk.layout(input);
    const pos: any = {}; for (const c of out.children!) pos[c.id] = { x: c.x, y: c.y };
    const b = boundsOf(g.nodes, pos);
    const fit = Math.min(1, 0.94*1200/b.width, 0.94*800/b.height);
    console.log(JSON.stringify(extra), g.nodes.length, 'nodes', Math.round(b.width), 'x', Math.round(b.height), 'fit@1200x800', fit.toFixed(2), Date.now()-t, 'ms');
  }
})();
