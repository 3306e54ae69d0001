// The V8 code cache of the server's own bundle, seen from the server (the bootstrap, server/src/
// bootstrap/, reads it before the server runs): one log line on how this start used it, and one
// when it is written — after the first completion, once the user has paused (CODE_CACHE_QUIET_MS),
// so that it holds the functions the first requests compiled and its write (a few ms of
// serializing) never lands between two keystrokes. A cache V8 accepted is not rewritten.
import { errorMessage } from '../engine/drivers/errors';
import type { CodeCacheHandle } from '../bootstrap/handoff';
import type { Logger } from './logger';
import type { MessageScheduler } from './priority';

/** The user's pause after which the cache is written (the formatter warm-up waits 1.5 s: it goes first). */
export const CODE_CACHE_QUIET_MS = 2000;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Call before the connection listens (the first completion must not pass unseen); `onInitialized`
 * logs how the bundle was loaded. Nothing happens without a bootstrap hand-off.
 */
export function registerCodeCache(handle: CodeCacheHandle | undefined, log: Logger, scheduler: MessageScheduler): { onInitialized(): void } {
  const save = handle?.state !== 'used' ? handle?.save : undefined;
  if (save) {
    void scheduler
      .requested('textDocument/completion')
      .then(() => scheduler.quiet(CODE_CACHE_QUIET_MS))
      .then(save)
      .then(
        (bytes) => log.info(`code cache: written (${megabytes(bytes)})`),
        (e: unknown) => log.info(`code cache: not written (${(e as NodeJS.ErrnoException).code ?? errorMessage(e)})`),
      );
  }
  return {
    onInitialized() {
      if (!handle) return;
      if (handle.state === 'used') log.info(`code cache: used (${megabytes(handle.bytes ?? 0)})`);
      else if (handle.state === 'off') log.info(`code cache: off (${handle.reason ?? 'turned off'})`);
      else log.info(`code cache: ${handle.state === 'missing' ? 'none yet' : `ignored (${handle.reason ?? 'unusable'})`}${save ? '; written after the first completion' : ''}`);
    },
  };
}
