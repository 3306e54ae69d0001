// End to end in a real VS Code: the packaged VSIX installed into code-server (VS Code 1.100), driven
// in headless Chromium like a person would, against the local PostgreSQL with Chinook loaded from
// ../shared/datasets. One workbench session runs the scenarios in order (each builds on the last:
// connect, then complete and hover in the connected database, then switch to the sample).
// Screenshots of every scenario go to test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, requireChromium } from '../helpers/chromium';
import { buildVsix, requireCodeServer, startCodeServer, type CodeServer } from '../helpers/code-server';
import { dropDatabase, loadPgDataset } from '../helpers/datasets';
import { requirePostgres } from '../helpers/services';
import { Workbench } from './workbench';

const DATABASE = 'sw_e2e_chinook';
const CONNECTION = 'e2e-chinook';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/e2e');
const CHINOOK_TABLES = ['album', 'artist', 'customer', 'employee', 'genre', 'invoice', 'invoice_line', 'media_type', 'playlist', 'playlist_track', 'track'];
const TRACK_COLUMNS = ['track_id', 'name', 'album_id', 'media_type_id', 'genre_id', 'composer', 'milliseconds', 'bytes', 'unit_price'];

const workspaceFiles = {
  '.vscode/settings.json': JSON.stringify(
    {
      'schemawise.connections': [{ name: CONNECTION, dialect: 'postgres', host: '127.0.0.1', port: 5432, database: DATABASE, user: 'postgres', readOnly: true }],
      'schemawise.activeConnection': CONNECTION,
    },
    null,
    2,
  ),
  // Line 1: completion after "t." (col 10); line 2: hover on milliseconds (col 10).
  'chinook.sql': 'SELECT t. FROM track AS t;\nSELECT milliseconds FROM track;\n',
  // Line 1: completion after "o." (col 10); line 2: hover on status (col 9), which has a comment.
  'sample.sql': 'SELECT o. FROM sales.orders AS o;\nSELECT status FROM sales.orders;\n',
  // The injection grammar: SELECT starts at col 35, the interpolated trackId at col 77.
  'queries.ts': 'export const q = (trackId) => sql`SELECT name FROM track WHERE track_id = ${trackId}`;\n',
};

describe('Schemawise in VS Code (code-server + Chromium)', function () {
  this.timeout(60_000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let wb: Workbench;

  /** The scenarios build on each other: after the first failure the rest are skipped, which also bounds the run. */
  let failed = false;

  before(async function () {
    this.timeout(180_000);
    requireCodeServer(this);
    requireChromium(this);
    await requirePostgres(this);
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const [vsix] = await Promise.all([buildVsix(), loadPgDataset('chinook', DATABASE)]);
    server = await startCodeServer({ vsix: vsix.path, workspaceFiles });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    wb = new Workbench(page);
    await page.goto(server.url);
    await wb.ready();
  });

  beforeEach(function () {
    if (failed) this.skip();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') failed = true;
    if (!page) return;
    const name = (this.currentTest?.title ?? 'step').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
    await page.screenshot({ path: path.join(ARTIFACTS, `${this.currentTest?.state === 'failed' ? 'FAILED-' : ''}${name}.png`) }).catch(() => undefined);
    if (this.currentTest?.state === 'failed' && server) console.log(`code-server output:\n${server.output().slice(-4000)}`);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await dropDatabase(DATABASE).catch(() => undefined);
  });

  it('shows the Schemawise view with its welcome actions before anything is connected', async () => {
    await wb.openViewContainer('Schemawise');
    const welcome = wb.sidebar.locator('.welcome-view-content');
    await welcome.getByRole('button', { name: 'Open Sample Database' }).waitFor({ timeout: 30_000 });
    await welcome.getByRole('button', { name: 'Add Connection' }).waitFor();
    assert.match(await welcome.innerText(), /No database connected/);
  });

  it('connects to the workspace connection (asking for a password) and lists its tables', async () => {
    await wb.runCommand('Schemawise: Connect…');
    const choices = await wb.quickPickLabels();
    assert.ok(choices.includes(CONNECTION), `quick pick offers ${CONNECTION}: ${choices.join(', ')}`);
    assert.ok(choices.includes('Open Sample Database'), `quick pick offers the sample: ${choices.join(', ')}`);
    await wb.pickRow(CONNECTION);
    // Trust auth on the test server: any password works, and it is what a person would do.
    await wb.answerInputBox(/password for "e2e-chinook"/, 'any-password');

    const root = wb.treeRow(CONNECTION).first();
    await root.waitFor({ timeout: 30_000 });
    assert.match(await root.innerText(), /postgres · read-only/);
    await wb.expand('Tables');
    assert.deepEqual(await wb.childLabels('Tables'), CHINOOK_TABLES);
    await page.locator('.statusbar-item', { hasText: `${CONNECTION} · postgres · read-only` }).first().waitFor();
  });

  it('completes the columns of the table in scope in a .sql file', async () => {
    await wb.openFileAt('chinook.sql', 1, 10);
    const labels = await wb.suggestions('milliseconds');
    assert.deepEqual(labels.slice(0, TRACK_COLUMNS.length), TRACK_COLUMNS);
    assert.ok(!labels.includes('title'), 'album.title is not in scope');
    await page.keyboard.press('Escape');
  });

  it('shows a column hover with its table, type and nullability', async () => {
    await wb.openFileAt('chinook.sql', 2, 10);
    const text = await wb.hoverText('track.milliseconds');
    assert.match(text, /column\s+track\.milliseconds/);
    assert.match(text, /integer\s+NOT NULL/);
    assert.match(text, /in public\.track/);
  });

  it('highlights SQL inside sql`…` templates in TypeScript, with ${…} as TypeScript', async () => {
    await wb.openFileAt('queries.ts', 1, 36);
    const select = await wb.scopesAtCursor('keyword.other.DML.sql');
    await page.screenshot({ path: path.join(ARTIFACTS, 'sql-template-scopes.png') });
    assert.match(select, /meta\.embedded\.block\.sql/);
    assert.match(select, /source\.ts/);
    await page.keyboard.press('Escape');
    await wb.openFileAt('queries.ts', 1, 78);
    const interpolation = await wb.scopesAtCursor('meta.template.expression.ts');
    assert.match(interpolation, /variable\.other\.readwrite\.ts/);
    await page.keyboard.press('Escape');
  });

  it('Open Sample Database switches to the bundled sample, with completion and column docs', async () => {
    await wb.runCommand('Schemawise: Open Sample Database');
    await wb.treeRow('sample').first().waitFor({ timeout: 60_000 });
    assert.equal(await wb.treeRow(CONNECTION).count(), 0, 'the Chinook connection is replaced');
    const schemas = await wb.childLabels('sample');
    for (const s of ['billing', 'crm', 'sales']) assert.ok(schemas.includes(s), `schema ${s} in ${schemas.join(', ')}`);

    await wb.openFileAt('sample.sql', 1, 10);
    const labels = await wb.suggestions('ordered_at');
    assert.ok(['order_id', 'account_id', 'status', 'ordered_at'].every((c) => labels.includes(c)), labels.join(', '));
    await page.keyboard.press('Escape');

    await wb.openFileAt('sample.sql', 2, 9);
    assert.match(await wb.hoverText('sales.orders'), /Where the order is in its lifecycle/);
  });
});
