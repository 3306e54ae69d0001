// The built server over stdio never freezes and never loses its state (issue 13 §5): analysis stays
// linear on unbalanced parentheses and one document does not hold up another; the JSON-RPC rules
// (-32002 before initialize, -32602 for malformed params); a reversed didChange range; snapshot files
// that would overflow the stack or hold null entries; recovery after the connection drops during the
// first introspection; a cancelled EXPLAIN ANALYZE reported as cancelled.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  HoverRequest,
  ResponseError,
  type CompletionList,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { CancelQueryRequest, ExplainQueryRequest, GetSchemaRequest, GetStatusRequest, RefreshSchemaRequest, RunQueryRequest } from '../../server/src/protocol';
import { dropDatabase, recreateDatabase } from '../helpers/datasets';
import { chinook } from '../helpers/fixtures';
import { buildServer, LspClient } from '../helpers/lsp-client';
import { pgUrlFor, requirePostgres } from '../helpers/services';

async function rejection(p: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await p;
  } catch (e) {
    return e as ResponseError<unknown>;
  }
  throw new Error('expected the request to fail');
}

const hoverText = (h: { contents: unknown } | null) => (h ? (h.contents as MarkupContent).value : '');

describe('language server: never freezes, never loses its state', function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'sw-cor-lsp-'));
  const chinookFile = join(dir, 'chinook.json');
  const clients: LspClient[] = [];
  const start = async (args: string[]) => {
    const c = await LspClient.start(args);
    clients.push(c);
    return c;
  };
  /** One initialized server on the Chinook snapshot, shared by the tests that only need that. */
  let shared: Promise<LspClient> | undefined;
  const chinookServer = () =>
    (shared ??= (async () => {
      const c = await start(['--schema', chinookFile]);
      await c.initialize();
      await c.schemaChanges.waitFor((s) => s.tableCount === 11, 'chinook loaded');
      return c;
    })());

  before(async () => {
    writeFileSync(chinookFile, serializeSnapshot(chinook()));
    await buildServer();
  });
  after(async () => {
    for (const c of clients) await c.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('JSON-RPC rules', () => {
    it('answers requests before initialize with -32002, then works once initialized', async () => {
      const c = await start(['--schema', chinookFile]);
      const early = await rejection(c.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///x.sql' }, position: { line: 0, character: 0 } }));
      assert.equal(early.code, -32002);
      assert.match(early.message, /not initialized: send "initialize" before "textDocument\/hover"/);
      assert.equal((await rejection(c.connection.sendRequest(GetStatusRequest.type))).code, -32002);
      await c.initialize();
      await c.schemaChanges.waitFor((s) => s.tableCount === 11, 'chinook loaded');
      assert.match(hoverText(await c.hoverAt('SELECT * FROM alb|um')), /album/);
    });

    it('answers malformed params with -32602 and what is wrong, and keeps serving', async () => {
      const c = await chinookServer();
      const cases: [string, unknown, RegExp][] = [
        ['textDocument/hover', {}, /textDocument\/hover: params\.textDocument\.uri must be a string/],
        ['textDocument/hover', null, /params must be an object/],
        ['textDocument/completion', { textDocument: { uri: 'file:///a.sql' }, position: { line: -1, character: 0 } }, /params\.position must be \{ line, character \}/],
        ['textDocument/definition', { textDocument: { uri: 'file:///a.sql' } }, /params\.position/],
        ['textDocument/references', { textDocument: { uri: 'file:///a.sql' }, position: { line: 0, character: 0 } }, /params\.context must be/],
        ['completionItem/resolve', { kind: 5 }, /completion item with a label/],
        ['schemawise/runQuery', null, /params must be \{ uri/],
        ['schemawise/explainQuery', { uri: 'file:///a.sql', range: { start: 1 } }, /params\.range\.start/],
        ['schemawise/askDatabase', { question: 42 }, /params\.question must be a string/],
        ['schemawise/cancelQuery', { runId: 7 }, /params must be \{ runId\? \}/],
      ];
      for (const [method, params, message] of cases) {
        const e = await rejection(c.connection.sendRequest(method, params));
        assert.equal(e.code, -32602, `${method} ${JSON.stringify(params)}: ${e.code} ${e.message}`);
        assert.match(e.message, message);
      }
      // A malformed notification is ignored (and logged), not fatal.
      await c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nothing.sql' }, contentChanges: [{ range: { start: 'x' } }] });
      await c.logs.waitFor((l) => /ignored notification: textDocument\/didChange/.test(l.message), 'the warning');
      assert.match(hoverText(await c.hoverAt('SELECT * FROM alb|um')), /album/);
    });
  });

  describe('documents', () => {
    it('normalises a reversed didChange range: the document and the statement cache keep the same text', async () => {
      const c = await chinookServer();
      const uri = await c.open('SELECT title FROM album;\nSELECT name FROM artist');
      // Replace `title` (characters 7–12 of line 0) with a range whose start and end are swapped.
      await c.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 7 } }, text: 'album_id' }],
      });
      const h = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 10 } });
      assert.match(hoverText(h), /album_id/);
      // The second statement is where the text says it is.
      const h2 = await c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 19 } });
      assert.match(hoverText(h2), /artist/);
      const list = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 7 } })) as CompletionList;
      assert.ok(list.items.some((i) => i.label === 'title'), 'completion sees `SELECT album_id` in the first statement');
    });

    it('unbalanced parentheses (100,000 of them): completion and hover answer, and another document is served meanwhile', async () => {
      const c = await chinookServer();
      const text = 'select ' + '('.repeat(100_000) + ' a. from artist a';
      const uri = await c.open(text);
      const other = await c.open('SELECT * FROM album WHERE ');
      const at = { line: 0, character: text.indexOf('a.') + 2 };
      const [completion, hover, elsewhere] = await Promise.all([
        c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at }) as Promise<CompletionList>,
        c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length - 1 } }),
        c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: other }, position: { line: 0, character: 26 } }) as Promise<CompletionList>,
      ]);
      // An unclosed `(` holds the rest of the statement, FROM included: no table is in the cursor's
      // scope, so the answer is empty — but it comes, as does the other document's.
      assert.deepEqual(completion.items, []);
      assert.equal(hover, null);
      assert.ok(elsewhere.items.some((i) => i.label === 'title'));
      // Balanced, the same statement resolves the alias.
      const balanced = 'select ' + '('.repeat(50_000) + 'a.' + ')'.repeat(50_000) + ' from artist a';
      const ok = await c.completeAt(balanced.replace('a.)', 'a.|)'));
      assert.deepEqual(ok.items.map((i) => i.label).sort(), ['artist_id', 'name']);
    });
  });

  describe('schema snapshots that would crash a walker', () => {
    it('a 100,000-deep unknown field: a clear message, getSchema answers null, the server keeps serving', async () => {
      const file = join(dir, 'deep.json');
      writeFileSync(file, serializeSnapshot(chinook()).replace(/^\{/, `{"extra": ${'['.repeat(100_000)}${']'.repeat(100_000)},`));
      const c = await start(['--schema', file]);
      await c.initialize();
      const m = await c.messages.waitFor((p) => /deep\.json/.test(p.message), 'the error message');
      assert.match(m.message, /cannot load the schema snapshot: .*deep\.json: extra(\[0\])+ is nested more than 64 levels deep/);
      assert.equal(await c.connection.sendRequest(GetSchemaRequest.type), null);
      assert.match(hoverText(await c.hoverAt('SELECT * FROM alb|um')), /^$/);
    });

    it('null column entries: the message names the entry', async () => {
      const file = join(dir, 'nulls.json');
      const data = JSON.parse(serializeSnapshot(chinook())) as { tables: { columns: unknown[] }[] };
      data.tables[3]!.columns[0] = null;
      writeFileSync(file, JSON.stringify(data));
      const c = await start(['--schema', file]);
      await c.initialize();
      const m = await c.messages.waitFor((p) => /nulls\.json/.test(p.message), 'the error message');
      assert.match(m.message, /nulls\.json: tables\[3\]\.columns\[0\] must be an object, not null/);
      assert.equal((await c.connection.sendRequest(GetStatusRequest.type)).source, 'none');
    });
  });

  describe('with PostgreSQL', () => {
    const DB = 'sw_cor_lsp';
    let proxy: DroppingProxy;

    before(async function () {
      await requirePostgres(this);
      await recreateDatabase(DB);
      const c = new Client({ connectionString: pgUrlFor(DB) });
      await c.connect();
      await c.query("CREATE TABLE artist (artist_id int PRIMARY KEY, name text); INSERT INTO artist VALUES (1, 'AC/DC'), (2, 'Accept')");
      await c.end();
      proxy = await DroppingProxy.start(Number(new URL(pgUrlFor(DB)).port || 5432));
    });
    after(async () => {
      await proxy?.close();
      await dropDatabase(DB);
    });

    it('recovers after the connection drops during the first introspection: runQuery and refreshSchema work', async () => {
      proxy.dropQueries = true; // connecting works; every query (the catalog ones) loses its connection
      const url = `postgres://postgres@127.0.0.1:${proxy.port}/${DB}`;
      const c = await start(['--connection', url]);
      await c.initialize();
      const failed = await c.messages.waitFor((p) => /could not read its schema/.test(p.message), 'the introspection failure');
      assert.match(failed.message, /refresh the schema to try again/);
      const status = await c.connection.sendRequest(GetStatusRequest.type);
      assert.deepEqual([status.source, status.tableCount], ['database', 0]);
      proxy.dropQueries = false; // the network is back
      const run = await c.connection.sendRequest(RunQueryRequest.type, { uri: 'file:///q.sql', text: 'select name from artist order by artist_id' });
      assert.ok(run.status === 'completed', JSON.stringify(run).slice(0, 300));
      assert.deepEqual(run.results[0]!.rows, [['AC/DC'], ['Accept']]);
      const refreshed = await c.connection.sendRequest(RefreshSchemaRequest.type);
      assert.equal(refreshed.tableCount, 1);
      assert.match(hoverText(await c.hoverAt('SELECT * FROM art|ist')), /artist/);
    });

    it('a cancelled EXPLAIN ANALYZE reports cancelled, not timeout', async () => {
      const c = await start(['--connection', pgUrlFor(DB)]);
      await c.initialize({ query: { timeoutMs: 60_000 } });
      await c.schemaChanges.waitFor((s) => s.tableCount === 1, 'connected');
      const pending = c.connection.sendRequest(ExplainQueryRequest.type, { uri: 'file:///q.sql', text: 'select pg_sleep(30)', analyze: true, runId: 'slow-plan' });
      // Cancel as soon as the server has the run (a first cancelQuery may arrive before it started).
      for (;;) {
        const r = await c.connection.sendRequest(CancelQueryRequest.type, { runId: 'slow-plan' });
        if (r.runs > 0 && r.cancelled > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const outcome = await pending;
      assert.equal(outcome.status, 'cancelled', JSON.stringify(outcome).slice(0, 300));
      assert.match((outcome as { message: string }).message, /EXPLAIN ANALYZE was cancelled/);
    });
  });
});

/** A TCP proxy to PostgreSQL that can drop every connection as soon as it sends a query. */
class DroppingProxy {
  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly sockets: Set<Socket>,
    private readonly state: { dropQueries: boolean },
  ) {}

  static async start(targetPort: number): Promise<DroppingProxy> {
    const sockets = new Set<Socket>();
    const state = { dropQueries: false };
    const server = createServer((client) => {
      const upstream = new Socket();
      sockets.add(client).add(upstream);
      let started = false;
      upstream.connect(targetPort, '127.0.0.1');
      client.on('data', (chunk) => {
        // The first packet is the startup message; anything after it is a query.
        if (started && state.dropQueries) {
          client.destroy();
          upstream.destroy();
          return;
        }
        started = true;
        upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      const end = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', end).on('close', end);
      upstream.on('error', end).on('close', end);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new DroppingProxy(server, (server.address() as AddressInfo).port, sockets, state);
  }

  get dropQueries(): boolean {
    return this.state.dropQueries;
  }

  set dropQueries(v: boolean) {
    this.state.dropQueries = v;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
