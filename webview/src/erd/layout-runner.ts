// Runs the layout off the UI thread: elkjs's worker script is inlined in the bundle and started
// from a blob: URL (allowed by the page's CSP as worker-src blob:). Huge graphs use the engine's
// linear grid layout instead, which needs no worker.
import ELK from 'elkjs/lib/elk-api.js';
import elkWorkerSource from 'elkjs/lib/elk-worker.min.js' with { type: 'text' };
import { chooseLayoutEngine, DEFAULT_ASPECT, elkJobs, gridLayout, packLayouts, positionsFromElk, type ErdGraph, type LayoutEngine, type Positions } from '../../../server/src/engine/erd';

export interface LayoutResult {
  positions: Positions;
  engine: LayoutEngine;
  ms: number;
}

let elk: InstanceType<typeof ELK> | undefined;

function elkInstance(): InstanceType<typeof ELK> {
  if (!elk) {
    const url = URL.createObjectURL(new Blob([elkWorkerSource], { type: 'text/javascript' }));
    elk = new ELK({ workerFactory: () => new Worker(url) });
  }
  return elk;
}

/** Starts the worker (and its 1.6 MB script parse) before the first graph arrives. */
export function warmUpLayout(): void {
  try {
    elkInstance();
  } catch (e) {
    console.warn('ELK worker unavailable, the grid layout will be used:', e);
  }
}

/**
 * Lays out the graph to fill a panel of `aspect` (width / height); `pinned` positions win over
 * computed ones for the tables they name.
 */
export async function layoutGraph(graph: ErdGraph, pinned: Positions = {}, aspect = DEFAULT_ASPECT): Promise<LayoutResult> {
  const t0 = performance.now();
  let engine = chooseLayoutEngine(graph.nodes.length);
  let positions: Positions;
  if (engine === 'elk') {
    try {
      // The worker mutates nothing on our side: each graph is structured-cloned across.
      const worker = elkInstance();
      const blocks = await Promise.all(
        elkJobs(graph, aspect).map(async (job) => positionsFromElk(await worker.layout(job.input as Parameters<InstanceType<typeof ELK>['layout']>[0]))),
      );
      positions = packLayouts(graph, blocks, aspect);
    } catch (e) {
      console.warn('ELK layout failed, using the grid layout:', e);
      elk = undefined;
      engine = 'grid';
      positions = gridLayout(graph);
    }
  } else {
    positions = gridLayout(graph);
  }
  for (const [id, p] of Object.entries(pinned)) if (positions[id]) positions[id] = { ...p };
  return { positions, engine, ms: performance.now() - t0 };
}
