// The index advisor's own PostgreSQL session: one dedicated connection (never a pooled one, because
// HypoPG's hypothetical indexes live in the backend that created them), read-only for every
// transaction (default_transaction_read_only), with a statement timeout. Nothing it runs can write:
// hypothetical indexes are backend memory, and the server refuses anything else.
import pg from 'pg';
import type { ConnectionConfig } from '../types';
import { defaultPostgresUser } from './default-user';
import { toDriverError, type ErrorContext } from './errors';
import { tlsOptions } from './ssl';

export interface AdvisorSqlSession {
  /** Runs one statement (simple protocol: SET, PREPARE, EXPLAIN, SELECT); rows as objects. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function openPostgresAdvisorSession(config: ConnectionConfig, statementTimeoutMs = 30_000): Promise<AdvisorSqlSession> {
  const user = config.user ?? defaultPostgresUser();
  const server = `${config.host ?? '127.0.0.1'}:${config.port ?? 5432}`;
  const ctx: ErrorContext = { target: `${server}/${config.database ?? ''}`, server, user, database: config.database, password: config.password };
  const client = new pg.Client({
    host: config.host ?? '127.0.0.1',
    port: config.port ?? 5432,
    database: config.database,
    user,
    password: config.password,
    ssl: tlsOptions(config.ssl),
    connectionTimeoutMillis: config.connectTimeoutMs ?? 10_000,
    application_name: 'schemawise-advisor',
    // Always read-only, whatever the connection's own setting: the advisor never writes.
    options: `-c default_transaction_read_only=on -c statement_timeout=${Math.max(1, Math.floor(statementTimeoutMs))}`,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw toDriverError(e, { ...ctx, connecting: true });
  }
  return {
    async query(sql) {
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } catch (e) {
        throw toDriverError(e, ctx);
      }
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
