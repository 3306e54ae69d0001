// Runs the Schemawise scenarios inside a desktop VS Code downloaded by @vscode/test-electron, for
// developers who have a display (or xvfb-run) and network access to the VS Code download site.
// NOT part of `npm test`: CI machines cannot download VS Code; they run test/e2e (code-server).
//   npx tsx test/e2e-electron/run.ts                 (VS Code stable)
//   VSCODE_VERSION=1.91.0 npx tsx test/e2e-electron/run.ts   (the minimum engines.vscode)
// It bundles the suite with esbuild, loads Chinook into PostgreSQL database sw_e2e_electron_<pid>, writes a
// workspace whose settings point at it, and starts VS Code with only this extension enabled.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { dropDatabase, loadPgDataset } from '../helpers/datasets';
import { ELECTRON_DATABASE, electronWorkspaceFiles } from './workspace';

const ROOT = path.resolve(__dirname, '../..');
/** Inside the repo (ignored by git and eslint) so the bundled suite resolves mocha from node_modules. */
const OUT = path.join(ROOT, '.vscode-test/suite');

interface TestElectron {
  runTests(options: { version?: string; extensionDevelopmentPath: string; extensionTestsPath: string; launchArgs?: string[]; extensionTestsEnv?: Record<string, string> }): Promise<number>;
}

async function main(): Promise<number> {
  let testElectron: TestElectron;
  try {
    testElectron = createRequire(__filename)('@vscode/test-electron') as TestElectron;
  } catch {
    console.error('@vscode/test-electron is not installed: npm install --save-dev @vscode/test-electron');
    return 2;
  }
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { index: 'test/e2e-electron/suite/index.ts' },
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  // The extension under test is the built one (dist/), as the VSIX ships it.
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node esbuild.mjs failed');

  await loadPgDataset('chinook', ELECTRON_DATABASE);
  const workspace = mkdtempSync(path.join(tmpdir(), 'sw-e2e-electron-'));
  for (const [rel, text] of Object.entries(electronWorkspaceFiles())) {
    mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    writeFileSync(path.join(workspace, rel), text);
  }
  try {
    return await testElectron.runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(OUT, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { SCHEMAWISE_E2E_ARTIFACTS: path.join(ROOT, 'test-artifacts/e2e-electron') },
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    await dropDatabase(ELECTRON_DATABASE).catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
