// Turns node-postgres / PGlite / socket / TLS failures into a DriverError with a message a person can
// act on. SQLSTATE codes decide first, then Node error codes, then known driver message texts.
import { maskSecret } from '../../safety/mask';
import { DriverError, type DriverErrorKind } from '../errors';

export interface ErrorContext {
  /** What we were doing, e.g. "connecting to 127.0.0.1:5432/test" (never contains the password). */
  target: string;
  /** host:port, for messages about the server rather than one database on it. */
  server?: string;
  user?: string;
  database?: string;
  /** Removed from any message that might echo it. */
  password?: string;
  /** True while the connection is being opened (a reset then means "cannot connect", not "lost"). */
  connecting?: boolean;
}

interface RawError {
  code?: unknown;
  message?: unknown;
  severity?: unknown;
}

const TLS_CODES = /^(ERR_SSL_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|UNABLE_TO_|CERT_|HOSTNAME_MISMATCH$|ERR_OSSL_)/;

export function toDriverError(e: unknown, ctx: ErrorContext): DriverError {
  if (e instanceof DriverError) return e;
  const raw = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as RawError;
  const code = typeof raw.code === 'string' ? raw.code : '';
  const original = redact(typeof raw.message === 'string' ? raw.message : String(e), ctx.password);
  const [kind, message] = classify(code, original, ctx);
  return new DriverError(kind, redact(message, ctx.password), { cause: e });
}

function classify(code: string, msg: string, ctx: ErrorContext): [DriverErrorKind, string] {
  const who = ctx.user ? `user "${ctx.user}"` : 'the user';
  switch (code) {
    case '28P01':
      return ['auth', `authentication failed for ${who} on ${ctx.target}: wrong password`];
    case '28000':
      return ['auth', `authentication failed on ${ctx.target}: ${msg}`];
    case '3D000':
      return ['database_not_found', `database "${ctx.database ?? ''}" does not exist on ${ctx.server ?? ctx.target}`];
    case '25006':
      return ['read_only', `the statement tries to write, but the session is read-only: ${msg}`];
    case '57014':
      return ['timeout', `query cancelled: ${msg}`];
    case '57P01':
    case '57P02':
    case '57P03':
      return ['connection_lost', `connection to ${ctx.target} was closed by the server (${msg}); the next request reconnects`];
    case '53300':
      return ['unreachable', `${ctx.target} refuses new connections: ${msg}`];
    case 'ECONNREFUSED':
      return ['unreachable', `cannot connect to ${ctx.target}: connection refused (is the server running and listening on that port?)`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ['unreachable', `cannot connect to ${ctx.target}: host name not found`];
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return ['unreachable', `cannot connect to ${ctx.target}: host unreachable`];
    case 'ETIMEDOUT':
      return ['timeout', `timed out connecting to ${ctx.target}`];
    case 'ECONNRESET':
    case 'EPIPE':
      return ctx.connecting
        ? ['unreachable', `cannot connect to ${ctx.target}: the server closed the connection`]
        : ['connection_lost', `connection to ${ctx.target} was lost (${code}); the next request reconnects`];
  }
  if (TLS_CODES.test(code)) return ['ssl', `SSL/TLS failure with ${ctx.target}: ${msg}`];
  // Data modification inside a cursor over WITH is a write attempt too.
  if (code === '0A000' && /data-modifying/i.test(msg)) return ['read_only', `the statement tries to write, but the session is read-only: ${msg}`];
  if (/^08/.test(code)) return ['connection_lost', `connection to ${ctx.target} failed: ${msg}`];
  if (/does not support SSL|SSL (is )?not (enabled|supported)|ssl/i.test(msg) && !/^[0-9A-Z]{5}$/.test(code))
    return ['ssl', `SSL/TLS failure with ${ctx.target}: ${msg}`];
  if (/timeout|timed out/i.test(msg) && !/^[0-9A-Z]{5}$/.test(code)) return ['timeout', `timed out connecting to ${ctx.target}`];
  if (/Connection terminated|Client has encountered a connection error|not queryable|Connection closed/i.test(msg))
    return ctx.connecting
      ? ['unreachable', `cannot connect to ${ctx.target}: the connection was closed before the server answered`]
      : ['connection_lost', `connection to ${ctx.target} was lost; the next request reconnects`];
  if (/^[0-9A-Z]{5}$/.test(code)) return ['query', msg];
  return ['unknown', msg];
}

/**
 * Removes the password from a message where it stands (a connection string's userinfo or
 * password=…), in case a driver echoes one; never from inside ordinary words (safety/mask.ts).
 */
export function redact(message: string, password?: string): string {
  const m = message.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/gi, '$1***@');
  return maskSecret(m, password);
}
