// The ERD panel's message handling (client/src/erd/erd-host.ts) with fake effects and the real
// layout file code on a temp folder: the ready handshake, load with the saved layout and focus,
// focus changes, saving positions, exports (PNG base64 decoded), openTable and refresh.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ErdHost, exportBytes, exportFileName, type ErdHostEffects } from '../../client/src/erd/erd-host';
import { layoutPath, readLayout, writeLayout } from '../../client/src/erd/layout-file';
import type { ExportFormat, HostToErdMessage, SavedLayout, SchemaModel } from '../../webview/src/protocol';
import { chinook } from '../helpers/fixtures';

class Fakes implements ErdHostEffects {
  posted: HostToErdMessage[] = [];
  errors: string[] = [];
  infos: string[] = [];
  opened: string[] = [];
  exports: { fileName: string; format: ExportFormat; bytes: Uint8Array }[] = [];
  current: { connection: string; model: SchemaModel } | undefined;
  saveDialogAnswer: 'save' | 'cancel' = 'save';
  constructor(
    readonly folder: string,
    model: SchemaModel,
  ) {
    this.current = { connection: 'chinook', model };
  }
  post(m: HostToErdMessage) {
    this.posted.push(m);
  }
  async schema() {
    return this.current;
  }
  readLayout(c: string) {
    return readLayout(layoutPath(this.folder, c));
  }
  async writeLayout(c: string, l: SavedLayout) {
    const path = layoutPath(this.folder, c);
    await writeLayout(path, l);
    return path;
  }
  async saveExport(fileName: string, format: ExportFormat, bytes: Uint8Array) {
    if (this.saveDialogAnswer === 'cancel') return undefined;
    this.exports.push({ fileName, format, bytes });
    return join(this.folder, fileName);
  }
  async openTable(s: string, t: string) {
    this.opened.push(`${s}.${t}`);
  }
  showError(m: string) {
    this.errors.push(m);
  }
  showInfo(m: string) {
    this.infos.push(m);
  }
  titles: string[] = [];
  setTitle(t: string) {
    this.titles.push(t);
  }
  log() {}
}

describe('client ERD host (message handling)', () => {
  let folder: string;
  let fx: Fakes;
  let host: ErdHost;
  const model = chinook();
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'sw-ed-erd-'));
    fx = new Fakes(folder, model);
    host = new ErdHost(fx);
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('posts nothing before ready, then loads the schema with the focus asked for meanwhile', async () => {
    await host.show({ kind: 'neighbourhood', table: 'public.album', hops: 1 });
    assert.equal(fx.posted.length, 0);
    await host.handle({ type: 'ready' });
    assert.equal(fx.posted.length, 1);
    const load = fx.posted[0]!;
    assert.equal(load.type, 'load');
    if (load.type !== 'load') return;
    assert.equal(load.connection, 'chinook');
    assert.equal(load.schema.tables.length, model.tables.length);
    assert.deepEqual(load.focus, { kind: 'neighbourhood', table: 'public.album', hops: 1 });
    assert.equal(load.layout, undefined);
  });

  it('follows a connection switch: redraws the new connection with its name in the title, clears in between, and never notifies', async () => {
    await host.handle({ type: 'ready' });
    assert.deepEqual(fx.titles, ['ERD: chinook']);
    // Switching: while the new connection is being made there is no schema.
    fx.current = undefined;
    await host.refresh();
    assert.deepEqual(fx.posted.at(-1), { type: 'unload', message: 'Not connected: connect to a database (or open the sample) to see its ERD.' });
    assert.equal(fx.titles.at(-1), 'ERD (not connected)');
    fx.current = { connection: 'sample', model };
    await host.refresh();
    const load = fx.posted.at(-1)!;
    assert.ok(load.type === 'load' && load.connection === 'sample');
    assert.equal(fx.titles.at(-1), 'ERD: sample');
    assert.deepEqual(fx.infos, [], 'no "connect to a database" toast while connections change');
  });

  it('notifies only when the person opens the panel with nothing connected', async () => {
    fx.current = undefined;
    await host.handle({ type: 'ready' });
    assert.equal(fx.infos.length, 1);
    assert.match(fx.infos[0]!, /connect to a database/);
    await host.refresh();
    assert.equal(fx.infos.length, 1);
  });

  it('sends the saved layout file with the load, and a focus message once loaded', async () => {
    const path = layoutPath(folder, 'chinook');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ format: 'schemawise.erd-layout', version: 1, positions: { 'public.album': { x: 10, y: 20 }, 'public.bad': { x: 'no' } } }));
    await host.handle({ type: 'ready' });
    const load = fx.posted[0]!;
    assert.ok(load.type === 'load');
    assert.deepEqual(load.layout, { format: 'schemawise.erd-layout', version: 1, positions: { 'public.album': { x: 10, y: 20 } } });
    await host.show({ kind: 'schema', schema: 'public' });
    assert.deepEqual(fx.posted[1], { type: 'focus', requestId: 2, focus: { kind: 'schema', schema: 'public' } });
  });

  it('ignores a broken layout file with a clear error and still draws', async () => {
    const path = layoutPath(folder, 'chinook');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '{ "format": "schemawise.erd-layout", ');
    await host.handle({ type: 'ready' });
    assert.equal(fx.posted[0]?.type, 'load');
    assert.match(fx.errors[0]!, /saved ERD layout of "chinook" is ignored: not valid JSON/);
  });

  it('writes savePositions to .schemawise/erd/<connection>.json and answers saved', async () => {
    await host.handle({ type: 'ready' });
    const layout: SavedLayout = { format: 'schemawise.erd-layout', version: 1, positions: { 'public.track': { x: 1.26, y: -3 }, 'public.album': { x: 5, y: 6 } } };
    await host.handle({ type: 'savePositions', requestId: 7, connection: 'chinook', layout });
    const path = join(folder, '.schemawise', 'erd', 'chinook.json');
    assert.deepEqual(fx.posted.at(-1), { type: 'saved', requestId: 7, ok: true, path });
    assert.equal(readFileSync(path, 'utf8'), '{\n  "format": "schemawise.erd-layout",\n  "version": 1,\n  "positions": {\n    "public.album": {\n      "x": 5,\n      "y": 6\n    },\n    "public.track": {\n      "x": 1.3,\n      "y": -3\n    }\n  }\n}\n');
  });

  it('refuses to save positions for a connection the diagram does not show', async () => {
    await host.handle({ type: 'ready' });
    await host.handle({ type: 'savePositions', requestId: 8, connection: '../other', layout: { format: 'schemawise.erd-layout', version: 1, positions: {} } });
    assert.deepEqual(fx.posted.at(-1), { type: 'saved', requestId: 8, ok: false, error: 'the diagram shows "chinook", not "../other"' });
  });

  it('decodes a PNG export from base64 and saves it under a safe name; a cancelled dialog answers not ok', async () => {
    await host.handle({ type: 'ready' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    await host.handle({ type: 'export', requestId: 9, format: 'png', fileName: '../../chinook.erd.png', encoding: 'base64', content: png.toString('base64') });
    assert.equal(fx.exports[0]!.fileName, 'chinook.erd.png');
    assert.deepEqual(Buffer.from(fx.exports[0]!.bytes), png);
    assert.deepEqual(fx.posted.at(-1), { type: 'saved', requestId: 9, ok: true, path: join(folder, 'chinook.erd.png') });
    fx.saveDialogAnswer = 'cancel';
    await host.handle({ type: 'export', requestId: 10, format: 'mermaid', fileName: 'chinook.erd.mmd', encoding: 'utf8', content: 'erDiagram\n' });
    assert.deepEqual(fx.posted.at(-1), { type: 'saved', requestId: 10, ok: false, error: 'cancelled' });
  });

  it('rejects malformed base64 without calling the save dialog', async () => {
    await host.handle({ type: 'ready' });
    await host.handle({ type: 'export', requestId: 11, format: 'png', fileName: 'x.png', encoding: 'base64', content: 'not base64!' });
    assert.equal(fx.exports.length, 0);
    assert.deepEqual(fx.posted.at(-1), { type: 'saved', requestId: 11, ok: false, error: 'the export is empty or not valid base64' });
  });

  it('opens a table on openTable, reports webview errors, and redraws on refresh', async () => {
    await host.handle({ type: 'ready' });
    await host.handle({ type: 'openTable', schema: 'public', table: 'album' });
    assert.deepEqual(fx.opened, ['public.album']);
    await host.handle({ type: 'error', message: 'layout failed' });
    assert.deepEqual(fx.errors, ['ERD: layout failed']);
    await host.refresh();
    assert.deepEqual(fx.posted.map((m) => m.type), ['load', 'load']);
  });

  it('tells the person to connect when there is no schema, and posts only the empty state', async () => {
    fx.current = undefined;
    await host.handle({ type: 'ready' });
    assert.deepEqual(fx.posted.map((m) => m.type), ['unload']);
    assert.match(fx.infos[0]!, /connect to a database/);
  });

  it('names exports with the format extension and decodes data: URLs', () => {
    assert.equal(exportFileName('a/b\\c.erd.svg', 'svg'), 'c.erd.svg');
    assert.equal(exportFileName('', 'mermaid'), 'erd.mmd');
    assert.equal(exportFileName('x', 'png'), 'x.png');
    assert.deepEqual(Buffer.from(exportBytes('base64', 'data:image/png;base64,AAEC')!), Buffer.from([0, 1, 2]));
    assert.equal(exportBytes('utf8', ''), undefined);
  });
});
