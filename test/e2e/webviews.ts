// Reading Schemawise's webview panels (results grid, ERD) in the browser workbench. VS Code puts each
// webview in two nested iframes (an outer host page, and an inner frame holding the extension's
// HTML), and several panels can be open at once, so a panel is found by what it contains: the first
// frame of the page in which `selector` shows up. Every frame present or attached later is watched
// with waitForSelector, so this waits on the DOM, never on a timer.
import type { Frame, Page } from 'playwright-core';
import { STEP_MS } from './workbench';

/** The frame that contains `selector` (state: attached), once it does; rejects after `timeoutMs`. */
export function webviewFrame(page: Page, selector: string, timeoutMs = STEP_MS): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const watched = new Set<Frame>();
    let settled = false;
    const finish = (err: Error | undefined, frame?: Frame) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      page.off('frameattached', watch);
      if (err) reject(err);
      else resolve(frame!);
    };
    const watch = (frame: Frame) => {
      if (watched.has(frame)) return;
      watched.add(frame);
      // A frame that detaches (a panel closed, the host page reloaded) just drops out of the race.
      frame.waitForSelector(selector, { state: 'attached', timeout: timeoutMs }).then(
        () => finish(undefined, frame),
        () => undefined,
      );
    };
    const timer = setTimeout(() => finish(new Error(`no webview frame shows ${selector} within ${timeoutMs} ms (frames: ${page.frames().map((f) => f.url().replace(/\?.*/, '')).join(', ')})`)), timeoutMs);
    page.on('frameattached', watch);
    page.frames().forEach(watch);
  });
}

export interface ResultsGrid {
  title: string;
  columns: string[];
  /** The status line's row count, as shown ("10 rows"). */
  count: string;
  /** Cell texts of the rows in the DOM, in display order. */
  rows: string[][];
  /** [row, column] (0-based) of the cells drawn as NULL. */
  nullCells: [number, number][];
}

/** The results panel's frame once it shows a grid for the run titled `title`. */
export async function resultsFrame(page: Page, title: string, ready = '.rs-status .rs-count'): Promise<Frame> {
  const frame = await webviewFrame(page, '#results-app');
  await frame.locator('.rs-title', { hasText: title }).waitFor({ timeout: STEP_MS });
  await frame.locator(ready).first().waitFor({ timeout: STEP_MS });
  return frame;
}

/** What the results grid shows: headers, row count, the rows in the DOM and which cells are NULL. */
export async function readResultsGrid(frame: Frame): Promise<ResultsGrid> {
  // No named functions inside: tsx compiles them with a `__name` helper the page does not have.
  return frame.locator('#results-app').evaluate((app) => {
    const rowEls = [...app.querySelectorAll<HTMLElement>('.rs-rows .rs-row:not([hidden])')];
    const rows: string[][] = [];
    const nullCells: [number, number][] = [];
    rowEls.forEach((row, r) => {
      const cells = [...row.querySelectorAll<HTMLElement>('.rs-cell:not(.rs-gutter)')];
      rows.push(cells.map((c) => c.textContent ?? ''));
      cells.forEach((c, col) => {
        if (c.classList.contains('rs-null')) nullCells.push([r, col]);
      });
    });
    return {
      title: (app.querySelector('.rs-title')?.textContent ?? '').trim(),
      columns: [...app.querySelectorAll('.rs-header .rs-colname')].map((e) => (e.textContent ?? '').trim()),
      count: (app.querySelector('.rs-status .rs-count')?.textContent ?? '').trim(),
      rows,
      nullCells,
    };
  });
}

export interface ErdDrawing {
  /** data-table of every table box, sorted. */
  tables: string[];
  /** "from → to" of every relationship line, sorted. */
  edges: string[];
  status: string;
}

/** The ERD panel's frame once it has drawn its diagram. */
export function erdFrame(page: Page): Promise<Frame> {
  return webviewFrame(page, '#erd-app.erd-loaded g.erd-table', 60_000);
}

export async function readErd(frame: Frame): Promise<ErdDrawing> {
  return frame.locator('#erd-app').evaluate((app) => ({
    tables: [...app.querySelectorAll('g.erd-table')].map((g) => g.getAttribute('data-table') ?? '').sort(),
    edges: [...app.querySelectorAll('g.erd-rel')].map((g) => `${g.getAttribute('data-from')} → ${g.getAttribute('data-to')}`).sort(),
    status: (app.querySelector('#erd-status')?.textContent ?? '').trim(),
  }));
}
