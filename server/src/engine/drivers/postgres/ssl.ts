// SslOptions → the TLS options node-postgres takes. Certificates are PEM text or a file path.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { DriverError } from '../errors';
import type { SslOptions } from '../types';

export function tlsOptions(ssl: SslOptions | undefined): false | ConnectionOptions {
  if (!ssl || ssl.mode === 'disable') return false;
  const pem = {
    ...(ssl.ca ? { ca: readPem(ssl.ca, 'CA certificate') } : {}),
    ...(ssl.cert ? { cert: readPem(ssl.cert, 'client certificate') } : {}),
    ...(ssl.key ? { key: readPem(ssl.key, 'client key') } : {}),
  };
  switch (ssl.mode) {
    case 'require':
      // Encrypted, but no certificate checks (libpq's sslmode=require).
      return { ...pem, rejectUnauthorized: false };
    case 'verify-ca':
      // The chain must lead to the CA; the host name is not compared.
      return { ...pem, rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { ...pem, rejectUnauthorized: true };
    default:
      throw new DriverError('config', `unknown SSL mode "${String((ssl as { mode: unknown }).mode)}" (use disable, require, verify-ca or verify-full)`);
  }
}

function readPem(value: string, what: string): string {
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (e) {
    throw new DriverError('config', `cannot read the ${what} file "${value}": ${(e as NodeJS.ErrnoException).code ?? 'error'}`, { cause: e });
  }
}
