// The client's side of schemawise/connect against the real built language server: the parameters it
// builds from settings, its password policy on a real authentication failure (MariaDB), and the
// schema tree over a model the server really introspected (the PGlite sample, in process).
import { strict as assert } from 'node:assert';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { ConnectRequest, GetSchemaRequest, type ConnectParams, type SchemaStatus } from '../../server/src/protocol';
import { connectWithPassword, type ConnectOutcome, type PasswordPrompt, type PasswordSource } from '../../client/src/connect-flow';
import { classifyConnectError, connectParams, type ConnectTarget } from '../../client/src/connect-params';
import { connectionsFrom, passwordKey, type ConnectionSetting } from '../../client/src/settings';
import { connectionNode, type SchemaNode } from '../../client/src/tree/schema-nodes';
import { LspClient } from '../helpers/lsp-client';
import { requireMysql } from '../helpers/services';

class KeychainWithPrompt implements PasswordSource {
  readonly saved = new Map<string, string>();
  readonly prompts: PasswordPrompt[] = [];
  constructor(private readonly answers: (string | undefined)[]) {}
  async get(c: ConnectionSetting) {
    return this.saved.get(passwordKey(c));
  }
  async ask(_c: ConnectionSetting, why: PasswordPrompt) {
    this.prompts.push(why);
    return this.answers.shift();
  }
  async store(c: ConnectionSetting, p: string) {
    this.saved.set(passwordKey(c), p);
  }
  async forget(c: ConnectionSetting) {
    return this.saved.delete(passwordKey(c));
  }
}

/** What server-api.ts does with a LanguageClient, over the test harness's protocol connection. */
function sender(client: LspClient) {
  return async (params: ConnectParams): Promise<ConnectOutcome<SchemaStatus>> => {
    try {
      return { ok: true, status: await client.connection.sendRequest(ConnectRequest.type, params) };
    } catch (e) {
      return { ok: false, ...classifyConnectError(e) };
    }
  };
}

const kids = (n: SchemaNode) => n.children?.() ?? [];

describe('client ↔ language server contract', function () {
  this.timeout(120000);
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('opens the sample database and shows its tables, keys and columns in the schema tree', async () => {
    client = await LspClient.start([]);
    await client.initialize({ client: 'vscode', extensionVersion: '0.1.0' });
    const target: ConnectTarget = { kind: 'sample' };
    const r = await connectWithPassword({ passwords: new KeychainWithPrompt([]), send: sender(client), current: () => true }, target, true);
    assert.equal(r.kind, 'connected');
    const model = (await client.connection.sendRequest(GetSchemaRequest.type))!;
    const root = connectionNode({ name: 'sample', dialect: model.dialect, readOnly: true }, model);
    assert.equal(root.description, 'postgres · read-only');
    const tableNodes = kids(root).flatMap(kids).filter((f) => f.label === 'Tables').flatMap(kids);
    assert.equal(tableNodes.length, model.tables.filter((t) => t.kind !== 'view' && t.kind !== 'materialized_view').length);
    // Every foreign key the server introspected appears under its table's Keys with its target.
    const withFk = model.tables.find((t) => t.foreignKeys.length > 0)!;
    assert.ok(withFk, 'the sample has foreign keys');
    const node = tableNodes.find((n) => n.target?.schema === withFk.schema && n.target.table === withFk.name)!;
    const keys = kids(kids(node).find((f) => f.label === 'Keys')!);
    for (const fk of withFk.foreignKeys) {
      const k = keys.find((x) => x.label === fk.name);
      assert.ok(k, `key ${fk.name}`);
      assert.match(k.description!, new RegExp(`→ ${fk.refSchema}\\.${fk.refTable}\\(`));
    }
    const cols = kids(kids(node).find((f) => f.label === 'Columns')!);
    assert.deepEqual(cols.map((c) => c.label), [...withFk.columns].sort((a, b) => a.ordinal - b.ordinal).map((c) => c.name));
  });

  it('re-asks after MariaDB rejects the saved password and keeps the one that worked', async function () {
    await requireMysql(this);
    client = await LspClient.start([]);
    await client.initialize({ client: 'vscode' });
    const [maria] = connectionsFrom([{ name: 'maria', dialect: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', database: 'test' }]).value;
    // The server labels the failure itself (data.kind), so the client does not depend on driver wording.
    const rejected = await client.connection.sendRequest(ConnectRequest.type, connectParams({ kind: 'configured', connection: maria! }, 'definitely-wrong')).catch((e: unknown) => e);
    assert.ok(rejected instanceof ResponseError);
    assert.deepEqual(rejected.data, { kind: 'auth' });
    const keychain = new KeychainWithPrompt(['']); // the test server's root has an empty password
    await keychain.store(maria!, 'definitely-wrong');
    const r = await connectWithPassword({ passwords: keychain, send: sender(client), current: () => true }, { kind: 'configured', connection: maria! }, true);
    assert.equal(r.kind, 'connected', JSON.stringify(r));
    assert.deepEqual(keychain.prompts, ['auth-failed']);
    assert.equal(keychain.saved.get(passwordKey(maria!)), '');
    // No message the server showed carried the password.
    const shown = client.messages.received.map((m) => m.message).join('\n');
    assert.doesNotMatch(shown, /definitely-wrong/);
  });

  it('gets a connect failure (not auth) for an unreachable port, with a message to show', async () => {
    client = await LspClient.start([]);
    await client.initialize({ client: 'vscode' });
    const [closed] = connectionsFrom([{ name: 'closed', dialect: 'postgres', host: '127.0.0.1', port: 1, user: 'postgres', database: 'test' }]).value;
    let error: unknown;
    await client.connection.sendRequest(ConnectRequest.type, connectParams({ kind: 'configured', connection: closed! }, 'pw')).catch((e) => (error = e));
    assert.ok(error instanceof ResponseError);
    const failure = classifyConnectError(error);
    assert.equal(failure.kind, 'connect');
    assert.ok(failure.message.length > 0);
    assert.doesNotMatch(failure.message, /\bpw\b/);
  });
});
