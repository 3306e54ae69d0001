// Where the server takes its schema from: command-line flags, initializationOptions, workspace
// settings (in that priority), with every malformed value coerced to a safe default.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { parseServerArgs } from '../../server/src/lsp/cli-args';
import { Logger } from '../../server/src/lsp/logger';
import { argsAsSettings, chooseSource } from '../../server/src/lsp/schema-source';
import { ConnectionSetting, ServerSettings } from '../../server/src/lsp/settings';
import { chinook, shopModel } from '../helpers/fixtures';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { LspClient, buildServer } from '../helpers/lsp-client';

describe('server settings', () => {
  it('reads --stdio, --connection and --schema (also as --flag=value) and reports unknown flags', () => {
    assert.deepEqual(parseServerArgs(['--stdio', '--schema', 'a.json', '--connection=postgres://h/db', '--bogus']), {
      problems: ['unknown argument "--bogus" ignored'],
      schemaFile: 'a.json',
      connection: 'postgres://h/db',
    });
    assert.deepEqual(parseServerArgs(['--schema']).problems, ['--schema needs a value']);
  });

  it('coerces malformed settings to safe defaults instead of failing', () => {
    assert.deepEqual(ServerSettings.fromWorkspace({ connectionUrl: 42, schemaFile: ['x'] }), { connection: undefined, schemaFile: undefined });
    assert.deepEqual(ServerSettings.fromWorkspace('nonsense'), { connection: undefined, schemaFile: undefined });
    assert.deepEqual(ServerSettings.fromInitializationOptions({ schemaFile: '  s.json ', client: 'vscode' }), { connection: undefined, schemaFile: 's.json' });
    assert.equal(ConnectionSetting.from({ driver: 'oracle', host: 'h' }), undefined);
    const c = ConnectionSetting.from({ dialect: 'mysql', host: 'db', port: '3307', readOnly: 'yes', ssl: { mode: 'sometimes' } });
    assert.deepEqual(c, { name: 'db/', driver: 'mysql', host: 'db', port: 3307, database: undefined, user: undefined, password: undefined, readOnly: true, connectTimeoutMs: undefined, dataDir: undefined, sample: undefined });
  });

  it('notes each malformed connection setting by name and what was wrong, never the password', () => {
    const problems: string[] = [];
    assert.deepEqual(ServerSettings.fromInitializationOptions({ connection: 42, schemaFile: '', defaultDialect: 'oracle' }, problems), { connection: undefined, schemaFile: undefined });
    const c = ConnectionSetting.from({ driver: 'postgres', host: 'db', port: 'abc', password: 7, readOnly: 'no', ssl: { mode: 'sometimes' } }, problems, 'schemawise.connection');
    assert.equal(typeof c === 'object' && c.port, undefined);
    assert.equal(typeof c === 'object' && c.readOnly, true);
    assert.deepEqual(ConnectionSetting.from({ host: 'db', password: 'hunter2' }, problems, 'schemawise.connection'), undefined);
    assert.deepEqual(problems, [
      'initializationOptions.connection: expected a connection URL string (postgres://…, mysql://…, mssql://…, pglite:…) or a connection object, got the number 42; no connection from this setting',
      'initializationOptions.defaultDialect: expected postgres, mysql or mssql, got the string "oracle"; ignored',
      'schemawise.connection.password: expected a string, got a number; ignored',
      'schemawise.connection.readOnly: expected true or false, got the string "no"; staying read-only',
      'schemawise.connection.ssl.mode: expected one of disable, require, verify-ca, verify-full, got the string "sometimes"; using the driver default',
      'schemawise.connection.port: expected a whole number from 1 to 65535, got the string "abc"; using the default',
      'schemawise.connection.driver: expected one of postgres, mysql, mssql, pglite, got nothing; no connection from this setting',
    ]);
    // Unset and blank values are not mistakes: no line for them.
    const none: string[] = [];
    ServerSettings.fromWorkspace({ connectionUrl: '', connection: null, schemaFile: '  ' }, none);
    assert.deepEqual(none, []);
  });

  it('prefers flags over initializationOptions over workspace settings, and a connection over a snapshot at one level', () => {
    const layers = (flags: string[], init: unknown, workspace: unknown) => [
      { origin: 'flags', settings: argsAsSettings(parseServerArgs(flags)) },
      { origin: 'init', settings: ServerSettings.fromInitializationOptions(init) },
      { origin: 'workspace', settings: ServerSettings.fromWorkspace(workspace) },
    ];
    assert.equal(chooseSource(layers([], {}, { schemaFile: 'w.json' })).kind, 'snapshot');
    const fromInit = chooseSource(layers([], { schemaFile: 'i.json' }, { schemaFile: 'w.json' }));
    assert.deepEqual(fromInit, { kind: 'snapshot', path: 'i.json', origin: 'init' });
    const both = chooseSource(layers(['--schema', 'f.json', '--connection', 'postgres://u@h/db'], {}, {}));
    assert.equal(both.kind, 'database');
    assert.equal(chooseSource(layers([], {}, {})).kind, 'none');
  });

  it('takes the password from SCHEMAWISE_PASSWORD unless the URL has one', () => {
    const env = { SCHEMAWISE_PASSWORD: 'from-env' };
    const layer = (url: string) => [{ origin: 'flags', settings: { connection: url } }];
    const a = chooseSource(layer('postgres://u@h/db'), env);
    const b = chooseSource(layer('postgres://u:in-url@h/db'), env);
    assert.equal(a.kind === 'database' && a.config.password, 'from-env');
    assert.equal(b.kind === 'database' && b.config.password, 'in-url');
  });

  it('masks known secrets and URL passwords in every log line', () => {
    const lines: string[] = [];
    const log = new Logger({ info: (m: string) => lines.push(m) } as never);
    log.addSecret('hunter2');
    log.info('failed for postgres://bob:s3cret@db:5432/app with hunter2');
    assert.deepEqual(lines, ['failed for postgres://bob:***@db:5432/app with ***']);
  });
});

describe('server settings over LSP (workspace/configuration)', function () {
  this.timeout(60000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-lsp-settings-'));
  const chinookFile = join(dir, 'chinook.json');
  const shopFile = join(dir, 'shop.json');
  let client: LspClient | undefined;
  before(async () => {
    writeFileSync(chinookFile, serializeSnapshot(chinook()));
    writeFileSync(shopFile, serializeSnapshot(shopModel()));
    await buildServer();
  });
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads schemawise.schemaFile from the workspace settings and follows a settings change', async () => {
    client = await LspClient.start([]);
    client.settings = { schemaFile: chinookFile };
    await client.initialize({}, true);
    assert.equal((await client.schemaChanges.waitFor((s) => s.label === chinookFile, 'chinook from settings')).tableCount, 11);
    await client.changeSettings({ schemaFile: shopFile });
    assert.equal((await client.schemaChanges.waitFor((s) => s.label === shopFile, 'shop after the change')).tableCount, 6);
    const list = await client.completeAt('SELECT * FROM |');
    assert.ok(list.items.some((i) => i.label === 'customers'));
  });

  it('logs a warning naming a malformed initializationOptions connection setting, without its password', async () => {
    // The --schema flag outranks initializationOptions, so no connection is attempted.
    client = await LspClient.start(['--schema', chinookFile]);
    await client.initialize({ connection: { driver: 'postgres', host: 'db', port: 'abc', user: 'bob', password: 'hunter2' } });
    const warning = await client.logs.waitFor((m) => m.message.includes('initializationOptions.connection.port'), 'the port warning');
    assert.equal(warning.type, MessageType.Warning);
    assert.equal(warning.message, 'setting initializationOptions.connection.port: expected a whole number from 1 to 65535, got the string "abc"; using the default');
    assert.equal((await client.schemaChanges.waitFor((s) => s.label === chinookFile, 'chinook from the flag')).tableCount, 11);
    assert.ok(!client.logs.received.some((m) => m.message.includes('hunter2')));
  });

  it('logs a malformed schemawise.connectionUrl once, keeps the safe default and follows the other settings', async () => {
    client = await LspClient.start([]);
    client.settings = { connectionUrl: 42, schemaFile: chinookFile };
    await client.initialize({}, true);
    const warning = await client.logs.waitFor((m) => m.message.includes('schemawise.connectionUrl'), 'the connectionUrl warning');
    assert.equal(warning.type, MessageType.Warning);
    assert.match(warning.message, /^setting schemawise\.connectionUrl: expected a connection URL string .* got the number 42; no connection from this setting$/);
    await client.schemaChanges.waitFor((s) => s.label === chinookFile, 'chinook from settings');
    // A settings change re-reads the same bad value: the warning is not repeated.
    await client.changeSettings({ connectionUrl: 42, schemaFile: shopFile });
    await client.schemaChanges.waitFor((s) => s.label === shopFile, 'shop after the change');
    assert.equal(client.logs.received.filter((m) => m.message.includes('schemawise.connectionUrl')).length, 1);
  });

  it('ignores malformed workspace settings and keeps answering', async () => {
    client = await LspClient.start([]);
    client.settings = { schemaFile: 17, connectionUrl: { nope: true } };
    await client.initialize({}, true);
    const list = await client.completeAt('SEL|');
    assert.ok(list.items.some((i) => i.label === 'SELECT'));
    assert.deepEqual(client.messages.received, []);
  });
});
