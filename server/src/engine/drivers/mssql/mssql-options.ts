// ConnectionConfig → mssql pool config. TLS: require = encrypted, server certificate trusted as is;
// verify-ca/verify-full = certificate checked against the given CA (or the system store). tedious
// always checks the host name once it checks certificates, so verify-ca behaves like verify-full.
import { readFileSync } from 'node:fs';
import type { config as MssqlConfig } from 'mssql';
import type { ConnectionConfig } from '../types';
import { DriverError } from '../errors';

export function mssqlPoolConfig(c: ConnectionConfig): MssqlConfig {
  const ssl = c.ssl;
  const encrypt = !!ssl && ssl.mode !== 'disable';
  return {
    server: c.host ?? '127.0.0.1',
    port: c.port ?? 1433,
    user: c.user,
    password: c.password,
    database: c.database,
    connectionTimeout: c.connectTimeoutMs ?? 15_000,
    requestTimeout: 60_000,
    pool: { max: 4, min: 0, idleTimeoutMillis: 30_000 },
    options: {
      encrypt,
      trustServerCertificate: !encrypt || ssl?.mode === 'require',
      ...(encrypt && ssl?.ca ? { cryptoCredentialsDetails: { ca: pem(ssl.ca), cert: pem(ssl.cert), key: pem(ssl.key) } } : {}),
      appName: 'schemawise',
      abortTransactionOnError: true,
    },
  };
}

function pem(value: string | undefined): string | undefined {
  if (!value || value.includes('-----BEGIN')) return value;
  try {
    return readFileSync(value, 'utf8');
  } catch (e) {
    throw new DriverError('config', `cannot read certificate file ${value}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}
