// Limits and faults (issue 12 items 6–9) against live servers, through a stalling TCP proxy written
// for the purpose (test/helpers/stall-proxy.ts): the row cap holds whatever the statement text looks
// like; a stalled network never leaves a run waiting beyond its deadline, and the server rolls back;
// cancel works even when the server does not answer; a write that loses its connection says that it
// may have been applied (result, audit line, CLI exit code); a cancelled run that was still waiting
// for a pooled connection never starts; a connection failure leaves an audit line.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { runCli } from '../../server/src/cli';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { isDriverError } from '../../server/src/engine/drivers/errors';
import { PgliteDriver } from '../../server/src/engine/drivers/pglite/pglite-driver';
import { createDriver } from '../../server/src/engine/drivers/registry';
import type { DatabaseDriver } from '../../server/src/engine/drivers/types';
import { runRequest } from '../../server/src/engine/execution/run-request';
import { AuditLog, type AuditEntry } from '../../server/src/engine/safety/audit';
import { runSql } from '../../server/src/engine/safety/executor';
import { MYSQL_URL, PG_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';
import { startStallProxy, type StallProxy } from '../helpers/stall-proxy';

const PG_DB = 'sw_safe_fault';
const MY_DB = 'sw_safe_fault';
const NESTED = "(/* /* */ */ select repeat('x', 1000) from generate_series(1, 1000000))";

function pgUrlVia(port: number): string {
  const u = new URL(pgUrlFor(PG_DB));
  u.port = String(port);
  return u.toString();
}

function auditLines(path: string): AuditEntry[] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as AuditEntry);
}

describe('safety faults: PostgreSQL', function () {
  this.timeout(30_000);
  let admin: Client;
  let db: Client;
  let proxy: StallProxy;
  let dir: string;
  const drivers: DatabaseDriver[] = [];
  const driverVia = (readOnly = true) => {
    const d = createDriver({ ...parseConnectionUrl(pgUrlVia(proxy.port)), readOnly });
    drivers.push(d);
    return d;
  };

  before(async function () {
    await requirePostgres(this);
    admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_DB}`);
    db = new Client({ connectionString: pgUrlFor(PG_DB) });
    await db.connect();
    await db.query('CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL); INSERT INTO t VALUES (1, 0)');
    dir = mkdtempSync(join(tmpdir(), 'sw-safe-fault-'));
  });
  beforeEach(async () => {
    proxy = await startStallProxy(Number(new URL(PG_URL).port || 5432));
  });
  afterEach(async () => {
    for (const d of drivers.splice(0)) await d.close().catch(() => undefined);
    await proxy?.close();
  });
  after(async () => {
    await db?.end().catch(() => undefined);
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('caps rows structurally: nested comments around a million-row query still return maxRows rows, truncated', async () => {
    const driver = createDriver(parseConnectionUrl(pgUrlFor(PG_DB)));
    drivers.push(driver);
    await driver.connect();
    const r = await runSql({ driver, connectionName: PG_DB, sql: NESTED, mode: 'read-only', maxRows: 5 });
    assert.equal(r.status, 'completed', r.message);
    const result = r.status === 'completed' ? r.statements[0]!.result! : undefined;
    assert.deepEqual([result?.rowCount, result?.truncated, result?.rows.length], [5, true, 5]);
    // The same cap on a write's RETURNING (writable connection).
    const writer = createDriver({ ...parseConnectionUrl(pgUrlFor(PG_DB)), readOnly: false });
    drivers.push(writer);
    await writer.connect();
    const w = await writer.execute('with g as (select generate_series(1, 200000) as n) select n from g', { maxRows: 3 });
    assert.deepEqual([w.rows.length, w.truncated], [3, true]);
  });

  it('a stalled network cannot hold a read past its deadline: the connection is dropped and the next read reconnects', async () => {
    const driver = driverVia();
    await driver.connect();
    await driver.queryReadOnly('select 1', { timeoutMs: 1000 });
    proxy.stall();
    await assert.rejects(driver.queryReadOnly('select 1', { timeoutMs: 500 }), (e: unknown) => isDriverError(e) && e.kind === 'timeout' && /no answer .* within 2500 ms/.test(e.message));
    proxy.resume();
    const again = await driver.queryReadOnly('select 2', { timeoutMs: 1000 });
    assert.deepEqual(again.rows, [[2]]);
  });

  it('the CLI with --timeout-ms 500 ends with a timeout when the network stalls mid-query, instead of waiting', async () => {
    proxy.holdClientFrom('sw_safe_marker');
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) };
    const code = await runCli(['run', '--connection', pgUrlVia(proxy.port), '--timeout-ms', '500', '--audit-log', join(dir, 'cli-stall.log'), "select 'sw_safe_marker'"], io);
    assert.equal(code, 1, out.join('\n'));
    assert.match(out.join('\n'), /no answer .* within 2500 ms/);
  });

  it('cancel() answers even when the server does not: it closes the running connection instead', async () => {
    const driver = driverVia();
    await driver.connect();
    const running = driver.queryReadOnly('select pg_sleep(20)', { timeoutMs: 25_000 });
    running.catch(() => undefined);
    await waitFor(async () => (await admin.query("select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(20)'")).rows[0].n === 1);
    proxy.stall();
    const outcome = await driver.cancel();
    assert.equal(outcome.cancelled, 1, outcome.detail);
    assert.match(outcome.detail, /closed 1 connection/);
    await assert.rejects(running, (e: unknown) => isDriverError(e) && e.kind === 'cancelled');
  });

  it('a write whose COMMIT is held back: a client-side deadline, "may have been applied", the lock released and the row unchanged', async () => {
    const driver = driverVia(false);
    await driver.connect();
    proxy.holdClientFrom('COMMIT');
    const audit = new AuditLog({ path: join(dir, 'commit.log') });
    const r = await runSql({ driver, connectionName: PG_DB, sql: 'update t set v = v + 1 where id = 1', mode: 'writable', timeoutMs: 500, audit, confirm: () => true });
    assert.equal(r.status, 'failed');
    assert.ok(r.status === 'failed' && r.outcomeUnknown, r.message);
    assert.match(r.message ?? '', /may have been applied/);
    assert.equal(auditLines(audit.path).at(-1)!.outcome, 'unknown');
    // The server saw the socket close and rolled back: the row lock is free at once, the value unchanged.
    await waitFor(async () => (await admin.query(`select count(*)::int as n from pg_stat_activity where datname = '${PG_DB}' and state like 'idle in transaction%'`)).rows[0].n === 0);
    await db.query("SET lock_timeout = '2s'");
    await db.query('UPDATE t SET v = v WHERE id = 1');
    assert.equal((await db.query('SELECT v FROM t WHERE id = 1')).rows[0].v, 0);
  });

  it('cancelling a run that waits for a pooled connection stops it before it starts', async () => {
    const driver = createDriver(parseConnectionUrl(pgUrlFor(PG_DB)));
    drivers.push(driver);
    await driver.connect();
    const target = { driver, config: { ...parseConnectionUrl(pgUrlFor(PG_DB)), name: PG_DB } };
    // A pool of 4: four sleeping runs occupy it, the fifth waits.
    const busy = [1, 2, 3, 4].map(() => runRequest({ target, sql: 'select pg_sleep(1)', timeoutMs: 5000 }));
    await waitFor(async () => (await admin.query("select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(1)'")).rows[0].n === 4);
    const abort = new AbortController();
    const fifth = runRequest({ target, sql: 'select 42 as answer', timeoutMs: 5000, signal: abort.signal });
    // Cancelled while it waits (the four hold the pool for a second): it must come back without rows.
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    const outcome = await fifth;
    assert.equal(outcome.status, 'cancelled');
    const set = 'results' in outcome ? outcome.results[0] : undefined;
    assert.equal(set?.rows.length, 0);
    assert.ok(set?.status === 'skipped' || set?.errorKind === 'cancelled', JSON.stringify(set));
    for (const b of await Promise.all(busy)) assert.equal(b.status, 'completed');
  });

  it('a connection failure leaves an audit line', async () => {
    const audit = new AuditLog({ path: join(dir, 'connect.log') });
    const driver = createDriver(parseConnectionUrl('postgres://postgres@127.0.0.1:1/nowhere'));
    drivers.push(driver);
    await assert.rejects(runSql({ driver, connectionName: 'nowhere', sql: 'select 1', mode: 'read-only', audit, prepare: () => driver.connect() }));
    const last = auditLines(audit.path).at(-1)!;
    assert.equal(last.outcome, 'error');
    assert.match(last.reason ?? '', /connection failed: cannot connect/);
  });
});

describe('safety faults: PGlite row cap', function () {
  this.timeout(60_000);
  it('caps rows through a cursor whatever the text looks like (nested comments, parentheses), and runs SHOW', async () => {
    const driver = new PgliteDriver({ name: 'pglite', driver: 'pglite', readOnly: true });
    try {
      await driver.connect();
      const r = await driver.queryReadOnly("(/* /* */ */ select repeat('x', 10) from generate_series(1, 100000))", { maxRows: 5 });
      assert.deepEqual([r.rows.length, r.truncated], [5, true]);
      const show = await driver.queryReadOnly('show server_version', { maxRows: 5 });
      assert.equal(show.rows.length, 1);
    } finally {
      await driver.close();
    }
  });
});

describe('safety faults: MariaDB', function () {
  this.timeout(30_000);
  let admin: import('mysql2/promise').Connection;
  let proxy: StallProxy;
  let dir: string;

  before(async function () {
    await requireMysql(this);
    const mysql = await import('mysql2/promise');
    admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
    await admin.query(`DROP DATABASE IF EXISTS ${MY_DB}; CREATE DATABASE ${MY_DB}; CREATE TABLE ${MY_DB}.t (id int PRIMARY KEY, note varchar(20)); INSERT INTO ${MY_DB}.t VALUES (1, 'before'), (2, 'before')`);
    dir = mkdtempSync(join(tmpdir(), 'sw-safe-fault-my-'));
  });
  beforeEach(async () => {
    proxy = await startStallProxy(Number(new URL(MYSQL_URL).port || 3306));
  });
  afterEach(async () => proxy?.close());
  after(async () => {
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS ${MY_DB}`).catch(() => undefined);
      await admin.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const urlVia = () => {
    const u = new URL(MYSQL_URL);
    u.port = String(proxy.port);
    u.pathname = '/' + MY_DB;
    return u.toString();
  };

  it('an autocommit UPDATE whose connection drops is reported as "may have been applied" (it was), in the result and the audit line', async () => {
    const driver = createDriver({ ...parseConnectionUrl(urlVia()), readOnly: false });
    try {
      await driver.connect();
      proxy.cutAfter('UPDATE', 100);
      const audit = new AuditLog({ path: join(dir, 'drop.log') });
      const r = await runSql({ driver, connectionName: MY_DB, sql: "UPDATE t SET note = 'applied' WHERE id = 1 AND sleep(0.5) = 0", mode: 'writable', audit, confirm: () => true });
      assert.ok(r.status === 'failed' && r.outcomeUnknown, r.status === 'refused' ? r.message : r.message);
      assert.match(r.message ?? '', /may have been applied/);
      assert.equal(auditLines(audit.path).at(-1)!.outcome, 'unknown');
      // And it was applied: re-running it blindly is exactly what the message must prevent.
      await waitFor(async () => ((await admin.query(`SELECT note FROM ${MY_DB}.t WHERE id = 1`))[0] as { note: string }[])[0]!.note === 'applied');
    } finally {
      await driver.close();
    }
  });

  it('the CLI exits 3 (outcome unknown), not 1, for such a write', async () => {
    proxy.cutAfter('UPDATE', 100);
    const out: string[] = [];
    const code = await runCli(['run', '--connection', urlVia(), '--write', '--yes', '--audit-log', join(dir, 'cli.log'), "UPDATE t SET note = 'cli' WHERE id = 2 AND sleep(0.5) = 0"], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
    });
    assert.equal(code, 3, out.join('\n'));
    assert.match(out.join('\n'), /may have been applied/);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 50));
  }
}
