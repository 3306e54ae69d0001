// The run commands: Run Statement (cursor, Ctrl/Cmd+Enter, the "▶ Run" code lens), Run Selection,
// Run File, Cancel Query, Explain and Explain Analyze. The server picks the SQL out of the synced
// document and owns the policy (firewall, read-only sessions, which writes need confirming); the
// client asks the modal question, shows progress with a Cancel button and the results panel.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { activeSqlEditor } from '../editors';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ExplainOutcome, RunOutcome, RunQueryParams } from '../../../server/src/protocol';
import type { Ctx } from '../ctx';
import { runTitle, withConfirmation, type ConfirmationPrompt } from './confirm';
import { ResultsPanel } from './results-panel';
import { cancelQuery, explainQuery, runQuery } from './run-api';

type Handler = (...args: unknown[]) => unknown;

/** Per-extension state of the run commands: the results panel and the runs in flight. */
class Runner {
  readonly panel: ResultsPanel;
  private readonly running = new Set<string>();

  constructor(private readonly ctx: Ctx) {
    this.panel = new ResultsPanel(ctx.extension.extensionUri, ctx.log);
    this.panel.onCancel = () => void this.cancelAll();
    ctx.extension.subscriptions.push(this.panel);
  }

  async run(target: Target, title: string): Promise<void> {
    const client = this.connectedClient();
    if (!client) return;
    const runId = randomUUID();
    this.running.add(runId);
    void vscode.commands.executeCommand('setContext', 'schemawise.queryRunning', true);
    this.panel.showRunning(title, this.connectionName());
    try {
      const flow = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Schemawise: running on ${this.connectionName()}`, cancellable: true },
        (_progress, token) => {
          token.onCancellationRequested(() => void this.cancel(client, runId));
          return withConfirmation<RunOutcome>('run', (confirmToken) => runQuery(client, { ...target.params, runId, confirmToken }), (p) => ask(p));
        },
      );
      if (flow.kind === 'declined') this.panel.showFailed(title, flow.connection.name, 'Not run: you did not confirm.');
      else this.report(title, flow.outcome);
    } catch (e) {
      this.panel.showFailed(title, this.connectionName(), messageOf(e));
      throw e;
    } finally {
      this.running.delete(runId);
      void vscode.commands.executeCommand('setContext', 'schemawise.queryRunning', this.running.size > 0);
    }
  }

  async explain(target: Target, title: string, analyze: boolean): Promise<void> {
    const client = this.connectedClient();
    if (!client) return;
    const runId = randomUUID();
    const flow = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Schemawise: ${analyze ? 'explain analyze' : 'explain'} on ${this.connectionName()}`, cancellable: analyze },
      (_progress, token) => {
        token.onCancellationRequested(() => void this.cancel(client, runId));
        return withConfirmation<ExplainOutcome>('explain-analyze', (confirmToken) => explainQuery(client, { ...target.params, analyze, runId, confirmToken }), (p) => ask(p));
      },
    );
    if (flow.kind === 'declined') this.panel.showFailed(title, flow.connection.name, 'Not run: EXPLAIN ANALYZE was not confirmed.');
    else this.panel.showExplain(title, flow.outcome);
  }

  async cancelAll(): Promise<void> {
    const client = this.ctx.requireClient();
    const result = await cancelQuery(client);
    vscode.window.setStatusBarMessage(result.runs === 0 ? 'Schemawise: no query is running' : `Schemawise: cancel sent (${result.detail})`, 4000);
  }

  private async cancel(client: LanguageClient, runId: string): Promise<void> {
    try {
      const r = await cancelQuery(client, runId);
      this.ctx.log.info(`cancel ${runId}: ${r.cancelled} statement(s) cancelled (${r.detail})`);
    } catch (e) {
      this.ctx.log.warn(`cancel ${runId} failed:`, e);
    }
  }

  private report(title: string, outcome: RunOutcome): void {
    this.panel.showRun(title, outcome);
    if (outcome.status === 'refused') void vscode.window.showWarningMessage(`Schemawise: refused by the query firewall; nothing was run. ${outcome.refusals[0]?.reason ?? ''}`);
    else if (outcome.status === 'failed' && outcome.message) void vscode.window.showErrorMessage(`Schemawise: ${outcome.message}`);
  }

  /** The running client when a database is connected; otherwise says so (with a Connect button). */
  private connectedClient(): LanguageClient | undefined {
    const client = this.ctx.requireClient();
    if (this.ctx.connected) return client;
    void vscode.window.showInformationMessage('Schemawise: connect to a database to run SQL.', 'Connect').then((c) => {
      if (c === 'Connect') void vscode.commands.executeCommand('schemawise.connect');
    });
    return undefined;
  }

  private connectionName(): string {
    const t = this.ctx.activeTarget;
    return t?.kind === 'configured' ? t.connection.name : 'sample';
  }
}

interface Target {
  params: RunQueryParams;
}

const runners = new WeakMap<Ctx, Runner>();
function runner(ctx: Ctx): Runner {
  let r = runners.get(ctx);
  if (!r) runners.set(ctx, (r = new Runner(ctx)));
  return r;
}

async function ask(p: ConfirmationPrompt): Promise<boolean> {
  const choice = await vscode.window.showWarningMessage(p.message, { modal: true, detail: p.detail }, p.confirmLabel);
  return choice === p.confirmLabel;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Sends the document's text when it is not a SQL document the server syncs. */
function docParams(doc: vscode.TextDocument, part: { range?: vscode.Range; position?: vscode.Position }): RunQueryParams {
  const synced = doc.languageId === 'sql' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
  const uri = doc.uri.toString();
  if (!synced) return { uri, text: part.range ? doc.getText(part.range) : doc.getText() };
  const range = part.range ? { start: { line: part.range.start.line, character: part.range.start.character }, end: { line: part.range.end.line, character: part.range.end.character } } : undefined;
  const position = part.position ? { line: part.position.line, character: part.position.character } : undefined;
  return { uri, range, position };
}

/** The statement from a code lens (uri, range) or at the cursor of the active editor. */
const runStatement = (ctx: Ctx): Handler => async (uriArg?: unknown, rangeArg?: unknown) => {
  if (typeof uriArg === 'string' && isRange(rangeArg)) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriArg));
    const range = new vscode.Range(rangeArg.start.line, rangeArg.start.character, rangeArg.end.line, rangeArg.end.character);
    return runner(ctx).run({ params: docParams(doc, { range }) }, runTitle(doc.fileName, 'statement', range.start.line));
  }
  const editor = activeSqlEditor();
  const position = editor.selection.active;
  return runner(ctx).run({ params: docParams(editor.document, { position }) }, runTitle(editor.document.fileName, 'statement', position.line));
};

const runSelection = (ctx: Ctx): Handler => () => {
  const editor = activeSqlEditor();
  if (editor.selection.isEmpty) return runStatement(ctx)();
  return runner(ctx).run({ params: docParams(editor.document, { range: editor.selection }) }, runTitle(editor.document.fileName, 'selection'));
};

const runFile = (ctx: Ctx): Handler => () => {
  const editor = activeSqlEditor();
  return runner(ctx).run({ params: docParams(editor.document, {}) }, runTitle(editor.document.fileName, 'file'));
};

const explain =
  (analyze: boolean) =>
  (ctx: Ctx): Handler =>
  () => {
    const editor = activeSqlEditor();
    const part = editor.selection.isEmpty ? { position: editor.selection.active } : { range: editor.selection };
    return runner(ctx).explain({ params: docParams(editor.document, part) }, runTitle(editor.document.fileName, analyze ? 'explain-analyze' : 'explain', editor.selection.active.line), analyze);
  };

export const RUN_COMMANDS = {
  'schemawise.runStatement': runStatement,
  'schemawise.runSelection': runSelection,
  'schemawise.runFile': runFile,
  'schemawise.cancelQuery': (ctx: Ctx): Handler => () => runner(ctx).cancelAll(),
  'schemawise.explain': explain(false),
  'schemawise.explainAnalyze': explain(true),
} as const;

function isRange(v: unknown): v is { start: { line: number; character: number }; end: { line: number; character: number } } {
  const r = v as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } | undefined;
  return typeof r?.start?.line === 'number' && typeof r.start.character === 'number' && typeof r.end?.line === 'number' && typeof r.end.character === 'number';
}
