// The V8 code cache of the server bundle (server/src/bootstrap/, lsp/code-cache.ts), with the built
// server spawned as editors spawn it (server.js, the bootstrap) and a state folder of the test's own:
// written after the first completion and the user's pause, used by the next start, ignored and
// rewritten when corrupt, harmless when it cannot be written, and never written when turned off.
// What the server did is read from its log (window/logMessage), never from stdout.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { serializeSnapshot } from '../../server/src/engine/schema/snapshot';
import { chinook } from '../helpers/fixtures';
import { LspClient, buildServer } from '../helpers/lsp-client';

const dir = mkdtempSync(join(tmpdir(), 'sw-code-cache-lsp-'));
const snapshot = join(dir, 'chinook.json');
const cacheDir = (state: string) => join(state, 'schemawise', 'code-cache');
const cacheFiles = (state: string) => (existsSync(cacheDir(state)) ? readdirSync(cacheDir(state)) : []);

describe('language server: V8 code cache of the bundle', function () {
  this.timeout(60000);
  const clients: LspClient[] = [];

  before(async () => {
    writeFileSync(snapshot, serializeSnapshot(chinook()));
    await buildServer();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A started server whose first completion listed album's columns; `line` is its code-cache log line. */
  async function session(state: string, env: NodeJS.ProcessEnv = {}): Promise<{ client: LspClient; line: string }> {
    const client = await LspClient.start(['--schema', snapshot], { XDG_STATE_HOME: state, ...env });
    clients.push(client);
    await client.initialize();
    const line = (await client.logs.waitFor((l) => l.message.startsWith('code cache: '), 'the code cache log line')).message;
    await client.schemaChanges.waitFor((s) => s.source === 'snapshot', 'the snapshot to load');
    const cols = await client.completeAt('SELECT a.|\nFROM album a', '.');
    assert.deepEqual(
      cols.items.map((i) => i.label),
      ['album_id', 'title', 'artist_id'],
    );
    return { client, line };
  }
  const written = (client: LspClient) => client.logs.waitFor((l) => /^code cache: (not )?written/.test(l.message), 'the code cache to be written').then((l) => l.message);

  describe('in one state folder, start after start', () => {
    const state = mkdtempSync(join(dir, 'state-'));

    it('writes the cache (mode 0600) after the first completion, once the user paused', async () => {
      const { client, line } = await session(state);
      const completed = performance.now();
      assert.equal(line, 'code cache: none yet; written after the first completion');
      assert.match(await written(client), /^code cache: written \(\d+\.\d MB\)$/);
      assert.ok(performance.now() - completed > 1500, 'written during the pause that follows the completion');
      const files = cacheFiles(state);
      assert.equal(files.length, 1);
      assert.match(files[0], /^server-[0-9a-f]{40}\.v8cache$/);
      const file = join(cacheDir(state), files[0]);
      assert.equal(readFileSync(file).subarray(0, 8).toString(), 'SWV8CC01');
      if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(client.stderr, [], 'nothing on stderr (no experimental-loader warning)');
    });

    it('uses it at the next start, which completes correctly and does not rewrite it', async () => {
      const [file] = cacheFiles(state);
      const before = readFileSync(join(cacheDir(state), file));
      const { client, line } = await session(state);
      assert.match(line, /^code cache: used \(\d+\.\d MB\)$/);
      await client.stop();
      assert.deepEqual(readFileSync(join(cacheDir(state), file)), before);
      assert.deepEqual(client.stderr, []);
    });

    it('ignores a cache of garbage bytes, still completes, and rewrites it', async () => {
      const [file] = cacheFiles(state);
      writeFileSync(join(cacheDir(state), file), Buffer.from('garbage, not a code cache \x00\x01\x02'));
      const { client, line } = await session(state);
      assert.equal(line, 'code cache: ignored (not a Schemawise code cache); written after the first completion');
      assert.match(await written(client), /^code cache: written/);
      assert.equal(readFileSync(join(cacheDir(state), file)).subarray(0, 8).toString(), 'SWV8CC01');
      await client.stop();
      assert.match((await session(state)).line, /^code cache: used/);
    });

    it('ignores a well-formed file whose V8 data V8 rejects, and still completes', async () => {
      const [file] = cacheFiles(state);
      const data = Buffer.from('V8 will not take this as code'.repeat(100));
      const header = Buffer.alloc(12);
      header.write('SWV8CC01');
      header.writeUInt32LE(crc32(data), 8);
      writeFileSync(join(cacheDir(state), file), Buffer.concat([header, data]));
      const { line } = await session(state);
      assert.equal(line, 'code cache: ignored (V8 rejected it); written after the first completion');
    });
  });

  it('keeps serving when the cache folder cannot be read or written', async () => {
    const state = mkdtempSync(join(dir, 'state-'));
    mkdirSync(join(state, 'schemawise'));
    // A file where the folder should be: fails for root too, unlike permissions.
    writeFileSync(cacheDir(state), 'not a folder');
    const { client, line } = await session(state);
    assert.match(line, /^code cache: ignored \(cannot read it \(ENOTDIR\)\); written after the first completion$/);
    assert.match(await written(client), /^code cache: not written \(E[A-Z]+\)$/);
    const again = await client.completeAt('SELECT * FROM alb|');
    assert.ok(again.items.some((i) => i.label === 'album'));
    assert.equal(readFileSync(cacheDir(state), 'utf8'), 'not a folder');
  });

  it('with SCHEMAWISE_CODE_CACHE=0 loads the bundle plainly, says so once and writes nothing', async () => {
    const state = mkdtempSync(join(dir, 'state-'));
    const { client, line } = await session(state, { SCHEMAWISE_CODE_CACHE: '0' });
    await client.stop();
    assert.equal(line, 'code cache: off (SCHEMAWISE_CODE_CACHE)');
    assert.equal(client.logs.received.filter((l) => l.message.startsWith('code cache')).length, 1);
    assert.equal(existsSync(cacheDir(state)), false);
  });

  it('with --enable-source-maps loads the bundle plainly (Node.js maps only its own loads) and writes nothing', async () => {
    const state = mkdtempSync(join(dir, 'state-'));
    const { client, line } = await session(state, { NODE_OPTIONS: '--enable-source-maps' });
    await client.stop();
    assert.equal(line, 'code cache: off (--enable-source-maps)');
    assert.equal(existsSync(cacheDir(state)), false);
  });
});
