// Semantic tokens (range requests) through the built server over stdio: tables, columns, aliases,
// CTEs, functions and parameters told apart; keywords left to the TextMate grammar.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SemanticTokensRangeRequest, type SemanticTokens } from 'vscode-languageserver-protocol/node';
import { saveSnapshot } from '../../server/src/engine/schema/snapshot';
import { LspClient } from '../helpers/lsp-client';
import { pgDdlModel } from '../helpers/pg-ddl-model';

describe('semantic tokens over stdio', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-ed-semantic-'));
  let client: LspClient;
  let legend: string[];

  before(async function () {
    this.timeout(120000);
    const file = join(dir, 'shop.json');
    await saveSnapshot(file, pgDdlModel('CREATE TABLE customer (id integer PRIMARY KEY, name text NOT NULL, email text);', 'shop'));
    client = await LspClient.start(['--schema', file]);
    const init = await client.initialize();
    const provider = init.capabilities.semanticTokensProvider!;
    assert.equal(provider.range, true);
    legend = provider.legend.tokenTypes;
    await client.schemaChanges.waitFor((s) => s.tableCount > 0, 'the snapshot to load');
  });
  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Decoded tokens as `text:type`. */
  const classify = async (text: string) => {
    const uri = await client.open(text);
    const lines = text.split('\n');
    const r = (await client.connection.sendRequest(SemanticTokensRangeRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    })) as SemanticTokens;
    const out: string[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < r.data.length; i += 5) {
      const [dl, dc, len, type] = r.data.slice(i, i + 4);
      line += dl;
      char = dl === 0 ? char + dc : dc;
      out.push(`${lines[line].slice(char, char + len)}:${legend[type]}`);
    }
    return out;
  };

  it('tells tables, columns, aliases, CTEs, functions and parameters apart', async () => {
    const text = 'WITH r AS (SELECT id, upper(name) AS n FROM customer WHERE id > $1)\nSELECT c.email, r.n, count(*) FROM customer c JOIN r ON r.id = c.id WHERE EXISTS (SELECT 1)';
    assert.deepEqual(await classify(text), [
      'r:struct', 'id:property', 'upper:function', 'name:property', 'customer:class', 'id:property', '$1:parameter',
      'c:variable', 'email:property', 'r:struct', 'n:property', 'count:function', 'customer:class', 'c:variable', 'r:struct', 'r:struct', 'id:property', 'c:variable', 'id:property',
    ]);
  });

  it('answers empty for broken SQL and unknown names instead of failing', async () => {
    assert.deepEqual(await classify('SELEC * FRM nosuch.x WHERE ((( '), []);
  });
});
