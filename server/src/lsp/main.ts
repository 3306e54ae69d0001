// Bundle entry of the language server (dist/server/server.js):
//   schemawise-language-server --stdio [--connection <url> | --schema <snapshot.json>]
// The transport flags (--stdio, --node-ipc, --socket=N) are read by vscode-languageserver itself.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { parseServerArgs } from './cli-args';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { args: parseServerArgs(process.argv.slice(2)) });
// A bug in one request must not end the session: log it and keep serving.
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
connection.listen();
