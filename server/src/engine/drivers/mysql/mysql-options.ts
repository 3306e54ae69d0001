// ConnectionConfig → mysql2 pool options, including TLS: require = encrypted without certificate
// checks; verify-ca = CA checked, host name not; verify-full = CA and host name checked.
import { readFileSync } from 'node:fs';
import type { PoolOptions, SslOptions as Mysql2Ssl } from 'mysql2/promise';
import type { ConnectionConfig, SslOptions } from '../types';
import { DriverError } from '../errors';

/** Concurrent catalog queries need a few connections; a language server needs no more. */
const POOL_SIZE = 4;

/** Where and how to connect (address, credentials, TLS, one statement per call): shared by every mysql2 connection we open. */
export function mysqlConnectOptions(config: ConnectionConfig) {
  return {
    host: config.host ?? '127.0.0.1',
    port: config.port ?? 3306,
    user: config.user ?? 'root',
    password: config.password,
    database: config.database,
    connectTimeout: config.connectTimeoutMs ?? 10_000,
    ssl: mysqlSsl(config.ssl),
    charset: 'utf8mb4',
    // One statement per call: user text can never smuggle a second statement past the read-only wrapper.
    multipleStatements: false,
  };
}

export function mysqlPoolOptions(config: ConnectionConfig): PoolOptions {
  return {
    ...mysqlConnectOptions(config),
    connectionLimit: POOL_SIZE,
    maxIdle: POOL_SIZE,
    // Exact text for DECIMAL/BIGINT/dates in result grids instead of lossy JS numbers or local-time Dates.
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    dateStrings: true,
  };
}

export function mysqlSsl(ssl: SslOptions | undefined): Mysql2Ssl | undefined {
  if (!ssl || ssl.mode === 'disable') return undefined;
  if (ssl.mode === 'require') return { rejectUnauthorized: false, cert: pem(ssl.cert), key: pem(ssl.key) };
  if (!ssl.ca) throw new DriverError('config', `sslmode=${ssl.mode} needs a CA certificate (sslrootcert)`);
  return {
    rejectUnauthorized: true,
    ca: pem(ssl.ca),
    cert: pem(ssl.cert),
    key: pem(ssl.key),
    // verify-ca trusts any host name the CA signed for.
    ...(ssl.mode === 'verify-ca' ? { verifyIdentity: false } : { verifyIdentity: true }),
  };
}

/** PEM text as given, or the contents of the file it names. */
function pem(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (e) {
    throw new DriverError('config', `cannot read certificate file ${value}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}
