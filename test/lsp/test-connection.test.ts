// schemawise/testConnection over stdio: tries a connection without making it the current source
// (Add Connection tests before saving), and fails like connect, with the failure's kind.
import { strict as assert } from 'node:assert';
import { GetStatusRequest, TestConnectionRequest } from '../../server/src/protocol';
import { buildServer, LspClient } from '../helpers/lsp-client';
import { requirePostgres } from '../helpers/services';

describe('language server: testConnection', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async function () {
    await requirePostgres(this);
    await buildServer();
    client = await LspClient.start([]);
    await client.initialize({});
  });
  after(() => client?.stop());

  it('answers the server version and leaves the session as it was', async () => {
    const r = await client.connection.sendRequest(TestConnectionRequest.type, { name: 'pg', driver: 'postgres', host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', readOnly: true });
    assert.match(r.serverVersion, /^PostgreSQL 15/);
    assert.ok(r.ms >= 0);
    const status = await client.connection.sendRequest(GetStatusRequest.type);
    assert.equal(status.source, 'none');
  });

  it('fails with the driver kind for an unreachable server, and for a missing database', async () => {
    await assert.rejects(
      client.connection.sendRequest(TestConnectionRequest.type, { name: 'nowhere', driver: 'postgres', host: '127.0.0.1', port: 1, database: 'x', user: 'postgres', readOnly: true }),
      (e: { message: string; data?: { kind?: string } }) => /cannot connect to nowhere/.test(e.message) && e.data?.kind === 'unreachable',
    );
    await assert.rejects(
      client.connection.sendRequest(TestConnectionRequest.type, { name: 'nodb', driver: 'postgres', host: '127.0.0.1', port: 5432, database: 'sw_no_such_db', user: 'postgres', readOnly: true }),
      /sw_no_such_db/,
    );
  });
});
