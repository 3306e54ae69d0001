// Headless Chromium for webview tests and benchmarks: the Debian `chromium` binary driven by
// playwright-core, plus a tiny 127.0.0.1-only static server. Outside CI a missing browser skips
// the suite (with the reason); with CI=true it fails, as for the database servers.
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'mocha';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SCHEMAWISE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Call from a `before` hook: skips locally / fails in CI when Chromium is not installed. */
export function requireChromium(ctx: Context): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const reason = `Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${reason} (CI=true: failing instead of skipping)`);
  console.warn(`  skipped: ${reason}`);
  ctx.skip();
}

export interface Route {
  body: string | Buffer;
  type: string;
}

export interface LocalServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

/** Serves `routes(pathname)` on 127.0.0.1 with an ephemeral port; unknown paths get 404. */
export async function serveLocal(routes: (pathname: string) => Route | undefined): Promise<LocalServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = routes(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-store' }).end(route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
