// Mock data through the built language server over stdio, as the VS Code command uses it:
// schemawise/mockPreview (10 rows per table, never written) and schemawise/mockGenerate (written in
// one transaction, work-done progress, $/cancelRequest rolls back, refused on read-only and
// production-tagged connections), against a scratch PostgreSQL database with our own schema.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { CancellationTokenSource, WorkDoneProgress, type ResponseError } from 'vscode-languageserver-protocol/node';
import { parseConnectionUrl } from '../../server/src/engine/drivers/connection-url';
import { ConnectRequest, MockGenerateRequest, MockPreviewRequest, SchemawiseErrorCodes, type ConnectParams } from '../../server/src/protocol';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { buildServer, LspClient } from '../helpers/lsp-client';
import { pgUrlFor, requirePostgres } from '../helpers/services';

const DB = 'sw_mock_lsp';

async function sql(text: string): Promise<Record<string, unknown>[]> {
  const c = new Client({ connectionString: pgUrlFor(DB) });
  await c.connect();
  try {
    return (await c.query(text)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

const total = async () => Number((await sql("SELECT (SELECT count(*) FROM department) + (SELECT count(*) FROM employee) + (SELECT count(*) FROM ticket) AS n"))[0]!.n);

describe('language server: mock data (mockPreview, mockGenerate)', function () {
  this.timeout(120_000);
  let client: LspClient;

  const connect = (extra: Partial<ConnectParams & { readOnly: boolean; tags: string[] }>) =>
    client.connection.sendRequest(ConnectRequest.type, { ...parseConnectionUrl(pgUrlFor(DB)), name: 'company', ...extra } as ConnectParams);

  before(async function () {
    await requirePostgres(this);
    await buildServer();
    await recreateDatabase(DB);
    await sql(readFileSync(path.join(__dirname, '..', 'fixtures', 'mock', 'company.postgres.sql'), 'utf8'));
    client = await LspClient.start([]);
    await client.initialize();
  });
  after(async () => {
    await client?.stop();
    await dropDatabase(DB).catch(() => undefined);
  });

  it('previews 10 rows per table as result sets on a read-only connection, writes nothing, and says why it may not write', async () => {
    await connect({ readOnly: true });
    const p = await client.connection.sendRequest(MockPreviewRequest.type, { rows: 500, tables: ['ticket'] });
    assert.equal(p.outcome.status, 'completed');
    if (p.outcome.status !== 'completed') return;
    const ticket = p.outcome.results.find((r) => r.preview === 'public.ticket')!;
    assert.equal(ticket.rows.length, 10);
    assert.deepEqual(ticket.columns.slice(0, 3), [{ name: 'id', type: 'uuid' }, { name: 'status', type: 'ticket_status' }, { name: 'opened_at', type: 'timestamp with time zone' }]);
    assert.match(String(ticket.rows[0]![0]), /^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    assert.equal(p.writable, false);
    assert.match(p.writeRefusal ?? '', /read-only/);
    await assert.rejects(client.connection.sendRequest(MockGenerateRequest.type, { rows: 5 }), (e: unknown) => (e as ResponseError<unknown>).code === SchemawiseErrorCodes.Refused && /is read-only.*nothing was written/.test((e as Error).message));
    assert.equal(await total(), 0);
  });

  it('refuses to write on a production-tagged writable connection', async () => {
    await connect({ readOnly: false, tags: ['Production'] });
    await assert.rejects(client.connection.sendRequest(MockGenerateRequest.type, { rows: 5 }), (e: unknown) => (e as ResponseError<unknown>).code === SchemawiseErrorCodes.Refused && /tagged production/.test((e as Error).message));
    assert.equal(await total(), 0);
  });

  it('writes on a writable connection with work-done progress; the counts are exact', async () => {
    await connect({ readOnly: false, tags: ['dev'] });
    const messages: string[] = [];
    const token = 'mock-progress-1';
    const sub = client.connection.onProgress(WorkDoneProgress.type, token, (v) => {
      if (v.kind !== 'end' && v.message) messages.push(v.message);
    });
    const report = await client.connection.sendRequest(MockGenerateRequest.type, { rows: 1000, workDoneToken: token });
    sub.dispose();
    assert.ok(report.tables.every((t) => t.written === 1000), JSON.stringify(report.tables));
    assert.ok(messages.some((m) => /^public\.\w+: [\d,]+ of 1,000 rows \(table \d+ of 8\)$/.test(m)), messages.slice(0, 3).join(' | '));
    assert.equal(await total(), 3000);
  });

  it('cancelling mockGenerate rolls the whole run back', async () => {
    await sql('TRUNCATE department, employee, project, assignment, timesheet, ticket, region, city RESTART IDENTITY CASCADE');
    const cancel = new CancellationTokenSource();
    const token = 'mock-progress-2';
    const sub = client.connection.onProgress(WorkDoneProgress.type, token, (v) => {
      if (v.kind === 'report' && /table [3-8] of 8/.test(v.message ?? '')) cancel.cancel();
    });
    await assert.rejects(client.connection.sendRequest(MockGenerateRequest.type, { rows: 6000, workDoneToken: token }, cancel.token));
    sub.dispose();
    assert.equal(await total(), 0);
  });

  it('a table whose parents are not generated draws from their existing rows (preview and write); the report lists the samples', async () => {
    // department's manager (employee) is empty: that nullable foreign key stays NULL.
    const departments = await client.connection.sendRequest(MockGenerateRequest.type, { rows: 20, tables: ['department'] });
    assert.deepEqual(departments.tables.map((t) => [t.table, t.written]), [['public.department', 20]]);
    assert.ok(departments.findings.some((f) => f.level === 'info' && /department_manager_fk left NULL: public\.employee is not part of this run and has no rows in the database/.test(f.message)), JSON.stringify(departments.findings));
    const ids = new Set((await sql('SELECT id FROM department')).map((r) => String(r.id)));
    const p = await client.connection.sendRequest(MockPreviewRequest.type, { rows: 50, tables: ['employee'] });
    assert.equal(p.outcome.status, 'completed');
    if (p.outcome.status !== 'completed') return;
    assert.deepEqual(p.outcome.results.map((r) => r.preview), ['public.employee']);
    const employees = p.outcome.results[0]!;
    const dep = employees.columns.findIndex((c) => c.name === 'department_id');
    assert.ok(employees.rows.every((r) => ids.has(String(r[dep]))), 'preview: every department_id exists');
    assert.deepEqual(p.report.sampledParents?.map((s) => [s.child, s.table, s.keys, s.bounded]), [['public.employee', 'public.department', 20, false]]);
    const written = await client.connection.sendRequest(MockGenerateRequest.type, { rows: 50, tables: ['employee'] });
    assert.deepEqual(written.tables.map((t) => [t.table, t.written]), [['public.employee', 50]]);
    assert.deepEqual(await sql('SELECT (SELECT count(*) FROM department)::int AS departments, (SELECT count(*) FROM employee)::int AS employees, (SELECT count(*) FROM employee e WHERE NOT EXISTS (SELECT 1 FROM department d WHERE d.id = e.department_id))::int AS orphans'), [{ departments: 20, employees: 50, orphans: 0 }]);
  });
});
