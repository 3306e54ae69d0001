// The language server keeps its audit log in the state folder the editor names (VS Code: the
// extension's global storage), not in the workspace, when no path is configured (issue 20).
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectRequest, RunQueryRequest } from '../../server/src/protocol';
import { buildServer, LspClient } from '../helpers/lsp-client';

describe('language server: audit log location', function () {
  this.timeout(60_000);
  let client: LspClient;
  let dir: string;

  before(async () => {
    await buildServer();
    dir = mkdtempSync(join(tmpdir(), 'sw-audit-loc-'));
    client = await LspClient.start([]);
    await client.initialize({ stateDir: join(dir, 'state'), audit: { includeText: true } });
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends to <stateDir>/audit.log when schemawise.audit.path is empty', async () => {
    await client.connection.sendRequest(ConnectRequest.type, { sample: true });
    const outcome = await client.connection.sendRequest(RunQueryRequest.type, { uri: 'file:///q.sql', text: 'select 42 as answer' });
    assert.equal(outcome.status, 'completed');
    const file = join(dir, 'state', 'audit.log');
    assert.ok(existsSync(file), 'the audit log is in the state folder');
    const entry = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as { sql: string; outcome: string };
    assert.deepEqual([entry.sql, entry.outcome], ['select 42 as answer', 'ok']);
  });
});
