// Driver failures as one error type with a category and a message a person can act on. Raw driver
// errors stay in `cause` for trace logs; messages never contain a password.

export type DriverErrorKind =
  | 'auth'
  | 'unreachable'
  | 'timeout'
  | 'database_not_found'
  | 'ssl'
  | 'config'
  | 'connection_lost'
  | 'query'
  | 'read_only'
  /** A write whose connection was lost after it was sent: it may or may not have been applied. */
  | 'outcome_unknown'
  /** Stopped by the user before or while it ran. */
  | 'cancelled'
  | 'unknown';

export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    readonly kind: DriverErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isDriverError(e: unknown): e is DriverError {
  return e instanceof DriverError;
}

/** Message for any thrown value, safe to show and log. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
