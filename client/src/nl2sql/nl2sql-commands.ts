// The natural language → SQL commands: Ask the Database…, Generate SQL from Comment (also the
// server's code action), Explain this SQL, Refactor/Optimize this SQL (a diff; Apply is a separate,
// explicit step) and Set AI API Key. Nothing here ever runs SQL: answers become edits the person
// sees, and a statement that writes is only inserted after a modal warning.
import * as vscode from 'vscode';
import { keyMayGoTo } from './key-destination';
import { activeSqlEditor } from '../editors';
import { UserError } from '../user-error';
import {
  AskDatabaseRequest,
  ExplainSqlRequest,
  OptimizeSqlRequest,
  type GenerateSqlCommandArgs,
  type Nl2SqlResult,
  type OptimizeSqlResult,
} from '../../../server/src/protocol';
import type { CommandFactory } from '../commands';
import type { Ctx } from '../ctx';
import { AiKey } from './ai-key';
import { withAiProgress } from './ai-requests';
import { AI_SETTINGS_QUERY, answerAction } from './answer-policy';
import { indentOf, questionOfCommentLine, sqlToInsert, statementAt } from './sql-text';
import { VirtualDocs } from './virtual-docs';

interface Proposal {
  uri: vscode.Uri;
  version: number;
  range: vscode.Range;
  sql: string;
}

/** Per-extension state of these commands (previews, the pending rewrite), created on first use. */
class Nl2SqlUi {
  readonly docs = new VirtualDocs();
  readonly key: AiKey;
  readonly proposals = new Map<string, Proposal>();
  last: Proposal | undefined;
  constructor(ctx: Ctx) {
    this.key = new AiKey(ctx.extension.secrets);
    ctx.extension.subscriptions.push(this.docs);
  }
}

const CONFIRMED_BASE_URLS = 'schemawise.ai.confirmedBaseUrls';

/**
 * The API key for a request about `uri`, or undefined: it goes only to the default endpoint, a base
 * URL from the user's own settings, or one the user confirmed once (key-destination.ts).
 */
async function keyFor(ctx: Ctx, uri: vscode.Uri | undefined): Promise<string | undefined> {
  const key = await ui(ctx).key.get();
  if (!key) return undefined;
  const inspected = vscode.workspace.getConfiguration('schemawise.ai', uri).inspect<string>('baseUrl');
  const effective = vscode.workspace.getConfiguration('schemawise.ai', uri).get<string>('baseUrl');
  const confirmed = ctx.extension.globalState.get<string[]>(CONFIRMED_BASE_URLS, []);
  if (keyMayGoTo({ effective, user: inspected?.globalValue }, confirmed)) return key;
  const send = 'Send the key to this URL';
  const choice = await vscode.window.showWarningMessage(
    `This workspace sets schemawise.ai.baseUrl to ${effective}. Send your AI API key and the schema to it?`,
    { modal: true, detail: 'The URL comes from the workspace settings, not from yours. Your answer is remembered for this URL.' },
    send,
  );
  if (choice !== send) return undefined;
  await ctx.extension.globalState.update(CONFIRMED_BASE_URLS, [...confirmed, effective!]);
  return key;
}

const uis = new WeakMap<Ctx, Nl2SqlUi>();
function ui(ctx: Ctx): Nl2SqlUi {
  let u = uis.get(ctx);
  if (!u) uis.set(ctx, (u = new Nl2SqlUi(ctx)));
  return u;
}

/** Asks the server; undefined when cancelled. The key goes in the request, never in a log line. */
async function ask(ctx: Ctx, question: string, uri: vscode.Uri | undefined): Promise<Nl2SqlResult | undefined> {
  const client = ctx.requireClient();
  const apiKey = await keyFor(ctx, uri);
  return withAiProgress(client, 'Schemawise: generating SQL', (workDoneToken, token) =>
    client.sendRequest(AskDatabaseRequest.type, { question, uri: uri?.toString(), apiKey, workDoneToken }, token),
  );
}

/** Inserts the answer at `position` (after the write warning when needed); resolves whether it did. */
async function insertAnswer(ctx: Ctx, editor: vscode.TextEditor, result: Nl2SqlResult, position: vscode.Position, indent = '', prefix = '', question?: string): Promise<boolean> {
  const action = answerAction(result);
  if (action.kind === 'cancelled') return false;
  if (action.kind === 'show-failure') {
    if (action.openSettings) {
      void vscode.window.showWarningMessage(action.message, 'Open AI Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', AI_SETTINGS_QUERY);
      });
    } else void vscode.window.showWarningMessage(action.message);
    return false;
  }
  if (action.kind === 'confirm-write') {
    const choice = await vscode.window.showWarningMessage(action.warning, { modal: true, detail: action.detail }, 'Insert Anyway');
    if (choice !== 'Insert Anyway') return false;
  }
  const ok = await editor.edit((b) => b.insert(position, prefix + sqlToInsert(action.sql, indent, question)));
  if (ok && action.kind === 'insert' && action.info) void vscode.window.showInformationMessage(`Schemawise: ${action.info}`);
  ctx.log.info(`askDatabase: inserted a ${result.status === 'ok' ? result.classification.kind : ''} statement (${result.status === 'ok' ? result.provider : ''})`);
  return ok;
}

/** The selection, or the statement around the cursor. */
function selectedSql(editor: vscode.TextEditor): { range: vscode.Range; sql: string } {
  const doc = editor.document;
  if (!editor.selection.isEmpty) return { range: editor.selection, sql: doc.getText(editor.selection) };
  const span = statementAt(doc.getText(), doc.offsetAt(editor.selection.active));
  if (!span) throw new UserError('there is no SQL statement at the cursor');
  return { range: new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end)), sql: span.text };
}

const askDatabase: CommandFactory = (ctx) => async () => {
  const editor = activeSqlEditor();
  const question = await vscode.window.showInputBox({ title: 'Schemawise: Ask the Database', prompt: 'A question about your data; the SQL is inserted at the cursor (never run).', placeHolder: 'e.g. top 5 customers by number of orders', ignoreFocusOut: true });
  if (!question?.trim()) return false;
  const result = await ask(ctx, question, editor.document.uri);
  if (!result) return false;
  // The question stays above the SQL as a comment (a comment line already holds it in the other command).
  return insertAnswer(ctx, editor, result, editor.selection.active, '', '', question);
};

/** From the code action (args) or the palette (the comment line at the cursor). */
const generateSqlFromComment: CommandFactory = (ctx) => async (arg?: unknown) => {
  const given = arg as Partial<GenerateSqlCommandArgs> | undefined;
  let editor = vscode.window.activeTextEditor;
  if (given?.uri && editor?.document.uri.toString() !== given.uri) {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(given.uri));
    editor = await vscode.window.showTextDocument(doc);
  }
  if (!editor) throw new UserError('open a SQL file first');
  const line = typeof given?.line === 'number' ? given.line : editor.selection.active.line;
  if (line >= editor.document.lineCount) throw new UserError('the comment line is gone');
  const lineText = editor.document.lineAt(line).text;
  const question = typeof given?.question === 'string' ? given.question : questionOfCommentLine(lineText);
  if (!question) throw new UserError('put the cursor on a "-- question" comment line');
  const result = await ask(ctx, question, editor.document.uri);
  if (!result) return false;
  const below = line + 1 < editor.document.lineCount ? new vscode.Position(line + 1, 0) : editor.document.lineAt(line).range.end;
  // The statement goes on its own line below the comment, indented like it.
  return insertAnswer(ctx, editor, result, below, indentOf(lineText), below.character === 0 ? '' : '\n');
};

const explainSql: CommandFactory = (ctx) => async () => {
  const editor = activeSqlEditor();
  const { sql } = selectedSql(editor);
  const client = ctx.requireClient();
  const apiKey = await keyFor(ctx, editor.document.uri);
  const r = await withAiProgress(client, 'Schemawise: explaining SQL', (workDoneToken, token) =>
    client.sendRequest(ExplainSqlRequest.type, { sql, uri: editor.document.uri.toString(), apiKey, workDoneToken }, token),
  );
  if (!r) return false;
  const source = r.provider === 'offline' ? 'structural explanation (offline)' : `explained by the ${r.provider} provider`;
  const fence = sql.includes('```') ? '~~~' : '```';
  const md = `# Explain this SQL\n\n${fence}sql\n${sql.trim()}\n${fence}\n\n${r.markdown}\n\n---\n_${source}_\n`;
  const uri = ui(ctx).docs.put('Explanation.md', md);
  await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
  return true;
};

const optimizeSql: CommandFactory = (ctx) => async () => {
  const editor = activeSqlEditor();
  const { range, sql } = selectedSql(editor);
  const doc = editor.document;
  const version = doc.version;
  const client = ctx.requireClient();
  const apiKey = await keyFor(ctx, doc.uri);
  const r: OptimizeSqlResult | undefined = await withAiProgress(client, 'Schemawise: proposing a rewrite', (workDoneToken, token) =>
    client.sendRequest(OptimizeSqlRequest.type, { sql, uri: doc.uri.toString(), apiKey, workDoneToken }, token),
  );
  if (!r) return false;
  if (r.sql.trim() === sql.trim()) {
    void vscode.window.showInformationMessage(`Schemawise: no rewrite to propose. ${r.notes.join(' ')}`);
    return false;
  }
  const u = ui(ctx);
  const proposed = doc.getText(new vscode.Range(doc.positionAt(0), range.start)) + r.sql + doc.getText(new vscode.Range(range.end, doc.positionAt(doc.getText().length)));
  const name = doc.uri.path.split('/').pop() || 'query.sql';
  const proposalUri = u.docs.put(name.endsWith('.sql') ? name : `${name}.sql`, proposed);
  const proposal: Proposal = { uri: doc.uri, version, range, sql: r.sql };
  u.proposals.set(proposalUri.toString(), proposal);
  u.last = proposal;
  await vscode.commands.executeCommand('vscode.diff', doc.uri, proposalUri, `${name} ↔ proposed rewrite (${r.provider})`, { preview: true });
  const choice = await vscode.window.showInformationMessage(`Schemawise: proposed rewrite${r.validated ? '' : ' (offline fallback)'}: ${r.notes.join(' · ')}`, 'Apply', 'Discard');
  if (choice === 'Apply') return applyProposal(proposal);
  return false;
};

/** Replaces the statement with the proposal, unless the file changed since it was proposed. */
async function applyProposal(p: Proposal): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(p.uri);
  if (doc.version !== p.version) {
    void vscode.window.showWarningMessage('Schemawise: the file changed since the rewrite was proposed; run "Refactor/Optimize this SQL" again.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(p.uri, p.range, p.sql);
  return vscode.workspace.applyEdit(edit);
}

const applyRewrite: CommandFactory = (ctx) => async (arg?: unknown) => {
  const u = ui(ctx);
  const fromDiff = arg instanceof vscode.Uri ? u.proposals.get(arg.toString()) : vscode.window.activeTextEditor ? u.proposals.get(vscode.window.activeTextEditor.document.uri.toString()) : undefined;
  const p = fromDiff ?? u.last;
  if (!p) throw new UserError('there is no proposed rewrite to apply; run "Refactor/Optimize this SQL" first');
  return applyProposal(p);
};

const setAiApiKey: CommandFactory = (ctx) => async () => {
  const outcome = await ui(ctx).key.askAndStore();
  if (outcome === 'stored') void vscode.window.showInformationMessage('Schemawise: AI API key saved in the system keychain.');
  else if (outcome === 'removed') void vscode.window.showInformationMessage('Schemawise: AI API key removed.');
  return outcome !== 'cancelled';
};

export const NL2SQL_COMMANDS = {
  'schemawise.askDatabase': askDatabase,
  'schemawise.generateSqlFromComment': generateSqlFromComment,
  'schemawise.explainSql': explainSql,
  'schemawise.optimizeSql': optimizeSql,
  'schemawise.applyRewrite': applyRewrite,
  'schemawise.setAiApiKey': setAiApiKey,
} as const satisfies Record<string, CommandFactory>;
