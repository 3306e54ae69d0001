// The server bootstrap (server/src/bootstrap/): the V8 code cache file (name, checks, atomic write,
// pruning) and the loading of a CommonJS bundle through vm.Script as Node.js's loader would.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheEnabled, codeCacheFileName, MAX_FILES, readCodeCache, runtimeKey, writeCodeCache } from '../../server/src/bootstrap/code-cache';
import { compileBundle, runBundle } from '../../server/src/bootstrap/load-bundle';

const tmp = () => mkdtempSync(join(tmpdir(), 'sw-code-cache-'));

describe('bootstrap: code cache file', () => {
  it('is named by the bundle bytes and the runtime (Node.js, V8, arch, flags)', () => {
    const a = Buffer.from('console.log(1)');
    const b = Buffer.from('console.log(2)');
    assert.match(codeCacheFileName(a), /^server-[0-9a-f]{40}\.v8cache$/);
    assert.equal(codeCacheFileName(a), codeCacheFileName(Buffer.from(a)));
    assert.notEqual(codeCacheFileName(a), codeCacheFileName(b), 'same length, other bytes');
    const other = JSON.stringify([process.version, process.versions.v8, process.arch, process.platform, ['--max-semi-space-size=1'], '']);
    assert.notEqual(codeCacheFileName(a, other), codeCacheFileName(a, runtimeKey()), 'other flags');
  });

  it('is turned off by SCHEMAWISE_CODE_CACHE=0/false/off/no, on otherwise', () => {
    for (const v of ['0', 'false', 'OFF', ' no ']) assert.equal(codeCacheEnabled({ SCHEMAWISE_CODE_CACHE: v }), false, v);
    for (const v of [undefined, '', '1', 'true', 'on']) assert.equal(codeCacheEnabled({ SCHEMAWISE_CODE_CACHE: v }), true, String(v));
  });

  it('round-trips V8 data with mode 0600 in a 0700 folder it creates, and leaves no temp file', async () => {
    const dir = join(tmp(), 'nested', 'code-cache');
    const data = Buffer.from('pretend this is V8 data');
    await writeCodeCache(dir, 'server-x.v8cache', data);
    const read = readCodeCache(join(dir, 'server-x.v8cache'));
    assert.ok('data' in read);
    assert.deepEqual(read.data, data);
    assert.deepEqual(readdirSync(dir), ['server-x.v8cache']);
    if (process.platform !== 'win32') {
      assert.equal(statSync(join(dir, 'server-x.v8cache')).mode & 0o777, 0o600);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
    }
  });

  it('reports a missing file as missing, and garbage, a bad checksum or an unreadable path as problems', async () => {
    const dir = tmp();
    assert.deepEqual(readCodeCache(join(dir, 'none.v8cache')), { missing: true });
    assert.deepEqual(readCodeCache(join(dir, 'no-folder', 'none.v8cache')), { missing: true });
    writeFileSync(join(dir, 'garbage.v8cache'), Buffer.from('\x00\x01 definitely not a cache'));
    assert.deepEqual(readCodeCache(join(dir, 'garbage.v8cache')), { problem: 'not a Schemawise code cache' });
    await writeCodeCache(dir, 'flipped.v8cache', Buffer.from('some V8 data'));
    const bytes = readFileSync(join(dir, 'flipped.v8cache'));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(join(dir, 'flipped.v8cache'), bytes);
    assert.deepEqual(readCodeCache(join(dir, 'flipped.v8cache')), { problem: 'checksum mismatch' });
    writeFileSync(join(dir, 'a-file'), 'x');
    assert.deepEqual(readCodeCache(join(dir, 'a-file', 'server.v8cache')), { problem: 'cannot read it (ENOTDIR)' });
  });

  it(`keeps the ${MAX_FILES} most recently written caches and drops stale temp files`, async () => {
    const dir = tmp();
    const old = Date.now() / 1000 - 7200;
    for (let n = 0; n < 5; n++) {
      writeFileSync(join(dir, `server-${n}.v8cache`), 'x');
      utimesSync(join(dir, `server-${n}.v8cache`), old + n, old + n);
    }
    writeFileSync(join(dir, 'server-9.v8cache.123.abcd.tmp'), 'x');
    utimesSync(join(dir, 'server-9.v8cache.123.abcd.tmp'), old, old);
    writeFileSync(join(dir, 'unrelated.txt'), 'x');
    await writeCodeCache(dir, 'server-new.v8cache', Buffer.from('data'));
    assert.deepEqual(readdirSync(dir).sort(), ['server-3.v8cache', 'server-4.v8cache', 'server-new.v8cache', 'unrelated.txt']);
  });

  it('fails (for the caller to log) when the folder cannot be made, leaving nothing behind', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'code-cache'), 'a file where the folder should be');
    await assert.rejects(writeCodeCache(join(dir, 'code-cache'), 'server-x.v8cache', Buffer.from('data')), (e: NodeJS.ErrnoException) => typeof e.code === 'string');
    assert.deepEqual(readdirSync(dir), ['code-cache']);
  });
});

describe('bootstrap: loading a bundle through vm.Script', () => {
  const bundle = (dir: string, text: string) => {
    const file = join(dir, 'main.js');
    writeFileSync(file, text);
    return file;
  };

  it('gives the bundle the require, module, __filename and __dirname of its own file (a #! line allowed)', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'vendor'));
    writeFileSync(join(dir, 'vendor', 'dep.js'), 'module.exports = 42;');
    const file = bundle(dir, '#!/usr/bin/env node\nmodule.exports = { dep: require("./vendor/dep.js"), filename: __filename, dirname: __dirname, self: module.filename, path: typeof require("node:path").join };\n');
    const script = compileBundle(file, readFileSync(file, 'utf8'));
    runBundle(script, file);
    const loaded = require.cache[file]!;
    assert.deepEqual(loaded.exports, { dep: 42, filename: file, dirname: dir, self: file, path: 'function' });
    assert.equal(loaded.loaded, true);
  });

  it('keeps the line numbers of the bundle file in stack traces', () => {
    const dir = tmp();
    const file = bundle(dir, '#!/usr/bin/env node\n"use strict";\nfunction fail() {\n  throw new Error("boom");\n}\nmodule.exports = fail;\n');
    runBundle(compileBundle(file, readFileSync(file, 'utf8')), file);
    const fail = require.cache[file]!.exports as () => void;
    assert.throws(fail, (e: Error) => (e.stack ?? '').includes(`${file}:4:9`));
  });

  it('takes the cached data it produced after running, and V8 rejects data of another source', () => {
    const dir = tmp();
    const text = 'module.exports = [1, 2, 3].map((n) => n * 2);\n';
    const file = bundle(dir, text);
    const first = compileBundle(file, text);
    runBundle(first, file);
    const data = first.createCachedData();
    const again = compileBundle(file, text, data);
    assert.equal(again.cachedDataRejected, false);
    const other = compileBundle(file, 'module.exports = "a different bundle entirely";\n', data);
    assert.equal(other.cachedDataRejected, true);
  });
});
