// The results webview in headless Chromium, driven like VS Code drives it (ready → messages): the
// virtualized grid with 100k rows, sorting, NULLs, copy formats, export, several result sets, and a
// plan view of a real EXPLAIN ANALYZE (PGlite, in process) with its hottest node marked.
import { strict as assert } from 'node:assert';
import type { Browser } from 'playwright-core';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { planTree, type PlanNode, type PlanTree } from '../../server/src/engine/execution/plan-tree';
import type { CellValue, GridResultSet } from '../../webview/src/results/protocol';
import { launchChromium, requireChromium, type LocalServer } from '../helpers/chromium';
import { buildResultsBundle, ResultsPage, serveResults, type ResultsBundle } from './results-harness';

const N = 100_000;

function bigSet(): GridResultSet {
  const rows: CellValue[][] = [];
  for (let i = 1; i <= N; i++) rows.push([i, `customer ${String(i).padStart(6, '0')}`, i % 10 === 0 ? null : String(i * 37 % 1000), i % 3 === 0]);
  return {
    statement: 1,
    preview: 'select id, name, balance, active from customers',
    status: 'ok',
    columns: [{ name: 'id', type: 'integer' }, { name: 'name', type: 'text' }, { name: 'balance', type: 'bigint' }, { name: 'active', type: 'boolean' }],
    rows,
    rowCount: N,
    truncated: false,
    durationMs: 412.5,
    notices: [],
  };
}

const small: GridResultSet = {
  statement: 1,
  preview: 'select code, label, qty from items',
  status: 'ok',
  columns: [{ name: 'code' }, { name: 'label' }, { name: 'qty', type: 'bigint' }],
  rows: [
    ['b', 'NULL', '10'],
    ['a', null, '9'],
    ['c', 'pipe | and, comma', null],
    ['d', 'line\nbreak "quoted"', '100'],
  ],
  rowCount: 4,
  truncated: true,
  durationMs: 3.2,
  notices: ['NOTICE: server says hi', 'WARNING: something to know'],
};

const nodes = (n: PlanNode): PlanNode[] => [n, ...n.children.flatMap(nodes)];

describe('results webview in headless Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;
  let bundle: ResultsBundle;
  let server: LocalServer;
  let rp: ResultsPage;
  let plan: PlanTree;
  let rawPlan: unknown;

  before(async function () {
    requireChromium(this);
    const pglite = new PgliteDriver(
      { name: 'mem', driver: 'pglite', readOnly: true },
      { seed: (exec) => exec(`CREATE TABLE c (id int PRIMARY KEY, region int); CREATE TABLE o (id int PRIMARY KEY, c_id int, total numeric);
          INSERT INTO c SELECT g, g % 20 FROM generate_series(1, 2000) g; INSERT INTO o SELECT g, g % 2000 + 1, g * 1.5 FROM generate_series(1, 20000) g; ANALYZE;`) },
    );
    [bundle, browser] = await Promise.all([buildResultsBundle(), launchChromium(), pglite.connect()]);
    const explained = await pglite.explain('select c.region, sum(o.total) from o join c on c.id = o.c_id group by c.region order by 2 desc', { analyze: true });
    await pglite.close();
    plan = planTree(explained);
    rawPlan = explained.plan;
    server = await serveResults(bundle);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await bundle?.dispose();
  });
  beforeEach(async () => {
    rp = await ResultsPage.open(browser, server);
  });
  afterEach(async function () {
    const problems = rp.problems;
    await rp.close();
    // Every test also proves the page ran under its CSP without errors or blocked resources.
    if (this.currentTest?.state === 'passed') assert.deepEqual(problems, []);
  });

  const show = (sets: GridResultSet[], extra: { message?: string } = {}) => rp.show({ type: 'results', title: 'query.sql', connection: 'chinook-ro', sets, ...extra });

  it('renders 100,000 rows with only a window of rows in the DOM, and scrolling to the end shows the last row', async () => {
    const rendered = await show([bigSet()]);
    assert.ok(rendered.domRows > 10 && rendered.domRows < 80, `${rendered.domRows} DOM rows`);
    assert.equal(await rp.page.locator('.rs-row').count(), rendered.domRows);
    assert.deepEqual((await rp.gridText())[0], ['1', 'customer 000001', '37', 'false']);
    const started = Date.now();
    await rp.page.$eval('.rs-viewport', (v) => (v.scrollTop = v.scrollHeight));
    await rp.page.waitForSelector(`.rs-row[data-row="${N - 1}"]`);
    const scrollMs = Date.now() - started;
    const rows = await rp.gridText();
    assert.deepEqual(rows.at(-1), [String(N), `customer ${N}`, 'NULL', 'false']);
    assert.ok(rows.length < 80, `${rows.length} DOM rows after scrolling`);
    const lastVisible = await rp.page.$eval(`.rs-row[data-row="${N - 1}"]`, (r) => {
      const box = r.getBoundingClientRect();
      const view = document.querySelector('.rs-viewport')!.getBoundingClientRect();
      return box.bottom <= view.bottom + 1 && box.top >= view.top;
    });
    assert.equal(lastVisible, true, 'the last row is inside the viewport');
    assert.match(await rp.page.textContent('.rs-status') ?? '', /100,000 rows.*412\.5 ms/);
    await rp.page.$eval('.rs-viewport', (v) => (v.scrollTop = 0));
    await rp.page.waitForSelector('.rs-row[data-row="0"]');
    const sortStarted = Date.now();
    await rp.page.click('[role=columnheader][data-col="1"] button');
    await rp.page.click('[role=columnheader][data-col="1"] button');
    await rp.page.waitForSelector('.rs-row[data-row="0"] [data-col="1"]:has-text("customer 100000")');
    const sortMs = Date.now() - sortStarted;
    console.log(`      100k rows: shown in ${rendered.ms} ms (webview side), ${rendered.domRows} DOM rows; scrolled to the last row in ${scrollMs} ms; sorted twice by text in ${sortMs} ms`);
  });

  it('sorts by a column header: numbers numerically, NULLs last both ways, then back to the server order', async () => {
    await show([small]);
    const qty = rp.page.locator('[role=columnheader][data-col="2"] button');
    await qty.click();
    assert.deepEqual((await rp.gridText()).map((r) => r[2]), ['9', '10', '100', 'NULL']);
    assert.equal(await rp.page.getAttribute('[role=columnheader][data-col="2"]', 'aria-sort'), 'ascending');
    await qty.click();
    assert.deepEqual((await rp.gridText()).map((r) => r[2]), ['100', '10', '9', 'NULL']);
    await qty.click();
    assert.deepEqual((await rp.gridText()).map((r) => r[0]), ['b', 'a', 'c', 'd']);
    // Keyboard: Enter on a focused header sorts too.
    await rp.page.focus('[role=columnheader][data-col="0"] button');
    await rp.page.keyboard.press('Enter');
    assert.deepEqual((await rp.gridText()).map((r) => r[0]), ['a', 'b', 'c', 'd']);
  });

  it('shows NULL distinctly from the text "NULL"', async () => {
    await show([small]);
    const cells = await rp.page.$$eval('.rs-row[data-row="0"] [role=gridcell], .rs-row[data-row="1"] [role=gridcell]', (els) =>
      els.map((e) => ({ text: e.textContent, isNull: e.classList.contains('rs-null'), italic: getComputedStyle(e).fontStyle === 'italic' })),
    );
    assert.deepEqual(cells[1], { text: 'NULL', isNull: false, italic: false }, "row 1's label is the string 'NULL'");
    assert.deepEqual(cells[4], { text: 'NULL', isNull: true, italic: true }, "row 2's label is SQL NULL");
  });

  it('copies the selection as CSV (Ctrl+C), JSON and Markdown, and everything with Copy all', async () => {
    await show([small]);
    await rp.page.click('.rs-row[data-row="1"] [data-col="1"]');
    await rp.page.click('.rs-row[data-row="2"] [data-col="2"]', { modifiers: ['Shift'] });
    let copied = rp.waitFor('copy');
    await rp.page.keyboard.press('Control+c');
    assert.deepEqual(await copied, { type: 'copy', format: 'csv', rows: 2, text: 'label,qty\r\n,9\r\n"pipe | and, comma",\r\n' });
    await rp.page.selectOption('.rs-format', 'json');
    copied = rp.waitFor('copy');
    await rp.page.click('.rs-copy-selection');
    assert.deepEqual(JSON.parse((await copied).text), [{ label: null, qty: '9' }, { label: 'pipe | and, comma', qty: null }]);
    await rp.page.selectOption('.rs-format', 'markdown');
    copied = rp.waitFor('copy');
    await rp.page.click('.rs-copy-all');
    assert.equal(
      (await copied).text,
      '| code | label | qty |\n| --- | --- | --- |\n| b | NULL | 10 |\n| a | *NULL* | 9 |\n| c | pipe \\| and, comma | *NULL* |\n| d | line<br>break "quoted" | 100 |\n',
    );
  });

  it('exports all rows to a file through the host and says where it was saved', async () => {
    await show([small]);
    const exported = rp.waitFor('export');
    await rp.page.click('.rs-export');
    const m = await exported;
    assert.equal(m.fileName, 'query.sql-1.csv');
    assert.equal(m.content.split('\r\n').length, 6, 'header + 4 rows + final newline');
    await rp.post({ type: 'saved', requestId: m.requestId, ok: true, path: '/tmp/query.csv' });
    await rp.page.waitForSelector('.rs-flash:has-text("Saved 4 rows to /tmp/query.csv")');
  });

  it('shows several result sets as tabs with row counts, durations, notices, the truncated warning, rows affected and errors', async () => {
    const affected: GridResultSet = { ...small, statement: 2, preview: 'update items set qty = 0', columns: [], rows: [], rowCount: 3, truncated: false, notices: [] };
    const failed: GridResultSet = { ...affected, statement: 3, preview: 'select * from nope', status: 'error', rowCount: 0, error: 'relation "nope" does not exist' };
    const rendered = await show([small, affected, failed], { message: 'statement 3 failed: relation "nope" does not exist' });
    assert.equal(rendered.tabs, 3);
    assert.deepEqual(await rp.page.$$eval('[role=tab]', (t) => t.map((x) => [x.textContent, x.getAttribute('aria-selected')])), [
      ['1: select code, label, qty from items', 'true'],
      ['2: update items set qty = 0', 'false'],
      ['3: select * from nope', 'false'],
    ]);
    const status = (await rp.page.textContent('.rs-status')) ?? '';
    assert.match(status, /4 rows/);
    assert.match(status, /3\.2 ms/);
    assert.match(status, /Showing the first 4 rows; more rows were not fetched/);
    assert.match(status, /2 notices/);
    await rp.page.click('.rs-notices summary');
    assert.deepEqual(await rp.page.$$eval('.rs-notices li', (l) => l.map((x) => x.textContent)), small.notices);
    await rp.page.click('[role=tab][data-index="1"]');
    assert.equal(await rp.page.textContent('.rs-affected'), '3 rows affected.');
    await rp.page.keyboard.press('ArrowRight');
    assert.equal(await rp.page.textContent('.rs-panel .rs-error'), 'relation "nope" does not exist');
    assert.equal(await rp.page.getAttribute('[role=tab][data-index="2"]', 'aria-selected'), 'true');
  });

  it('resizes a column by dragging its header edge and with Alt+Arrow', async () => {
    await show([small]);
    const width = () => rp.page.$eval('.rs-row[data-row="0"] [data-col="1"]', (c) => Math.round(c.getBoundingClientRect().width));
    const before = await width();
    const handle = (await rp.page.locator('[role=columnheader][data-col="1"] .rs-resize').boundingBox())!;
    await rp.page.mouse.move(handle.x + 3, handle.y + 5);
    await rp.page.mouse.down();
    await rp.page.mouse.move(handle.x + 83, handle.y + 5, { steps: 4 });
    await rp.page.mouse.up();
    assert.equal(await width(), before + 80);
    await rp.page.focus('[role=columnheader][data-col="1"] button');
    await rp.page.keyboard.press('Alt+ArrowLeft');
    assert.equal(await width(), before + 64);
  });

  it('moves the active cell with the keyboard and selects all with Ctrl+A', async () => {
    await show([bigSet()]);
    await rp.page.click('.rs-row[data-row="0"] [data-col="0"]');
    await rp.page.keyboard.press('Control+ArrowDown');
    await rp.page.waitForSelector(`.rs-row[data-row="${N - 1}"] .rs-active`);
    await rp.page.keyboard.press('Control+a');
    const copied = rp.waitFor('copy');
    await rp.page.keyboard.press('Control+c');
    const m = await copied;
    assert.equal(m.rows, N);
    assert.equal(m.text.split('\r\n').length, N + 2);
  });

  it('draws a real EXPLAIN ANALYZE plan as a tree with costs, rows, times and the hottest node marked', async () => {
    const rendered = await rp.show({ type: 'plan', title: 'Explain Analyze', connection: 'mem', plan, raw: JSON.stringify(rawPlan, null, 2) });
    assert.equal(rendered.view, 'plan');
    const all = nodes(plan.root);
    assert.equal(await rp.page.locator('[role=treeitem]').count(), all.length);
    const hottest = all.reduce((a, b) => (b.self > a.self ? b : a));
    const hotIds = await rp.page.$$eval('[role=treeitem][data-hot="true"]', (els) => els.map((e) => Number((e as HTMLElement).dataset.nodeId)));
    assert.ok(hotIds.includes(hottest.id), `hot ${hotIds.join()} includes ${hottest.id}`);
    assert.ok(hotIds.length >= 1 && hotIds.length <= 3);
    const line = await rp.page.textContent(`[data-node-id="${plan.root.id}"] > .rs-node-line`);
    assert.match(line ?? '', /cost \d[\d,.]*\.\.\d[\d,.]* · rows \d[\d,]* est\. · \d[\d,]* actual · [\d.,]+ ms/);
    assert.match((await rp.page.textContent('.rs-plan-summary')) ?? '', /Analysed plan.*execution [\d.]+ ms/);
    // Keyboard: collapse the root with ←, which hides its children.
    await rp.page.focus(`[data-node-id="${plan.root.id}"] > .rs-node-line`);
    await rp.page.keyboard.press('ArrowLeft');
    assert.equal(await rp.page.getAttribute(`[data-node-id="${plan.root.id}"]`, 'aria-expanded'), 'false');
    assert.equal(await rp.page.isVisible(`[data-node-id="${plan.root.children[0]!.id}"]`), false);
    const copied = rp.waitFor('copy');
    await rp.page.click('text=Copy plan');
    assert.deepEqual(JSON.parse((await copied).text), rawPlan);
  });

  it('says in the legend what "hot" means and keeps the badge text readable in light and dark themes', async () => {
    await rp.show({ type: 'plan', title: 'Explain Analyze', connection: 'mem', plan, raw: JSON.stringify(rawPlan, null, 2) });
    const legend = (await rp.page.textContent('.rs-plan-summary')) ?? '';
    assert.match(legend, /hot = the largest own share of time, and any other node with ≥ 15% of it \(3 at most\)/);
    // VS Code's Default Light+/Dark+ values of the variables the badge may use.
    const themes = {
      light: { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#000000', '--vscode-charts-red': '#e51400', '--vscode-badge-foreground': '#333333' },
      dark: { '--vscode-editor-background': '#1e1e1e', '--vscode-editor-foreground': '#d4d4d4', '--vscode-charts-red': '#f14c4c', '--vscode-badge-foreground': '#ffffff' },
    };
    for (const [name, vars] of Object.entries(themes)) {
      // A string, not a function: tsx would wrap named helpers in __name(), unknown in the page.
      const ratio = (await rp.page.evaluate(`(() => {
        const v = ${JSON.stringify(vars)};
        for (const k of Object.keys(v)) document.documentElement.style.setProperty(k, v[k]);
        const badge = document.querySelector('.rs-hot-badge');
        const lum = (c) => {
          const [r, g, b] = (c.match(/[0-9.]+/g) || []).slice(0, 3).map((x) => Number(x) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        let el = badge;
        let bg = 'rgba(0, 0, 0, 0)';
        while (el && /rgba\\(0, 0, 0, 0\\)|transparent/.test(bg)) {
          bg = getComputedStyle(el).backgroundColor;
          el = el.parentElement;
        }
        const a = lum(getComputedStyle(badge).color);
        const b = lum(bg);
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      })()`)) as number;
      assert.ok(ratio >= 4.5, `${name} theme: badge text contrast ${ratio.toFixed(2)}:1 is below 4.5:1`);
    }
    await rp.page.evaluate((keys) => keys.forEach((k) => document.documentElement.style.removeProperty(k)), Object.keys(themes.dark));
  });

  it('shows a cancelled statement once, without a row count, and disables copy and export', async () => {
    const cancelledSet: GridResultSet = {
      statement: 1, preview: 'select pg_sleep(30)', status: 'error', columns: [], rows: [], rowCount: 0,
      truncated: false, durationMs: 1200, notices: [], error: 'Cancelled by the user.',
    };
    await rp.show({ type: 'results', title: 'q.sql', connection: 'pg', sets: [cancelledSet], cancelled: true });
    const body = (await rp.page.textContent('body')) ?? '';
    assert.equal(body.split('Cancelled by the user').length - 1, 1, body);
    assert.doesNotMatch(body, /affected/);
    assert.doesNotMatch(body, /statements after the cancelled one/);
    for (const sel of ['.rs-copy-selection', '.rs-copy-all', '.rs-export']) assert.equal(await rp.page.isDisabled(sel), true, `${sel} is disabled`);
    // With a later statement that never ran, the run says so once.
    const skipped: GridResultSet = { ...cancelledSet, statement: 2, preview: 'select 2', status: 'skipped', error: undefined, durationMs: 0 };
    await rp.show({
      type: 'results', title: 'q.sql', connection: 'pg', sets: [cancelledSet, skipped], cancelled: true,
      message: 'Cancelled by the user; the statement after the cancelled one was not run.',
    });
    assert.match((await rp.page.textContent('.rs-message')) ?? '', /the statement after the cancelled one was not run/);
    await rp.page.click('.rs-tab[data-index="1"]');
    assert.equal(await rp.page.textContent('.rs-count'), 'not run');
  });

  it('shows a running query with a Cancel button that asks the host to cancel', async () => {
    const rendered = await rp.show({ type: 'running', title: 'query.sql', connection: 'chinook-ro' });
    assert.equal(rendered.view, 'running');
    const cancel = rp.waitFor('cancel');
    await rp.page.click('.rs-cancel');
    await cancel;
  });
});
