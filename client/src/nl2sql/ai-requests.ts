// Runs one AI request under a cancellable notification: the Cancel button cancels the LSP request
// (the server aborts the provider call), and the server's work-done progress — stages and the tail
// of the streamed answer — becomes the notification's message.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkDoneProgress, type CancellationToken, type LanguageClient } from 'vscode-languageclient/node';

/** Resolves undefined when the person cancelled. */
export async function withAiProgress<T>(
  client: LanguageClient,
  title: string,
  send: (workDoneToken: string, token: CancellationToken) => Promise<T>,
): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const workDoneToken = randomUUID();
    const sub = client.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind !== 'end' && v.message) progress.report({ message: v.message });
    });
    try {
      return await send(workDoneToken, token);
    } catch (e) {
      if (token.isCancellationRequested || e instanceof vscode.CancellationError) return undefined;
      throw e;
    } finally {
      sub.dispose();
    }
  });
}
