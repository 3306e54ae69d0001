// --emit-comments on live scratch databases: the printed statements, applied by a person, store the
// docs.yml descriptions as comments and change nothing else about the columns (MySQL restates a
// column to comment it: ON UPDATE, AUTO_INCREMENT, CHARACTER SET, defaults must survive).
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { Client } from 'pg';
import { runCli } from '../../server/src/cli';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { mysqlUrlFor } from '../helpers/mysql-datasets';
import { MYSQL_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

const DOCS_YML = (table: string) =>
  [
    'tables:',
    `  ${table}:`,
    "    description: Films we rent out; it's the catalogue.",
    '    columns:',
    '      film_id: Surrogate key.',
    '      title: Title as printed on the box.',
    '      last_update: When the row last changed.',
    '      code: Internal code, Latin-1.',
    '',
  ].join('\n');

describe('docs --emit-comments applied to a live MariaDB database', function () {
  this.timeout(60_000);
  const DB = 'sw_docs_emit_my';
  let admin: Connection;
  let conn: Connection;
  let ws: string;

  before(async function () {
    await requireMysql(this);
    admin = await createConnection({ uri: MYSQL_URL });
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4`);
    conn = await createConnection({ uri: mysqlUrlFor(DB), multipleStatements: true });
    await conn.query(`CREATE TABLE film (
      film_id smallint unsigned NOT NULL AUTO_INCREMENT,
      title varchar(255) NOT NULL DEFAULT 'untitled' COMMENT 'old comment',
      last_update timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
      code varchar(10) CHARACTER SET latin1 COLLATE latin1_bin DEFAULT NULL,
      PRIMARY KEY (film_id)) COMMENT 'old'`);
    ws = await mkdtemp(join(tmpdir(), 'sw-docs-emit-'));
    await mkdir(join(ws, '.schemawise'));
    await writeFile(join(ws, '.schemawise', 'docs.yml'), DOCS_YML('film'));
  });
  after(async () => {
    await conn?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin?.end();
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  const showCreate = async () => String(((await conn.query<RowDataPacket[]>('SHOW CREATE TABLE film'))[0][0] as Record<string, unknown>)['Create Table']);
  const withoutComments = (ddl: string) => ddl.replace(/ COMMENT '(?:[^'\\]|''|\\.)*'/g, '').replace(/ COMMENT='(?:[^'\\]|''|\\.)*'/g, '');

  it('prints statements that set exactly the comments, then nothing is left to emit', async () => {
    const before = await showCreate();
    const r = await cli(['docs', '--emit-comments', '--connection', mysqlUrlFor(DB), '--workspace', ws]);
    assert.equal(r.code, 0, r.err);
    const statements = r.out.split('\n').filter((l) => l.startsWith('ALTER TABLE'));
    assert.equal(statements.length, 5, r.out);
    assert.ok(statements.includes("ALTER TABLE `sw_docs_emit_my`.`film` MODIFY COLUMN `last_update` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp() COMMENT 'When the row last changed.';"), r.out);
    for (const s of statements) await conn.query(s);
    const after = await showCreate();
    assert.equal(withoutComments(after), withoutComments(before), 'only comments changed');
    assert.match(after, /`title` varchar\(255\) NOT NULL DEFAULT 'untitled' COMMENT 'Title as printed on the box\.'/);
    assert.match(after, /COMMENT='Films we rent out; it''s the catalogue\.'/);
    const again = await cli(['docs', '--emit-comments', '--connection', mysqlUrlFor(DB), '--workspace', ws]);
    assert.equal(again.out.split('\n').filter((l) => l.startsWith('ALTER TABLE')).length, 0, again.out);
    assert.match(again.err, /Nothing to emit/);
  });
});

describe('docs --emit-comments applied to a live PostgreSQL database', function () {
  this.timeout(60_000);
  const DB = 'sw_docs_emit_pg';
  let pg: Client;
  let ws: string;

  before(async function () {
    await requirePostgres(this);
    await recreateDatabase(DB);
    pg = new Client({ connectionString: pgUrlFor(DB) });
    await pg.connect();
    await pg.query(`CREATE TABLE film (film_id serial PRIMARY KEY, title text NOT NULL, last_update timestamptz DEFAULT now(), code text);
      CREATE VIEW film_titles AS SELECT title FROM film;`);
    ws = await mkdtemp(join(tmpdir(), 'sw-docs-emit-pg-'));
    await mkdir(join(ws, '.schemawise'));
    await writeFile(join(ws, '.schemawise', 'docs.yml'), DOCS_YML('film') + '  film_titles: Titles only.\n');
  });
  after(async () => {
    await pg?.end();
    await dropDatabase(DB).catch(() => undefined);
    if (ws) await rm(ws, { recursive: true, force: true });
  });

  it('prints COMMENT ON statements that the database accepts, then nothing is left to emit', async () => {
    const r = await cli(['docs', '--emit-comments', '--connection', pgUrlFor(DB), '--workspace', ws]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^COMMENT ON VIEW public\.film_titles IS 'Titles only\.';$/m);
    await pg.query(r.out);
    const comment = await pg.query("SELECT obj_description('film'::regclass, 'pg_class') AS t, col_description('film'::regclass, 2) AS c");
    assert.deepEqual(comment.rows[0], { t: "Films we rent out; it's the catalogue.", c: 'Title as printed on the box.' });
    const again = await cli(['docs', '--emit-comments', '--connection', pgUrlFor(DB), '--workspace', ws]);
    assert.doesNotMatch(again.out, /^COMMENT ON/m);
  });
});
