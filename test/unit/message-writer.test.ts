// The stdio writer of the language server: one write per message, read back by vscode-jsonrpc's own
// reader (non-ASCII text included, where characters and bytes differ), and errors reported.
import { strict as assert } from 'node:assert';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, type Message, type RequestMessage } from 'vscode-languageserver/node';
import { WholeMessageWriter } from '../../server/src/lsp/message-writer';

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
});
