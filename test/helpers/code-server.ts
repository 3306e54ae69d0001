// A real VS Code for end-to-end tests: code-server (VS Code 1.100 served to a browser) with the
// Schemawise VSIX installed into a fresh extensions dir, a fresh user-data dir and a workspace, on
// 127.0.0.1 with a free port. Everything lives in one temp dir that `stop()` removes; code-server is
// started in its own process group so stopping it also ends the extension host and our language server.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import type { Context } from 'mocha';

export const ROOT = path.resolve(__dirname, '../..');
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';
/** Where ../shared/tools/install-code-server.sh puts it by default (override: SCHEMAWISE_CODE_SERVER). */
export const CODE_SERVER_BIN =
  process.env.SCHEMAWISE_CODE_SERVER ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), `code-server-${CODE_SERVER_VERSION}`, 'node_modules/.bin/code-server');

const inCi = () => process.env.CI === 'true' || process.env.CI === '1';

/** Call from a `before` hook: skips locally / fails in CI when code-server is not installed. */
export function requireCodeServer(ctx: Context): void {
  if (existsSync(CODE_SERVER_BIN)) return;
  const reason = `code-server is not installed at ${CODE_SERVER_BIN} (run ../shared/tools/install-code-server.sh)`;
  if (inCi()) throw new Error(`${reason} (CI=true: failing instead of skipping)`);
  console.warn(`  skipped: ${reason}`);
  ctx.skip();
}

export interface Vsix {
  path: string;
  bytes: number;
}

/** What goes into the staging copy besides the freshly built dist/ (.vscodeignore then whitelists). */
const PACKAGE_FILES = ['package.json', '.vscodeignore', 'README.md', 'LICENSE', 'CHANGELOG.md', 'media', 'syntaxes'];
const SOURCE_LINKS = ['client', 'server', 'webview', 'types', 'node_modules', 'esbuild.mjs', 'tsconfig.json'];

let vsix: Promise<Vsix> | undefined;

/**
 * Builds the production bundles and packages them with vsce, once per run, in a staging copy of the
 * repository (sources symlinked), so it never races with a `node esbuild.mjs` running on the work tree.
 */
export function buildVsix(): Promise<Vsix> {
  vsix ??= Promise.resolve().then(() => {
    const stage = mkdtempSync(path.join(tmpdir(), 'sw-e2e-vsix-'));
    process.once('exit', () => rmSync(stage, { recursive: true, force: true }));
    for (const f of PACKAGE_FILES) if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(stage, f), { recursive: true });
    for (const f of SOURCE_LINKS) if (existsSync(path.join(ROOT, f))) symlinkSync(path.join(ROOT, f), path.join(stage, f));
    run(process.execPath, ['esbuild.mjs', '--production'], stage, 'esbuild --production');
    const out = path.join(stage, 'schemawise.vsix');
    const vsce = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
    run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], stage, 'vsce package');
    return { path: out, bytes: statSync(out).size };
  });
  return vsix;
}

function run(cmd: string, args: string[], cwd: string, what: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, CI: process.env.CI ?? '' } });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  vsix: string;
  /** Files of the workspace folder, by relative path (e.g. '.vscode/settings.json'). */
  workspaceFiles: Record<string, string>;
  /** User settings (the defaults below keep the workbench quiet and deterministic). */
  userSettings?: Record<string, unknown>;
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** URL that opens the workbench on the workspace folder. */
  url: string;
  workspace: string;
  /** code-server's --user-data-dir (extensions' global storage lives in User/globalStorage/<id>). */
  userData: string;
  /** Everything code-server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.hover.delay': 200,
  'editor.minimap.enabled': false,
};

/** Installs the VSIX into a fresh extensions dir and starts code-server; resolves once it listens. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const base = mkdtempSync(path.join(tmpdir(), 'sw-e2e-code-server-'));
  const dirs = { extensions: path.join(base, 'extensions'), userData: path.join(base, 'user-data'), workspace: path.join(base, 'workspace') };
  for (const [rel, text] of Object.entries(options.workspaceFiles)) writeFile(path.join(dirs.workspace, rel), text);
  writeFile(path.join(dirs.userData, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.userSettings }, null, 2));
  // An empty config file, so code-server neither reads nor writes ~/.config/code-server/config.yaml.
  writeFile(path.join(base, 'config.yaml'), '');
  const common = ['--config', path.join(base, 'config.yaml'), '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];

  const install = spawnSync(CODE_SERVER_BIN, [...common, '--install-extension', options.vsix], { encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`code-server --install-extension failed (exit ${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const child = spawn(
    CODE_SERVER_BIN,
    [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', dirs.workspace],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PASSWORD: undefined, HASHED_PASSWORD: undefined } },
  );
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));

  const stop = async () => {
    await killGroup(child);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitForListening(child, () => log, options.startTimeoutMs ?? 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`,
    workspace: dirs.workspace,
    userData: dirs.userData,
    output: () => log,
    stop,
  };
}

function writeFile(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** code-server prints "HTTP server listening on http://127.0.0.1:PORT/" once it accepts requests. */
function waitForListening(child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      if (/HTTP server listening on/.test(log())) done();
    };
    const onExit = (code: number | null) => done(new Error(`code-server exited (${code}) before listening:\n${log()}`));
    const timer = setTimeout(() => done(new Error(`code-server did not listen within ${timeoutMs} ms:\n${log()}`)), timeoutMs);
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

/** SIGTERM to the whole process group, SIGKILL if it is still there after 5 s. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // The extension host and language server share the group; make sure none of them outlives the test.
  signal('SIGKILL');
}
