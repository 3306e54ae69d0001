// End to end in a real VS Code: the packaged VSIX installed into code-server (VS Code 1.100), driven
// in headless Chromium like a person would, against the local PostgreSQL with Chinook loaded from
// ../shared/datasets. One workbench session runs the scenarios in order (each builds on the last:
// connect; complete, hover, run, draw the ERD and ask in the connected database; then switch to the
// sample). Webview panels (results grid, ERD) are read inside their frames (webviews.ts).
// Screenshots of every scenario go to test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, requireChromium } from '../helpers/chromium';
import { buildVsix, requireCodeServer, startCodeServer, type CodeServer } from '../helpers/code-server';
import { dropDatabase, loadPgDataset } from '../helpers/datasets';
import { pgUrlFor, requirePostgres } from '../helpers/services';
import { walkthroughShot } from './walkthrough-shots';
import { erdFrame, readErd, readResultsGrid, resultsFrame } from './webviews';
import { Workbench } from './workbench';

/**
 * One database per run: `npx mocha <file>` also runs every spec of .mocharc.json, so two people's runs
 * overlap on the shared server, and a fixed name let one run's cleanup drop the other's database.
 */
const DATABASE = `sw_e2e_chinook_${process.pid}`;
const CONNECTION = 'e2e-chinook';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts/e2e');
const CHINOOK_TABLES = ['album', 'artist', 'customer', 'employee', 'genre', 'invoice', 'invoice_line', 'media_type', 'playlist', 'playlist_track', 'track'];
const TRACK_COLUMNS = ['track_id', 'name', 'album_id', 'media_type_id', 'genre_id', 'composer', 'milliseconds', 'bytes', 'unit_price'];
/** Chinook's foreign keys, child → parent (employee.reports_to is the self-reference). */
const CHINOOK_FKS = [
  'album → artist', 'customer → employee', 'employee → employee', 'invoice → customer', 'invoice_line → invoice', 'invoice_line → track',
  'playlist_track → playlist', 'playlist_track → track', 'track → album', 'track → genre', 'track → media_type',
];
const WALKTHROUGH_STEPS = ['Open the sample database', 'Explore the schema', 'Complete and hover in a SQL file', 'Ask the database', 'Run a query', 'See the ERD (optional)'];
/** Album 108 has 10 tracks; the first ("Intro", 1352) has no composer. */
const RUN_SELECT = 'SELECT track_id, name, composer FROM track WHERE album_id = 108 ORDER BY track_id;';
const RUN_DELETE = 'DELETE FROM track WHERE track_id = 1352;';
const EMBEDDED_LINES = [
  'export const tracks = (albumId: number) => sql`SELECT t. FROM track AS t WHERE t.album_id = ${albumId}`;',
  'export const broken = (id: number) => db.sql`SELECT nmae FROM track WHERE track_id = ${id}`;',
];

const FORMAT_LINES = [
  'SELECT track_id,name FROM track where album_id=108 ORDER BY track_id;',
  '-- schemawise-format-off',
  'SELECT   genre_id,name   FROM genre ;',
  '-- schemawise-format-on',
  'SELECT (array[track_id,album_id])[1] FROM track;',
  'select name from genre where genre_id=1',
];
/** format.sql once its last statement is formatted on typing its `;`, and once the whole document is. */
const FORMATTED_ON_TYPE = [...FORMAT_LINES.slice(0, 5), 'select', '  name', 'from', '  genre', 'where', '  genre_id = 1;', ''].join('\n');
const FORMATTED = ['select', '  track_id,', '  name', 'from', '  track', 'where', '  album_id = 108', 'order by', '  track_id;', ...FORMATTED_ON_TYPE.split('\n').slice(1)].join('\n');
const TEMPLATES_TS = 'export function tracks(albumId: number) {\n  return sql`select name,composer from track where album_id=${albumId}`;\n}\n';
/** templates.ts after "Format SQL templates": a block one level under its line, `${albumId}` as written. */
const TEMPLATES_FORMATTED = [
  'export function tracks(albumId: number) {',
  '  return sql`',
  '    select',
  '      name,',
  '      composer',
  '    from',
  '      track',
  '    where',
  '      album_id = ${albumId}',
  '  `;',
  '}',
  '',
].join('\n');
const INSERT_LINES = ["INSERT INTO genre (genre_id, name) VALUES (99, 'Polka');", "INSERT INTO media_type VALUES (9, 'Wax cylinder');"];

const workspaceFiles = {
  '.vscode/settings.json': JSON.stringify(
    {
      'schemawise.connections': [{ name: CONNECTION, dialect: 'postgres', host: '127.0.0.1', port: 5432, database: DATABASE, user: 'postgres', readOnly: true }],
      'schemawise.activeConnection': CONNECTION,
      // Formatting: lower-case keywords (the default is upper), two-space indents, and after `;`.
      'schemawise.format.keywordCase': 'lower',
      '[sql]': { 'editor.tabSize': 2, 'editor.detectIndentation': false, 'editor.formatOnType': true },
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
  // SQL in TS templates (issue 18): completion after "t." on line 1, an unknown column on line 2.
  'embedded.ts': `${EMBEDDED_LINES.join('\n')}\n`,
  // Line 1: a read with a NULL in it (code lens); line 2: a write the read-only connection refuses (Ctrl+Enter).
  'run.sql': `${RUN_SELECT}\n${RUN_DELETE}\n`,
  // Ask the Database inserts its answer at the cursor of this (empty) file.
  'ask.sql': '',
  // Format on type (line 6, after typing its `;`), then Format Document: a format-off region and a
  // statement sql-formatter would change the meaning of (the subscript of a parenthesised array) stay as written.
  'format.sql': `${FORMAT_LINES.join('\n')}\n`,
  // "Format SQL templates" (a source action): the SQL of a template, in a file TypeScript formats.
  'templates.ts': TEMPLATES_TS,
  // INSERT … VALUES inlay hints: from the column list (line 1), from the table's columns (line 2).
  'insert.sql': `${INSERT_LINES.join('\n')}\n`,
};

interface AuditLine {
  outcome: string;
  rows?: number;
  rule?: string;
}

/** "public.track" → "track": the ERD names tables with their schema. */
const bare = (id: string) => id.replace(/^public\./, '');

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
    // A skipped step has nothing of its own to show.
    if (!page || this.currentTest?.state === 'pending') return;
    const name = (this.currentTest?.title ?? 'step').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
    await page.screenshot({ path: path.join(ARTIFACTS, `${this.currentTest?.state === 'failed' ? 'FAILED-' : ''}${name}.png`) }).catch(() => undefined);
    if (this.currentTest?.state === 'failed' && server) console.log(`code-server output:\n${server.output().slice(-4000)}`);
  });

  /**
   * The audit log the language server writes by default: in the extension's global storage, never in
   * the workspace (where it would get committed). One entry a line.
   */
  function auditLines(): AuditLine[] {
    assert.equal(existsSync(path.join(server!.workspace, '.schemawise/audit.log')), false, 'no audit log in the workspace');
    const file = path.join(server!.userData, 'User/globalStorage/schemawise.schemawise/audit.log');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditLine);
  }

  async function trackCount(trackId: number): Promise<number> {
    const c = new Client({ connectionString: pgUrlFor(DATABASE) });
    await c.connect();
    try {
      const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM track WHERE track_id = $1', [trackId]);
      return Number(r.rows[0]!.n);
    } finally {
      await c.end();
    }
  }

  /** Opens the Get Started walkthrough; its step titles and whether VS Code shows each as done. */
  async function walkthroughSteps(): Promise<{ title: string; done: boolean }[]> {
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pickRow('Get started with Schemawise');
    const steps = page.locator('.gettingStartedContainer .getting-started-step');
    await steps.first().waitFor({ timeout: 30_000 });
    return steps.evaluateAll((els) =>
      els.map((e) => ({ title: (e.querySelector('.step-title')?.textContent ?? '').trim(), done: e.getAttribute('aria-checked') === 'true' })),
    );
  }

  after(async () => {
    await browser?.close();
    await server?.stop();
    await dropDatabase(DATABASE).catch(() => undefined);
  });

  it('offers the Get Started walkthrough with its six steps, none done yet', async () => {
    // Opening it also starts VS Code's walkthrough service, which only records completion events from
    // then on (a person sees the page on first install; here startupEditor is none).
    // Wait until the extension's contributions are registered (its activity bar entry shows them).
    await page.locator('.part.activitybar .action-label[aria-label^="Schemawise"]').waitFor({ timeout: 30_000 });
    assert.deepEqual(await walkthroughSteps(), WALKTHROUGH_STEPS.map((title) => ({ title, done: false })));
    await wb.runCommand('View: Close Editor');
  });

  it('shows the Schemawise view with its welcome actions before anything is connected', async () => {
    await wb.openViewContainer('Schemawise');
    // The explorer's own welcome (the Saved Queries view has one too).
    const welcome = wb.sidebar.locator('.welcome-view-content').filter({ hasText: 'No database connected' });
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
    await walkthroughShot('explore-schema', wb.sidebar, { height: 380 });
  });

  it('completes the columns of the table in scope in a .sql file', async () => {
    await wb.openFileAt('chinook.sql', 1, 10);
    const labels = await wb.suggestions('milliseconds');
    assert.deepEqual(labels.slice(0, TRACK_COLUMNS.length), TRACK_COLUMNS);
    assert.ok(!labels.includes('title'), 'album.title is not in scope');
    await walkthroughShot('complete', page.locator('.part.editor'), { width: 760, height: 330 });
    await page.keyboard.press('Escape');
  });

  it('shows a column hover with its table, type and nullability', async () => {
    await wb.openFileAt('chinook.sql', 2, 10);
    const text = await wb.hoverText('track.milliseconds');
    assert.match(text, /column\s+track\.milliseconds/);
    assert.match(text, /integer\s+NOT NULL/);
    assert.match(text, /in public\.track/);
  });

  it('Show ERD draws one box per Chinook table and a line per foreign key', async () => {
    await wb.runCommand('Schemawise: Show ERD');
    await page.locator('.tab', { hasText: `ERD: ${CONNECTION}` }).first().waitFor({ timeout: 30_000 });
    const frame = await erdFrame(page);
    const erd = await readErd(frame);
    assert.deepEqual(erd.tables.map(bare), CHINOOK_TABLES);
    assert.deepEqual(erd.edges.map((e) => e.split(' → ').map(bare).join(' → ')).sort(), CHINOOK_FKS);
    assert.match(erd.status, /11 of 11 tables · 11 relationships/);
    await walkthroughShot('erd', page.locator('.part.editor'), { top: 230, height: 620 });
  });

  it('runs the statement under a "▶ Run" code lens and shows its rows in the results grid, NULL drawn apart', async () => {
    await wb.openFileAt('run.sql', 1, 1);
    await wb.clickCodeLens('▶ Run', 0);
    const frame = await resultsFrame(page, 'run.sql · statement at line 1');
    const grid = await readResultsGrid(frame);
    assert.deepEqual(grid.columns, ['track_id', 'name', 'composer']);
    assert.equal(grid.count, '10 rows');
    assert.equal(grid.rows.length, 10, 'all ten rows are in the DOM (the grid virtualizes only long results)');
    assert.deepEqual(grid.rows[0], ['1352', 'Intro', 'NULL']);
    assert.deepEqual(grid.rows[1], ['1353', 'The Wicker Man', 'Adrian Smith/Bruce Dickinson/Steve Harris']);
    // Only the missing composer is drawn as NULL (dimmed, italic); the text NULL in a cell would not be.
    assert.deepEqual(grid.nullCells, [[0, 2]]);
    await walkthroughShot('run-results', page.locator('.part.editor'), { height: 400 });
    const style = await frame.locator('.rs-cell.rs-null').first().evaluate((c) => getComputedStyle(c).fontStyle);
    assert.equal(style, 'italic');
    // The run's progress notification closes once the results are in.
    await page.locator('.notification-toast', { hasText: 'Schemawise: running on' }).waitFor({ state: 'hidden', timeout: 30_000 });
    const audit = auditLines();
    assert.equal(audit.length, 1, 'one audit line for the one statement run');
    assert.equal(audit[0]!.outcome, 'ok');
    assert.equal(audit[0]!.rows, 10);
  });

  it('refuses a write on the read-only connection (Ctrl+Enter), says why, and changes nothing', async () => {
    await wb.openFileAt('run.sql', 2, 1);
    await page.keyboard.press('Control+Enter');
    const message = await wb.notification('refused by the query firewall');
    assert.match(message, /nothing was run/);
    assert.match(message, /DELETE is .*read-only mode allows only SELECT/);
    const frame = await resultsFrame(page, 'run.sql · statement at line 2', '.rs-error');
    const panelText = await frame.locator('.rs-error').innerText();
    assert.match(panelText, /Refused by the query firewall; nothing was run\./);
    assert.match(panelText, /not-read-only-kind/);
    const audit = auditLines();
    assert.equal(audit.length, 2);
    assert.equal(audit[1]!.outcome, 'refused');
    assert.equal(audit[1]!.rule, 'not-read-only-kind');
    assert.equal(await trackCount(1352), 1, 'track 1352 is still there');
    await wb.clearNotifications();
  });

  it('Ask the Database (offline provider) inserts SQL for the question into the editor and runs nothing', async () => {
    const auditBefore = auditLines().length;
    await wb.openFileAt('ask.sql', 1, 1);
    await wb.runCommand('Schemawise: Ask the Database…');
    await wb.answerInputBox(/Ask the Database/, 'how many tracks are there', () => walkthroughShot('ask-database', page.locator('.part.editor'), { width: 680, height: 200 }));
    const text = await wb.editorText(/count\(/i);
    assert.match(text, /count\(/i);
    assert.match(text, /\btrack\b/i);
    assert.match(text, /^SELECT\b/im);
    await page.locator('.notification-toast', { hasText: 'generating SQL' }).waitFor({ state: 'hidden', timeout: 30_000 });
    assert.equal(auditLines().length, auditBefore, 'nothing ran: no new audit line');
    const results = await resultsFrame(page, 'run.sql · statement at line 2', '.rs-error');
    assert.equal(await results.locator('.rs-title').innerText(), 'run.sql · statement at line 2', 'the results panel still shows the last run');
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

  it('completes and reports diagnostics inside sql`…` templates of a .ts file (positions in the host file)', async () => {
    // Completion after "t." inside the template (1-based column just after the dot).
    await wb.openFileAt('embedded.ts', 1, EMBEDDED_LINES[0]!.indexOf('t. FROM') + 3);
    const labels = await wb.suggestions('milliseconds');
    assert.deepEqual(labels.slice(0, TRACK_COLUMNS.length), TRACK_COLUMNS);
    await page.keyboard.press('Escape');
    // The unknown column of line 2 in the Problems panel, at its exact line and column in the .ts file.
    const problem = await wb.problem('Column "nmae" does not exist');
    assert.match(problem, /unknown-column/);
    assert.match(problem, new RegExp(`\\[Ln 2, Col ${EMBEDDED_LINES[1]!.indexOf('nmae') + 1}\\]`));
    // TypeScript's own diagnostics of the same file are still there: the host language keeps its features.
    assert.match(await wb.problem("Cannot find name 'db'"), /\bts\W*2304\b/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'sql-template-diagnostic.png') });
    await wb.closePanel();
  });

  it('formats on typing `;` and with Format Document, in the workspace settings, leaving format-off and unsafe statements as written', async () => {
    // The results panel (beside, since the run scenario) into the one editor group: the editor gets the width.
    await wb.runCommand('View: Single Column Editor Layout');
    await wb.openFileAt('format.sql', 6, FORMAT_LINES[5]!.length + 1);
    await page.keyboard.type(';');
    assert.equal(await wb.editorTextEquals(FORMATTED_ON_TYPE), FORMATTED_ON_TYPE, 'only the statement ended by the `;` is formatted');
    // Straight from the palette: no "choose a formatter" prompt (Schemawise is the only SQL formatter).
    await wb.runCommand('Format Document');
    assert.equal(await wb.editorTextEquals(FORMATTED), FORMATTED);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no formatter picker is left open');
    await page.locator('.statusbar-item', { hasText: /^Spaces: 2$/ }).first().waitFor();
  });

  it('formats SQL templates of a .ts file with the "Format SQL templates" source action; Format Document there stays TypeScript\'s', async () => {
    await wb.openFileAt('templates.ts', 2, 20);
    // Format Document is TypeScript's alone: no formatter picker, and the template is not touched.
    await wb.runCommand('Format Document');
    assert.equal(await wb.editorTextEquals(TEMPLATES_TS), TEMPLATES_TS);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no formatter picker');
    await wb.runCommand('Source Action...');
    await wb.pickAction('Format SQL templates');
    assert.equal(await wb.editorTextEquals(TEMPLATES_FORMATTED), TEMPLATES_FORMATTED);
    // The parameter's type hint follows it to its new place (right after `${albumId}` on line 9).
    const hintAt = { line: 9, column: TEMPLATES_FORMATTED.split('\n')[8]!.length + 1, text: ': integer' };
    for (let tries = 0; ; tries++) {
      const hints = await wb.inlayHints(1);
      if (hints.some((h) => h.line === hintAt.line && h.column === hintAt.column && h.text.replace(/\u00a0/g, ' ').trim() === hintAt.text)) break;
      if (tries > 60) assert.fail(`the type hint is not after \${albumId}: ${JSON.stringify(hints)}`);
      await page.waitForTimeout(250);
    }
  });

  it('shows the column name before each value of INSERT … VALUES as inlay hints', async () => {
    await wb.openFileAt('insert.sql', 1, 1);
    const at = (line: number, value: string) => INSERT_LINES[line - 1]!.indexOf(value) + 1;
    assert.deepEqual(await wb.inlayHints(4), [
      { line: 1, column: at(1, '99'), text: 'genre_id:' },
      { line: 1, column: at(1, "'Polka'"), text: 'name:' },
      // No column list: the table's columns in order, from the connected database.
      { line: 2, column: at(2, '9,'), text: 'media_type_id:' },
      { line: 2, column: at(2, "'Wax"), text: 'name:' },
    ]);
  });

  it('Open Sample Database switches to the bundled sample, with completion and column docs', async () => {
    await wb.runCommand('Schemawise: Open Sample Database');
    await wb.treeRow('sample').first().waitFor({ timeout: 60_000 });
    assert.equal(await wb.treeRow(CONNECTION).count(), 0, 'the Chinook connection is replaced');
    const schemas = await wb.childLabels('sample');
    for (const s of ['billing', 'crm', 'sales']) assert.ok(schemas.includes(s), `schema ${s} in ${schemas.join(', ')}`);
    await walkthroughShot('open-sample', wb.sidebar, { height: 300 });

    await wb.openFileAt('sample.sql', 1, 10);
    const labels = await wb.suggestions('ordered_at');
    assert.ok(['order_id', 'account_id', 'status', 'ordered_at'].every((c) => labels.includes(c)), labels.join(', '));
    await page.keyboard.press('Escape');

    await wb.openFileAt('sample.sql', 2, 9);
    assert.match(await wb.hoverText('sales.orders'), /Where the order is in its lifecycle/);
  });
  it('checks off every walkthrough step once its action was done (sample, view, SQL editor, ask, run, ERD)', async () => {
    assert.deepEqual(await walkthroughSteps(), WALKTHROUGH_STEPS.map((title) => ({ title, done: true })));
  });
});
