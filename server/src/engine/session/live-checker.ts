// State of the diagnostics' live check per open document: which statements the database already
// judged (statement text → objection), forgotten when the schema changes. Checks that need the
// database run one at a time across all documents, so the live check never takes more than one
// pooled connection (or PGlite's only one) away from queries the user runs.
import { liveCheck, type PrepareError } from '../diagnostics/live-check';
import type { Diagnostic, DiagnosticsConfig } from '../diagnostics/types';
import type { DialectId } from '../schema/model';
import type { SchemaSession } from './schema-session';

/** Server-side limit of one prepare; the client gives up a little later (no diagnostic then). */
const PREPARE_TIMEOUT_MS = 2000;
const CLIENT_TIMEOUT_MS = 2500;
/** Statement texts remembered per document before the cache starts over (edits create new texts). */
const MAX_CACHED = 2000;

export class LiveChecker {
  private readonly caches = new Map<string, Map<string, PrepareError | null>>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(private readonly session: SchemaSession) {
    // A new or refreshed schema can change every verdict.
    this.unsubscribe = session.onDidChange(() => this.caches.clear());
  }

  /** Whether documents of `dialect` can be checked: a connection of that dialect that can prepare. */
  available(dialect: DialectId): boolean {
    return this.session.prepareDialect === dialect;
  }

  /** The diagnostics known without asking the database: instant, for the static publish. */
  cached(uri: string, text: string, dialect: DialectId, config?: DiagnosticsConfig): Promise<Diagnostic[]> {
    const cache = this.caches.get(uri);
    if (!cache || !this.available(dialect)) return Promise.resolve([]);
    return liveCheck(text, dialect, () => Promise.reject(new Error('not cached')), { config, cache });
  }

  /**
   * Asks the database about every statement not judged yet (queued behind other documents' checks).
   * Once `stale()` says the text was edited, the remaining statements are skipped unasked: a long
   * file does not keep the database busy for a text nobody will see.
   */
  check(uri: string, text: string, dialect: DialectId, config?: DiagnosticsConfig, stale: () => boolean = () => false): Promise<Diagnostic[]> {
    const run = async () => {
      if (!this.available(dialect) || stale()) return [];
      let cache = this.caches.get(uri);
      if (!cache || cache.size > MAX_CACHED) this.caches.set(uri, (cache = new Map()));
      const prepare = (sql: string) => (stale() ? Promise.reject(new Error('edited meanwhile')) : this.session.prepareCheck(sql, { timeoutMs: PREPARE_TIMEOUT_MS }));
      return liveCheck(text, dialect, prepare, { config, cache, timeoutMs: CLIENT_TIMEOUT_MS });
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  forget(uri: string): void {
    this.caches.delete(uri);
  }

  dispose(): void {
    this.unsubscribe();
    this.caches.clear();
  }
}
