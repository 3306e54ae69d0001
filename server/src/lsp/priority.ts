// What the user waits for first. vscode-jsonrpc handles incoming messages one at a time, in arrival
// order, so a completion typed right after the editor's own background requests (semantic tokens,
// inlay hints, folding, highlights, code lenses, the lightbulb's code actions: sent around every
// keystroke) used to wait for all of them. The scheduler holds those background requests back
// until no other message is waiting, and background work of the server itself (diagnostics slices)
// waits the same way: a completion, hover or edit is handled first, and waits at most for the one
// background job already running. Background work also waits for a short pause in the user's
// typing (GRACE_MS), and never longer than MAX_WAIT_MS.
//
// A held request whose document is edited before it runs is answered ContentModified (the LSP
// error for "your answer would be about an older text"; editors ask again for the new one), and one
// the client cancels while held is answered RequestCancelled; neither is computed.
import { LSPErrorCodes, Message, ResponseError, type CancellationToken, type MessageStrategy, type NotificationMessage, type RequestMessage } from 'vscode-languageserver/node';
import { REFUSE_METHOD, type Refusal } from './message-guard';

/** Requests an editor sends by itself while the user types: answered when nothing else waits. */
export const BACKGROUND_REQUESTS: ReadonlySet<string> = new Set([
  'textDocument/semanticTokens/full',
  'textDocument/semanticTokens/full/delta',
  'textDocument/semanticTokens/range',
  'textDocument/inlayHint',
  'textDocument/foldingRange',
  'textDocument/documentHighlight',
  'textDocument/documentSymbol',
  'textDocument/codeLens',
  'textDocument/codeAction',
  'textDocument/documentLink',
]);

/** Longest a background job waits for a quiet turn before it runs between messages anyway. */
const MAX_WAIT_MS = 1000;
/**
 * Background work also waits until the user has paused this long (no edit or request of theirs):
 * while someone types, every keystroke's completion finds the server free.
 */
const GRACE_MS = 30;

interface Held {
  uri: string | undefined;
  /** The document's edit count when the request arrived. */
  edits: number;
  cancelled: boolean;
}

type Id = number | string;

export class MessageScheduler {
  /** Messages handed to the server so far: a change between two looks means the queue was not empty. */
  private seen = 0;
  /** Chunks read from the client's stream (noteInput): data read in the same turn is not yet a message. */
  private input = 0;
  /** When the last edit or request the user waits for was handed on. */
  private lastUrgent = -Infinity;
  private readonly waiters: { resolve: () => void; since: number }[] = [];
  private armed = false;
  private readonly edits = new Map<string, number>();
  private readonly held = new Map<Id, Held>();
  /** Who waits for the next request of a method (requested()); only methods someone waits for. */
  private readonly requestWaiters = new Map<string, (() => void)[]>();

  /**
   * Resolves once no incoming message waits to be handled; one waiter per quiet turn, so background
   * jobs run one at a time and a message that arrives meanwhile goes before the next one.
   */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push({ resolve, since: performance.now() });
      this.arm();
    });
  }

  /**
   * Resolves once the user has paused for `ms` (no edit or request of theirs) and no message waits.
   * Unlike idle() it has no upper bound: for optional work that blocks for long in one piece (a
   * library warm-up), which must not land between two keystrokes and may as well never run.
   */
  async quiet(ms: number): Promise<void> {
    for (;;) {
      const since = performance.now() - this.lastUrgent;
      if (since >= ms) {
        await this.idle();
        if (performance.now() - this.lastUrgent >= ms) return;
      } else await new Promise<void>((resolve) => setTimeout(resolve, Math.ceil(ms - since)).unref());
    }
  }

  /**
   * For foreground work done in slices (formatting a long file): resolves after at least one
   * event-loop turn, and once the messages read from the client meanwhile have been handed to their
   * handlers, so that a completion asked during the work waits for one slice at most. Unlike idle()
   * there is no pause of the user to wait for, and it gives up after `maxMs` of messages arriving
   * one after the other (the work the user asked for must go on).
   */
  async letThrough(maxMs = 50): Promise<void> {
    const until = performance.now() + maxMs;
    for (;;) {
      const mark = this.seen;
      const read = this.input;
      // Two turns: a chunk read in the first is handed on by vscode-jsonrpc in an immediate queued
      // after ours, so it runs before the second.
      await nextTurn();
      await nextTurn();
      if ((this.seen === mark && this.input === read) || performance.now() >= until) return;
    }
  }

  /**
   * Resolves when the next request of `method` is handed on to the server: for work that should
   * follow the user's first use of a feature (the code cache is written after the first completion).
   */
  requested(method: string): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.requestWaiters.get(method);
      if (waiting) waiting.push(resolve);
      else this.requestWaiters.set(method, [resolve]);
    });
  }

  /**
   * Called for every chunk read from the client (main.ts listens on stdin too). vscode-jsonrpc
   * queues the messages of a chunk in the same turn but hands them on only in later ones; without
   * this a job could start just before a keystroke that had already arrived.
   */
  noteInput(): void {
    this.input++;
  }

  /** Number of background jobs waiting for a quiet turn (tests and the benchmark read it). */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * vscode-jsonrpc takes one queued message per event-loop turn (setImmediate). Two turns in which
   * the strategy saw no message mean its queue is empty: whatever the socket had is handled. A job
   * that has waited MAX_WAIT_MS runs anyway, so a client that never stops sending cannot starve
   * background work.
   */
  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    const mark = this.seen;
    const read = this.input;
    setImmediate(() =>
      setImmediate(() => {
        this.armed = false;
        const first = this.waiters[0];
        if (!first) return;
        const now = performance.now();
        const waited = now - first.since;
        if (waited < MAX_WAIT_MS) {
          if (this.seen !== mark || this.input !== read) return this.arm();
          const sinceUrgent = now - this.lastUrgent;
          if (sinceUrgent < GRACE_MS) {
            this.armed = true;
            setTimeout(() => {
              this.armed = false;
              this.arm();
            }, Math.ceil(Math.min(GRACE_MS - sinceUrgent, MAX_WAIT_MS - waited)));
            return;
          }
        }
        this.waiters.shift()!.resolve();
        if (this.waiters.length > 0) this.arm();
      }),
    );
  }

  /** The message strategy that holds background requests back; `inner` sees every message it forwards. */
  strategy(inner?: MessageStrategy): MessageStrategy {
    return {
      handleMessage: (message, next) => {
        this.seen++;
        const forward = (m: Message): void | Promise<void> => (inner ? inner.handleMessage(m, next) : next(m));
        if (Message.isNotification(message)) {
          this.observe(message);
          return forward(message);
        }
        if (Message.isRequest(message) && BACKGROUND_REQUESTS.has(message.method) && message.id !== null) return this.hold(message, forward);
        if (Message.isRequest(message)) {
          this.lastUrgent = performance.now();
          this.noteRequest(message.method);
        }
        return forward(message);
      },
    };
  }

  private noteRequest(method: string): void {
    const waiting = this.requestWaiters.get(method);
    if (!waiting) return;
    this.requestWaiters.delete(method);
    for (const resolve of waiting) resolve();
  }

  private observe(message: NotificationMessage): void {
    const params = message.params as { id?: Id; textDocument?: { uri?: unknown } } | undefined;
    if (message.method === '$/cancelRequest') {
      const held = params?.id !== undefined ? this.held.get(params.id) : undefined;
      if (held) held.cancelled = true;
    } else if (message.method === 'textDocument/didChange' || message.method === 'textDocument/didClose') {
      if (message.method === 'textDocument/didChange') this.lastUrgent = performance.now();
      const uri = params?.textDocument?.uri;
      if (typeof uri === 'string') this.edits.set(uri, (this.edits.get(uri) ?? 0) + 1);
    }
  }

  private async hold(message: RequestMessage, forward: (m: Message) => void | Promise<void>): Promise<void> {
    const id = message.id as Id;
    const uri = (message.params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    const entry: Held = { uri: typeof uri === 'string' ? uri : undefined, edits: typeof uri === 'string' ? (this.edits.get(uri) ?? 0) : 0, cancelled: false };
    this.held.set(id, entry);
    await this.idle();
    this.held.delete(id);
    const refuse = (refusal: Refusal): RequestMessage => ({ jsonrpc: message.jsonrpc, id: message.id, method: REFUSE_METHOD, params: refusal });
    if (entry.cancelled) return forward(refuse({ code: LSPErrorCodes.RequestCancelled, message: `${message.method}: cancelled before it ran` }));
    if (entry.uri !== undefined && (this.edits.get(entry.uri) ?? 0) !== entry.edits)
      return forward(refuse({ code: LSPErrorCodes.ContentModified, message: `${message.method}: the document changed before it ran` }));
    return forward(message);
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * For a request answered in slices over one document: `stale()` says the answer is no longer wanted
 * (cancelled, or the document edited or closed since), `refusal()` is the error to answer then.
 */
export function staleness(documents: { get(uri: string): unknown }, doc: { uri: string; version: number }, token: CancellationToken) {
  const version = doc.version;
  return {
    stale: () => token.isCancellationRequested || documents.get(doc.uri) !== doc || doc.version !== version,
    refusal: () =>
      token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled') : new ResponseError(LSPErrorCodes.ContentModified, 'the document changed'),
  };
}
