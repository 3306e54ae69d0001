// The rule for writing mock rows into a database: the same as for running SQL. The connection must
// be writable (readOnly: false, drivers/writable.ts), and a connection tagged `production` is
// refused outright: mock data has no business there, and no confirmation makes it right.
import { DriverError } from '../drivers/errors';
import type { ConnectionConfig } from '../drivers/types';
import { requireWritable } from '../drivers/writable';
import { isProductionConnection } from '../safety/confirm-policy';

export function assertMockWritable(config: Pick<ConnectionConfig, 'name' | 'readOnly' | 'tags'>): void {
  requireWritable(config);
  if (isProductionConnection(config.tags))
    throw new DriverError('read_only', `connection "${config.name}" is tagged production: mock data is never written there`);
}
