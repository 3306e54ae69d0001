// Opening the sample over stdio as VS Code does (issue 20): the server reports the stages of the
// slow start as work-done progress, then keeps its audit log in the state folder the editor names
// (VS Code: the extension's global storage), not in the workspace, when no path is configured.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkDoneProgress, type WorkDoneProgressBegin, type WorkDoneProgressEnd, type WorkDoneProgressReport } from 'vscode-languageserver-protocol/node';
import { ConnectRequest, RunQueryRequest } from '../../server/src/protocol';
import { buildServer, LspClient } from '../helpers/lsp-client';

describe('language server: opening the sample (progress, audit log location)', function () {
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

  it('reports the steps of the sample start as work-done progress, begin to end', async () => {
    const seen: (WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd)[] = [];
    const sub = client.connection.onProgress(WorkDoneProgress.type, 'sample-1', (v) => {
      seen.push(v);
    });
    const status = await client.connection.sendRequest(ConnectRequest.type, { sample: true, workDoneToken: 'sample-1' });
    sub.dispose();
    assert.ok(status.tableCount > 0);
    assert.deepEqual(seen.map((v) => v.kind), ['begin', ...seen.slice(1, -1).map(() => 'report'), 'end']);
    const steps = seen.map((v) => ('message' in v ? v.message : undefined)).filter(Boolean);
    assert.deepEqual(steps, [
      'starting the embedded PostgreSQL (PGlite)',
      'creating the sample schemas (crm, sales, billing)',
      'generating and loading about 18,000 rows',
      'creating indexes and statistics',
      'reading the schema',
    ]);
  });

  it('appends to <stateDir>/audit.log when schemawise.audit.path is empty', async () => {
    const outcome = await client.connection.sendRequest(RunQueryRequest.type, { uri: 'file:///q.sql', text: 'select 42 as answer' });
    assert.equal(outcome.status, 'completed');
    const file = join(dir, 'state', 'audit.log');
    assert.ok(existsSync(file), 'the audit log is in the state folder');
    const entry = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as { sql: string; outcome: string };
    assert.deepEqual([entry.sql, entry.outcome], ['select 42 as answer', 'ok']);
  });
});
