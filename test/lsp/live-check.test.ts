// The live check through the built server over stdio: with `schemawise.diagnostics.liveCheck` on for
// a document, the connected database PREPAREs its statements (never executes them) and its
// objections arrive as 'live-check' diagnostics after the static ones; off, none ever arrive.
import { strict as assert } from 'node:assert';
import { Client } from 'pg';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { RunQueryRequest } from '../../server/src/protocol';
import { LspClient, buildServer } from '../helpers/lsp-client';
import { MYSQL_URL, PG_URL, pgUrlFor, requireMysql, requirePostgres } from '../helpers/services';

/** A server whose `schemawise.diagnostics` setting turns the live check on for the uris `liveFor` accepts. */
async function startServer(connectionUrl: string, liveFor: (uri: string) => boolean) {
  const client = await LspClient.start(['--connection', connectionUrl]);
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  client.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of waiters.splice(0).filter((x) => (x.test(p) ? (x.resolve(p), false) : true))) waiters.push(w);
  });
  // Answered per resource, as VS Code does; the other sections keep their defaults.
  client.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => (i.section === 'schemawise.diagnostics' ? { liveCheck: liveFor(i.scopeUri ?? '') } : null)));
  client.connection.onRequest(RegistrationRequest.type, () => undefined);
  await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await client.connection.sendNotification(InitializedNotification.type, {});
  await client.schemaChanges.waitFor((s) => s.source === 'database', 'the database schema');
  const nextPublish = (test: (p: PublishDiagnosticsParams) => boolean, what: string) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(published)}`)), 20_000);
      waiters.push({ test, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  return { client, published, nextPublish };
}

const live = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'live-check');
/** The text a diagnostic covers, in a one-line-per-statement document. */
const covered = (text: string, d: PublishDiagnosticsParams['diagnostics'][number]) => text.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character);

describe('language server live check (PREPARE, never execute)', function () {
  this.timeout(40_000);
  let client: LspClient | undefined;
  before(() => buildServer());
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  describe('PostgreSQL', () => {
    const db = 'sw_live_pg';
    const admin = async (database?: string) => {
      const c = new Client({ connectionString: database ? pgUrlFor(database) : PG_URL });
      await c.connect();
      return c;
    };
    before(async function () {
      await requirePostgres(this);
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${db}`);
      await c.end();
      const d = await admin(db);
      await d.query("CREATE TABLE t (id int PRIMARY KEY, name text NOT NULL); INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
      await d.end();
    });
    after(async () => {
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    });

    it('reports the type error where enabled, nothing where disabled, and runs none of the writes', async () => {
      const text = ["SELECT 1 FROM t WHERE id = 'abc';", 'DELETE FROM t WHERE id = 1;', "INSERT INTO t VALUES (4, 'four');", 'SELECT nme FROM t;'].join('\n');
      const server = await startServer(pgUrlFor(db), (uri) => uri.endsWith('/on.sql'));
      client = server.client;
      const onUri = 'file:///tmp/live/on.sql';
      const offUri = 'file:///tmp/live/off.sql';
      const liveOn = server.nextPublish((p) => p.uri === onUri && live(p).length > 0, 'live diagnostics of on.sql');
      // Opened first: had its live check been scheduled, its timer would fire first and its checks
      // would queue first, so its live publish would reach us before on.sql's.
      await client.open(text, offUri);
      await client.open(text, onUri);
      const on = await liveOn;

      assert.deepEqual(
        live(on).map((d) => [covered(text, d), d.severity, /invalid input syntax for type integer/.test(String(d.message))]),
        [["'abc'", 1, true]],
      );
      // The unknown column is the static check's (with its quick fix); the database's twin is left out.
      assert.deepEqual(on.diagnostics.filter((d) => d.range.start.line === 3).map((d) => d.code), ['unknown-column']);
      const off = server.published.filter((p) => p.uri === offUri);
      assert.ok(off.length > 0, 'off.sql was published');
      assert.deepEqual(off.flatMap(live), []);

      const d = await admin(db);
      try {
        assert.deepEqual((await d.query('SELECT id FROM t ORDER BY id')).rows.map((r) => r.id), [1, 2, 3]);
      } finally {
        await d.end();
      }
      const leftover = await client.connection.sendRequest(RunQueryRequest.type, { uri: onUri, text: 'SELECT count(*)::int AS n FROM pg_prepared_statements' });
      assert.equal(leftover.status, 'completed');
      assert.deepEqual(leftover.status === 'completed' ? leftover.results[0]!.rows : undefined, [[0]]);
    });

    it('clears the live diagnostic once the statement is fixed', async () => {
      const server = await startServer(pgUrlFor(db), () => true);
      client = server.client;
      const uri = 'file:///tmp/live/fix.sql';
      const first = server.nextPublish((p) => p.uri === uri && live(p).length > 0, 'the live diagnostic');
      await client.open("SELECT name FROM t WHERE id = 'abc'", uri);
      await first;
      // Version 2 is published twice: the static pass, then the database's verdict.
      let v2 = 0;
      const verdict = server.nextPublish((p) => p.uri === uri && p.version === 2 && ++v2 === 2, 'the live publish of version 2');
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 30 }, end: { line: 0, character: 35 } }, text: '2' }],
      });
      assert.deepEqual((await verdict).diagnostics, []);
    });
  });

  describe('MariaDB', () => {
    const db = 'sw_live_my';
    let admin: import('mysql2/promise').Connection;
    before(async function () {
      await requireMysql(this);
      const mysql = await import('mysql2/promise');
      admin = await mysql.createConnection({ uri: MYSQL_URL, multipleStatements: true });
      await admin.query(`DROP DATABASE IF EXISTS ${db}; CREATE DATABASE ${db}; CREATE TABLE ${db}.t (id int PRIMARY KEY, name varchar(20), note varchar(20))`);
    });
    after(async () => {
      await admin?.query(`DROP DATABASE IF EXISTS ${db}`);
      await admin?.end();
    });

    it('maps a prepare error the snapshot cannot know (a column dropped after connecting) onto the name', async () => {
      const url = new URL(MYSQL_URL);
      url.pathname = `/${db}`;
      const server = await startServer(url.toString(), () => true);
      client = server.client;
      await admin.query(`ALTER TABLE ${db}.t DROP COLUMN note`);
      const uri = 'file:///tmp/live/maria.sql';
      const text = 'SELECT id, note FROM t WHERE id = 1';
      const published = server.nextPublish((p) => p.uri === uri && live(p).length > 0, 'the live diagnostic');
      await client.open(text, uri);
      const p = await published;
      assert.deepEqual(
        // MariaDB 10.11 says "in 'SELECT'", MySQL "in 'field list'".
        p.diagnostics.map((d) => [d.code, covered(text, d), /^Unknown column 'note' in '[\w ]+' \(ER_BAD_FIELD_ERROR\)$/.test(String(d.message))]),
        [['live-check', 'note', true]],
      );
    });
  });
});
