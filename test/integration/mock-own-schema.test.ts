// Mock data into schemas of our own: a cycle, a self-reference, composite keys, cross-column and
// implication CHECKs, domains, an enum, a partial unique index (company.postgres.sql), and bad input
// (bad-input.postgres.sql): domains smaller than the asked count, unsupported types, a connection
// dropped mid-load, refused writes. The database enforces every constraint; the test checks the data.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runCli } from '../../server/src/cli';
import { DriverError } from '../../server/src/engine/drivers/errors';
import { generateMock } from '../../server/src/engine/mock/generate';
import { PostgresCopySink } from '../../server/src/engine/mock/sinks/postgres-sink';
import type { SchemaModel } from '../../server/src/engine/schema/model';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { pgUrlFor, requirePostgres } from '../helpers/services';
import { checksums, introspect, writable } from '../helpers/mock-db';

const COMPANY = 'sw_mock_company';
const BAD = 'sw_mock_bad';
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'mock');

async function sql<T = Record<string, unknown>>(database: string, text: string): Promise<T[]> {
  const c = new Client({ connectionString: pgUrlFor(database) });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

async function loadFixture(database: string, file: string): Promise<SchemaModel> {
  await recreateDatabase(database);
  await sql(database, readFileSync(path.join(FIXTURES, file), 'utf8'));
  return introspect(database);
}

async function counts(database: string, model: SchemaModel): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of model.tables) out[t.name] = Number((await sql<{ n: string }>(database, `SELECT count(*) AS n FROM "${t.schema}"."${t.name}"`))[0]!.n);
  return out;
}

describe('mock data: a schema of our own and bad input (PostgreSQL)', function () {
  this.timeout(120_000);
  let company: SchemaModel;
  before(async function () {
    await requirePostgres(this);
    company = await loadFixture(COMPANY, 'company.postgres.sql');
  });
  after(async () => {
    await dropDatabase(COMPANY).catch(() => undefined);
    await dropDatabase(BAD).catch(() => undefined);
  });

  it('introspection fills domains, domainRef and deferrable foreign keys', () => {
    const price = company.domains?.find((d) => d.name === 'positive_price');
    assert.equal(price?.baseType, 'numeric(10,2)');
    assert.equal(price?.nullable, false);
    assert.match(price?.checks[0]?.expression ?? '', /VALUE > /);
    const employee = company.tables.find((t) => t.name === 'employee')!;
    assert.equal(employee.columns.find((c) => c.name === 'zip')?.domainRef, 'public.us_postal_code');
    const city = company.tables.find((t) => t.name === 'city')!;
    assert.deepEqual([city.foreignKeys[0]?.deferrable, city.foreignKeys[0]?.initiallyDeferred], [true, true]);
    const region = company.tables.find((t) => t.name === 'region')!;
    assert.deepEqual([region.foreignKeys[0]?.deferrable, region.foreignKeys[0]?.initiallyDeferred], [true, false]);
    assert.equal(employee.foreignKeys.find((f) => f.columns[0] === 'department_id')?.deferrable, undefined);
  });

  it('loads with every constraint: cycle back-filled, self-reference, composite keys, CHECKs, partial unique index', async () => {
    const report = await generateMock(company, { rows: 400, seed: 3 }, new PostgresCopySink(writable(COMPANY)));
    assert.deepEqual(report.findings.filter((f) => f.level !== 'info'), []);
    const n = await counts(COMPANY, company);
    for (const t of ['department', 'employee', 'project', 'assignment', 'timesheet', 'ticket', 'region', 'city']) assert.equal(n[t], 400, t);
    // The cycle department ⇄ employee ends up populated, not all NULL.
    const [dep] = await sql<{ filled: string }>(COMPANY, 'SELECT count(manager_id) AS filled FROM department');
    assert.equal(Number(dep!.filled), 400);
    const [city] = await sql<{ filled: string }>(COMPANY, 'SELECT count(region_id) AS filled FROM city');
    assert.ok(Number(city!.filled) > 300, 'city.region_id back-filled');
    // Self-reference: a hierarchy, with a skewed fan-out (some managers have many reports).
    const [emp] = await sql<{ filled: string; top: string }>(COMPANY, 'SELECT count(manager_id) AS filled, (SELECT max(c) FROM (SELECT count(*) c FROM employee GROUP BY manager_id) x) AS top FROM employee');
    assert.ok(Number(emp!.filled) > 300, `manager_id filled for most rows (${emp!.filled})`);
    assert.ok(Number(emp!.top) >= 5, 'skewed fan-out');
    // The implication CHECK produced both sides, with closed_at after opened_at.
    const statuses = await sql<{ status: string; n: string; closed: string }>(COMPANY, 'SELECT status::text, count(*) n, count(closed_at) closed FROM ticket GROUP BY 1 ORDER BY 1');
    assert.deepEqual(statuses.map((s) => s.status), ['closed', 'in_progress', 'open']);
    for (const s of statuses) assert.equal(Number(s.closed), s.status === 'closed' ? Number(s.n) : 0);
    // Cross-column CHECK and a regex CHECK.
    const [p] = await sql<{ bad: string; codes: string }>(COMPANY, "SELECT count(*) FILTER (WHERE ends <= starts) AS bad, count(*) FILTER (WHERE code ~ '^[A-Z]{3}[0-9]{3}$') AS codes FROM project");
    assert.deepEqual([Number(p!.bad), Number(p!.codes)], [0, 400]);
    // Partial unique index: at most one primary ticket per assignee, and some primaries exist.
    const [t] = await sql<{ primaries: string; dup: string }>(COMPANY, 'SELECT count(*) FILTER (WHERE is_primary) AS primaries, (SELECT count(*) FROM (SELECT assignee_id FROM ticket WHERE is_primary AND assignee_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d) AS dup FROM ticket');
    assert.ok(Number(t!.primaries) > 50);
    assert.equal(Number(t!.dup), 0);
    // Sequences follow the keys written: the next serial and identity values do not collide.
    const [next] = await sql<{ id: number }>(COMPANY, "INSERT INTO department (name) VALUES ('Extra') RETURNING id");
    assert.equal(next!.id, 401);
    await sql(COMPANY, "DELETE FROM department WHERE name = 'Extra'");
  });

  it('the same seed gives the same rows, uuids and timestamps included; another seed does not', async () => {
    const first = await checksums(COMPANY, company);
    const names = company.tables.map((t) => `"${t.schema}"."${t.name}"`).join(', ');
    await sql(COMPANY, `TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    await generateMock(company, { rows: 400, seed: 3 }, new PostgresCopySink(writable(COMPANY)));
    assert.deepEqual([...(await checksums(COMPANY, company)).entries()], [...first.entries()]);
    await sql(COMPANY, `TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    await generateMock(company, { rows: 400, seed: 4 }, new PostgresCopySink(writable(COMPANY)));
    const other = await checksums(COMPANY, company);
    assert.notEqual(other.get('public.ticket')!.md5, first.get('public.ticket')!.md5);
  });

  it('the SQL script (--out) loads into an empty copy and gives the same rows as COPY', async () => {
    const names = company.tables.map((t) => `"${t.schema}"."${t.name}"`).join(', ');
    await sql(COMPANY, `TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    await generateMock(company, { rows: 150, seed: 9 }, new PostgresCopySink(writable(COMPANY)));
    const viaCopy = await checksums(COMPANY, company);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sw-mock-')), 'company.sql');
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    assert.equal(await runCli(['mock', '--connection', pgUrlFor(COMPANY), '--rows', '150', '--seed', '9', '--out', file], io), 0, out.join('\n'));
    await sql(COMPANY, `TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    await sql(COMPANY, readFileSync(file, 'utf8'));
    assert.deepEqual([...(await checksums(COMPANY, company)).entries()], [...viaCopy.entries()]);
  });

  it('a dropped connection mid-load leaves nothing committed (the whole run is one transaction)', async () => {
    const names = company.tables.map((t) => `"${t.schema}"."${t.name}"`).join(', ');
    await sql(COMPANY, `TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    let killed = false;
    const run = generateMock(company, { rows: 6000, seed: 5 }, new PostgresCopySink(writable(COMPANY)), {
      onProgress: (p) => {
        if (killed || p.tableIndex < 2) return;
        killed = true;
        void sql('postgres', "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'schemawise-mock' AND datname = 'sw_mock_company'");
      },
    });
    await assert.rejects(run, (e: unknown) => e instanceof DriverError && /connection|terminat/i.test(e.message));
    assert.ok(killed);
    const n = await counts(COMPANY, company);
    assert.deepEqual(Object.values(n).filter((x) => x > 0), [], 'every table still empty');
  });

  it('bad input: small domains give fewer rows (reported), an unsupported NOT NULL type skips only its table', async () => {
    const model = await loadFixture(BAD, 'bad-input.postgres.sql');
    const report = await generateMock(model, { rows: 10, seed: 1 }, new PostgresCopySink(writable(BAD)));
    const written = Object.fromEntries(report.tables.map((t) => [t.table.replace('public.', ''), t.written]));
    assert.deepEqual(written, { flag: 2, grade: 3, pair: 6, shape: 10, place: 0, visit: 10 });
    const messages = report.findings.map((f) => `${f.level} ${f.table}.${f.column ?? ''}: ${f.message}`);
    assert.ok(messages.some((m) => /^warning public\.flag\..*domain too small: 2 of 10/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^warning public\.pair\..*only 6 distinct combinations/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^error public\.place\..*unsupported type "point".*skipped/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^warning public\.shape\.outline: unsupported type "box": written as NULL/.test(m)), messages.join('\n'));
    const n = await counts(BAD, model);
    assert.deepEqual(n, { flag: 2, grade: 3, pair: 6, shape: 10, place: 0, visit: 10 });
  });

  it('--write is refused on a read-only or production-tagged connection; without --write nothing is written', async () => {
    assert.throws(() => new PostgresCopySink({ ...writable(COMPANY), readOnly: true }), (e: unknown) => e instanceof DriverError && e.kind === 'read_only');
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    assert.equal(await runCli(['mock', '--connection', pgUrlFor(COMPANY), '--rows', '5', '--write', '--tags', 'dev,Production'], io), 2);
    assert.match(out.join('\n'), /refused: .*tagged production.*; nothing was written/);
    const names = company.tables.map((t) => `"${t.schema}"."${t.name}"`).join(', ');
    await sql(COMPANY, `TRUNCATE ${names} RESTART IDENTITY CASCADE`);
    out.length = 0;
    assert.equal(await runCli(['mock', '--connection', pgUrlFor(COMPANY), '--rows', '5', '--tables', 'ticket'], io), 0);
    assert.match(out.join('\n'), /public\.ticket:[\s\S]*preview only: nothing was written/);
    assert.deepEqual(Object.values(await counts(COMPANY, company)).filter((x) => x > 0), []);
  });
});
