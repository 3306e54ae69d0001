// The ERD webview in headless Chromium, driven like VS Code drives it (ready → load → messages),
// on real schemas: Chinook (Spider's chinook_1, with its PKs and FKs) and AdventureWorks (read from
// the published PostgreSQL install script). Screenshots land in test-artifacts/webview/.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { launchChromium, requireChromium, type LocalServer } from '../helpers/chromium';
import { spiderModel } from '../helpers/fixtures';
import { readFileSync } from 'node:fs';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { adventureWorksModel } from '../helpers/pg-ddl-model';
import { buildErdBundle, ErdPage, serveErd, type ErdBundle } from './erd-harness';

const ARTIFACTS = resolve(__dirname, '../../test-artifacts/webview');

interface DrawnEdge {
  from: string;
  to: string;
  fromColumns: string;
  toColumns: string;
}

function expectedEdges(model: SchemaModel): DrawnEdge[] {
  return model.tables.flatMap((t) =>
    t.foreignKeys.map((fk) => ({ from: `${t.schema}.${t.name}`, to: `${fk.refSchema}.${fk.refTable}`, fromColumns: fk.columns.join(','), toColumns: fk.refColumns.join(',') })),
  );
}

const key = (e: DrawnEdge) => `${e.from}(${e.fromColumns})->${e.to}(${e.toColumns})`;

describe('ERD webview in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let bundle: ErdBundle;
  let server: LocalServer;
  let erd: ErdPage;
  const chinook = spiderModel('chinook_1');
  const adventureWorks = adventureWorksModel();

  before(async function () {
    requireChromium(this);
    mkdirSync(ARTIFACTS, { recursive: true });
    [bundle, browser] = await Promise.all([buildErdBundle(), launchChromium()]);
    server = await serveErd(bundle);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await bundle?.dispose();
  });
  beforeEach(async () => {
    erd = await ErdPage.open(browser, server);
  });
  afterEach(async function () {
    const problems = erd.problems;
    await erd.close();
    // Every test also proves the page ran under its CSP without errors or blocked resources.
    if (this.currentTest?.state === 'passed') assert.deepEqual(problems, []);
  });

  describe('Chinook', () => {
    it('draws one box per table with one row per column, PK/FK markers and nullability', async () => {
      const rendered = await erd.load(chinook);
      assert.equal(rendered.tables, 11);
      assert.equal(rendered.edges, 11);
      assert.equal(rendered.layoutEngine, 'elk');
      const drawn = await erd.page.$$eval('g.erd-table', (els) =>
        els.map((t) => ({
          id: t.getAttribute('data-table')!,
          columns: [...t.querySelectorAll('.erd-column')].map((c) => ({
            name: c.getAttribute('data-column')!,
            nullable: c.getAttribute('data-nullable') === 'true',
            keys: c.querySelector('.erd-key')?.textContent ?? '',
          })),
        })),
      );
      assert.deepEqual(drawn.map((t) => t.id).sort(), chinook.tables.map((t) => `public.${t.name}`).sort());
      for (const table of chinook.tables) {
        const box = drawn.find((t) => t.id === `public.${table.name}`)!;
        assert.deepEqual(box.columns.map((c) => c.name), table.columns.map((c) => c.name), `columns of ${table.name}`);
        assert.deepEqual(box.columns.map((c) => c.nullable), table.columns.map((c) => c.nullable), `nullability of ${table.name}`);
        const fkCols = new Set(table.foreignKeys.flatMap((f) => f.columns));
        for (const c of table.columns) {
          const keys = box.columns.find((x) => x.name === c.name)!.keys.split(' ');
          assert.equal(keys.includes('PK'), table.primaryKey?.columns.includes(c.name) ?? false, `PK marker ${table.name}.${c.name}`);
          assert.equal(keys.includes('FK'), fkCols.has(c.name), `FK marker ${table.name}.${c.name}`);
        }
      }
      await erd.page.screenshot({ path: join(ARTIFACTS, 'chinook.png') });
    });

    it('draws one edge per foreign key, from the FK columns to the referenced columns', async () => {
      await erd.load(chinook);
      const edges = await erd.page.$$eval('g.erd-rel', (els) =>
        els.map((e) => ({ from: e.getAttribute('data-from')!, to: e.getAttribute('data-to')!, fromColumns: e.getAttribute('data-from-columns')!, toColumns: e.getAttribute('data-to-columns')! })),
      );
      assert.deepEqual(edges.map(key).sort(), expectedEdges(chinook).map(key).sort());
      const paths = await erd.page.$$eval('g.erd-rel .erd-line', (els) => els.map((p) => p.getAttribute('d') ?? ''));
      assert.ok(paths.every((d) => /^M[\d.-]+,[\d.-]+H.*C/.test(d)), 'every edge has a drawn curve');
      // The FK column of a many-to-one edge ends in a crow's foot (two prongs) next to its row.
      const albumArtist = await erd.page.$eval('g.erd-rel[data-from="public.Album"][data-to="public.Artist"]', (e) => e.getAttribute('data-cardinality'));
      assert.equal(albumArtist, 'many-to-one');
    });

    it('search narrows the diagram to the matching tables and the edges between them', async () => {
      await erd.load(chinook);
      const rendered = erd.nextWebviewRender();
      await erd.page.fill('#erd-search', 'invoice');
      await erd.page.press('#erd-search', 'Enter');
      assert.equal((await rendered).tables, 2);
      assert.deepEqual((await erd.tables()).sort(), ['public.Invoice', 'public.InvoiceLine']);
      assert.equal(await erd.page.locator('g.erd-rel').count(), 1);
      const byColumn = erd.nextWebviewRender();
      await erd.page.fill('#erd-search', 'col:supportrep');
      await erd.page.press('#erd-search', 'Enter');
      await byColumn;
      assert.deepEqual(await erd.tables(), ['public.Customer']);
    });

    it('shows the neighbourhood of a table within N hops (focus message and hops control)', async () => {
      await erd.load(chinook);
      const one = await erd.focus({ kind: 'neighbourhood', table: 'Track', hops: 1 });
      const oneHop = ['Album', 'Genre', 'InvoiceLine', 'MediaType', 'PlaylistTrack', 'Track'].map((t) => `public.${t}`);
      assert.deepEqual((await erd.tables()).sort(), oneHop);
      assert.equal(one.edges, 5);
      assert.equal(await erd.page.getAttribute('g.erd-center', 'data-table'), 'public.Track');
      const two = erd.nextWebviewRender();
      await erd.page.fill('#erd-hops', '2');
      await erd.page.dispatchEvent('#erd-hops', 'change');
      await two;
      assert.deepEqual((await erd.tables()).sort(), [...oneHop, 'public.Artist', 'public.Invoice', 'public.Playlist'].sort());
      const all = erd.nextWebviewRender();
      await erd.page.click('#erd-show-all');
      assert.equal((await all).tables, 11);
    });

    it('collapses boxes to their header when zoomed out and restores the columns when zoomed in', async () => {
      await erd.load(chinook);
      assert.equal(await erd.page.getAttribute('svg.erd-canvas', 'data-lod'), 'columns');
      await erd.page.focus('svg.erd-canvas');
      for (let i = 0; i < 4; i++) await erd.page.keyboard.press('-');
      assert.equal(await erd.page.getAttribute('svg.erd-canvas', 'data-lod'), 'header');
      assert.equal(await erd.page.$eval('g[data-table="public.Track"] .erd-columns', (g) => getComputedStyle(g).display), 'none');
      assert.equal(await erd.page.getAttribute('g[data-table="public.Track"] .erd-box', 'height'), '28');
      await erd.page.screenshot({ path: join(ARTIFACTS, 'chinook-zoomed-out.png') });
      for (let i = 0; i < 4; i++) await erd.page.keyboard.press('+');
      assert.equal(await erd.page.getAttribute('svg.erd-canvas', 'data-lod'), 'columns');
      assert.equal(await erd.page.getAttribute('g[data-table="public.Track"] .erd-box', 'height'), String(28 + 9 * 20));
    });

    it('posts openTable on double-click and on Enter after tabbing to a table', async () => {
      await erd.load(chinook);
      const opened = erd.waitFor('openTable');
      await erd.page.dblclick('g[data-table="public.Album"] .erd-title');
      assert.deepEqual(await opened, { type: 'openTable', schema: 'public', table: 'Album' });
      await erd.page.focus('svg.erd-canvas');
      await erd.page.keyboard.press('Tab');
      const focused = await erd.page.evaluate(() => document.activeElement?.getAttribute('data-table'));
      assert.ok(focused, 'Tab moves focus onto a table box');
      const byKey = erd.waitFor('openTable');
      await erd.page.keyboard.press('Enter');
      assert.equal(`public.${(await byKey).table}`, focused);
    });

    it('exports a Mermaid erDiagram with every table and relationship', async () => {
      await erd.load(chinook);
      const exported = erd.waitFor('export');
      await erd.page.click('#erd-export-mermaid');
      const m = await exported;
      assert.equal(m.format, 'mermaid');
      assert.equal(m.fileName, 'chinook_1.erd.mmd');
      const lines = m.content.split('\n');
      assert.equal(lines[0], 'erDiagram');
      assert.equal(lines.filter((l) => /^ {2}\w+ \{$/.test(l)).length, 11);
      // Spider marks only key columns NOT NULL, so Album.ArtistId is an optional many-to-one.
      assert.ok(lines.includes('  Artist |o..o{ Album : "Album_ArtistId_fkey"'), 'optional many-to-one from Album to Artist');
      assert.ok(lines.includes('    integer AlbumId PK'), 'key columns are marked');
      assert.equal(lines.filter((l) => /^ {2}\w+ [|}][|o][-.]{2}[o|][|{] \w+ : ".*"$/.test(l)).length, 11);
      writeFileSync(join(ARTIFACTS, 'chinook.mmd'), m.content);
    });

    it('exports a standalone SVG and a PNG of the current view', async () => {
      await erd.load(chinook);
      const svgMsg = erd.waitFor('export');
      await erd.page.click('#erd-export-svg');
      const svg = await svgMsg;
      assert.equal(svg.encoding, 'utf8');
      assert.match(svg.content, /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.equal(svg.content.match(/class="erd-table/g)?.length, 11);
      assert.equal(svg.content.match(/class="erd-rel/g)?.length, 11);
      assert.match(svg.content, /<style>svg\{--erd-bg:[^;]+;/, 'theme colours are embedded');
      writeFileSync(join(ARTIFACTS, 'chinook.erd.svg'), svg.content);
      const pngMsg = erd.waitFor('export');
      await erd.page.click('#erd-export-png');
      const png = Buffer.from((await pngMsg).content, 'base64');
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.ok(png.readUInt32BE(16) > 500, 'PNG is wide enough to hold the diagram');
      writeFileSync(join(ARTIFACTS, 'chinook.erd.png'), png);
    });

    it('pins a dragged table, posts savePositions, and honours the saved layout on reload', async () => {
      await erd.load(chinook);
      const box = (await erd.page.locator('g[data-table="public.Genre"] .erd-title').boundingBox())!;
      const saved = erd.waitFor('savePositions');
      await erd.page.mouse.move(box.x + 5, box.y + 5);
      await erd.page.mouse.down();
      await erd.page.mouse.move(box.x + 60, box.y + 45, { steps: 5 });
      await erd.page.mouse.up();
      const msg = await saved;
      assert.equal(msg.connection, 'chinook_1');
      assert.deepEqual(Object.keys(msg.layout.positions), ['public.Genre']);
      const pinned = msg.layout.positions['public.Genre'];
      await erd.post({ type: 'saved', requestId: msg.requestId, ok: true, path: '.schemawise/erd/chinook_1.json' });
      const fresh = await ErdPage.open(browser, server);
      try {
        await fresh.load(chinook, { layout: msg.layout });
        const transform = await fresh.page.getAttribute('g[data-table="public.Genre"]', 'transform');
        assert.equal(transform, `translate(${pinned.x},${pinned.y})`);
      } finally {
        await fresh.close();
      }
    });
  });

  describe('the first view of a whole schema is readable (issue 20)', () => {
    let sample: SchemaModel;
    before(async () => {
      // The real sample schema (its DDL in an in-process PostgreSQL), introspected as the extension does.
      const driver = new PgliteDriver({ name: 'acme', driver: 'pglite', readOnly: true }, { seed: (exec) => exec(readFileSync(resolve(__dirname, '../../server/src/engine/sample/schema.sql'), 'utf8')) });
      await driver.connect();
      sample = await driver.introspect();
      await driver.close();
    });

    /** Scale of the camera, the on-screen height of table names, and what the drawing spans. */
    const camera = (page: ErdPage) =>
      page.page.evaluate(`(() => {
        const m = /scale\\(([0-9.]+)/.exec(document.querySelector('.erd-viewport').getAttribute('transform') || '');
        const titles = [...document.querySelectorAll('.erd-title')].map((t) => t.getBoundingClientRect().height).filter((h) => h > 0);
        const stage = document.querySelector('.erd-stage').getBoundingClientRect();
        const nodes = [...document.querySelectorAll('g.erd-table')].map((g) => { const t = /translate\\(([-0-9.]+),([-0-9.]+)/.exec(g.getAttribute('transform')); const b = g.getBBox(); return { x: +t[1], y: +t[2], w: b.width, h: b.height }; });
        const minX = Math.min(...nodes.map((n) => n.x)), maxX = Math.max(...nodes.map((n) => n.x + n.w));
        const minY = Math.min(...nodes.map((n) => n.y)), maxY = Math.max(...nodes.map((n) => n.y + n.h));
        return { scale: m ? Number(m[1]) : 1, titlePx: Math.min(...titles), lod: document.querySelector('.erd-canvas').getAttribute('data-lod'),
          drawingAspect: (maxX - minX) / (maxY - minY), stageAspect: stage.width / stage.height, overview: !document.querySelector('.erd-overview').hidden };
      })()`) as Promise<{ scale: number; titlePx: number; lod: string; drawingAspect: number; stageAspect: number; overview: boolean }>;

    it('the 21-table sample starts at a readable zoom with columns, packed to the panel, with an overview to the rest', async () => {
      const rendered = await erd.load(sample);
      assert.equal(rendered.tables, sample.tables.filter((t) => t.kind === 'table' || t.kind === 'partitioned_table').length);
      assert.ok(rendered.edges >= 20, `${rendered.edges} relationships`);
      const c = await camera(erd);
      assert.ok(c.scale >= 0.75, `initial scale ${c.scale}`);
      assert.ok(c.titlePx >= 9, `table names are ${c.titlePx.toFixed(1)} px high on screen`);
      assert.equal(c.lod, 'columns');
      // Packed to the panel's shape: not a strip (it was 6.6:1 in a 1.6:1 panel).
      assert.ok(c.drawingAspect < c.stageAspect * 2 && c.drawingAspect > c.stageAspect / 2, `drawing ${c.drawingAspect.toFixed(2)}:1 in a ${c.stageAspect.toFixed(2)}:1 panel`);
      assert.equal(c.overview, true, 'the overview is shown while part of the drawing is off screen');
      // The search box shows its whole placeholder (it was cut off).
      const fits = await erd.page.evaluate(`(() => {
        const input = document.querySelector('#erd-search');
        const style = getComputedStyle(input);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.font;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 18;
        return ctx.measureText(input.placeholder).width <= room;
      })()`);
      assert.equal(fits, true, 'the search placeholder fits its box');
      await erd.page.screenshot({ path: join(ARTIFACTS, 'sample-initial.png') });
      // The overview moves the view: click its top-left corner.
      const before = await erd.page.getAttribute('.erd-viewport', 'transform');
      const box = (await erd.page.locator('.erd-overview').boundingBox())!;
      await erd.page.mouse.click(box.x + 4, box.y + 4);
      assert.notEqual(await erd.page.getAttribute('.erd-viewport', 'transform'), before);
      // "0" still fits everything, and then the overview has nothing to add.
      await erd.page.focus('.erd-canvas');
      await erd.page.keyboard.press('0');
      await erd.page.locator('.erd-overview').waitFor({ state: 'hidden' });
    });

    it('clears the drawing when the host says nothing is connected (no stale tables of another connection)', async () => {
      await erd.load(chinook);
      assert.ok((await erd.tables()).length > 0);
      await erd.post({ type: 'unload', message: 'Not connected: connect to a database (or open the sample) to see its ERD.' });
      await erd.page.locator('g.erd-table').first().waitFor({ state: 'detached' });
      assert.match((await erd.page.textContent('#erd-status')) ?? '', /^Not connected/);
      assert.equal(await erd.page.locator('.erd-overview').isHidden(), true);
    });

    it('Chinook in a half-width editor starts readable too', async () => {
      await erd.close();
      erd = await ErdPage.open(browser, server, { width: 640, height: 800 });
      await erd.load(chinook);
      const c = await camera(erd);
      assert.ok(c.scale >= 0.75 && c.titlePx >= 9, `scale ${c.scale}, names ${c.titlePx.toFixed(1)} px`);
      assert.equal(c.lod, 'columns');
      await erd.page.screenshot({ path: join(ARTIFACTS, 'chinook-half-width.png') });
    });
  });

  describe('AdventureWorks (5 schemas, 68 tables, 90 foreign keys)', () => {
    it('draws every table, every FK edge (composite too) and one box per schema', async () => {
      const rendered = await erd.load(adventureWorks);
      assert.deepEqual([rendered.tables, rendered.edges], [68, 90]);
      const edges = await erd.page.$$eval('g.erd-rel', (els) =>
        els.map((e) => ({ from: e.getAttribute('data-from')!, to: e.getAttribute('data-to')!, fromColumns: e.getAttribute('data-from-columns')!, toColumns: e.getAttribute('data-to-columns')! })),
      );
      assert.deepEqual(edges.map(key).sort(), expectedEdges(adventureWorks).map(key).sort());
      assert.ok(edges.some((e) => e.fromColumns === 'specialofferid,productid'), 'composite FK drawn as one edge');
      assert.equal(await erd.page.getAttribute('g.erd-rel[data-from="person.person"][data-to="person.businessentity"]', 'data-cardinality'), 'one-to-one');
      assert.deepEqual(await erd.page.$$eval('g.erd-group', (els) => els.map((g) => g.getAttribute('data-group')).sort()), ['humanresources', 'person', 'production', 'purchasing', 'sales']);
      await erd.page.screenshot({ path: join(ARTIFACTS, 'adventureworks.png') });
    });

    it('filters by schema and shows column docs on hover', async () => {
      await erd.load(adventureWorks);
      const filtered = erd.nextWebviewRender();
      await erd.page.selectOption('#erd-schema', 'sales');
      const r = await filtered;
      const sales = adventureWorks.tables.filter((t) => t.schema === 'sales');
      assert.equal(r.tables, sales.length);
      assert.ok((await erd.tables()).every((id) => id.startsWith('sales.')));
      await erd.focus({ kind: 'neighbourhood', table: 'production.product', hops: 1 });
      await erd.page.screenshot({ path: join(ARTIFACTS, 'adventureworks-product-neighbourhood.png') });
      await erd.page.focus('svg.erd-canvas');
      while ((await erd.page.getAttribute('svg.erd-canvas', 'data-lod')) === 'header') await erd.page.keyboard.press('+');
      await erd.page.focus('g[data-table="production.product"]');
      await erd.page.hover('g[data-table="production.product"] g[data-column="productnumber"]');
      const tip = await erd.page.textContent('#erd-tooltip');
      assert.match(tip ?? '', /product\.productnumber/);
      assert.match(tip ?? '', /varchar\(25\) NOT NULL/);
      assert.match(tip ?? '', /Unique product identification number\./);
    });

    it('reports a clear error for a table that does not exist', async () => {
      await erd.load(adventureWorks);
      await assert.rejects(erd.focus({ kind: 'neighbourhood', table: 'sales.nosuchtable' }), /No table named "sales\.nosuchtable"/);
      erd.problems.length = 0;
    });
  });
});
