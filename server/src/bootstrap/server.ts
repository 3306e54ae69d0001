// Entry of dist/server/server.js, the language server executable every launcher starts (the VS Code
// client, `npm run demo`, Neovim, the package bin, the tests): a thin adapter that loads the real
// server, the bundle server-main.js next to it (server/src/lsp/main.ts), with a V8 code cache
// (code-cache.ts, issue 19). It imports only Node.js built-ins and the state folder's location, so
// it costs next to nothing itself. Reading happens here, before the server runs; the server writes
// the cache once it has served its first completion and the user paused (lsp/code-cache.ts, through
// handoff.ts). A missing, corrupt or unreadable cache only means a plain compile.
//
// The cache lives in `<per-user state folder>/code-cache/` (engine/session/state-dir.ts:
// $XDG_STATE_HOME/schemawise, ~/Library/Logs/schemawise, %LOCALAPPDATA%\schemawise), also under
// VS Code: initializationOptions.stateDir arrives only after the bundle has been compiled.
// SCHEMAWISE_CODE_CACHE=0 (and --enable-source-maps) loads the bundle with Node.js's own loader and
// writes nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Script } from 'node:vm';
import { defaultStateDir } from '../engine/session/state-dir';
import { codeCacheEnabled, codeCacheFileName, readCodeCache, writeCodeCache, type CodeCacheRead } from './code-cache';
import { publishCodeCache, type CodeCacheHandle } from './handoff';
import { compileBundle, runBundle } from './load-bundle';

const MAIN = join(__dirname, 'server-main.js');

function start(): void {
  // Node.js 20 maps stack traces through source maps (--enable-source-maps) only for what its own
  // loader compiled: a developer who asks for them gets the plain load.
  const off = !codeCacheEnabled(process.env) ? 'SCHEMAWISE_CODE_CACHE' : process.sourceMapsEnabled ? '--enable-source-maps' : undefined;
  if (off) {
    publishCodeCache({ state: 'off', reason: off });
    createRequire(__filename)(MAIN);
    return;
  }
  const bytes = readFileSync(MAIN);
  let where: { dir: string; name: string } | undefined;
  let read: CodeCacheRead;
  try {
    where = { dir: join(defaultStateDir(), 'code-cache'), name: codeCacheFileName(bytes) };
    read = readCodeCache(join(where.dir, where.name));
  } catch (e) {
    read = { problem: (e as NodeJS.ErrnoException).code ?? 'no state folder' };
  }
  const cached = 'data' in read ? read.data : undefined;
  const script = compileBundle(MAIN, bytes.toString('utf8'), cached);
  publishCodeCache({ ...status(read, script), save: where && saver(script, where.dir, where.name) });
  runBundle(script, MAIN);
}

function status(read: CodeCacheRead, script: Script): Omit<CodeCacheHandle, 'save'> {
  if ('missing' in read) return { state: 'missing' };
  if ('problem' in read) return { state: 'rejected', reason: read.problem };
  return script.cachedDataRejected ? { state: 'rejected', reason: 'V8 rejected it' } : { state: 'used', bytes: read.data.length };
}

function saver(script: Script, dir: string, name: string): () => Promise<number> {
  return async () => {
    const data = script.createCachedData();
    await writeCodeCache(dir, name, data);
    return data.length;
  };
}

start();
