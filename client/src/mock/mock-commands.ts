// "Generate Mock Data…": pick tables and a row count, preview 10 rows per table in the results grid,
// confirm, then write with a cancellable progress notification (cancel rolls the whole run back).
// The server owns generation and the write rule; this is the UI.
import * as vscode from 'vscode';
import { MockGenerateRequest, MockPreviewRequest, type MockReport } from '../../../server/src/protocol';
import type { CommandFactory } from '../commands';
import type { Ctx } from '../ctx';
import { withAiProgress } from '../nl2sql/ai-requests';
import { ResultsPanel } from '../run/results-panel';
import * as server from '../server-api';
import type { NodeTarget } from '../tree/schema-nodes';
import { parseRowCount, tableChoices } from './mock-input';

const panels = new WeakMap<Ctx, ResultsPanel>();

function panelOf(ctx: Ctx): ResultsPanel {
  let p = panels.get(ctx);
  if (!p) {
    p = new ResultsPanel(ctx.extension.extensionUri, ctx.log);
    ctx.extension.subscriptions.push(p);
    panels.set(ctx, p);
  }
  return p;
}

const generateMockData: CommandFactory = (ctx) => async (arg?: unknown) => {
  const client = ctx.requireClient();
  const model = await server.getSchema(client);
  if (!model) {
    void vscode.window.showInformationMessage('Schemawise: connect to a database first to generate mock data.');
    return false;
  }
  const target = (arg as { target?: NodeTarget } | undefined)?.target;
  const choices = tableChoices(model, target);
  if (choices.length === 0) {
    void vscode.window.showInformationMessage('Schemawise: this schema has no tables to fill.');
    return false;
  }
  const picked = await vscode.window.showQuickPick(choices, { canPickMany: true, title: 'Generate Mock Data: tables (their foreign-key parents are added)', placeHolder: 'Tables to fill' });
  if (!picked || picked.length === 0) return false;
  const answer = await vscode.window.showInputBox({
    title: 'Generate Mock Data: rows per table',
    value: '100',
    validateInput: (v) => {
      const r = parseRowCount(v);
      return 'error' in r ? r.error : undefined;
    },
  });
  if (answer === undefined) return false;
  const r = parseRowCount(answer);
  if ('error' in r) return false;
  const tables = picked.length === choices.length ? undefined : picked.map((p) => p.label);
  const params = { tables, rows: r.rows, seed: 1 };

  const preview = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Schemawise: previewing mock data', cancellable: true }, (_p, token) =>
    client.sendRequest(MockPreviewRequest.type, params, token),
  );
  const title = `Mock data preview (${preview.outcome.status === 'completed' ? preview.outcome.results.length : 0} tables, first 10 rows each)`;
  panelOf(ctx).showRun(title, preview.outcome);
  logReport(ctx, 'preview', preview.report);
  if (!preview.writable) {
    void vscode.window.showInformationMessage(`Schemawise: preview only. ${preview.writeRefusal ?? ''}`);
    return false;
  }
  const tableCount = preview.report.tables.length;
  const total = preview.report.tables.reduce((s, t) => s + t.requested, 0);
  const problems = preview.report.findings.filter((f) => f.level !== 'info').length;
  const confirm = await vscode.window.showWarningMessage(
    `Write about ${total.toLocaleString()} rows into ${tableCount} tables on "${preview.connection}"?`,
    { modal: true, detail: `One transaction for the whole run: cancelling or any failure rolls everything back.${problems ? `\n${problems} findings (see the Schemawise log).` : ''}` },
    'Write',
  );
  if (confirm !== 'Write') return false;
  const result = await withAiProgress<MockReport>(client, `Schemawise: generating mock data on ${preview.connection}`, (workDoneToken, token) =>
    client.sendRequest(MockGenerateRequest.type, { ...params, workDoneToken }, token),
  );
  if (!result) {
    void vscode.window.showInformationMessage('Schemawise: mock data cancelled; nothing was written.');
    return false;
  }
  logReport(ctx, 'written', result);
  const choice = await vscode.window.showInformationMessage(
    `Schemawise: wrote ${result.totalRows.toLocaleString()} rows into ${result.tables.filter((t) => t.written > 0).length} tables in ${(result.durationMs / 1000).toFixed(1)} s.`,
    'Show Report',
  );
  if (choice === 'Show Report') ctx.log.show();
  return true;
};

function logReport(ctx: Ctx, what: string, report: MockReport): void {
  ctx.log.info(`mock data ${what}: ${report.tables.map((t) => `${t.table} ${t.written}/${t.requested}${t.backfilled ? ` (+${t.backfilled} back-filled)` : ''}`).join(', ')}`);
  for (const p of report.sampledParents ?? [])
    ctx.log.info(`  existing parent keys: ${p.child}.${p.foreignKey} → ${p.table} (${p.columns.join(', ')}): ${p.keys.toLocaleString()} keys${p.bounded ? ` (sample bound reached${p.estimatedRows ? ` of about ${Math.round(p.estimatedRows).toLocaleString()} rows` : ''})` : ''}, ${p.method}`);
  for (const f of report.findings) ctx.log.info(`  ${f.level} ${f.table ? f.table + (f.column ? '.' + f.column : '') + ': ' : ''}${f.message}`);
}

export const MOCK_COMMANDS = {
  'schemawise.generateMockData': generateMockData,
} as const satisfies Record<string, CommandFactory>;
