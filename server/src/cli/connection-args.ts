// The connection options shared by every command that talks to a database.
import { parseConnectionUrl, redactUrl } from '../engine/drivers/connection-url';
import { DriverError } from '../engine/drivers/errors';
import type { ConnectionConfig } from '../engine/drivers/types';
import { stringFlag, UsageError, type FlagSpec, type ParsedArgs } from './args';

export const CONNECTION_FLAGS: Record<string, FlagSpec> = {
  connection: { value: true, placeholder: 'url', description: 'database URL: postgres://user@host:5432/db, mysql://…, mssql://… (password: SCHEMAWISE_PASSWORD)' },
  sample: { value: false, description: 'use the embedded sample database (no server needed)' },
};

export function connectionFromArgs(args: ParsedArgs): ConnectionConfig {
  const url = stringFlag(args, 'connection');
  if (url && args.flags.has('sample')) throw new UsageError('give either --connection or --sample, not both');
  if (args.flags.has('sample')) return parseConnectionUrl('pglite:sample');
  if (!url) throw new UsageError('a database is needed: --connection <url> or --sample');
  let config: ConnectionConfig;
  try {
    config = parseConnectionUrl(url);
  } catch (e) {
    // A URL that cannot be read is a mistake in the arguments (exit 64), not a database failure.
    if (e instanceof DriverError && e.kind === 'config') throw new UsageError(`--connection: ${e.message}`);
    throw e;
  }
  if (config.driver !== 'pglite' && !config.database)
    throw new UsageError(`--connection: the URL names no database; add it after the host, e.g. ${redactUrl(url).replace(/[?#].*$/, '').replace(/\/*$/, '')}/<database>`);
  if (!config.password && process.env.SCHEMAWISE_PASSWORD) config.password = process.env.SCHEMAWISE_PASSWORD;
  return config;
}
