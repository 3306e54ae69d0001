// The V8 code cache file of the language server bundle (issue 19): what V8 compiled of server-main.js
// in an earlier session, so that the next start deserializes it instead of parsing and compiling
// 2.4 MB of JavaScript again (and again lazily, function by function, during the first requests).
//
// One file per bundle × Node.js × V8 flags in `<state folder>/code-cache/`, named by a hash of the
// bundle's bytes, the Node.js and V8 versions, the architecture and the process's Node/V8 options:
// V8 checks only its own version, its flags and the source's length, so a rebuilt bundle of the same
// length must never find the old file. A file starts with a magic string and a CRC-32 of the V8
// data (V8 does not checksum code caches in release builds). Written atomically (temp file + rename,
// mode 0600), at most MAX_FILES kept. Only this bootstrap reads or writes it.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/** Format marker and version of a cache file (bump when the layout below changes). */
const MAGIC = Buffer.from('SWV8CC01');
/** MAGIC, then the CRC-32 of the V8 data (uint32 LE), then the V8 data. */
const HEADER_BYTES = MAGIC.length + 4;
/** A larger file is not read (the 2.4 MB bundle gives ~1–4 MB). */
export const MAX_CODE_CACHE_BYTES = 64 * 1024 * 1024;
/** Caches kept (other launch flags, the previous version of the extension); the oldest go. */
export const MAX_FILES = 3;
const SUFFIX = '.v8cache';

/** `SCHEMAWISE_CODE_CACHE=0` (or false/off/no) turns the code cache off. */
export function codeCacheEnabled(env: NodeJS.ProcessEnv): boolean {
  return !/^(0|false|off|no)$/i.test((env.SCHEMAWISE_CODE_CACHE ?? '').trim());
}

/** What must be equal for a cache to be reused, besides the bundle's bytes. */
export function runtimeKey(): string {
  return JSON.stringify([process.version, process.versions.v8, process.arch, process.platform, process.execArgv, process.env.NODE_OPTIONS ?? '']);
}

/** The cache file name of a bundle under the current runtime. */
export function codeCacheFileName(bundle: Buffer, runtime = runtimeKey()): string {
  // SHA-1 names the bundle, it guards nothing (1.3 ms for 2.4 MB, SHA-256 takes 4.7 ms of every start).
  return `server-${createHash('sha1').update(runtime).update('\0').update(bundle).digest('hex')}${SUFFIX}`;
}

export type CodeCacheRead = { data: Buffer } | { missing: true } | { problem: string };

/** Reads and checks a cache file; never throws. */
export function readCodeCache(file: string): CodeCacheRead {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { missing: true } : { problem: `cannot read it (${code ?? (e as Error).message})` };
  }
  if (bytes.length > MAX_CODE_CACHE_BYTES) return { problem: `${bytes.length} bytes is more than allowed` };
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { problem: 'not a Schemawise code cache' };
  const data = bytes.subarray(HEADER_BYTES);
  if (bytes.readUInt32LE(MAGIC.length) !== crc32(data)) return { problem: 'checksum mismatch' };
  return { data };
}

/** Writes `data` as the cache file atomically, then drops the oldest files beyond MAX_FILES; throws on failure. */
export async function writeCodeCache(dir: string, name: string, data: Buffer): Promise<void> {
  const file = join(dir, name);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt32LE(crc32(data), MAGIC.length);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(tmp, Buffer.concat([header, data]), { mode: 0o600, flag: 'wx' });
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await prune(dir, name).catch(() => undefined);
}

/** Keeps the MAX_FILES most recently written caches (`keep` among them) and drops temp files a crash left behind. */
async function prune(dir: string, keep: string): Promise<void> {
  const now = Date.now();
  const caches: { path: string; mtime: number }[] = [];
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const mtime = (await stat(path).catch(() => undefined))?.mtimeMs;
    if (mtime === undefined) continue;
    if (name.endsWith('.tmp')) {
      if (now - mtime > 60 * 60 * 1000) await unlink(path).catch(() => undefined);
    } else if (name.endsWith(SUFFIX) && name !== keep) caches.push({ path, mtime });
  }
  caches.sort((a, b) => b.mtime - a.mtime);
  for (const c of caches.slice(MAX_FILES - 1)) await unlink(c.path).catch(() => undefined);
}
