// The HTML docs site in headless Chromium: page navigation by #hash, the search box, and the
// embedded interactive ERD (the real webview bundle, driven through the site's host shim) drawing
// every table and focusing on a table's neighbourhood from its page.
import { strict as assert } from 'node:assert';
import type { Browser } from 'playwright-core';
import { generateDocs } from '../../server/src/engine/docs';
import { launchChromium, requireChromium, serveLocal, type LocalServer } from '../helpers/chromium';
import { shopModel, table } from '../helpers/docs-models';
import { buildErdBundle, type ErdBundle } from './erd-harness';

describe('docs HTML site (headless Chromium)', function () {
  this.timeout(90_000);
  let browser: Browser;
  let bundle: ErdBundle;
  let server: LocalServer;

  before(async function () {
    requireChromium(this);
    bundle = await buildErdBundle(true);
    const model = shopModel();
    model.tables.push(table('public', 'x<script>window.__pwned=1</script>', [{ name: 'id' }]));
    const html = generateDocs({ model }, { format: 'html', erdBundle: { js: bundle.js, css: bundle.css } }).files.find((f) => f.path === 'index.html')!.content;
    server = await serveLocal((p) => (p === '/index.html' ? { body: html, type: 'text/html; charset=utf-8' } : undefined));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await bundle?.dispose();
  });

  it('shows one page at a time, filters the page list, and renders the ERD with every table', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${server.origin}/index.html`);
      assert.equal(await page.locator('section.page:not([hidden]) h1').first().textContent(), 'Database shop');
      await page.goto(`${server.origin}/index.html#tables/public.orders`);
      await page.waitForFunction(() => !document.getElementById('tables/public.orders')!.hidden);
      assert.match((await page.locator('section.page:not([hidden]) h1').textContent()) ?? '', /Table public\.orders/);
      // A glossary link opens the glossary at the term.
      await page.locator('section.page:not([hidden]) a[data-anchor="glossary--order"]').click();
      await page.waitForFunction(() => location.hash === '#glossary' && !document.getElementById('glossary')!.hidden);
      const seen = await page.evaluate(() => {
        const r = document.getElementById('glossary--order')!.getBoundingClientRect();
        return { top: r.top, height: innerHeight };
      });
      assert.ok(seen.top >= 0 && seen.top < seen.height, `the term's heading is in view (${JSON.stringify(seen)})`);
      await page.fill('#search', 'order_l');
      const visible = await page.locator('#pages li:not([hidden])').allTextContents();
      assert.deepEqual(visible, ['public.order_line']);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'a table name cannot run script');
      await page.goto(`${server.origin}/index.html#erd`);
      await page.waitForFunction(() => document.querySelectorAll('g.erd-table').length === 5, undefined, { timeout: 30_000 });
      // "Open in the interactive ERD" on a table page focuses on its neighbourhood.
      await page.goto(`${server.origin}/index.html#tables/public.product`);
      await page.locator('section.page:not([hidden]) button.open-erd').click();
      await page.waitForFunction(() => location.hash === '#erd' && document.querySelectorAll('g.erd-table').length === 2, undefined, { timeout: 30_000 });
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
