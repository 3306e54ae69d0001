// The message scheduler (server/src/lsp/priority.ts) driven the way vscode-jsonrpc drives a message
// strategy: one queued message per event-loop turn. Background requests (folding, semantic tokens,
// …) are handed on only once no other message waits; a held one whose document is edited meanwhile
// is answered ContentModified, one cancelled meanwhile RequestCancelled, neither computed.
import { strict as assert } from 'node:assert';
import { LSPErrorCodes, type Message, type NotificationMessage, type RequestMessage } from 'vscode-languageserver/node';
import { REFUSE_METHOD } from '../../server/src/lsp/message-guard';
import { MessageScheduler } from '../../server/src/lsp/priority';

const turn = () => new Promise<void>((r) => setImmediate(r));
const request = (id: number, method: string, uri = 'file:///a.sql'): RequestMessage => ({ jsonrpc: '2.0', id, method, params: { textDocument: { uri }, position: { line: 0, character: 0 } } });
const notification = (method: string, params: object): NotificationMessage => ({ jsonrpc: '2.0', method, params });
const change = (uri = 'file:///a.sql') => notification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }] });

/** What reached the handlers, in order: a method, or `refused <id>: <code>`. */
async function deliver(scheduler: MessageScheduler, messages: Message[]): Promise<string[]> {
  const handled: string[] = [];
  const strategy = scheduler.strategy();
  const next = (m: Message) => {
    const r = m as RequestMessage;
    if (r.method === REFUSE_METHOD) handled.push(`refused ${String(r.id)}: ${(r.params as { code: number }).code}`);
    else handled.push(r.method ?? 'response');
  };
  // vscode-jsonrpc: one message per setImmediate turn.
  for (const m of messages) {
    void strategy.handleMessage(m, next);
    await turn();
  }
  while (scheduler.waiting > 0) await turn();
  await turn();
  return handled;
}

describe('lsp message scheduler', () => {
  it('answers a completion that arrives behind the editor background requests first', async () => {
    const got = await deliver(new MessageScheduler(), [
      request(1, 'textDocument/foldingRange'),
      request(2, 'textDocument/semanticTokens/range'),
      request(3, 'textDocument/inlayHint'),
      request(4, 'textDocument/completion'),
    ]);
    assert.deepEqual(got, ['textDocument/completion', 'textDocument/foldingRange', 'textDocument/semanticTokens/range', 'textDocument/inlayHint']);
  });

  it('answers ContentModified for a held request whose document changed, and only for that document', async () => {
    const got = await deliver(new MessageScheduler(), [
      request(1, 'textDocument/foldingRange'),
      request(2, 'textDocument/documentHighlight', 'file:///b.sql'),
      change(),
      request(3, 'textDocument/completion'),
    ]);
    assert.deepEqual(got, ['textDocument/didChange', 'textDocument/completion', `refused 1: ${LSPErrorCodes.ContentModified}`, 'textDocument/documentHighlight']);
  });

  it('answers RequestCancelled for a held request the client cancelled, without running it', async () => {
    const got = await deliver(new MessageScheduler(), [request(7, 'textDocument/codeLens'), notification('$/cancelRequest', { id: 7 })]);
    assert.deepEqual(got, ['$/cancelRequest', `refused 7: ${LSPErrorCodes.RequestCancelled}`]);
  });

  it('hands on requests the user waits for at once, in order', async () => {
    const got = await deliver(new MessageScheduler(), [request(1, 'textDocument/hover'), request(2, 'textDocument/completion'), request(3, 'textDocument/formatting')]);
    assert.deepEqual(got, ['textDocument/hover', 'textDocument/completion', 'textDocument/formatting']);
  });

  it('idle() waits while messages keep arriving and resolves one waiter per quiet turn', async () => {
    const scheduler = new MessageScheduler();
    const strategy = scheduler.strategy();
    const order: string[] = [];
    void scheduler.idle().then(() => order.push('job 1'));
    void scheduler.idle().then(() => order.push('job 2'));
    for (let n = 0; n < 5; n++) {
      void strategy.handleMessage(request(n, 'textDocument/completion'), () => void order.push(`message ${n}`));
      await turn();
    }
    assert.deepEqual(order, ['message 0', 'message 1', 'message 2', 'message 3', 'message 4']);
    while (scheduler.waiting > 0) await turn();
    await turn();
    assert.deepEqual(order.slice(5), ['job 1', 'job 2']);
  });

  it('runs a background job that has waited long enough even while messages keep coming', async () => {
    const scheduler = new MessageScheduler();
    const strategy = scheduler.strategy();
    let ran = false;
    void scheduler.idle().then(() => (ran = true));
    const until = performance.now() + 2000;
    let n = 0;
    while (!ran && performance.now() < until) {
      void strategy.handleMessage(request(n++, 'textDocument/completion'), () => undefined);
      await turn();
    }
    assert.ok(ran, 'the job never ran');
    assert.ok(n > 10, `ran after ${n} messages`);
  });

  it('does not start a background job in the turn a chunk of input arrived, before its messages are handed on', async () => {
    const scheduler = new MessageScheduler();
    const order: string[] = [];
    void scheduler.idle().then(() => order.push('job'));
    await turn(); // the scheduler's first look has happened; its second is due next turn
    // A chunk is read now; vscode-jsonrpc hands its message on in an immediate queued after that look.
    scheduler.noteInput();
    setImmediate(() => void scheduler.strategy().handleMessage(request(1, 'textDocument/completion'), () => void order.push('completion')));
    while (scheduler.waiting > 0) await turn();
    await turn();
    assert.deepEqual(order, ['completion', 'job']);
  });

  it('lets background work wait for a short pause after the last request of the user', async () => {
    const scheduler = new MessageScheduler();
    void scheduler.strategy().handleMessage(request(1, 'textDocument/completion'), () => undefined);
    const asked = performance.now();
    await scheduler.idle();
    const waited = performance.now() - asked;
    assert.ok(waited >= 25, `ran ${waited.toFixed(1)} ms after the completion`);
    // Without a recent request it runs at the next quiet turn.
    const later = new MessageScheduler();
    const t0 = performance.now();
    await later.idle();
    assert.ok(performance.now() - t0 < 25);
  });

  it('quiet(ms) waits for a pause of the user that long, with no upper bound (a warm-up never lands between keystrokes)', async () => {
    const scheduler = new MessageScheduler();
    const strategy = scheduler.strategy();
    let ran = false;
    const t0 = performance.now();
    void scheduler.quiet(200).then(() => (ran = true));
    // Typing for 1.3 s (past idle()'s 1 s bound), a keystroke every ~20 ms: the job waits throughout.
    let n = 0;
    while (performance.now() - t0 < 1300) {
      void strategy.handleMessage(request(n++, 'textDocument/completion'), () => undefined);
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(ran, false, `ran while the user typed, after ${(performance.now() - t0).toFixed(0)} ms`);
    }
    const stopped = performance.now();
    while (!ran) await new Promise((r) => setTimeout(r, 10));
    const after = performance.now() - stopped;
    assert.ok(after >= 150 && after < 1000, `ran ${after.toFixed(0)} ms after the last keystroke`);
  });

  it('requested(method) resolves when the next request of that method is handed on, not for other methods', async () => {
    const scheduler = new MessageScheduler();
    let completions = 0;
    let hovers = 0;
    void scheduler.requested('textDocument/completion').then(() => completions++);
    void scheduler.requested('textDocument/completion').then(() => completions++);
    void scheduler.requested('textDocument/hover').then(() => hovers++);
    await deliver(scheduler, [request(1, 'textDocument/foldingRange'), request(2, 'textDocument/definition'), notification('textDocument/didChange', {})]);
    assert.deepEqual([completions, hovers], [0, 0]);
    await deliver(scheduler, [request(3, 'textDocument/completion'), request(4, 'textDocument/completion')]);
    assert.deepEqual([completions, hovers], [2, 0], 'both waiters of the first completion, once');
  });

  it('letThrough() lets the messages read during a slice of work go first, and gives up after its bound', async () => {
    const scheduler = new MessageScheduler();
    const order: string[] = [];
    // A slice of formatting ends; a chunk is read in the next turn and vscode-jsonrpc hands its
    // message on in an immediate queued after the slice's own.
    const through = scheduler.letThrough().then(() => order.push('next slice'));
    scheduler.noteInput();
    setImmediate(() => void scheduler.strategy().handleMessage(request(1, 'textDocument/completion'), () => void order.push('completion')));
    await through;
    assert.deepEqual(order, ['completion', 'next slice']);

    // Nothing read: one look, no waiting.
    const t0 = performance.now();
    await new MessageScheduler().letThrough();
    assert.ok(performance.now() - t0 < 20);

    // A client that never stops sending does not stop the work: back after the bound.
    const flooded = new MessageScheduler();
    const strategy = flooded.strategy();
    let flooding = true;
    void (async () => {
      for (let n = 0; flooding; n++) {
        flooded.noteInput();
        void strategy.handleMessage(request(n, 'textDocument/completion'), () => undefined);
        await turn();
      }
    })();
    const t1 = performance.now();
    await flooded.letThrough(30);
    const waited = performance.now() - t1;
    flooding = false;
    assert.ok(waited >= 30 && waited < 1000, `waited ${waited.toFixed(1)} ms`);
  });
});
