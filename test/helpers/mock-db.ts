// Scratch PostgreSQL databases for the mock-data tests: empty copies of published schemas (DDL only,
// constraints as published), introspection, writable configs and per-table checksums.
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { createDriver } from '../../server/src/engine/drivers/registry';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { pgScriptStatements, recreateDatabase } from './datasets';
import { pgUrlFor } from './services';

export async function withClient<T>(database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** An empty copy: the script's DDL only (no INSERT/COPY), all constraints as published. */
export async function loadEmptyCopy(database: string, script: string): Promise<void> {
  await recreateDatabase(database);
  const statements = pgScriptStatements(readFileSync(script, 'utf8'), { ddlOnly: true });
  await withClient(database, (c) => c.query(statements.join('\n;\n') + '\n;'));
}

export async function introspect(database: string): Promise<SchemaModel> {
  const driver = createDriver(parseConnectionUrl(pgUrlFor(database)));
  await driver.connect();
  try {
    return await driver.introspect();
  } finally {
    await driver.close();
  }
}

export function writable(database: string) {
  return { ...parseConnectionUrl(pgUrlFor(database)), readOnly: false };
}

/** count(*) and an md5 over every row's text, per table. */
export async function checksums(database: string, model: SchemaModel): Promise<Map<string, { count: number; md5: string }>> {
  const out = new Map<string, { count: number; md5: string }>();
  await withClient(database, async (c) => {
    for (const t of model.tables.filter((x) => x.kind === 'table')) {
      const name = `"${t.schema}"."${t.name}"`;
      const r = await c.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ONLY ${name} x`);
      out.set(`${t.schema}.${t.name}`, { count: r.rows[0].n, md5: r.rows[0].h });
    }
  });
  return out;
}

export async function truncateAll(database: string, model: SchemaModel): Promise<void> {
  const names = model.tables.filter((t) => t.kind === 'table').map((t) => `"${t.schema}"."${t.name}"`);
  await withClient(database, (c) => c.query(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`));
}

