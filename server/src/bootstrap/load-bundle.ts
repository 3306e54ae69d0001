// Compiles and runs a CommonJS bundle the way Node.js's own loader does, but through vm.Script: the
// public API that both takes a V8 code cache (cachedData) and later produces one that includes the
// functions compiled lazily since (Script.createCachedData). vm.compileFunction produces a cache only
// at compile time (top level only), Node 20 has no module.enableCompileCache (Node 22), and hooking
// Module.prototype._compile for one file would re-implement this same function behind a private API.
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script, constants } from 'node:vm';

/** Node.js's CommonJS wrapper, on a line of its own: with lineOffset -1 the bundle keeps its line numbers. */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';

/** Compiles `source` (the text of `file`), with V8's cached data of an earlier compile when given. */
export function compileBundle(file: string, source: string, cachedData?: Buffer): Script {
  // `#!` is allowed only at the very start of a script: inside the wrapper it becomes a comment.
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  return new Script(`${WRAPPER_HEAD}${body}\n})`, {
    // Stack traces (and source-map lookups) name the bundle file itself, line for line.
    filename: file,
    lineOffset: -1,
    cachedData,
    // esbuild.mjs builds the bundle without import(); should one remain, it loads as it would in any module.
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
}

/** Runs the compiled bundle as the module `file`, with the require, module, __filename and __dirname Node.js would give it. */
export function runBundle(script: Script, file: string): void {
  const require = createRequire(file);
  const module = new Module(file);
  module.filename = file;
  module.paths = require.resolve.paths('schemawise') ?? [];
  require.cache[file] = module;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
  module.loaded = true;
}
