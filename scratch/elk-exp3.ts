import ELK from 'elkjs/lib/elk.bundled.js';
import { readFileSync } from 'node:fs';
import { buildErdGraph, elkJobs, packLayouts, positionsFromElk, boundsOf } from '../server/src/engine/erd';
const model = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const g = buildErdGraph(model, { includeViews: false });
const elk = new ELK();
(async () => {
  for (const [w, h] of [[1200, 800], [600, 800], [1600, 500]]) {
    const t = Date.now();
    const blocks = await Promise.all(elkJobs(g, w / h).map(async (j) => positionsFromElk((await elk.layout(j.input as any)) as any)));
    const pos = packLayouts(g, blocks, w / h);
    const b = boundsOf(g.nodes, pos);
    console.log(`${w}x${h}`, g.nodes.length, 'nodes', Math.round(b.width), 'x', Math.round(b.height), 'fit', Math.min(1, 0.94 * w / b.width, 0.94 * h / b.height).toFixed(2), Date.now() - t, 'ms');
  }
})();
