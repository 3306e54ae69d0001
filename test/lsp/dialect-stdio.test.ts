// The per-document dialect through the built server over stdio, with no connection: the
// `schemawise.defaultDialect` setting of the document's resource, and a first-line directive that
// overrides it. Completion and diagnostics must follow the same decision.
import { strict as assert } from 'node:assert';
import { LspClient } from '../helpers/lsp-client';

describe('dialect per document over stdio (setting and directive)', function () {
  this.timeout(60_000);
  let client: LspClient;

  before(async function () {
    this.timeout(120_000);
    client = await LspClient.start([]);
    client.settings = { defaultDialect: 'mssql' };
    await client.initialize(undefined, true);
  });
  after(async () => {
    await client?.stop();
  });

  const labels = async (marked: string) => (await client.completeAt(marked)).items.map((i) => i.label);

  it('takes T-SQL from the defaultDialect setting: TOP and OFFSET, no LIMIT, GO batches', async () => {
    const afterSelect = await labels('SELECT | FROM t');
    assert.ok(afterSelect.includes('TOP') && !afterSelect.includes('LIMIT'));
    const afterOrder = await labels('SELECT 1\nGO\nSELECT TOP 3 x FROM t ORDER BY x |');
    assert.ok(afterOrder.includes('OFFSET') && afterOrder.includes('OFFSET … ROWS FETCH NEXT … ROWS ONLY'));
  });

  it('lets a first-line directive override the setting', async () => {
    const afterOrder = await labels('-- schemawise: dialect=mysql\nSELECT x FROM t ORDER BY x |');
    assert.ok(afterOrder.includes('LIMIT') && !afterOrder.includes('OFFSET') && !afterOrder.includes('TOP'));
  });

  it('diagnoses with the same decision: T-SQL by setting, PostgreSQL by directive', async () => {
    const tsqlUri = 'file:///tmp/dialect-setting.sql';
    const tsql = client.diagnosticsFor(tsqlUri);
    await client.open('SELECT TOP 5 name FROM t ORDER BY name\nGO\nSELECT name FROM t WHERE\nGO', tsqlUri);
    assert.deepEqual((await tsql).diagnostics.map((d) => [d.code, d.range.start.line]), [['syntax', 2]]);
    const pgUri = 'file:///tmp/dialect-directive.sql';
    const pg = client.diagnosticsFor(pgUri);
    await client.open('-- schemawise: dialect=postgres\nSELECT TOP 5 name FROM t', pgUri);
    assert.deepEqual((await pg).diagnostics.map((d) => d.code), ['syntax'], 'TOP is not PostgreSQL');
  });
});
