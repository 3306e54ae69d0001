// The stdio message writer: each message leaves in one write (header and body together).
//
// vscode-jsonrpc's StreamMessageWriter writes the `Content-Length` header, waits for that write's
// callback, then writes the body: two writes per message, and the editor's reader wakes up twice
// for each answer. On a loaded or virtualised machine every wake-up can cost milliseconds, which is
// the whole budget of a completion answer. This writer serialises the message the same way
// (JSON, UTF-8) and writes header and body as one string, synchronously and so in order.
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
