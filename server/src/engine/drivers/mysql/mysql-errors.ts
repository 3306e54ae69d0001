// Maps mysql2 errors (network codes and server error names) to DriverError kinds with messages a
// person can act on. The raw error stays in `cause`; messages name the server, never the password.
import { DriverError, type DriverErrorKind } from '../errors';

interface MysqlLikeError {
  code?: string;
  errno?: number;
  message?: string;
  fatal?: boolean;
}

const CONNECTION_LOST = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'EPIPE',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'CR_SERVER_LOST',
  'CR_SERVER_GONE_ERROR',
]);

const ERRNO_NAMES: Record<number, string> = {
  1044: 'ER_DBACCESS_DENIED_ERROR',
  1045: 'ER_ACCESS_DENIED_ERROR',
  1049: 'ER_BAD_DB_ERROR',
  1053: 'ER_SERVER_SHUTDOWN',
  1792: 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION',
  1927: 'ER_CONNECTION_KILLED',
  1969: 'ER_STATEMENT_TIMEOUT',
  3024: 'ER_QUERY_TIMEOUT',
};

export interface ErrorContext {
  /** "host:port" for messages. */
  where: string;
  database?: string;
  user?: string;
}

export function toMysqlDriverError(e: unknown, ctx: ErrorContext): DriverError {
  if (e instanceof DriverError) return e;
  const err = (e ?? {}) as MysqlLikeError;
  // mysql2 names only the MySQL error numbers; MariaDB-only ones (e.g. 1969) arrive without a name.
  const code = err.code && !/^\d+$/.test(err.code) ? err.code : (ERRNO_NAMES[err.errno ?? -1] ?? err.code ?? '');
  const serverText = err.message ?? String(e);
  const make = (kind: DriverErrorKind, message: string) => new DriverError(kind, message, { cause: e });
  switch (code) {
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
    case 'ER_NOT_SUPPORTED_AUTH_MODE':
      return make('auth', `MySQL/MariaDB at ${ctx.where} refused the login${ctx.user ? ` of user "${ctx.user}"` : ''}: check the user name and password (${code})`);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return make('unreachable', `cannot reach MySQL/MariaDB at ${ctx.where} (${code}): is the server running and the host/port right?`);
    case 'ETIMEDOUT':
      return make('timeout', `MySQL/MariaDB at ${ctx.where} did not answer in time (connect timeout)`);
    case 'ER_BAD_DB_ERROR':
      return make('database_not_found', `database "${ctx.database ?? '?'}" does not exist on ${ctx.where}`);
    case 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION':
      return make('read_only', `refused: the statement writes, and the session is read-only (${serverText})`);
    case 'ER_STATEMENT_TIMEOUT':
    case 'ER_QUERY_TIMEOUT':
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
      return make('timeout', `the query ran past its time limit and was stopped (${serverText})`);
    case 'HANDSHAKE_NO_SSL_SUPPORT':
    case 'HANDSHAKE_SSL_ERROR':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return make('ssl', `TLS to MySQL/MariaDB at ${ctx.where} failed: ${serverText}`);
  }
  if (CONNECTION_LOST.has(code) || (err.fatal && !code.startsWith('ER_')))
    return make('connection_lost', `the connection to MySQL/MariaDB at ${ctx.where} was lost (${code || serverText}); the next request reconnects`);
  if (code.startsWith('ER_')) return make('query', serverText);
  return make('unknown', `MySQL/MariaDB error: ${serverText}`);
}
