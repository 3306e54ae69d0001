// Plays the VS Code side of the ERD webview in headless Chromium: builds the webview bundle from
// source, serves it with the page from renderErdHtml (same CSP as in VS Code), stubs
// acquireVsCodeApi, records every message the webview posts and lets tests post host messages.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { renderErdHtml } from '../../webview/src/erd/html';
import type { ErdToHostMessage, HostToErdMessage, SavedLayout, SchemaModel, ErdFocus } from '../../webview/src/protocol';
import { serveLocal, type LocalServer } from '../helpers/chromium';

const ROOT = resolve(__dirname, '../..');

export interface ErdBundle {
  js: string;
  css: string;
  dispose(): Promise<void>;
}

/** Bundles webview/src/erd/main.ts exactly as esbuild.mjs does (browser, iife, es2022). */
export async function buildErdBundle(minify = false): Promise<ErdBundle> {
  const out = await mkdtemp(join(tmpdir(), 'sw-erd-'));
  await esbuild.build({
    entryPoints: { erd: join(ROOT, 'webview/src/erd/main.ts') },
    outdir: out,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify,
    logLevel: 'error',
    loader: { '.sql': 'text' },
  });
  return {
    js: readFileSync(join(out, 'erd.js'), 'utf8'),
    css: readFileSync(join(out, 'erd.css'), 'utf8'),
    dispose: () => rm(out, { recursive: true, force: true }),
  };
}

/** Serves the page at /erd.html, the script at /erd.js and the styles at /erd.css. */
export function serveErd(bundle: ErdBundle): Promise<LocalServer> {
  let origin = '';
  const serverP = serveLocal((path) => {
    if (path === '/erd.html') {
      const nonce = randomBytes(16).toString('base64');
      return { type: 'text/html; charset=utf-8', body: renderErdHtml({ scriptUri: `${origin}/erd.js`, styleUri: `${origin}/erd.css`, cspSource: origin, nonce, title: 'ERD test' }) };
    }
    if (path === '/erd.js') return { type: 'text/javascript; charset=utf-8', body: bundle.js };
    if (path === '/erd.css') return { type: 'text/css; charset=utf-8', body: bundle.css };
    if (path === '/favicon.ico') return { type: 'image/x-icon', body: '' };
    return undefined;
  });
  return serverP.then((s) => {
    origin = s.origin;
    return s;
  });
}

type MessageOf<T extends ErdToHostMessage['type']> = Extract<ErdToHostMessage, { type: T }>;

export class ErdPage {
  readonly messages: ErdToHostMessage[] = [];
  /** Uncaught exceptions, console errors and CSP violations seen on the page. */
  readonly problems: string[] = [];
  private waiters: { match: (m: ErdToHostMessage) => boolean; resolve: (m: ErdToHostMessage) => void }[] = [];
  private nextRequestId = 1000;

  private constructor(readonly page: Page) {}

  static async open(browser: Browser, server: LocalServer, viewport = { width: 1280, height: 800 }): Promise<ErdPage> {
    const page = await browser.newPage({ viewport, colorScheme: 'light' });
    const erd = new ErdPage(page);
    page.on('pageerror', (e) => erd.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') erd.problems.push(`console: ${m.text()}`);
    });
    await page.exposeFunction('__erdToHost', (m: ErdToHostMessage) => erd.receive(m));
    // The stub VS Code injects into every webview; the CSP does not apply to init scripts.
    // (A string, not a function: tsx's transpiled functions reference helpers the page lacks.)
    await page.addInitScript(
      'window.acquireVsCodeApi = () => ({ postMessage: (m) => void window.__erdToHost(m), getState: () => undefined, setState: () => undefined });',
    );
    const ready = erd.waitFor('ready');
    await page.goto(`${server.origin}/erd.html`);
    await ready;
    return erd;
  }

  /** Posts `load` and resolves with the matching `rendered` (or rejects with the webview's error). */
  async load(schema: SchemaModel, options: { connection?: string; layout?: SavedLayout; focus?: ErdFocus } = {}): Promise<MessageOf<'rendered'>> {
    const requestId = this.nextRequestId++;
    const done = this.waitForRequest(requestId);
    await this.post({ type: 'load', requestId, connection: options.connection ?? schema.database, schema, layout: options.layout, focus: options.focus });
    return done;
  }

  async focus(focus: ErdFocus): Promise<MessageOf<'rendered'>> {
    const requestId = this.nextRequestId++;
    const done = this.waitForRequest(requestId);
    await this.post({ type: 'focus', requestId, focus });
    return done;
  }

  async post(message: HostToErdMessage): Promise<void> {
    // As a JSON string: playwright's own argument serialization is slow for 5,000-table schemas
    // and would dominate the timings (VS Code's postMessage is a structured clone).
    await this.page.evaluate((json) => window.postMessage(JSON.parse(json), '*'), JSON.stringify(message));
  }

  /** The next message of this type (after the call) that satisfies `match`. */
  waitFor<T extends ErdToHostMessage['type']>(
    type: T,
    match: (m: MessageOf<T>) => boolean = () => true,
    timeoutMs = 20000,
    raw?: (m: ErdToHostMessage) => boolean,
  ): Promise<MessageOf<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no "${type}" message within ${timeoutMs} ms; got: ${this.messages.map((m) => m.type).join(', ')}; problems: ${this.problems.join(' | ')}`));
      }, timeoutMs);
      const waiter = {
        match: raw ?? ((m: ErdToHostMessage) => m.type === type && match(m as MessageOf<T>)),
        resolve: (m: ErdToHostMessage) => {
          clearTimeout(timer);
          resolve(m as MessageOf<T>);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** A `rendered` started by the webview itself (search, filter, hops): requestId 0. */
  nextWebviewRender(): Promise<MessageOf<'rendered'>> {
    return this.waitFor('rendered', (m) => m.requestId === 0);
  }

  /** Table ids drawn, in DOM order. */
  tables(): Promise<string[]> {
    return this.page.$$eval('g.erd-table', (els) => els.map((e) => e.getAttribute('data-table')!));
  }

  async close(): Promise<void> {
    await this.page.close();
  }

  private async waitForRequest(requestId: number): Promise<MessageOf<'rendered'>> {
    const m = (await this.waitFor('rendered', () => true, 20000, (x) => (x.type === 'rendered' || x.type === 'error') && x.requestId === requestId)) as ErdToHostMessage;
    if (m.type === 'error') throw new Error(`webview error: ${m.message}`);
    return m as MessageOf<'rendered'>;
  }

  private receive(m: ErdToHostMessage): void {
    this.messages.push(m);
    for (const w of [...this.waiters])
      if (w.match(m)) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve(m);
      }
  }
}
