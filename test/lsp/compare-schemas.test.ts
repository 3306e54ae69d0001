// schemawise/compareSchemas through the built language server over stdio: the live sample schema
// against snapshot files (what "Compare Schemas…" and the explorer's changed-table marks use), and
// clear errors for bad sources. Nothing is run on the database.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompareSchemasRequest, GetSchemaRequest, SchemawiseErrorCodes } from '../../server/src/protocol';
import { LspClient } from '../helpers/lsp-client';

describe('language server: compare schemas', function () {
  this.timeout(60_000);
  let client: LspClient;
  const dir = mkdtempSync(join(tmpdir(), 'sw-compare-'));
  const same = join(dir, 'same.json');
  const older = join(dir, 'older.json');

  before(async () => {
    client = await LspClient.start(['--connection', 'pglite:sample']);
    await client.initialize({ client: 'test' }, true);
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the sample database', 40_000);
    const model = await client.connection.sendRequest(GetSchemaRequest.type);
    assert.ok(model);
    writeFileSync(same, JSON.stringify(model));
    // The committed snapshot is older: one table lacked a column and one view did not exist yet.
    const past = structuredClone(model);
    const table = past.tables.find((t) => t.kind === 'table' && t.columns.length > 2)!;
    table.columns.pop();
    const view = past.tables.findIndex((t) => t.kind === 'view');
    const [removed] = past.tables.splice(view, 1);
    writeFileSync(older, JSON.stringify(past));
    expected = [`${table.schema}.${table.name}`, `${removed!.schema}.${removed!.name}`].sort();
  });
  let expected: string[] = [];
  after(async () => {
    await client?.stop();
  });

  it('finds no difference between the live schema and a snapshot of it', async () => {
    const r = await client.connection.sendRequest(CompareSchemasRequest.type, { from: { kind: 'snapshot', path: same }, to: { kind: 'live' } });
    assert.equal(r.equal, true);
    assert.deepEqual(r.changedTables, []);
    assert.match(r.report, /No differences/);
  });

  it('returns the markdown report, the migration and the changed tables for an older snapshot', async () => {
    const r = await client.connection.sendRequest(CompareSchemasRequest.type, { from: { kind: 'snapshot', path: older }, to: { kind: 'live' } });
    assert.equal(r.equal, false);
    assert.deepEqual([...r.changedTables].sort(), expected);
    assert.match(r.report, /^### Schema diff: `older\.json` → `acme \(live\)`/m);
    assert.match(r.sql ?? '', /ALTER TABLE .* ADD COLUMN /);
    assert.match(r.sql ?? '', /CREATE VIEW /);
  });

  it('answers bad sources with an error code and keeps running', async () => {
    await assert.rejects(
      client.connection.sendRequest(CompareSchemasRequest.type, { from: { kind: 'snapshot', path: join(dir, 'missing.json') }, to: { kind: 'live' } }),
      (e: { code: number; message: string }) => e.code === SchemawiseErrorCodes.SnapshotInvalid && /cannot read schema snapshot/.test(e.message),
    );
    await assert.rejects(
      client.connection.sendRequest(CompareSchemasRequest.type, { from: { kind: 'nope' } as never, to: { kind: 'live' } }),
      (e: { code: number }) => e.code === SchemawiseErrorCodes.InvalidParams,
    );
    const again = await client.connection.sendRequest(CompareSchemasRequest.type, { from: { kind: 'live' }, to: { kind: 'live' } });
    assert.equal(again.equal, true);
  });
});
