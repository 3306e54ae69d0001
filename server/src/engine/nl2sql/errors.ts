// Provider failures as one error type with a category a caller can act on. Messages are built
// here from status codes and short server texts, and scrubbed of the API key in case a server
// echoes it back.

export type ProviderErrorKind = 'auth' | 'rate-limit' | 'timeout' | 'unreachable' | 'server' | 'bad-request' | 'bad-response' | 'cancelled' | 'config';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Removes every occurrence of `secret` (and of its longer prefixes) from a message. */
export function scrubSecret(message: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return message;
  let out = message.split(secret).join('[redacted]');
  // Servers sometimes echo a truncated key ("sk-abc…xyz"): hide any 8+ character piece of it too.
  for (let len = Math.min(secret.length - 1, 24); len >= 8; len--) {
    for (let i = 0; i + len <= secret.length; i += 4) out = out.split(secret.slice(i, i + len)).join('[redacted]');
  }
  return out;
}
