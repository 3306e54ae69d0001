// Parses connection URLs (postgres://, postgresql://, mysql://, mariadb://, mssql://, sqlserver://,
// pglite:// or pglite:sample) into a ConnectionConfig. The password is kept in the config but never
// in the name or any message.
import type { ConnectionConfig, DriverKind, SslOptions } from './types';
import { DriverError } from './errors';

const SCHEMES: Record<string, DriverKind> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  mssql: 'mssql',
  sqlserver: 'mssql',
  pglite: 'pglite',
};

const DEFAULT_PORTS: Partial<Record<DriverKind, number>> = { postgres: 5432, mysql: 3306, mssql: 1433 };

export function parseConnectionUrl(url: string, overrides: Partial<ConnectionConfig> = {}): ConnectionConfig {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const driver = scheme ? SCHEMES[scheme] : undefined;
  if (!driver)
    throw new DriverError('config', `unsupported connection URL scheme${scheme ? ` "${scheme}:"` : ''}; use postgres://, mysql://, mssql:// or pglite:sample`);
  if (driver === 'pglite') {
    const rest = url.slice(scheme!.length + 1).replace(/^\/\//, '');
    const sample = rest === 'sample' || rest === '';
    return { name: sample ? 'sample' : 'pglite', driver, readOnly: true, sample, dataDir: sample ? undefined : rest, ...overrides };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DriverError('config', `malformed connection URL (expected ${scheme}://user@host:port/database)`);
  }
  const params = u.searchParams;
  const sslmode = params.get('sslmode') ?? params.get('ssl');
  let ssl: SslOptions | undefined;
  if (sslmode && sslmode !== 'disable' && sslmode !== 'false') {
    const mode = sslmode === 'true' || sslmode === 'prefer' ? 'require' : sslmode;
    if (mode !== 'require' && mode !== 'verify-ca' && mode !== 'verify-full')
      throw new DriverError('config', `unknown sslmode "${sslmode}" (use disable, require, verify-ca or verify-full)`);
    ssl = { mode, ca: params.get('sslrootcert') ?? undefined, cert: params.get('sslcert') ?? undefined, key: params.get('sslkey') ?? undefined };
  }
  const host = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || '127.0.0.1';
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined;
  const user = u.username ? decodeURIComponent(u.username) : undefined;
  return {
    name: `${user ? user + '@' : ''}${host}/${database ?? ''}`,
    driver,
    host,
    port: u.port ? Number(u.port) : DEFAULT_PORTS[driver],
    database,
    user,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    ssl,
    readOnly: true,
    connectTimeoutMs: params.has('connect_timeout') ? Number(params.get('connect_timeout')) * 1000 : undefined,
    ...overrides,
  };
}

/** The URL with its password masked, for logs and messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}
