// Retry timing: exponential backoff with jitter, capped; a server's Retry-After wins but is capped
// too, so a hostile or confused server cannot park a request for an hour. Sleeping is cancellable.

export function backoffDelay(attempt: number, baseMs: number, maxMs: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return Math.min(retryAfterMs, maxMs);
  const exp = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(exp * (0.75 + Math.random() * 0.25));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
