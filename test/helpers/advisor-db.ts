// Scratch Sakila database for the index advisor: schema and data from ../shared/datasets, every
// index that is neither a primary key nor unique removed (the advisor has to find them again), the
// HypoPG extension created (in this scratch database only) and statistics gathered.
import { Client } from 'pg';
import { datasetPath, loadPgDataset } from './datasets';
import { loadPgDataScript } from './pg-copy-data';
import { pgUrlFor } from './services';

/** The non-unique secondary indexes Sakila ships with, as "table(columns)"; the advisor should find them. */
export interface RemovedIndex {
  table: string;
  name: string;
  columns: string[];
  method: string;
}

export async function loadStrippedSakila(database: string, options: { hypopg: boolean }): Promise<RemovedIndex[]> {
  await loadPgDataset('sakila', database);
  await loadPgDataScript(database, datasetPath('sakila/sakila.postgres.data.sql'));
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    const r = await c.query<{ table: string; name: string; columns: string[]; method: string }>(`
      SELECT t.relname AS table, ic.relname AS name, am.amname AS method,
        array(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o) AS columns
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = ic.relam
      WHERE n.nspname = 'public' AND NOT i.indisprimary AND NOT i.indisunique AND t.relkind IN ('r', 'p') AND t.relname NOT LIKE 'payment\\_p%'
      ORDER BY 1, 2`);
    const all = await c.query<{ idx: string }>(`SELECT i.indexrelid::regclass::text AS idx FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public' AND NOT i.indisprimary AND NOT i.indisunique`);
    for (const { idx } of all.rows) await c.query(`DROP INDEX ${idx}`);
    if (options.hypopg) await c.query('CREATE EXTENSION IF NOT EXISTS hypopg');
    await c.query('ANALYZE');
    return r.rows;
  } finally {
    await c.end();
  }
}
