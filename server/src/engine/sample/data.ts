// Builds the sample rows. Why generate at load time with a seeded PRNG instead of committing a SQL
// data file made with faker: the generator is ~25 kB of source against a multi-megabyte data file,
// needs no faker at run time (faker is large), keeps every cross-table rule in code where it can be
// read (a return never exceeds its order line, invoice status agrees with its payments, ...), and a
// fixed seed plus a fixed calendar window make it identical on every load.
import { generateBilling } from './generate/billing';
import { generateCatalog } from './generate/catalog';
import { generateEvents } from './generate/events';
import { generateOrders } from './generate/orders';
import { generatePeople } from './generate/people';
import { generateSupport } from './generate/support';
import { Random } from './random';
import { emptyWorld } from './records';
import { insertStatements, type TableRows } from './sql-values';

/** Changing the seed changes every row; tests pin the data through checksums, not this number. */
export const SAMPLE_SEED = 20250630;

/** Every table's rows, parents before children (the order they must be inserted in). */
export function generateSampleTables(seed = SAMPLE_SEED): TableRows[] {
  const rng = new Random(seed);
  const world = emptyWorld();
  generatePeople(rng, world);
  generateCatalog(rng, world);
  generateOrders(rng, world);
  generateBilling(rng, world);
  generateSupport(rng, world);
  generateEvents(world);
  return world.tables;
}

/**
 * One SQL script with all INSERT statements. No BEGIN/COMMIT: sent as one multi-statement string
 * (PGlite's exec, the simple query protocol) it already runs as one implicit transaction, and an
 * explicit block would leave the session in an aborted transaction after an error.
 */
export function generateSampleDataSql(seed = SAMPLE_SEED): string {
  return generateSampleTables(seed).flatMap(insertStatements).join('\n');
}
