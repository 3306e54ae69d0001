// Bundles the four entry groups separately: the VS Code client, the language server (and the CLI and
// demo on the same engine), and the browser-only webview code.
import * as esbuild from 'esbuild';
import { vendorBuildOptions, vendorPlugin } from './esbuild-vendor.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.sql': 'text' },
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot see; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist/client',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: {
      // server.js is a small bootstrap that loads server-main.js with a V8 code cache (server/src/bootstrap/).
      server: 'server/src/bootstrap/server.ts',
      'server-main': 'server/src/lsp/main.ts',
      cli: 'server/src/cli.ts',
      demo: 'server/src/demo.ts',
    },
    outdir: 'dist/server',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Optional native/peer modules of the drivers that we never use.
    external: ['pg-native', 'cloudflare:sockets'],
    // Large, sometimes-needed packages live in dist/server/vendor/ (esbuild-vendor.mjs).
    plugins: [vendorPlugin],
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...vendorBuildOptions(),
    sourcemap: !production,
    minify: production,
    outdir: 'dist/server',
  },
  {
    ...common,
    entryPoints: { erd: 'webview/src/erd/main.ts', results: 'webview/src/results/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const existing = (await import('node:fs')).existsSync;
const active = builds
  .map((b) => ({ ...b, entryPoints: Object.fromEntries(Object.entries(b.entryPoints).filter(([, f]) => existing(f))) }))
  .filter((b) => Object.keys(b.entryPoints).length > 0);

if (watch) {
  for (const b of active) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(active.map((b) => esbuild.build(b)));
}
// Runtime assets that bundled modules load from next to the bundle: PGlite's wasm and data files
// (see drivers/pglite/load-pglite.ts) and the PostgreSQL parser's wasm (libpg-query).
const ASSETS = [
  ...['pglite.wasm', 'initdb.wasm', 'pglite.data'].map((f) => `node_modules/@electric-sql/pglite/dist/${f}`),
  'node_modules/libpg-query/wasm/libpg-query.wasm',
];
const { cpSync, mkdirSync } = await import('node:fs');
mkdirSync('dist/server', { recursive: true });
for (const f of ASSETS) cpSync(f, `dist/server/${f.split('/').pop()}`);
