// The server's only logging path: connection.console (the client's output channel), with every
// message scrubbed of secrets — passwords the server has seen and the password part of any URL.
import type { RemoteConsole } from 'vscode-languageserver/node';
import { redactUrl } from '../engine/drivers/connection-url';
import { maskSecret, maskSecrets } from '../engine/safety/mask';

export class Logger {
  private readonly secrets = new Set<string>();

  constructor(private readonly console: RemoteConsole) {}

  /** Remember a secret so that it is masked should it ever reach a message. */
  addSecret(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  info(message: string): void {
    this.console.info(this.scrub(message));
  }

  warn(message: string): void {
    this.console.warn(this.scrub(message));
  }

  error(message: string): void {
    this.console.error(this.scrub(message));
  }

  scrub(message: string): string {
    let out = message.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (url) => redactUrl(url));
    // Each secret where it stands (URL, key=value, option field), never inside a word (safety/mask.ts).
    for (const s of this.secrets) out = maskSecret(out, s);
    return maskSecrets(out);
  }
}
