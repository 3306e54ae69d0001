// The stdio transport's output: each message leaves in one write (header and body together), and
// console output goes to the editor's log instead of stdout.
//
// vscode-jsonrpc's StreamMessageWriter writes the `Content-Length` header, waits for that write's
// callback, then writes the body: two writes per message, and the editor's reader wakes up twice
// for each answer. On a loaded or virtualised machine every wake-up can cost milliseconds, which is
// the whole budget of a completion answer. This writer serialises the message the same way
// (JSON, UTF-8) and writes header and body as one string, synchronously and so in order.
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { format } from 'node:util';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class WholeMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let json: string;
    try {
      json = JSON.stringify(msg);
    } catch (e) {
      // Not serialisable (a cycle, a BigInt): reported like a failed write, the connection goes on.
      this.errorCount++;
      this.fireError(e, msg, this.errorCount);
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.out.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8', (e?: Error | null) => {
        if (!e) return resolve();
        this.errorCount++;
        this.fireError(e, msg, this.errorCount);
        reject(e);
      });
    });
  }

  end(): void {
    // stdout stays open: the process ends it.
  }
}

/** Where console output goes instead of stdout: the editor's log (connection.console). */
export interface LogTarget {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Console methods that print through the console's own streams (to stdout unless redirected). */
const STREAM_METHODS = ['dir', 'dirxml', 'table', 'count', 'countReset', 'time', 'timeEnd', 'timeLog', 'group', 'groupCollapsed', 'groupEnd', 'assert'] as const;

/**
 * Over stdio, stdout carries the protocol: one stray console.log of any module would corrupt it.
 * Every console method of `target` (the global console) is sent to the editor's log instead, as
 * vscode-languageserver does when it opens stdio itself.
 */
export function consoleToLog(log: LogTarget, target: Console = console): void {
  const lines = (send: (m: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        send(String(chunk).replace(/\n$/, ''));
        done();
      },
    });
  const streamed = new Console({ stdout: lines((m) => log.log(m)), stderr: lines((m) => log.error(m)) });
  target.log = target.info = target.debug = (...a: unknown[]) => log.log(format(...a));
  target.trace = (...a: unknown[]) => log.log(format(...a));
  target.warn = (...a: unknown[]) => log.warn(format(...a));
  target.error = (...a: unknown[]) => log.error(format(...a));
  for (const name of STREAM_METHODS) (target as unknown as Record<string, unknown>)[name] = (streamed[name] as (...a: unknown[]) => void).bind(streamed);
}
