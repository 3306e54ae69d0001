// The one check every driver makes before a write: the connection must have been configured with
// readOnly: false. The read-only session settings are the database's own guarantee; this makes
// execute() on a read-only connection fail with a clear message instead of a server error.
import { DriverError } from './errors';
import type { ConnectionConfig } from './types';

export function requireWritable(config: Pick<ConnectionConfig, 'name' | 'readOnly'>): void {
  if (config.readOnly !== false)
    throw new DriverError('read_only', `connection "${config.name}" is read-only; writes need a connection configured with readOnly: false`);
}
