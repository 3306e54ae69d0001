// The one textDocument/codeAction handler (vscode-languageserver allows one per request type). Each
// feature contributes a provider with the kinds it offers; answers are concatenated in registration
// order, and a provider that fails is logged and skipped so the others still answer.
import type { CancellationToken, CodeAction, CodeActionParams, Connection } from 'vscode-languageserver/node';
import { errorMessage } from '../engine/drivers/errors';
import type { Logger } from './logger';

export interface CodeActionProvider {
  /** For logs. */
  name: string;
  /** Code action kinds the provider can return (announced in the capabilities). */
  kinds: string[];
  provide(params: CodeActionParams, token: CancellationToken): CodeAction[] | Promise<CodeAction[]>;
}

export function registerCodeActions(connection: Connection, log: Logger, providers: readonly CodeActionProvider[]): { codeActionProvider: { codeActionKinds: string[] } } {
  connection.onCodeAction(async (params, token) => {
    const out: CodeAction[] = [];
    for (const p of providers) {
      if (token.isCancellationRequested) break;
      try {
        out.push(...(await p.provide(params, token)));
      } catch (e) {
        log.error(`code actions (${p.name}) failed for ${params.textDocument.uri}: ${errorMessage(e)}`);
      }
    }
    return out;
  });
  return { codeActionProvider: { codeActionKinds: [...new Set(providers.flatMap((p) => p.kinds))] } };
}
