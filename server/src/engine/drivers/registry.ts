// One place that turns a ConnectionConfig into the driver for its kind. Drivers are constructed
// here only; nothing connects until the caller calls connect().
import { DriverError } from './errors';
import type { ConnectionConfig, DatabaseDriver, DriverKind } from './types';
import { PostgresDriver } from './postgres/postgres-driver';
import { PgliteDriver } from './pglite/pglite-driver';
import type { MysqlDriver } from './mysql/mysql-driver';
import type { MssqlDriver } from './mssql/mssql-driver';

type DriverFactory = (config: ConnectionConfig) => DatabaseDriver;

const FACTORIES: Partial<Record<DriverKind, DriverFactory>> = {
  postgres: (config) => new PostgresDriver(config),
  pglite: (config) => new PgliteDriver(config),
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- like mssql below: mysql2 only for MySQL connections
  mysql: (config) => new (require('./mysql/mysql-driver') as { MysqlDriver: typeof MysqlDriver }).MysqlDriver(config),
  // Required on first use: the mssql package (with tedious and the Azure SDK) is large, and its file
  // is loaded only for SQL Server connections (esbuild-vendor.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mssql: (config) => new (require('./mssql/mssql-driver') as { MssqlDriver: typeof MssqlDriver }).MssqlDriver(config),
};

export function createDriver(config: ConnectionConfig): DatabaseDriver {
  const factory = FACTORIES[config.driver];
  if (!factory) throw new DriverError('config', `no driver for "${String(config.driver)}" connections in this build`);
  return factory(config);
}
