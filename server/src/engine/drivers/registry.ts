// One place that turns a ConnectionConfig into the driver for its kind. Drivers are constructed
// here only; nothing connects until the caller calls connect().
import { DriverError } from './errors';
import type { ConnectionConfig, DatabaseDriver, DriverKind } from './types';
import { PostgresDriver } from './postgres/postgres-driver';
import { PgliteDriver } from './pglite/pglite-driver';
import { MysqlDriver } from './mysql/mysql-driver';
import { MssqlDriver } from './mssql/mssql-driver';

type DriverFactory = (config: ConnectionConfig) => DatabaseDriver;

const FACTORIES: Partial<Record<DriverKind, DriverFactory>> = {
  postgres: (config) => new PostgresDriver(config),
  pglite: (config) => new PgliteDriver(config),
  mysql: (config) => new MysqlDriver(config),
  mssql: (config) => new MssqlDriver(config),
};

export function createDriver(config: ConnectionConfig): DatabaseDriver {
  const factory = FACTORIES[config.driver];
  if (!factory) throw new DriverError('config', `no driver for "${String(config.driver)}" connections in this build`);
  return factory(config);
}
