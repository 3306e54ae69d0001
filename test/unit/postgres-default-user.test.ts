// A postgres:// URL without a user logs in as psql would: PGUSER, else the operating-system user.
// node-postgres alone reads only $USER, and with it unset the server refused the login ("no
// PostgreSQL user name specified in startup packet"). The driver test reads the startup packet on
// a loopback socket, so it needs no database.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { userInfo } from 'node:os';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { defaultPostgresUser } from '../../server/src/engine/drivers/postgres/default-user';
import { PostgresDriver } from '../../server/src/engine/drivers/postgres/postgres-driver';

/** Connects the driver to a stand-in server and returns the startup packet's parameters. */
async function startupParameters(url: string): Promise<Record<string, string>> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  const packet = new Promise<Buffer>((resolve) =>
    server.once('connection', (socket) => {
      socket.once('data', (data: Buffer) => {
        resolve(data);
        socket.destroy(); // the login fails: only the packet matters here
      });
    }),
  );
  const driver = new PostgresDriver({ ...parseConnectionUrl(url.replace('PORT', String(port))), connectTimeoutMs: 5000 });
  try {
    await assert.rejects(driver.connect());
    // StartupMessage: int32 length, int32 protocol 3.0, then name\0value\0 pairs and a final \0.
    const fields = (await packet).subarray(8).toString('utf8').split('\0');
    const params: Record<string, string> = {};
    for (let i = 0; i + 1 < fields.length && fields[i]; i += 2) params[fields[i]!] = fields[i + 1]!;
    return params;
  } finally {
    await driver.close();
    server.close();
  }
}

describe('PostgreSQL default user (a URL without user name)', () => {
  it('defaults to PGUSER, else the operating-system user, else USER/USERNAME', () => {
    assert.equal(defaultPostgresUser({ PGUSER: 'pg-env', USER: 'u' }, () => 'os'), 'pg-env');
    assert.equal(defaultPostgresUser({ USER: 'u' }, () => 'os'), 'os');
    const noPasswdEntry = () => {
      throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
    };
    assert.equal(defaultPostgresUser({ USER: 'u' }, noPasswdEntry), 'u');
    assert.equal(defaultPostgresUser({ USERNAME: 'w' }, noPasswdEntry), 'w');
    assert.equal(defaultPostgresUser({}, noPasswdEntry), undefined);
  });

  it('keeps the URL as written: no user is guessed into the parsed config or its name', () => {
    const c = parseConnectionUrl('postgres://127.0.0.1:5432/test');
    assert.equal(c.user, undefined);
    assert.equal(c.name, '127.0.0.1/test');
  });

  it('logs in as the operating-system user when the URL names none, even with USER unset', async function () {
    const saved = { USER: process.env.USER, PGUSER: process.env.PGUSER };
    delete process.env.USER; // what broke the login: node-postgres read only this
    delete process.env.PGUSER;
    try {
      const params = await startupParameters('postgres://127.0.0.1:PORT/test');
      assert.equal(params.user, userInfo().username);
      assert.equal(params.database, 'test');
      // A user in the URL still wins.
      assert.equal((await startupParameters('postgres://alice@127.0.0.1:PORT/test')).user, 'alice');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
});
