// The per-user schema cache: the last SchemaModel introspected for a connection, so that a new
// session answers schema-aware completion at once while the live introspection runs (issue 19).
//
// One file per connection in `<stateDir>/schema-cache/`, named by a hash of dialect/driver, host,
// port, database and user — never the password, which is neither in the key nor in the file (a
// SchemaModel holds no credentials). Files are written atomically (temp file + rename, mode 0600),
// bounded in size and in number; a file that cannot be read or does not check out (partial, corrupt,
// another format, another connection's) is ignored with a log line and replaced by the next save.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionConfig } from '../drivers/types';
import type { SchemaModel } from '../schema/model';
import { checkSnapshot } from '../schema/snapshot';

export const SCHEMA_CACHE_FORMAT = 'schemawise-schema-cache';
export const SCHEMA_CACHE_VERSION = 1;
/** A cache file larger than this is neither written nor read (5,000 tables × 15 columns: ~8 MB). */
export const MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024;
/** Connections remembered; the least recently saved beyond this are deleted. */
export const MAX_CACHE_FILES = 32;

export interface SchemaCacheOptions {
  /** Hears why a file was ignored or could not be written (never with secrets: paths and reasons only). */
  log?: (message: string) => void;
  maxFileBytes?: number;
  maxFiles?: number;
}

/** The fields that name a database, hashed (the password is not one of them). */
export function schemaCacheKey(config: ConnectionConfig): string {
  const parts = [config.driver, config.host ?? '', config.port ?? '', config.database ?? '', config.user ?? '', config.sample ? 'sample' : '', config.dataDir ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

interface CacheFile {
  format: typeof SCHEMA_CACHE_FORMAT;
  version: number;
  key: string;
  savedAt: string;
  model: SchemaModel;
}

export class SchemaCache {
  readonly dir: string;
  private readonly log: (message: string) => void;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;

  /** `stateDir`: the per-user state folder (state-dir.ts); the cache lives in its `schema-cache/`. */
  constructor(stateDir: string, options: SchemaCacheOptions = {}) {
    this.dir = join(stateDir, 'schema-cache');
    this.log = options.log ?? (() => undefined);
    this.maxFileBytes = options.maxFileBytes ?? MAX_CACHE_FILE_BYTES;
    this.maxFiles = options.maxFiles ?? MAX_CACHE_FILES;
  }

  fileOf(config: ConnectionConfig): string {
    return join(this.dir, `${schemaCacheKey(config)}.json`);
  }

  /** The cached model of this connection, or undefined (none yet, or ignored with a log line). Never throws. */
  async load(config: ConnectionConfig): Promise<{ model: SchemaModel; savedAt: string } | undefined> {
    const file = this.fileOf(config);
    let text: string;
    try {
      const size = (await stat(file)).size;
      if (size > this.maxFileBytes) {
        this.log(`schema cache ${file} ignored: ${size} bytes is more than the ${this.maxFileBytes} allowed`);
        return undefined;
      }
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.log(`schema cache ${file} ignored: cannot read it (${code ?? (e as Error).message})`);
      return undefined;
    }
    try {
      const data = JSON.parse(text) as Partial<CacheFile> | null;
      if (typeof data !== 'object' || data === null || data.format !== SCHEMA_CACHE_FORMAT) throw new Error('not a Schemawise schema cache file');
      if (data.version !== SCHEMA_CACHE_VERSION) throw new Error(`cache version ${String(data.version)}, this Schemawise writes ${SCHEMA_CACHE_VERSION}`);
      if (data.key !== schemaCacheKey(config)) throw new Error('it belongs to another connection');
      const model = checkSnapshot(data.model, 'the cached schema');
      return { model, savedAt: typeof data.savedAt === 'string' ? data.savedAt : '' };
    } catch (e) {
      // JSON.parse messages quote the file's text: say only that it is not JSON.
      const why = e instanceof SyntaxError ? 'not valid JSON (written partially?)' : (e as Error).message;
      this.log(`schema cache ${file} ignored: ${why}`);
      return undefined;
    }
  }

  /**
   * Saves the model atomically; failures are logged, never thrown. The JSON is written a slice of
   * tables at a time (5,000 tables are ~8 MB of text: one string of it would raise the peak memory
   * of the server at the moment it is fullest, and stringifying it at once would hold up requests).
   */
  async save(config: ConnectionConfig, model: SchemaModel): Promise<void> {
    const file = this.fileOf(config);
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const bytes = await writeCacheFile(tmp, { format: SCHEMA_CACHE_FORMAT, version: SCHEMA_CACHE_VERSION, key: schemaCacheKey(config), savedAt: new Date().toISOString(), model }, this.maxFileBytes);
      if (bytes === undefined) {
        await unlink(tmp).catch(() => undefined);
        this.log(`schema cache not written: ${model.tables.length} tables make more than the ${this.maxFileBytes} bytes allowed`);
        return;
      }
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      this.log(`schema cache ${file} not written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return;
    }
    await this.prune().catch(() => undefined);
  }

  /** Keeps the most recently saved `maxFiles` files (and drops temp files a crash left behind). */
  private async prune(): Promise<void> {
    const names = await readdir(this.dir);
    const now = Date.now();
    const files: { path: string; mtime: number }[] = [];
    for (const name of names) {
      const path = join(this.dir, name);
      const mtime = (await stat(path).catch(() => undefined))?.mtimeMs;
      if (mtime === undefined) continue;
      if (name.endsWith('.tmp')) {
        if (now - mtime > 60 * 60 * 1000) await unlink(path).catch(() => undefined);
      } else if (name.endsWith('.json')) files.push({ path, mtime });
    }
    files.sort((a, b) => b.mtime - a.mtime);
    for (const f of files.slice(this.maxFiles)) await unlink(f.path).catch(() => undefined);
  }
}

/**
 * Tables per write: each slice's text stays well under V8's large-object size (~128 KB; 40 tables of
 * 15 columns are ~70 KB), so it dies young instead of waiting in large-object space for a full GC.
 */
const TABLES_PER_WRITE = 40;

/**
 * Writes `body` as JSON to `path` (created with mode 0600) with the model's tables serialized a
 * slice at a time; the same JSON as JSON.stringify(body) but for the order of the model's keys
 * (`tables` last). Resolves the bytes written, or undefined (the file left partial) once they would
 * exceed `maxBytes`.
 */
async function writeCacheFile(path: string, body: CacheFile, maxBytes: number): Promise<number | undefined> {
  const { tables, ...rest } = body.model;
  const head = JSON.stringify({ ...body, model: rest });
  // `{…,"model":{…}}` → `{…,"model":{…,"tables":[` … `]}}` (the model always has other keys).
  const chunks = function* (): Generator<string> {
    yield `${head.slice(0, -2)},"tables":[`;
    for (let i = 0; i < tables.length; i += TABLES_PER_WRITE) {
      const slice = JSON.stringify(tables.slice(i, i + TABLES_PER_WRITE));
      yield (i === 0 ? '' : ',') + slice.slice(1, -1);
    }
    yield ']}}';
  };
  const fh = await open(path, 'w', 0o600);
  let bytes = 0;
  try {
    for (const chunk of chunks()) {
      const buf = Buffer.from(chunk, 'utf8');
      bytes += buf.length;
      if (bytes > maxBytes) return undefined;
      await fh.write(buf);
    }
  } finally {
    await fh.close();
  }
  return bytes;
}
