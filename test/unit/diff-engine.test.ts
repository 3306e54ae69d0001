// The diff engine and the `.schemawise/` workspace without a database: SQL Server reports from
// catalogs recorded from the published Chinook script (and an edited copy of it), possible renames,
// destructive statements commented out, the CLI contract (--check, --rename, formats, exit codes),
// Git-stable snapshots, shared connections without secrets, saved queries.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleMssqlModel } from '../../server/src/engine/drivers/mssql/mssql-assemble';
import { changedTables, compareSchemas, migrationStatements, renderDiff, renderMigration, DiffError } from '../../server/src/engine/diff';
import { connectionNode } from '../../client/src/tree/schema-nodes';
import { isWidening } from '../../server/src/engine/diff/type-widening';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { listSavedQueries, mergeConnections, parseConnectionsFile, serializeStableSnapshot, snapshotPath } from '../../server/src/engine/workspace';
import { runCli } from '../../server/src/cli';
import { recordCatalog } from '../../scripts/record-mssql-catalog';
import { mergeShared, parseShared } from '../../client/src/shared-connections';

const CHINOOK_SCRIPT = join(__dirname, '..', '..', '..', 'shared', 'datasets', 'chinook', 'chinook.mssql.sql');

function chinookMssql(edit: (script: string) => string = (s) => s): SchemaModel {
  return assembleMssqlModel(recordCatalog(edit(readFileSync(CHINOOK_SCRIPT, 'utf8')), 'Chinook'));
}

/** The Chinook structure as a PostgreSQL-dialect model, to exercise migrations without a server. */
function asPostgres(m: SchemaModel): SchemaModel {
  const copy = structuredClone(m);
  copy.dialect = 'postgres';
  return copy;
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t + '\n'), stderr: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('schema diff engine (no database)', () => {
  const before = chinookMssql();
  const after = chinookMssql((s) =>
    s
      .replace('[Composer] NVARCHAR(220),', '[Composer] NVARCHAR(400),')
      .replace('[Name] NVARCHAR(120),\n    CONSTRAINT [PK_Genre]', '[Name] NVARCHAR(120),\n    [Popularity] INT NOT NULL,\n    CONSTRAINT [PK_Genre]'),
  );

  it('reports SQL Server changes from recorded catalogs (report only)', () => {
    assert.ok(after.tables.find((t) => t.name === 'Genre')!.columns.some((c) => c.name === 'Popularity'), 'the edited script records the new column');
    const diff = compareSchemas(before, after, { fromLabel: 'chinook-before', toLabel: 'chinook-after' });
    assert.deepEqual(
      diff.changes.map((c) => c.summary),
      ['add column dbo.Genre.Popularity int not null', 'alter column dbo.Track.Composer: type nvarchar(220) → nvarchar(400)'],
    );
    const text = renderDiff(diff, 'text');
    assert.match(text, /chinook-before → chinook-after: 2 change\(s\)/);
    assert.match(text, /may_fail: NOT NULL without a default fails on a table with rows/);
    const json = JSON.parse(renderDiff(diff, 'json')) as { equal: boolean; changes: { kind: string; statements?: string[] }[] };
    assert.equal(json.equal, false);
    assert.deepEqual(json.changes.map((c) => c.kind), ['add_column', 'alter_column']);
    assert.equal(json.changes[0]!.statements, undefined, 'no SQL for SQL Server');
    assert.doesNotMatch(renderDiff(diff, 'markdown'), /```sql/);
    assert.throws(() => renderMigration(diff), DiffError);
  });

  it('finds no differences between a model and itself', () => {
    const diff = compareSchemas(before, chinookMssql());
    assert.equal(diff.changes.length, 0);
    assert.match(renderDiff(diff, 'text'), /no differences/);
  });

  it('reports a dropped + added table with the same columns as a possible rename, applied only when confirmed', () => {
    const from = asPostgres(before);
    const to = structuredClone(from);
    to.tables.find((t) => t.name === 'Genre')!.name = 'Category';
    for (const t of to.tables) for (const fk of t.foreignKeys) if (fk.refTable === 'Genre') fk.refTable = 'Category';
    const guessed = compareSchemas(from, to);
    assert.deepEqual(guessed.possibleRenames.map((r) => r.confirm), ['--rename dbo.Genre=dbo.Category']);
    assert.ok(guessed.changes.some((c) => c.change.kind === 'drop_table'));
    const confirmed = compareSchemas(from, to, { renames: ['Genre=Category'] });
    assert.deepEqual(confirmed.possibleRenames, []);
    assert.deepEqual(migrationStatements(confirmed), ['ALTER TABLE dbo."Genre" RENAME TO "Category"']);
  });

  it('reports a possible column rename and renames columns when confirmed', () => {
    const from = asPostgres(before);
    const to = structuredClone(from);
    to.tables.find((t) => t.name === 'Customer')!.columns.find((c) => c.name === 'Fax')!.name = 'FaxNumber';
    assert.deepEqual(compareSchemas(from, to).possibleRenames.map((r) => `${r.from}→${r.to}`), ['dbo.Customer.Fax→dbo.Customer.FaxNumber']);
    assert.deepEqual(migrationStatements(compareSchemas(from, to, { renames: ['Customer.Fax=FaxNumber'] })), ['ALTER TABLE dbo."Customer" RENAME COLUMN "Fax" TO "FaxNumber"']);
    assert.throws(() => compareSchemas(from, to, { renames: ['Customer.Nope=FaxNumber'] }), /has no column "Nope"/);
    assert.throws(() => compareSchemas(from, to, { renames: ['nonsense'] }), /old=new/);
  });

  it('comments out destructive statements unless allowed, and narrowing types are destructive', () => {
    const from = asPostgres(before);
    const to = structuredClone(from);
    to.tables = to.tables.filter((t) => t.name !== 'PlaylistTrack');
    to.tables.find((t) => t.name === 'Track')!.columns.find((c) => c.name === 'Composer')!.dataType = 'character varying(20)';
    from.tables.find((t) => t.name === 'Track')!.columns.find((c) => c.name === 'Composer')!.dataType = 'character varying(220)';
    const diff = compareSchemas(from, to);
    const safe = renderMigration(diff);
    assert.match(safe, /-- SKIPPED: destructive \(drops table dbo\."?PlaylistTrack/);
    assert.match(safe, /^-- DROP TABLE dbo\."PlaylistTrack";$/m);
    assert.match(safe, /^-- ALTER TABLE dbo\."Track" ALTER COLUMN "Composer" TYPE character varying\(20\)/m);
    assert.ok(!migrationStatements(diff).some((s) => s.startsWith('DROP TABLE')));
    const all = migrationStatements(diff, { allowDestructive: true });
    assert.ok(all.includes('DROP TABLE dbo."PlaylistTrack"'));
    // Its foreign keys go first, and they are dropped with the table rather than "lost" separately.
    assert.ok(all.findIndex((s) => s.includes('DROP CONSTRAINT')) < all.indexOf('DROP TABLE dbo."PlaylistTrack"') || !all.some((s) => s.includes('DROP CONSTRAINT')));
  });

  it('knows widening from narrowing', () => {
    assert.equal(isWidening('character varying(50)', 'character varying(120)', 'postgres'), true);
    assert.equal(isWidening('character varying(50)', 'text', 'postgres'), true);
    assert.equal(isWidening('integer', 'bigint', 'postgres'), true);
    assert.equal(isWidening('bigint', 'integer', 'postgres'), false);
    assert.equal(isWidening('numeric(10,2)', 'numeric(12,2)', 'postgres'), true);
    assert.equal(isWidening('numeric(10,2)', 'numeric(10,3)', 'postgres'), false);
    assert.equal(isWidening('smallint unsigned', 'int unsigned', 'mysql'), true);
    assert.equal(isWidening('int unsigned', 'int', 'mysql'), false);
    assert.equal(isWidening('text', 'integer', 'postgres'), false);
  });
});

describe('schemawise diff and snapshot (CLI on snapshot files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-diff-'));
  const fromFile = join(dir, 'from.json');
  const toFile = join(dir, 'to.json');
  const mssqlFile = join(dir, 'mssql.json');
  before(async () => {
    const from = asPostgres(chinookMssql());
    const to = structuredClone(from);
    to.tables.find((t) => t.name === 'Genre')!.columns.push({ name: 'popularity', ordinal: 3, dataType: 'integer', nullable: true });
    to.tables.find((t) => t.name === 'Customer')!.columns.find((c) => c.name === 'Fax')!.name = 'FaxNumber';
    await saveSnapshot(fromFile, from);
    await saveSnapshot(toFile, to);
    await saveSnapshot(mssqlFile, chinookMssql());
  });

  it('--check exits 1 when the schemas differ and 0 when they are equal', async () => {
    assert.equal((await cli(['diff', '--from', fromFile, '--to', toFile, '--check'])).code, 1);
    const same = await cli(['diff', '--from', fromFile, '--to', fromFile, '--check']);
    assert.equal(same.code, 0);
    assert.match(same.out, /no differences/);
    assert.equal((await cli(['diff', '--from', fromFile, '--to', toFile])).code, 0, 'without --check a difference is not a failure');
  });

  it('prints the migration, with repeated --rename applied', async () => {
    const r = await cli(['diff', '--from', fromFile, '--to', toFile, '--format', 'sql', '--rename', 'Customer.Fax=FaxNumber', '--rename', 'Genre.Name=Name']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /ALTER TABLE dbo."Customer" RENAME COLUMN "Fax" TO "FaxNumber";/);
    assert.match(r.out, /ALTER TABLE dbo."Genre" ADD COLUMN popularity integer;/);
    assert.doesNotMatch(r.out, /Possible rename/);
  });

  it('markdown is a pull-request comment with the migration folded in', async () => {
    const r = await cli(['diff', '--from', fromFile, '--to', toFile, '--format', 'markdown']);
    assert.match(r.out, /^### Schema diff: `.*from\.json` → `.*to\.json`/m);
    assert.match(r.out, /\| \+ \| add column dbo\.Genre\.popularity integer \|/);
    assert.match(r.out, /Possible renames/);
    assert.match(r.out, /<details><summary>Migration SQL<\/summary>/);
  });

  it('refuses SQL for SQL Server (exit 2) and rejects bad usage (exit 64) and unreadable snapshots (exit 1)', async () => {
    const refused = await cli(['diff', '--from', mssqlFile, '--to', mssqlFile, '--format', 'sql']);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /report only/);
    assert.equal((await cli(['diff', '--from', fromFile])).code, 64);
    assert.equal((await cli(['diff', '--from', fromFile, '--to', toFile, '--format', 'html'])).code, 64);
    const missing = await cli(['diff', '--from', join(dir, 'nope.json'), '--to', toFile]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /cannot read schema snapshot .*nope\.json: ENOENT/);
    const mixed = await cli(['diff', '--from', fromFile, '--to', mssqlFile]);
    assert.equal(mixed.code, 1);
    assert.match(mixed.err, /cannot compare a postgres schema with a mssql schema/);
  });

  it('documents every flag of the issue in --help', async () => {
    const help = (await cli(['diff', '--help'])).out;
    for (const flag of ['--from', '--to', '--format', '--check', '--allow-destructive', '--rename']) assert.ok(help.includes(flag), flag);
    const snap = (await cli(['snapshot', '--help'])).out;
    for (const flag of ['--connection', '--name']) assert.ok(snap.includes(flag), flag);
  });
});

describe('.schemawise workspace', () => {
  it('writes snapshots without volatile fields, in an order that does not depend on the input order', () => {
    const m = chinookMssql();
    m.tables[0]!.rowEstimate = 1234;
    m.tables[0]!.sizeBytes = 99;
    const shuffled = structuredClone(m);
    shuffled.tables.reverse();
    shuffled.capturedAt = '2001-01-01T00:00:00Z';
    shuffled.serverVersion = 'other';
    const a = serializeStableSnapshot(m);
    assert.equal(a, serializeStableSnapshot(shuffled));
    assert.doesNotMatch(a, /capturedAt|rowEstimate|sizeBytes|serverVersion/);
    assert.equal(JSON.parse(a).format, 'schemawise.schema');
  });

  it('names snapshot files safely', () => {
    assert.equal(snapshotPath('/repo', 'prod db'), join('/repo', '.schemawise', 'schema', 'prod-db.json'));
    assert.equal(snapshotPath('/repo', '../../etc/passwd'), join('/repo', '.schemawise', 'schema', 'etc-passwd.json'));
    assert.throws(() => snapshotPath('/repo', '///'), /cannot name a snapshot/);
  });

  it('reads shared connections without secrets and lets personal ones win', () => {
    const { connections, warnings } = parseConnectionsFile(
      JSON.stringify({
        connections: [
          { name: 'staging', dialect: 'postgres', host: 'db.internal', database: 'shop', user: 'ro', password: 'hunter2' },
          { name: 'legacy', dialect: 'oracle' },
          { name: 'reports', dialect: 'mysql', port: 99999 },
        ],
      }),
    );
    assert.deepEqual(connections, [
      { name: 'staging', dialect: 'postgres', host: 'db.internal', database: 'shop', user: 'ro' },
      { name: 'reports', dialect: 'mysql' },
    ]);
    assert.equal(warnings.length, 3);
    assert.ok(warnings.every((w) => !w.includes('hunter2')));
    assert.match(warnings.join('\n'), /"password" is ignored: secrets do not belong in a shared file/);
    assert.deepEqual(parseConnectionsFile('{oops').connections, []);
    const merged = mergeConnections([{ name: 'staging', host: 'localhost' }], [{ name: 'staging', host: 'db.internal' }, { name: 'reports', host: 'r' }]);
    assert.deepEqual(merged, [
      { name: 'staging', host: 'localhost', origin: 'settings' },
      { name: 'reports', host: 'r', origin: 'workspace' },
    ]);
  });

  it('lists saved queries with their titles', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sw-queries-'));
    mkdirSync(join(root, 'reports'), { recursive: true });
    writeFileSync(join(root, 'top-films.sql'), '-- Top films by rentals\nselect 1;\n');
    writeFileSync(join(root, 'reports', 'monthly.sql'), 'select 2;\n');
    writeFileSync(join(root, 'notes.txt'), 'not a query');
    const queries = await listSavedQueries(root);
    assert.deepEqual(queries.map((q) => [q.name, q.title]), [
      ['reports/monthly.sql', 'reports/monthly'],
      ['top-films.sql', 'Top films by rentals'],
    ]);
    assert.deepEqual(await listSavedQueries(join(root, 'missing')), []);
  });
});

describe('shared connections in the client (.schemawise/connections.json)', () => {
  it('drops secrets, validates entries like the setting, and lets personal connections win', () => {
    const parsed = parseShared(
      JSON.stringify({ connections: [{ name: 'staging', dialect: 'postgres', host: 'db.internal', password: 'hunter2' }, { name: 'bad' }] }),
    );
    assert.deepEqual(parsed.value.map((c) => [c.name, c.host, c.readOnly]), [['staging', 'db.internal', true]]);
    assert.ok(parsed.warnings.some((w) => w.includes('"password" is ignored')));
    assert.ok(parsed.warnings.every((w) => !w.includes('hunter2')));
    assert.deepEqual(parseShared('not json').value, []);
    const personal = parseShared(JSON.stringify([{ name: 'staging', dialect: 'mysql' }])).value;
    assert.deepEqual(mergeShared(personal, parsed.value).map((c) => c.dialect), ['mysql']);
  });
});

describe('explorer marks for tables changed since the committed snapshot', () => {
  it('marks exactly the tables a diff touches, with an icon, a description and a tooltip', () => {
    const from = asPostgres(chinookMssql());
    const to = structuredClone(from);
    to.tables.find((t) => t.name === 'Genre')!.columns.push({ name: 'popularity', ordinal: 3, dataType: 'integer', nullable: true });
    to.tables.find((t) => t.name === 'Track')!.indexes.push({ name: 'track_name_idx', columns: ['Name'], unique: false, primary: false });
    const changed = new Set(changedTables(compareSchemas(from, to)));
    assert.deepEqual([...changed], ['dbo.Genre', 'dbo.Track']);
    const root = connectionNode({ name: 'chinook', dialect: 'postgres', readOnly: true }, to, changed);
    const tables = root.children!()[0]!.children!().find((n) => n.label === 'Tables')!.children!();
    const marked = tables.filter((n) => n.icon === 'diff-modified').map((n) => n.label);
    assert.deepEqual(marked, ['Genre', 'Track']);
    const genre = tables.find((n) => n.label === 'Genre')!;
    assert.match(genre.description ?? '', /changed since snapshot/);
    assert.match(genre.tooltip ?? '', /Differs from the committed snapshot/);
    assert.equal(tables.find((n) => n.label === 'Album')!.icon, 'table');
  });
});
