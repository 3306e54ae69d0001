// Golden files for the generated docs: Chinook and Sakila on PostgreSQL and MariaDB, and
// AdventureWorks on PostgreSQL, introspected live and documented (Markdown, without the volatile row
// estimates and sizes). Each dataset's files are compared with test/fixtures/docs-golden/<name>.txt,
// one file holding every generated file under a "==> path <==" header. Regenerate after an
// intended change with SCHEMAWISE_UPDATE_GOLDEN=1 and review the diff.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { generateDocs, type GeneratedDocs } from '../../server/src/engine/docs';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { createDriver } from '../../server/src/engine/drivers/registry';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { dropDatabase, loadPgDataset, type PgDataset } from '../helpers/datasets';
import { loadMysqlScripts, mysqlUrlFor } from '../helpers/mysql-datasets';
import { MYSQL_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

const GOLDEN_DIR = join(__dirname, '..', 'fixtures', 'docs-golden');
const UPDATE = process.env.SCHEMAWISE_UPDATE_GOLDEN === '1';

async function introspect(url: string): Promise<SchemaModel> {
  const driver = createDriver(parseConnectionUrl(url));
  try {
    await driver.connect();
    return await driver.introspect();
  } finally {
    await driver.close();
  }
}

function bundle(docs: GeneratedDocs): string {
  return docs.files.map((f) => `==> ${f.path} <==\n${f.content}`).join('');
}

function compareWithGolden(name: string, docs: GeneratedDocs): void {
  const path = join(GOLDEN_DIR, `${name}.txt`);
  const actual = bundle(docs);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE && process.env.CI) assert.fail(`golden file ${path} is missing (run with SCHEMAWISE_UPDATE_GOLDEN=1)`);
    writeFileSync(path, actual);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (actual === expected) return;
  // Name the first differing file and line rather than dumping megabytes.
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < a.length && a[i] === e[i]) i++;
  const file = [...a.slice(0, i + 1)].reverse().find((l) => l.startsWith('==> ')) ?? '(start)';
  assert.fail(`${name}: generated docs differ from ${path} in ${file}, line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}\n(regenerate with SCHEMAWISE_UPDATE_GOLDEN=1 if the change is intended)`);
}

function check(name: string, model: SchemaModel): GeneratedDocs {
  const docs = generateDocs({ model }, { stats: false });
  // Generating twice gives the same bytes.
  assert.equal(bundle(generateDocs({ model: structuredClone(model) }, { stats: false })), bundle(docs));
  compareWithGolden(name, docs);
  return docs;
}

describe('docs golden files: PostgreSQL datasets', function () {
  this.timeout(180_000);
  const DBS: Record<string, PgDataset> = { sw_docs_chinook: 'chinook', sw_docs_sakila: 'sakila', sw_docs_adventureworks: 'adventureworks' };

  before(async function () {
    await requirePostgres(this);
    for (const [db, dataset] of Object.entries(DBS)) await loadPgDataset(dataset, db);
  });
  after(async () => {
    for (const db of Object.keys(DBS)) await dropDatabase(db).catch(() => undefined);
  });

  it('Chinook', async () => {
    const docs = check('postgres-chinook', await introspect(pgUrlFor('sw_docs_chinook')));
    assert.equal(docs.files.filter((f) => f.path.startsWith('tables/')).length, 11);
  });

  it('Sakila (views, triggers, routines, enums, partitions)', async () => {
    const docs = check('postgres-sakila', await introspect(pgUrlFor('sw_docs_sakila')));
    const film = docs.files.find((f) => f.path === 'tables/public.film.md')!.content;
    assert.match(film, /`last_updated` \| before \| update \| row \|/);
    assert.match(docs.files.find((f) => f.path === 'routines.md')!.content, /rewards_report\(.*\| plpgsql \| volatile \| definer \|/);
  });

  it('AdventureWorks (several schemas)', async () => {
    const docs = check('postgres-adventureworks', await introspect(pgUrlFor('sw_docs_adventureworks')));
    const index = docs.files.find((f) => f.path === 'index.md')!.content;
    for (const schema of ['humanresources', 'person', 'production', 'purchasing', 'sales']) assert.match(index, new RegExp(`## Schema \`${schema}\``));
  });
});

describe('docs golden files: MariaDB datasets', function () {
  this.timeout(180_000);
  const DBS = { sw_docs_my_chinook: ['Chinook', 'chinook/chinook.mysql.sql'], sw_docs_my_sakila: ['sakila', 'sakila/sakila.mysql.schema.sql'] } as const;

  before(async function () {
    await requireMysql(this);
    for (const [db, [source, file]] of Object.entries(DBS)) await loadMysqlScripts(db, source, [file]);
  });
  after(async () => {
    const admin = await createConnection({ uri: MYSQL_URL });
    try {
      for (const db of Object.keys(DBS)) await admin.query(`DROP DATABASE IF EXISTS \`${db}\``);
    } finally {
      await admin.end();
    }
  });

  it('Chinook', async () => {
    const docs = check('mariadb-chinook', await introspect(mysqlUrlFor('sw_docs_my_chinook')));
    assert.equal(docs.files.filter((f) => f.path.startsWith('tables/')).length, 11);
  });

  it('Sakila (views, triggers, routines)', async () => {
    const docs = check('mariadb-sakila', await introspect(mysqlUrlFor('sw_docs_my_sakila')));
    const film = docs.files.find((f) => f.path === 'tables/sw_docs_my_sakila.film.md')!.content;
    assert.match(film, /`ins_film` \| after \| insert \| row \|/);
    assert.match(docs.files.find((f) => f.path === 'routines.md')!.content, /film_in_stock\(.*\| procedure \| sql \|/);
  });
});
