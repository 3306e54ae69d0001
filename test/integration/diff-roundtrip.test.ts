// Schema diff proven by round trip, on the live servers. Each folder of test/fixtures/diff-cases is a
// case: case.json names the dialect and the dataset both sides start from; before.sql turns the
// dataset into `from`, after.sql into `to`. The test builds both, generates the migration, applies it
// statement by statement to `from`, re-introspects and requires an empty diff against `to`.
// Adding a case is adding a folder, not code.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import { createDriver } from '../../server/src/engine/drivers/registry';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { compareSchemas, migrationStatements, renderDiff, type SchemaDiff } from '../../server/src/engine/diff';
import { MYSQL_URL, PG_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';
import { dropDatabase, loadPgDataset, splitPsqlScript, type PgDataset } from '../helpers/datasets';
import { loadMysqlScripts, mysqlUrlFor, splitMysqlScript } from '../helpers/mysql-datasets';

interface DiffCase {
  name: string;
  dialect: 'postgres' | 'mysql';
  base: 'sakila' | 'chinook' | 'adventureworks';
  description: string;
  renames?: string[];
  /** Change kinds the diff must contain (proves the case exercises what it claims). */
  expectKinds?: string[];
  /** Hazard kinds the diff must raise. */
  expectHazards?: string[];
  /** Possible renames the diff must report (without --rename). */
  expectPossibleRenames?: string[];
}

const CASES_DIR = join(__dirname, '..', 'fixtures', 'diff-cases');

function loadCases(): (DiffCase & { before: string; after: string })[] {
  return readdirSync(CASES_DIR)
    .filter((d) => existsSync(join(CASES_DIR, d, 'case.json')))
    .sort()
    .map((d) => ({
      name: d,
      ...(JSON.parse(readFileSync(join(CASES_DIR, d, 'case.json'), 'utf8')) as Omit<DiffCase, 'name'>),
      before: readFileSync(join(CASES_DIR, d, 'before.sql'), 'utf8'),
      after: readFileSync(join(CASES_DIR, d, 'after.sql'), 'utf8'),
    }));
}

const MYSQL_BASES: Record<string, { source: string; files: string[] }> = {
  sakila: { source: 'sakila', files: ['sakila/sakila.mysql.schema.sql'] },
  chinook: { source: 'Chinook', files: ['chinook/chinook.mysql.sql'] },
};

async function introspect(url: string): Promise<SchemaModel> {
  const driver = createDriver(parseConnectionUrl(url));
  try {
    await driver.connect();
    return await driver.introspect();
  } finally {
    await driver.close();
  }
}

async function pgRun(database: string, statements: string[]): Promise<void> {
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    for (const s of statements) {
      try {
        await c.query(s);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n  in: ${s.slice(0, 400)}`, { cause: e });
      }
    }
  } finally {
    await c.end();
  }
}

async function pgCopyOf(base: string, target: string): Promise<void> {
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${target}" TEMPLATE "${base}"`);
  } finally {
    await admin.end();
  }
}

async function myRun(database: string, statements: string[]): Promise<void> {
  const c = await createConnection({ uri: mysqlUrlFor(database), multipleStatements: false });
  try {
    for (const s of statements) {
      try {
        await c.query(s);
      } catch (e) {
        throw new Error(`${(e as Error).message}\n  in: ${s.slice(0, 400)}`, { cause: e });
      }
    }
  } finally {
    await c.end();
  }
}

/** Drops this suite's MariaDB databases (dropMysqlDatabases only drops the shared sw_my_ ones). */
async function dropMyDatabases(names: string[]): Promise<void> {
  const admin = await createConnection({ uri: MYSQL_URL });
  try {
    for (const n of names) if (n.startsWith('sw_diff_')) await admin.query(`DROP DATABASE IF EXISTS \`${n}\``);
  } finally {
    await admin.end();
  }
}

function explain(diff: SchemaDiff): string {
  return renderDiff(diff, 'text');
}

const cases = loadCases();

for (const dialect of ['postgres', 'mysql'] as const) {
  const mine = cases.filter((c) => c.dialect === dialect);
  describe(`schema diff round trip on ${dialect === 'postgres' ? 'PostgreSQL' : 'MariaDB'} (test/fixtures/diff-cases)`, function () {
    this.timeout(240_000);
    const created: string[] = [];
    before(async function () {
      if (dialect === 'postgres') await requirePostgres(this);
      else await requireMysql(this);
    });
    after(async () => {
      if (dialect === 'postgres') for (const d of created) await dropDatabase(d);
      else await dropMyDatabases(created);
    });

    for (const c of mine) {
      it(`${c.name}: ${c.description}`, async () => {
        const fromDb = `sw_diff_${c.name.replace(/\W/g, '_')}_from`;
        const toDb = `sw_diff_${c.name.replace(/\W/g, '_')}_to`;
        created.push(fromDb, toDb);
        let fromUrl: string;
        let toUrl: string;
        if (dialect === 'postgres') {
          const base = await loadPgDataset(c.base as PgDataset, `sw_diff_base_${c.base}`);
          if (!created.includes(base)) created.push(base);
          await pgCopyOf(base, fromDb);
          await pgCopyOf(base, toDb);
          await pgRun(fromDb, splitPsqlScript(c.before));
          await pgRun(toDb, splitPsqlScript(c.after));
          fromUrl = pgUrlFor(fromDb);
          toUrl = pgUrlFor(toDb);
        } else {
          const base = MYSQL_BASES[c.base];
          assert.ok(base, `no MariaDB base ${c.base}`);
          await loadMysqlScripts(fromDb, base.source, base.files);
          await loadMysqlScripts(toDb, base.source, base.files);
          await myRun(fromDb, splitMysqlScript(c.before));
          await myRun(toDb, splitMysqlScript(c.after));
          fromUrl = mysqlUrlFor(fromDb);
          toUrl = mysqlUrlFor(toDb);
        }
        const [from, to] = await Promise.all([introspect(fromUrl), introspect(toUrl)]);
        const diff = compareSchemas(from, to, { renames: c.renames });
        assert.ok(diff.changes.length > 0, 'the case must make the schemas differ');
        const kinds = new Set(diff.changes.map((p) => p.change.kind));
        for (const k of c.expectKinds ?? []) assert.ok(kinds.has(k as never), `expected a ${k} change:\n${explain(diff)}`);
        const hazards = new Set(diff.changes.flatMap((p) => p.hazards.map((h) => h.kind)));
        for (const h of c.expectHazards ?? []) assert.ok(hazards.has(h as never), `expected a ${h} hazard:\n${explain(diff)}`);
        const renames = diff.possibleRenames.map((r) => `${r.from}=${r.to}`);
        for (const r of c.expectPossibleRenames ?? []) assert.ok(renames.includes(r), `expected possible rename ${r}:\n${explain(diff)}`);

        const statements = migrationStatements(diff, { allowDestructive: true, database: from.database });
        if (dialect === 'postgres') await pgRun(fromDb, statements);
        else await myRun(fromDb, statements);

        const migrated = await introspect(fromUrl);
        const again = compareSchemas(migrated, to);
        assert.equal(
          again.changes.length,
          0,
          `after the migration the schemas still differ:\n${explain(again)}\nmigration:\n${renderDiff(diff, 'sql', { allowDestructive: true, database: from.database })}`,
        );
      });
    }
  });
}
