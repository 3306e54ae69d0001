// The extension's one log: a LogOutputChannel named "Schemawise" behind a small wrapper. Every line is
// passed through redactSecrets; `error` also reveals the channel, because an error a person cannot
// see is an error they cannot fix. The language client writes to the same channel through
// RedactingChannel, which redacts but never reveals (the client decides that itself).
import * as vscode from 'vscode';
import { redactSecrets } from './redact';

function format(message: string, args: unknown[]): string {
  const parts = args.map((a) => {
    if (a instanceof Error) return a.message;
    if (typeof a === 'string') return a;
    try {
      return JSON.stringify(a);
    } catch {
      return String(a);
    }
  });
  return redactSecrets([message, ...parts].join(' '));
}

export class Log implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(name = 'Schemawise') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  trace(message: string, ...args: unknown[]): void {
    this.channel.trace(format(message, args));
  }

  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(format(message, args));
  }

  info(message: string, ...args: unknown[]): void {
    this.channel.info(format(message, args));
  }

  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(format(message, args));
  }

  error(message: string, ...args: unknown[]): void {
    this.channel.error(format(message, args));
    this.channel.show(true);
  }

  show(): void {
    this.channel.show();
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/**
 * The channel handed to the language client as both its output and trace channel. With
 * `schemawise.trace.server` on, the client prints request parameters verbatim — including the
 * password of `schemawise/connect` — so everything is redacted on the way in.
 */
export class RedactingChannel implements vscode.LogOutputChannel {
  constructor(private readonly inner: vscode.LogOutputChannel) {}

  get name(): string {
    return this.inner.name;
  }
  get logLevel(): vscode.LogLevel {
    return this.inner.logLevel;
  }
  get onDidChangeLogLevel(): vscode.Event<vscode.LogLevel> {
    return this.inner.onDidChangeLogLevel;
  }
  trace(message: string, ...args: unknown[]): void {
    this.inner.trace(format(message, args));
  }
  debug(message: string, ...args: unknown[]): void {
    this.inner.debug(format(message, args));
  }
  info(message: string, ...args: unknown[]): void {
    this.inner.info(format(message, args));
  }
  warn(message: string, ...args: unknown[]): void {
    this.inner.warn(format(message, args));
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.inner.error(format(error instanceof Error ? error.message : error, args));
  }
  append(value: string): void {
    this.inner.append(redactSecrets(value));
  }
  appendLine(value: string): void {
    this.inner.appendLine(redactSecrets(value));
  }
  replace(value: string): void {
    this.inner.replace(redactSecrets(value));
  }
  clear(): void {
    this.inner.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') this.inner.show(columnOrPreserveFocus);
    else this.inner.show(columnOrPreserveFocus, preserveFocus);
  }
  hide(): void {
    this.inner.hide();
  }
  /** The Log owns the underlying channel; the client stopping must not close it. */
  dispose(): void {}
}
