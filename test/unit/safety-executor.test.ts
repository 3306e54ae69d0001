// The executor over an embedded PostgreSQL (PGlite, in memory): firewall first (nothing runs when any
// statement is refused), then one read-only transaction per statement, and one audit line for each.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { AuditLog, sha256, type AuditEntry } from '../../server/src/engine/safety/audit';
import { runSql, type RunSqlOptions } from '../../server/src/engine/safety/executor';
import { maskSecrets } from '../../server/src/engine/safety/mask';

const SEED = `
  CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL);
  INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 50) g;
  CREATE SEQUENCE order_seq;
`;

describe('safety executor (PGlite)', function () {
  let driver: PgliteDriver;
  let dir: string;
  let auditPath: string;
  let audit: AuditLog;

  before(async () => {
    driver = new PgliteDriver({ name: 'mem', driver: 'pglite', readOnly: true }, { seed: (exec) => exec(SEED) });
    await driver.connect();
  });
  after(async () => {
    await driver.close();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-safe-'));
    auditPath = join(dir, 'nested', 'audit.log');
    audit = new AuditLog({ path: auditPath, now: () => new Date('2025-01-02T03:04:05Z') });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = (sql: string, extra: Partial<RunSqlOptions> = {}) =>
    runSql({ driver, connectionName: 'mem', databaseUser: 'postgres', sql, mode: 'read-only', audit, ...extra });
  const lines = (): AuditEntry[] =>
    readFileSync(auditPath, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry);

  it('runs each statement and returns its rows, with the row limit applied', async () => {
    const r = await run('select count(*)::int as n from customers; select id from customers order by id', { maxRows: 5 });
    assert.ok(r.status === 'completed', r.status);
    assert.deepEqual(r.statements[0]!.result!.rows, [[50]]);
    assert.deepEqual(r.statements[1]!.result!.rows, [[1], [2], [3], [4], [5]]);
    assert.equal(r.statements[1]!.result!.truncated, true);
  });

  it('runs nothing when any statement is refused, and names the statement and the rule', async () => {
    const r = await run('select 1; drop table customers; select 2');
    assert.ok(r.status === 'refused', r.status);
    assert.equal(r.message, 'statement 2 (drop table customers): refused [not-read-only-kind]: DROP TABLE is a schema change; read-only mode allows only SELECT, VALUES, TABLE, SHOW and EXPLAIN');
    const count = await driver.queryReadOnly('select count(*)::int from customers');
    assert.deepEqual(count.rows, [[50]]);
    assert.deepEqual(
      lines().map((l) => [l.statement, l.outcome, l.rule]),
      [[2, 'refused', 'not-read-only-kind']],
    );
  });

  it('stops at the first failing statement and reports the rest as skipped', async () => {
    const r = await run('select 1; select * from no_such_table; select 3');
    assert.ok(r.status === 'failed', r.status);
    assert.deepEqual(
      r.statements.map((s) => s.status),
      ['ok', 'error', 'skipped'],
    );
    assert.match(r.message!, /statement 2 failed: .*no_such_table/);
    assert.deepEqual(
      lines().map((l) => l.outcome),
      ['ok', 'error'],
    );
  });

  it('writes one parseable audit line per statement: time, connection, user, mode, text, sha256, rows, duration, outcome', async () => {
    await run('select id from customers where id <= 3; select 1');
    const [first, second] = lines();
    assert.deepEqual({ ...first, durationMs: undefined }, {
      time: '2025-01-02T03:04:05.000Z',
      connection: 'mem',
      user: 'postgres',
      mode: 'read-only',
      dialect: 'postgres',
      statement: 1,
      sql: 'select id from customers where id <= 3',
      sha256: sha256('select id from customers where id <= 3'),
      rows: 3,
      durationMs: undefined,
      outcome: 'ok',
    });
    assert.ok(typeof first!.durationMs === 'number' && first!.durationMs >= 0);
    assert.equal(second!.statement, 2);
  });

  it('never writes a password into the audit log, not even as part of the hash input', async () => {
    const sql = "select * from dblink('host=db user=bob password=hunter2 dbname=x', 'select 1') as t(a int)";
    const r = await run(sql);
    assert.equal(r.status, 'refused');
    const raw = readFileSync(auditPath, 'utf8');
    assert.ok(!raw.includes('hunter2'), raw);
    const [line] = lines();
    assert.equal(line!.sql, "select * from dblink('host=db user=bob password=*** dbname=x', 'select 1') as t(a int)");
    assert.equal(line!.sha256, sha256(maskSecrets(sql)));
    assert.equal(line!.rule, 'side-effect-function');
    if (r.status === 'refused') assert.ok(!r.message.includes('hunter2'));
  });

  it('can leave the statement text out of the log and keep only its hash', async () => {
    audit = new AuditLog({ path: auditPath, includeText: false });
    await run('select 42');
    const [line] = lines();
    assert.equal(line!.sql, undefined);
    assert.equal(line!.sha256, sha256('select 42'));
  });

  it('in writable mode refuses destructive statements unless confirmed, and a read-only connection refuses the write', async () => {
    const refused = await run('delete from customers', { mode: 'writable' });
    assert.ok(refused.status === 'refused', refused.status);
    assert.match(refused.message, /\[not-confirmed\]: DELETE without WHERE/);

    let asked: number[] = [];
    const noWriter = await run('delete from customers', { mode: 'writable', confirm: (items) => ((asked = items.map((i) => i.index)), true) });
    assert.deepEqual(asked, [1]);
    assert.ok(noWriter.status === 'failed', noWriter.status);
    assert.match(noWriter.message!, /connection "mem" is read-only; writes need a connection configured with readOnly: false/);
    const count = await driver.queryReadOnly('select count(*)::int from customers');
    assert.deepEqual(count.rows, [[50]]);
  });

  it('in writable mode sends writes to execute() and reads to the read-only path', async () => {
    const calls: string[] = [];
    const writer = Object.assign(Object.create(driver) as PgliteDriver, {
      execute: async (sql: string) => {
        calls.push(`execute:${sql}`);
        return { fields: [], rows: [], rowCount: 1, truncated: false, durationMs: 0 };
      },
      queryReadOnly: async (sql: string) => {
        calls.push(`read:${sql}`);
        return driver.queryReadOnly(sql);
      },
    });
    const r = await run("update customers set name = 'x' where id = 1; select 1", { mode: 'writable', driver: writer });
    assert.equal(r.status, 'completed');
    assert.deepEqual(calls, ["execute:update customers set name = 'x' where id = 1", 'read:select 1']);
  });
});
