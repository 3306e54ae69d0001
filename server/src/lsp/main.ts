// Bundle entry of the language server (dist/server/server-main.js), loaded by the bootstrap
// dist/server/server.js (server/src/bootstrap/server.ts: the V8 code cache):
//   schemawise-language-server --stdio [--connection <url> | --schema <snapshot.json>]
// The transport flags (--stdio, --node-ipc, --socket=N) are read by vscode-languageserver itself.
import { createConnection, ProposedFeatures, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { parseServerArgs } from './cli-args';
import { messageGuard, registerRefusals } from './message-guard';
import { consoleToLog, WholeMessageWriter } from './message-writer';
import { MessageScheduler } from './priority';
import { startServer } from './server';
import { codeCacheHandle } from '../bootstrap/handoff';

// The editor's background requests wait until nothing else does (priority.ts); then the protocol
// rules (initialize first, well-formed params, ordered change ranges) before any handler.
const scheduler = new MessageScheduler();
const options = { messageStrategy: scheduler.strategy(messageGuard((what) => connection.console.warn(`ignored notification: ${what}`))) };
const stdio = process.argv.includes('--stdio');
// Over stdio each answer leaves in one write (message-writer.ts). stdin is still handed over as a
// stream (the library takes a stream or a reader on either side; only the typings pair them), so
// the library still ends the process when the editor closes it. Console output is sent to the log
// below, as the library does for its own --stdio.
const connection: Connection = stdio
  ? createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, new WholeMessageWriter(process.stdout), options)
  : createConnection(ProposedFeatures.all, options);
if (stdio) consoleToLog(connection.console);
registerRefusals(connection);
startServer(connection, { args: parseServerArgs(process.argv.slice(2)), scheduler, codeCache: codeCacheHandle() });
// A bug in one request must not end the session: log it and keep serving.
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
connection.listen();
// Over stdio the scheduler also sees each chunk as it is read (MessageScheduler.noteInput); added
// after listen() so that the message reader is the stream's first listener.
if (stdio) process.stdin.on('data', () => scheduler.noteInput());
