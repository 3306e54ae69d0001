// Loads PGlite lazily (its JavaScript is large and most sessions never use it).
//
// Why `require` and not `import`: esbuild resolves `import` to PGlite's ESM build, whose asset URLs
// come from `import.meta.url`, which is empty in our CommonJS bundles, so PGlite could not find
// pglite.wasm / pglite.data. The CommonJS build (picked by `require`) resolves them from __filename,
// i.e. next to dist/server/*.js, where esbuild.mjs copies them.
import type { PGlite as PGliteClass } from '@electric-sql/pglite';

export type PGliteModule = { PGlite: typeof PGliteClass };

let loaded: PGliteModule | undefined;

export function loadPglite(): PGliteModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the comment at the top
  loaded ??= require('@electric-sql/pglite') as PGliteModule;
  return loaded;
}
