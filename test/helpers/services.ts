// Access to the live database servers the integration tests need. Outside CI a missing server skips
// the suite (with the reason); with CI=true it fails, so CI can never pass by skipping.
import { Client } from 'pg';
import type { Context } from 'mocha';

export const PG_URL = process.env.SCHEMAWISE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.SCHEMAWISE_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

const inCi = () => process.env.CI === 'true' || process.env.CI === '1';

async function unavailable(ctx: Context, what: string, err: unknown): Promise<never> {
  const reason = `${what} is not reachable: ${(err as Error).message}`;
  if (inCi()) throw new Error(`${reason} (CI=true: a required server is missing, failing instead of skipping)`);
  console.warn(`  skipped: ${reason}`);
  ctx.skip();
  throw new Error('unreachable');
}

/** Call from a `before` hook: skips locally / fails in CI when PostgreSQL is down. */
export async function requirePostgres(ctx: Context): Promise<void> {
  const c = new Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
  } catch (e) {
    await unavailable(ctx, `PostgreSQL at ${PG_URL}`, e);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Call from a `before` hook: skips locally / fails in CI when MariaDB/MySQL is down. */
export async function requireMysql(ctx: Context): Promise<void> {
  const mysql = await import('mysql2/promise');
  try {
    const c = await mysql.createConnection({ uri: MYSQL_URL, connectTimeout: 3000 });
    await c.query('select 1');
    await c.end();
  } catch (e) {
    await unavailable(ctx, `MySQL/MariaDB at ${MYSQL_URL}`, e);
  }
}

/** A postgres:// URL for another database on the test server. */
export function pgUrlFor(database: string): string {
  const u = new URL(PG_URL);
  u.pathname = '/' + database;
  return u.toString();
}

/** Runs `text` on a database of the test server (`'admin'`: the server's own test database), on a connection of its own. */
export async function pgExec(database: string, text: string): Promise<void> {
  const c = new Client({ connectionString: database === 'admin' ? PG_URL : pgUrlFor(database) });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}
