// "Test connection": connect, ask the server its version in a read-only transaction, disconnect.
// Nothing else changes (the session's current source stays), so a client can check a connection
// before saving it.
import type { DialectId } from '../schema/model';
import { createDriver } from './registry';
import type { ConnectionConfig, DatabaseDriver } from './types';

const VERSION_SQL: Record<DialectId, string> = {
  postgres: 'select version() as version',
  mysql: 'select version() as version',
  mssql: 'select @@version as version',
};

export interface ProbeResult {
  /** The server's own version string, first line. */
  serverVersion: string;
  /** Connect + query time. */
  ms: number;
}

export async function probeConnection(config: ConnectionConfig, create: (c: ConnectionConfig) => DatabaseDriver = createDriver): Promise<ProbeResult> {
  const started = performance.now();
  const driver = create({ ...config, readOnly: true });
  try {
    await driver.connect();
    const r = await driver.queryReadOnly(VERSION_SQL[driver.dialect], { maxRows: 1, timeoutMs: 10_000 });
    const version = String(r.rows[0]?.[0] ?? '').split('\n')[0]!.trim();
    return { serverVersion: version || 'unknown version', ms: Math.round(performance.now() - started) };
  } finally {
    await driver.close().catch(() => undefined);
  }
}
