// Bundle entry of the language server (dist/server/server.js):
//   schemawise-language-server --stdio [--connection <url> | --schema <snapshot.json>]
// The transport flags (--stdio, --node-ipc, --socket=N) are read by vscode-languageserver itself.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { parseServerArgs } from './cli-args';
import { messageGuard, registerRefusals } from './message-guard';
import { MessageScheduler } from './priority';
import { startServer } from './server';

// The editor's background requests wait until nothing else does (priority.ts); then the protocol
// rules (initialize first, well-formed params, ordered change ranges) before any handler.
const scheduler = new MessageScheduler();
const connection = createConnection(ProposedFeatures.all, {
  messageStrategy: scheduler.strategy(messageGuard((what) => connection.console.warn(`ignored notification: ${what}`))),
});
registerRefusals(connection);
startServer(connection, { args: parseServerArgs(process.argv.slice(2)), scheduler });
// A bug in one request must not end the session: log it and keep serving.
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
connection.listen();
// Over stdio the scheduler also sees each chunk as it is read (MessageScheduler.noteInput); added
// after listen() so that the message reader is the stream's first listener.
if (process.argv.includes('--stdio')) process.stdin.on('data', () => scheduler.noteInput());
