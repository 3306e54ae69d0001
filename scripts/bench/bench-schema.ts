// The benchmark database: 5,000 tables × 15 columns in PostgreSQL (sw_bench_5k), each table with a
// primary key and a foreign key to the table before it, created by one generated DDL script. The
// database is kept between runs (marked with a comment saying how it was built) and rebuilt when
// the marker differs or --recreate is given.
import { Client } from 'pg';

export const BENCH_DATABASE = 'sw_bench_5k';
/** The server's admin database (SCHEMAWISE_TEST_PG_URL, as the tests), and the benchmark database on it. */
export const ADMIN_URL = process.env.SCHEMAWISE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_URL = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = '/' + BENCH_DATABASE;
  return u.toString();
})();
export const TABLES = 5000;
const MARKER = `schemawise bench: ${TABLES} tables x 15 columns v1`;

const WORDS = ['customer', 'order', 'product', 'invoice', 'shipment', 'supplier', 'payment', 'account', 'ticket', 'event'];

export function tableName(i: number): string {
  return `${WORDS[i % WORDS.length]}_${String(i).padStart(4, '0')}`;
}

/** The 15 columns of every table (the FK column points at the previous table). */
export const COLUMNS = [
  'id bigint PRIMARY KEY',
  'ref_id bigint',
  'name text NOT NULL',
  'status text',
  'amount numeric(12,2)',
  'quantity integer',
  'created_at timestamptz NOT NULL DEFAULT now()',
  'updated_at timestamptz',
  'note text',
  'code varchar(32)',
  'is_active boolean DEFAULT true',
  'score double precision',
  'owner_id bigint',
  'region text',
  'payload jsonb',
];

/** The DDL script, as chunks of statements (one implicit transaction each: a single transaction over 5,000 tables runs out of lock slots). */
export function benchDdl(chunk = 500): string[] {
  const out: string[] = [];
  for (let i = 0; i < TABLES; i++) {
    const cols = [...COLUMNS];
    if (i > 0) cols[1] = `ref_id bigint REFERENCES ${tableName(i - 1)} (id)`;
    out.push(`CREATE TABLE ${tableName(i)} (\n  ${cols.join(',\n  ')}\n);`);
  }
  const chunks: string[] = [];
  for (let i = 0; i < out.length; i += chunk) chunks.push(out.slice(i, i + chunk).join('\n'));
  // The marker last: a database whose build was interrupted is rebuilt next time.
  chunks.push(`COMMENT ON DATABASE ${BENCH_DATABASE} IS '${MARKER}';`);
  return chunks;
}

/** Creates (or reuses) the benchmark database; returns whether it was (re)built and how long it took. */
export async function ensureBenchDatabase(adminUrl: string, databaseUrl: string, recreate: boolean): Promise<{ built: boolean; ms: number }> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const t0 = performance.now();
  try {
    const found = await admin.query<{ marker: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
      [BENCH_DATABASE],
    );
    if (!recreate && found.rows[0]?.marker === MARKER) return { built: false, ms: 0 };
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (const part of benchDdl()) await db.query(part);
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  return { built: true, ms: performance.now() - t0 };
}
