// The stdio writer of the language server: one write per message, read back by vscode-jsonrpc's own
// reader (non-ASCII text included, where characters and bytes differ), and errors reported.
import { strict as assert } from 'node:assert';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, type Message, type RequestMessage } from 'vscode-languageserver/node';
import { Console } from 'node:console';
import { consoleToLog, WholeMessageWriter } from '../../server/src/lsp/message-writer';

describe('WholeMessageWriter', () => {
  it('writes header and body in one chunk that vscode-jsonrpc reads back unchanged', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const reader = new StreamMessageReader(out);
    const read: Message[] = [];
    reader.listen((m) => read.push(m));
    const writer = new WholeMessageWriter(out);
    const messages: RequestMessage[] = [
      { jsonrpc: '2.0', id: 1, method: 'a', params: { text: 'SELECT 1' } },
      { jsonrpc: '2.0', id: 2, method: 'b', params: { text: 'Größe — 表 😀 "quoted"\n' } },
      { jsonrpc: '2.0', id: 3, method: 'c', params: { items: Array.from({ length: 2000 }, (_, n) => ({ label: `t_${n}` })) } },
    ];
    for (const m of messages) await writer.write(m);
    await new Promise((r) => setImmediate(r));
    assert.equal(chunks.length, messages.length, 'one write per message');
    for (const c of chunks) {
      const text = c.toString('utf8');
      const head = /^Content-Length: (\d+)\r\n\r\n/.exec(text);
      assert.ok(head, 'each chunk starts with its header');
      assert.equal(Number(head[1]), c.length - Buffer.byteLength(head[0]), 'the length counts bytes, not characters');
    }
    assert.deepEqual(read, messages);
  });

  it('reports a failed write and a message that cannot be serialised, and goes on', async () => {
    const errors: unknown[] = [];
    const failing = new Writable({ write: (_c, _e, cb) => cb(new Error('EPIPE')) });
    failing.on('error', () => undefined);
    const writer = new WholeMessageWriter(failing);
    writer.onError((e) => errors.push(e));
    await assert.rejects(writer.write({ jsonrpc: '2.0', id: 1, method: 'x' } as RequestMessage), /EPIPE/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await assert.rejects(writer.write({ jsonrpc: '2.0', id: 2, method: 'y', params: cyclic } as RequestMessage), /circular/i);
    assert.ok(errors.length >= 2);
  });

  it('sends every console method to the log, never to stdout (stdout carries the protocol)', () => {
    let stdout = '';
    const out = new Writable({ write: (c, _e, cb) => ((stdout += String(c)), cb()) });
    const target = new Console({ stdout: out, stderr: out });
    const logged: string[] = [];
    consoleToLog({ log: (m) => logged.push(`log ${m}`), warn: (m) => logged.push(`warn ${m}`), error: (m) => logged.push(`error ${m}`) }, target);
    target.log('a %d', 1);
    target.info('b');
    target.debug('c');
    target.warn('d');
    target.error(new Error('e').message);
    target.dir({ f: 1 });
    target.table([{ g: 1 }]);
    target.count('h');
    target.assert(false, 'i');
    target.time('j');
    target.timeEnd('j');
    assert.equal(stdout, '', 'nothing reached stdout');
    assert.deepEqual(logged.slice(0, 5), ['log a 1', 'log b', 'log c', 'warn d', 'error e']);
    assert.ok(logged.some((l) => l === 'log { f: 1 }'));
    assert.ok(logged.some((l) => l.startsWith('log ') && l.includes('g')));
    assert.ok(logged.includes('log h: 1'));
    assert.ok(logged.includes('error Assertion failed: i'));
    assert.ok(logged.some((l) => /^log j: [\d.]+/.test(l)));
  });
});
