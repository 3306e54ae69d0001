// Errors of the schema session, one kind per thing the user can fix. Messages are safe to show:
// they name the source, never a password.
import { errorMessage, isDriverError, type DriverErrorKind } from '../drivers/errors';
import { maskSecret } from '../safety/mask';

export type SessionErrorKind = 'snapshot' | 'connect' | 'introspect' | 'not_connected';

export class SessionError extends Error {
  override readonly name = 'SessionError';
  constructor(
    readonly kind: SessionErrorKind,
    message: string,
    /** The driver's category when a driver failed (auth, unreachable, …). */
    readonly driverKind?: DriverErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wraps a driver failure with what was being done, masking the password should a driver echo it. */
export function sessionErrorFrom(kind: SessionErrorKind, doing: string, e: unknown, password?: string): SessionError {
  // Where the password stands (URL, key=value), never as a piece of a word (mask.ts).
  const message = maskSecret(errorMessage(e), password);
  return new SessionError(kind, `${doing}: ${message}`, isDriverError(e) ? e.kind : undefined, { cause: e });
}
