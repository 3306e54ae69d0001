// Large packages the language server needs only sometimes, bundled into files of their own next to
// the server (dist/server/vendor/*.js) and required from there when first used. V8 has to parse a
// bundle before it runs a line of it, so every megabyte left in server-main.js is paid at each start, in
// time to first completion and in memory (issue 19); these are ~60 % of it. The source requires them
// lazily (load-typescript.ts, sql/node-sql-parser.ts, sql/sql-formatter.ts, drivers/registry.ts,
// mock/sinks/mysql-sink.ts).
import { readFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Import specifier → file under vendor/. */
export const SERVER_VENDORS = {
  typescript: 'typescript',
  'node-sql-parser': 'node-sql-parser',
  'node-sql-parser/build/mysql': 'node-sql-parser-mysql',
  'node-sql-parser/build/mariadb': 'node-sql-parser-mariadb',
  'node-sql-parser/build/transactsql': 'node-sql-parser-transactsql',
  'node-sql-parser/build/postgresql': 'node-sql-parser-postgresql',
  mssql: 'mssql',
  'mysql2/promise': 'mysql2',
  'sql-formatter': 'sql-formatter',
};

/**
 * pg's stream.js asks at load time whether it runs in a Cloudflare Worker by reading the global
 * `Response`, which makes Node.js load its whole fetch implementation (undici): ~80 ms of every
 * server start (issue 19). The server only ever runs in Node.js, so the answer is fixed at build
 * time. The build fails if pg's code no longer has the function, rather than silently keeping the cost.
 */
const PG_CLOUDFLARE_PROBE = 'function isCloudflareRuntime() {';

/**
 * `import("fs")` and the like of Node.js built-ins (PGlite, libpg-query) become modules of the bundle
 * whose body is `module.exports = require("fs")`, so the bundle has no import() left. The bootstrap
 * (server/src/bootstrap/) compiles the server bundle with vm.Script, where import() works only
 * through vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER, which Node 20 calls experimental and warns
 * about on stderr. (esbuild's own lowering, `supported: { 'dynamic-import': false }`, emits a bare
 * `require(…)` that Emscripten's `var require = createRequire(…)` in the same function shadows.)
 */
const BUILTIN = new RegExp(`^(node:)?(${builtinModules.map((n) => n.replace(/[/\\.-]/g, (c) => `\\${c}`)).join('|')})$`);

/**
 * Resolves the vendored specifiers to `./vendor/<file>.js`, left for Node to require at run time,
 * answers pg's Cloudflare probe (above), and turns import() of built-ins into require (above).
 */
export const vendorPlugin = {
  name: 'schemawise-vendor',
  setup(build) {
    build.onResolve({ filter: BUILTIN }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'node-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    const names = Object.keys(SERVER_VENDORS).map((n) => n.replace(/[/\\.-]/g, (c) => `\\${c}`));
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: `./vendor/${SERVER_VENDORS[args.path]}.js`, external: true }));
    build.onLoad({ filter: /[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(PG_CLOUDFLARE_PROBE)) throw new Error(`${args.path}: ${PG_CLOUDFLARE_PROBE} not found; update esbuild-vendor.mjs`);
      return { contents: source.replace(PG_CLOUDFLARE_PROBE, `${PG_CLOUDFLARE_PROBE} return false;`), loader: 'js' };
    });
  },
};

/** The esbuild options of the vendor files (merge with outdir, minify, …). */
export function vendorBuildOptions(absWorkingDir = process.cwd()) {
  return {
    absWorkingDir,
    entryPoints: Object.fromEntries(Object.entries(SERVER_VENDORS).map(([spec, file]) => [`vendor/${file}`, require.resolve(spec, { paths: [absWorkingDir] })])),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['pg-native', 'cloudflare:sockets'],
  };
}
