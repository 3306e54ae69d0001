// Maps mssql/tedious errors to DriverError kinds. ConnectionError codes: ELOGIN (login refused),
// ESOCKET (refused, reset, DNS), ETIMEOUT (no answer in time), EINSTLOOKUP (named instance lookup);
// RequestError: ETIMEOUT (request timeout), ECANCEL, EREQUEST with the server's error number.
import { DriverError, type DriverErrorKind } from '../errors';

interface MssqlLikeError {
  code?: string;
  number?: number;
  message?: string;
  name?: string;
  originalError?: { code?: string; message?: string; cause?: { code?: string } };
}

export function toMssqlDriverError(e: unknown, where: string, database?: string): DriverError {
  if (e instanceof DriverError) return e;
  const err = (e ?? {}) as MssqlLikeError;
  const text = err.message ?? String(e);
  const socketCode = err.originalError?.cause?.code ?? err.originalError?.code;
  const make = (kind: DriverErrorKind, message: string) => new DriverError(kind, message, { cause: e });
  // 4060: cannot open database requested by the login; 18456: login failed.
  if (err.number === 4060 || /Cannot open database/i.test(text)) return make('database_not_found', `database "${database ?? '?'}" does not exist on ${where} or the login may not open it`);
  switch (err.code) {
    case 'ELOGIN':
      return make('auth', `SQL Server at ${where} refused the login: check the user name and password`);
    case 'ESOCKET':
    case 'EINSTLOOKUP':
      if (/ECONNRESET|closed/i.test(text) && err.name === 'RequestError') return make('connection_lost', `the connection to SQL Server at ${where} was lost; the next request reconnects`);
      return make('unreachable', `cannot reach SQL Server at ${where}${socketCode ? ` (${socketCode})` : ''}: is the server running and the host/port right?`);
    case 'ETIMEOUT':
      return err.name === 'RequestError'
        ? make('timeout', `the query ran past its time limit and was cancelled`)
        : make('timeout', `SQL Server at ${where} did not answer in time (connect timeout)`);
    case 'ECONNCLOSED':
    case 'ENOTOPEN':
      return make('connection_lost', `the connection to SQL Server at ${where} is closed; the next request reconnects`);
    case 'EENCRYPT':
      return make('ssl', `TLS to SQL Server at ${where} failed: ${text}`);
  }
  if (err.number === 3906 || err.number === 262 || err.number === 229) return make('read_only', text);
  if (typeof err.number === 'number' || err.code === 'EREQUEST') return make('query', text);
  return make('unknown', `SQL Server error: ${text}`);
}
