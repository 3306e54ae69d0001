// Plays the VS Code side of the results webview in headless Chromium: builds the bundle from source,
// serves it with the page from renderResultsHtml (same CSP as in VS Code), stubs acquireVsCodeApi,
// records every message the webview posts and lets tests post host messages.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { renderResultsHtml } from '../../webview/src/results/html';
import type { HostToResultsMessage, ResultsToHostMessage } from '../../webview/src/results/protocol';
import { serveLocal, type LocalServer } from '../helpers/chromium';

const ROOT = resolve(__dirname, '../..');

export interface ResultsBundle {
  js: string;
  css: string;
  dispose(): Promise<void>;
}

/** Bundles webview/src/results/main.ts exactly as esbuild.mjs does (browser, iife, es2022). */
export async function buildResultsBundle(): Promise<ResultsBundle> {
  const out = await mkdtemp(join(tmpdir(), 'sw-results-'));
  await esbuild.build({
    entryPoints: { results: join(ROOT, 'webview/src/results/main.ts') },
    outdir: out,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'error',
  });
  return { js: readFileSync(join(out, 'results.js'), 'utf8'), css: readFileSync(join(out, 'results.css'), 'utf8'), dispose: () => rm(out, { recursive: true, force: true }) };
}

/** Serves the page at /results.html, the script at /results.js and the styles at /results.css. */
export async function serveResults(bundle: ResultsBundle): Promise<LocalServer> {
  let origin = '';
  const server = await serveLocal((path) => {
    if (path === '/results.html') {
      const nonce = randomBytes(16).toString('base64');
      return { type: 'text/html; charset=utf-8', body: renderResultsHtml({ scriptUri: `${origin}/results.js`, styleUri: `${origin}/results.css`, cspSource: origin, nonce, title: 'Results test' }) };
    }
    if (path === '/results.js') return { type: 'text/javascript; charset=utf-8', body: bundle.js };
    if (path === '/results.css') return { type: 'text/css; charset=utf-8', body: bundle.css };
    if (path === '/favicon.ico') return { type: 'image/x-icon', body: '' };
    return undefined;
  });
  origin = server.origin;
  return server;
}

type MessageOf<T extends ResultsToHostMessage['type']> = Extract<ResultsToHostMessage, { type: T }>;

export class ResultsPage {
  readonly messages: ResultsToHostMessage[] = [];
  /** Uncaught exceptions, console errors and CSP violations seen on the page. */
  readonly problems: string[] = [];
  private waiters: { match: (m: ResultsToHostMessage) => boolean; resolve: (m: ResultsToHostMessage) => void }[] = [];
  private nextRequestId = 1;

  private constructor(readonly page: Page) {}

  static async open(browser: Browser, server: LocalServer, viewport = { width: 1000, height: 600 }): Promise<ResultsPage> {
    const page = await browser.newPage({ viewport, colorScheme: 'light' });
    const rp = new ResultsPage(page);
    page.on('pageerror', (e) => rp.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') rp.problems.push(`console: ${m.text()}`);
    });
    await page.exposeFunction('__resultsToHost', (m: ResultsToHostMessage) => rp.receive(m));
    // The stub VS Code injects into every webview; a string, since tsx-transpiled functions reference helpers the page lacks.
    await page.addInitScript('window.acquireVsCodeApi = () => ({ postMessage: (m) => void window.__resultsToHost(m), getState: () => undefined, setState: () => undefined });');
    const ready = rp.waitFor('ready');
    await page.goto(`${server.origin}/results.html`);
    await ready;
    return rp;
  }

  /** Posts a host message (its requestId is filled in) and resolves with the matching `rendered`. */
  async show(message: DistributiveOmit<Exclude<HostToResultsMessage, { type: 'saved' }>, 'requestId'>): Promise<MessageOf<'rendered'>> {
    const requestId = this.nextRequestId++;
    const done = this.waitFor('rendered', (m) => m.requestId === requestId, 20000, (m) => (m.type === 'rendered' || m.type === 'error') && 'requestId' in m && m.requestId === requestId);
    await this.post({ ...message, requestId } as HostToResultsMessage);
    const m = (await done) as ResultsToHostMessage;
    if (m.type === 'error') throw new Error(`webview error: ${m.message}`);
    return m as MessageOf<'rendered'>;
  }

  async post(message: HostToResultsMessage): Promise<void> {
    // As a JSON string: playwright's argument serialization is slow for 100k rows (VS Code's is a structured clone).
    await this.page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
  }

  /** The next message of this type (after the call) that satisfies `match`. */
  waitFor<T extends ResultsToHostMessage['type']>(type: T, match: (m: MessageOf<T>) => boolean = () => true, timeoutMs = 20000, raw?: (m: ResultsToHostMessage) => boolean): Promise<MessageOf<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no "${type}" message within ${timeoutMs} ms; got: ${this.messages.map((m) => m.type).join(', ')}; problems: ${this.problems.join(' | ')}`));
      }, timeoutMs);
      const waiter = {
        match: raw ?? ((m: ResultsToHostMessage) => m.type === type && match(m as MessageOf<T>)),
        resolve: (m: ResultsToHostMessage) => {
          clearTimeout(timer);
          resolve(m as MessageOf<T>);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Text of the grid cells in the DOM, row by row (row number gutter excluded), in display order. */
  gridText(): Promise<string[][]> {
    return this.page.$$eval('.rs-row:not([hidden])', (rows) =>
      rows
        .map((r) => ({ i: Number((r as HTMLElement).dataset.row), cells: [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent ?? '') }))
        .sort((a, b) => a.i - b.i)
        .map((r) => r.cells),
    );
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  private receive(m: ResultsToHostMessage): void {
    this.messages.push(m);
    for (const w of [...this.waiters])
      if (w.match(m)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(m);
      }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
