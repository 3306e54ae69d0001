import ELK from 'elkjs/lib/elk.bundled.js';
import { readFileSync } from 'node:fs';
import { buildErdGraph, toElkInput, positionsFromElk, boundsOf } from '../server/src/engine/erd';
const model = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const g = buildErdGraph(model, { includeViews: false });
const elk = new ELK();
(async () => {
  for (const extra of [{}, { 'elk.layered.wrapping.strategy': 'MULTI_EDGE' }, { 'elk.direction': 'DOWN' }]) {
    const input = toElkInput(g) as any;
    Object.assign(input.layoutOptions, extra);
    for (const c of input.children) if (c.layoutOptions) Object.assign(c.layoutOptions, extra);
    const out = await elk.layout(input);
    const pos = positionsFromElk(out as any);
    const b = boundsOf(g.nodes, pos);
    const fit = Math.min(1, 0.94*1200/b.width, 0.94*800/b.height);
    console.log(JSON.stringify(extra), g.nodes.length, 'nodes', Math.round(b.width), 'x', Math.round(b.height), 'fit@1200x800', fit.toFixed(2));
  }
})();
