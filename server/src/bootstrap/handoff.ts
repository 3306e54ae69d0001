// What the bootstrap (server.ts in this folder) tells the server bundle it loaded about the V8 code
// cache: the two are separate bundles, so the hand-off is one object on a global symbol, set before
// the bundle runs. Without the bootstrap (server-main.js run directly) there is none.

export type CodeCacheState =
  /** V8 accepted the cache: the bundle was not compiled again. */
  | 'used'
  /** No cache for this bundle, Node.js and flags yet. */
  | 'missing'
  /** A cache file was there but could not be used (unreadable, not ours, checksum, V8 rejected it). */
  | 'rejected'
  /** Turned off (SCHEMAWISE_CODE_CACHE=0, or --enable-source-maps): the bundle was loaded by Node.js as any module; nothing is written. */
  | 'off';

export interface CodeCacheHandle {
  readonly state: CodeCacheState;
  /** Why a cache was rejected, or what turned it off: a few words, never a path. */
  readonly reason?: string;
  /** Size of the cache that was used. */
  readonly bytes?: number;
  /**
   * Writes what V8 has compiled of the bundle so far (the functions the first requests ran included)
   * as the cache for the next start; resolves to its size. Absent when the cache is off.
   */
  save?(): Promise<number>;
}

const KEY = Symbol.for('schemawise.codeCache');

export function publishCodeCache(handle: CodeCacheHandle): void {
  (globalThis as { [KEY]?: CodeCacheHandle })[KEY] = handle;
}

/** The bootstrap's hand-off, or undefined when the bundle was started without it. */
export function codeCacheHandle(): CodeCacheHandle | undefined {
  return (globalThis as { [KEY]?: CodeCacheHandle })[KEY];
}
