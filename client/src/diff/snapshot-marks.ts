// Which tables changed since the committed snapshot: when the workspace has
// .schemawise/schema/<connection name>.json, compare it with the live schema on the server and
// return the tables the differences touch (the explorer marks them). No snapshot: no marks.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Log } from '../log';
import * as server from '../server-api';

export async function changedSinceSnapshot(client: LanguageClient, connectionName: string, log: Log): Promise<ReadonlySet<string> | undefined> {
  const file = connectionName.trim().replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '');
  if (!file) return undefined;
  try {
    const [uri] = await vscode.workspace.findFiles(`.schemawise/schema/${file}.json`, undefined, 1);
    if (!uri) return undefined;
    const result = await server.compareSchemas(client, { from: { kind: 'snapshot', path: uri.fsPath }, to: { kind: 'live' } });
    log.debug(`${result.changedTables.length} table(s) differ from ${vscode.workspace.asRelativePath(uri)}`);
    return new Set(result.changedTables);
  } catch (e) {
    log.warn(`could not compare with the committed snapshot: ${(e as Error)?.message ?? String(e)}`);
    return undefined;
  }
}
