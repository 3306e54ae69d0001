// Bad connection input gives a DriverError of the right kind with a message a person can act on,
// never the password, and never a crash. The test server trusts every local connection (pg_hba
// "trust"), so a wrong password cannot fail against it: that case talks to a loopback stand-in that
// speaks the PostgreSQL startup protocol and rejects the password exactly as a real server does.
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { Client } from 'pg';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { isDriverError, type DriverErrorKind } from '../../server/src/engine/drivers/errors';
import type { ConnectionConfig } from '../../server/src/engine/drivers/types';
import { PG_URL, pgUrlFor, requirePostgres } from '../helpers/services';
import { dropDatabase, loadPgDataset } from '../helpers/datasets';

const PASSWORD = 'Sw-drv-S3cret!pw';
const CHINOOK = 'sw_drv_chinook';

function config(overrides: Partial<ConnectionConfig>): ConnectionConfig {
  return { ...parseConnectionUrl(PG_URL), password: PASSWORD, connectTimeoutMs: 5000, ...overrides };
}

async function connectError(cfg: ConnectionConfig, kind: DriverErrorKind, message: RegExp): Promise<void> {
  const driver = new PostgresDriver(cfg);
  try {
    await assert.rejects(driver.connect(), (e: unknown) => {
      assert.ok(isDriverError(e), `a DriverError, got ${String(e)}`);
      assert.equal(e.kind, kind, e.message);
      assert.match(e.message, message);
      assert.ok(!e.message.includes(PASSWORD), `no password in: ${e.message}`);
      return true;
    });
  } finally {
    await driver.close();
  }
}

/** A TCP server on 127.0.0.1; `onSocket` decides how it (mis)behaves. */
async function localServer(onSocket: (s: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onSocket(s);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Speaks just enough of the protocol: asks for a cleartext password, then rejects it (SQLSTATE 28P01). */
function rejectPassword(seen: string[]) {
  return (s: net.Socket) => {
    let buf = Buffer.alloc(0);
    let startup = true;
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (startup && buf.length >= 8 && buf.length >= buf.readInt32BE(0)) {
        buf = buf.subarray(buf.readInt32BE(0));
        startup = false;
        s.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3])); // AuthenticationCleartextPassword
      } else if (!startup && buf.length >= 5 && buf.length >= 1 + buf.readInt32BE(1)) {
        seen.push(buf.subarray(5, buf.readInt32BE(1)).toString('utf8'));
        const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed for user "sw_drv_pw"'].map((f) => f + '\0').join('') + '\0';
        const body = Buffer.from(fields, 'utf8');
        const head = Buffer.alloc(5);
        head.write('E', 0);
        head.writeInt32BE(body.length + 4, 1);
        s.end(Buffer.concat([head, body]));
      }
    });
  };
}

describe('PostgreSQL driver: bad connection input', function () {
  this.timeout(60_000);

  before(async function () {
    await requirePostgres(this);
    await loadPgDataset('chinook', CHINOOK);
  });

  it('maps a rejected password (SQLSTATE 28P01) to auth, without echoing the password', async () => {
    const seen: string[] = [];
    const server = await localServer(rejectPassword(seen));
    try {
      await connectError(config({ port: server.port, user: 'sw_drv_pw', database: 'test' }), 'auth', /authentication failed for user "sw_drv_pw".*wrong password/);
      assert.deepEqual(seen, [PASSWORD], 'the driver really sent the password');
    } finally {
      await server.close();
    }
  });

  it('maps a role that does not exist to auth', async () => {
    await connectError(config({ user: 'sw_drv_no_such_role' }), 'auth', /role "sw_drv_no_such_role" does not exist/);
  });

  it('maps a closed port to unreachable', async () => {
    const server = await localServer(() => undefined);
    const port = server.port;
    await server.close();
    await connectError(config({ port }), 'unreachable', new RegExp(`127\\.0\\.0\\.1:${port}.*connection refused`));
  });

  it('maps a server that accepts but never answers to timeout', async () => {
    const server = await localServer(() => undefined);
    try {
      await connectError(config({ port: server.port, connectTimeoutMs: 300 }), 'timeout', /timed out connecting to 127\.0\.0\.1/);
    } finally {
      await server.close();
    }
  });

  it('maps a missing database to database_not_found', async () => {
    await dropDatabase('sw_drv_no_such_db');
    await connectError(config({ database: 'sw_drv_no_such_db' }), 'database_not_found', /database "sw_drv_no_such_db" does not exist/);
  });

  it('maps SSL required by the client but refused by the server to ssl, and an unreadable CA file to config', async () => {
    // Answers the SSLRequest with "N" (no SSL), as a server with ssl = off does.
    const server = await localServer((s) => s.once('data', () => s.write('N')));
    try {
      await connectError(config({ port: server.port, ssl: { mode: 'require' } }), 'ssl', /SSL\/TLS failure .*does not support SSL/);
    } finally {
      await server.close();
    }
    await connectError(config({ ssl: { mode: 'verify-full', ca: '/nonexistent/sw-drv-ca.pem' } }), 'config', /cannot read the CA certificate file "\/nonexistent\/sw-drv-ca\.pem"/);
  });

  it('reports a connection killed during a query as connection_lost, then reconnects on the next call', async () => {
    const driver = new PostgresDriver(parseConnectionUrl(pgUrlFor(CHINOOK)));
    await driver.connect();
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const running = driver.queryReadOnly('SELECT pg_sleep(30)', { timeoutMs: 20_000 });
      const outcome = running.then(
        () => undefined,
        (e: unknown) => e,
      );
      // Wait until the statement is executing and end that backend.
      let pid: number | undefined;
      for (let i = 0; i < 10_000 && pid === undefined; i++) {
        const r = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'schemawise' AND state = 'active' AND query LIKE '%pg_sleep(30)%'",
          [CHINOOK],
        );
        pid = r.rows[0]?.pid;
      }
      assert.ok(pid, 'the query is running');
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const err = await outcome;
      assert.ok(isDriverError(err), `a DriverError, got ${String(err)}`);
      assert.equal(err.kind, 'connection_lost', err.message);
      assert.match(err.message, /closed by the server.*next request reconnects/);
      const again = await driver.queryReadOnly('SELECT count(*)::int FROM genre');
      assert.deepEqual(again.rows, [[25]]);
    } finally {
      await admin.end();
      await driver.close();
    }
  });

  it('releases every connection on close', async () => {
    const driver = new PostgresDriver(parseConnectionUrl(pgUrlFor(CHINOOK)));
    await driver.connect();
    await driver.introspect();
    const admin = new Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const count = async () =>
        (await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'schemawise'", [CHINOOK])).rows[0].n;
      assert.ok((await count()) >= 1);
      await driver.close();
      // The backends exit right after their sockets close; wait for the catalog to show it.
      let n = await count();
      for (let i = 0; i < 1000 && n > 0; i++) n = await count();
      assert.equal(n, 0);
      await assert.rejects(driver.queryReadOnly('SELECT 1'), { kind: 'config', message: /not connected/ });
    } finally {
      await admin.end();
    }
  });
});
