// "Works in any LSP editor", checked: headless Neovim (Debian's neovim, its built-in LSP client)
// starts the bundled language server with a schema snapshot, and gets a schema-aware column
// completion and a column hover with the column's comment. The probe is test/neovim/lsp-probe.lua.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CompletionItem, CompletionList, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { buildServer } from '../helpers/lsp-client';

const NVIM = process.env.SCHEMAWISE_NVIM ?? 'nvim';
const PROBE = path.join(__dirname, 'lsp-probe.lua');
const SCHEMA = path.join(__dirname, 'fixtures/chinook-subset.schema.json');
const PROBE_TIMEOUT_MS = 30_000;
const FIELD = 5; // CompletionItemKind.Field

interface ProbeResult {
  error?: string;
  nvim: string;
  schema: { source: string; tableCount: number };
  completion: CompletionList | CompletionItem[] | null;
  hover: Hover | null;
  messages: string[];
}

function requireNeovim(ctx: Mocha.Context): void {
  if (spawnSync(NVIM, ['--version'], { encoding: 'utf8' }).status === 0) return;
  const reason = `Neovim (${NVIM}) is not installed (apt-get install neovim)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${reason} (CI=true: failing instead of skipping)`);
  console.warn(`  skipped: ${reason}`);
  ctx.skip();
}

/** Runs the probe; kills Neovim (and so the server it started) if it outlives the bound. */
function runProbe(env: Record<string, string>): Promise<ProbeResult> {
  return runProbeRaw(env).then(({ result, code, stderr }) => {
    if (result.error || code !== 0) throw new Error(`probe failed (exit ${code}): ${result.error ?? ''} ${stderr}`);
    return result;
  });
}

/** The probe's JSON whatever it says, with Neovim's exit code (1 when the probe reported an error). */
function runProbeRaw(env: Record<string, string>): Promise<{ result: ProbeResult; code: number | null; stderr: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-nvim-'));
  const out = path.join(dir, 'result.json');
  return new Promise((resolve, reject) => {
    const nvim = spawn(NVIM, ['--headless', '-n', '-i', 'NONE', '-u', PROBE], {
      cwd: dir,
      env: { ...process.env, ...env, SW_OUT: out, SW_TIMEOUT_MS: '15000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    nvim.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      nvim.kill('SIGKILL');
      reject(new Error(`nvim did not finish within ${PROBE_TIMEOUT_MS} ms; stderr: ${stderr}`));
    }, PROBE_TIMEOUT_MS);
    nvim.on('error', (e) => (clearTimeout(timer), reject(e)));
    nvim.on('exit', (code) => {
      clearTimeout(timer);
      try {
        resolve({ result: JSON.parse(readFileSync(out, 'utf8')) as ProbeResult, code, stderr });
      } catch (e) {
        reject(new Error(`nvim exited ${code} without a result (${(e as Error).message}); stderr: ${stderr}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe('language server in Neovim (headless, built-in LSP client)', function () {
  this.timeout(90_000);
  let result: ProbeResult;
  let workDir: string;
  let server: string;
  let sql: string;

  before(async function () {
    requireNeovim(this);
    server = await buildServer();
    workDir = mkdtempSync(path.join(tmpdir(), 'sw-e2e-nvim-doc-'));
    sql = path.join(workDir, 'query.sql');
    // Line 0: a column completion after the alias "t."; line 1: a hover on milliseconds.
    writeFileSync(sql, 'SELECT t. FROM track AS t;\nSELECT milliseconds FROM track;\n');
    result = await runProbe({ SW_SERVER: server, SW_SCHEMA: SCHEMA, SW_SQL: sql, SW_COMPLETE_AT: '0:9', SW_HOVER_AT: '1:10' });
  });
  after(() => workDir && rmSync(workDir, { recursive: true, force: true }));

  it('loads the schema snapshot given with --schema', () => {
    assert.equal(result.schema.source, 'snapshot');
    assert.equal(result.schema.tableCount, 3);
    assert.deepEqual(result.messages, [], 'no error messages shown');
  });

  it('completes the columns of the aliased table, in table order, with their types', () => {
    const items = Array.isArray(result.completion) ? result.completion : (result.completion?.items ?? []);
    const columns = items.filter((i) => i.kind === FIELD);
    assert.deepEqual(
      columns.map((i) => i.label),
      ['track_id', 'name', 'album_id', 'milliseconds', 'unit_price'],
    );
    assert.match(columns.find((i) => i.label === 'unit_price')?.detail ?? '', /^numeric\(10,2\)/);
    assert.ok(!items.some((i) => i.label === 'title'), 'no column of album, which is not in scope');
  });

  it('shows a column hover with its table, type and comment', () => {
    const contents = result.hover?.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /\*\*column\*\* `track\.milliseconds`/);
    assert.match(contents.value, /`integer` NOT NULL/);
    assert.match(contents.value, /Playing time in milliseconds/);
    assert.deepEqual(result.hover?.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 19 } });
  });

  it('shows a clear message, not a crash, when the snapshot file does not exist', async () => {
    const missing = path.join(workDir, 'no-such-snapshot.json');
    const { result: r, code } = await runProbeRaw({ SW_SERVER: server, SW_SCHEMA: missing, SW_SQL: sql, SW_COMPLETE_AT: '0:9', SW_HOVER_AT: '1:10' });
    assert.equal(code, 1);
    assert.match(r.error ?? '', /did not load the schema/);
    assert.match(r.error ?? '', /cannot read schema snapshot .*no-such-snapshot\.json: ENOENT/);
  });
});
