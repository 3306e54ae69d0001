// Real schemas for the fixture-driven completion/navigation tests: Chinook, Sakila and
// AdventureWorks (five schemas) loaded from ../shared/datasets into PostgreSQL databases named
// sw_nav_*, then introspected by the PostgreSQL driver exactly as the language server would. Loaded
// once per test run (the promises are shared by every suite that asks).
import type { Context } from 'mocha';
import { createDriver } from '../../server/src/engine/drivers/registry';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { SchemaIndex } from '../../server/src/engine/schema/schema-index';
import { loadPgDataset, type PgDataset } from '../helpers/datasets';
import { pgUrlFor, requirePostgres } from '../helpers/services';

export const NAV_DATABASES: Record<PgDataset, string> = {
  chinook: 'sw_nav_chinook',
  sakila: 'sw_nav_sakila',
  adventureworks: 'sw_nav_adventureworks',
};

const models = new Map<PgDataset, Promise<SchemaModel>>();

export function datasetModel(dataset: PgDataset): Promise<SchemaModel> {
  let p = models.get(dataset);
  if (!p) {
    p = (async () => {
      const database = await loadPgDataset(dataset, NAV_DATABASES[dataset]);
      const driver = createDriver(parseConnectionUrl(pgUrlFor(database)));
      await driver.connect();
      try {
        return await driver.introspect();
      } finally {
        await driver.close();
      }
    })();
    p.catch(() => models.delete(dataset));
    models.set(dataset, p);
  }
  return p;
}

export interface DatasetIndexes {
  chinook: SchemaIndex;
  sakila: SchemaIndex;
  adventureworks: SchemaIndex;
}

/** For a `before` hook: skips (locally) / fails (CI) without PostgreSQL, then loads all three. */
export async function loadDatasetIndexes(ctx: Context): Promise<DatasetIndexes> {
  ctx.timeout(120000);
  await requirePostgres(ctx);
  const [chinook, sakila, adventureworks] = await Promise.all([datasetModel('chinook'), datasetModel('sakila'), datasetModel('adventureworks')]);
  return { chinook: new SchemaIndex(chinook), sakila: new SchemaIndex(sakila), adventureworks: new SchemaIndex(adventureworks) };
}
