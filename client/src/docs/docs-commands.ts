// "Generate Documentation" (progress, then the index in Markdown preview), "Show Documentation" (a
// table's page, from the explorer or a quick pick) and "Check Documentation Drift" (the findings in
// a document). The server does the work (schemawise/generateDocs, docsPage, checkDocs).
import * as vscode from 'vscode';
import { ResponseError } from 'vscode-languageclient/node';
import { CheckDocsRequest, DocsPageRequest, GenerateDocsRequest, type GenerateDocsResult } from '../../../server/src/protocol';
import type { CommandFactory } from '../commands';
import type { Ctx } from '../ctx';
import * as server from '../server-api';
import type { NodeTarget } from '../tree/schema-nodes';
import { UserError } from '../user-error';
import { docsSettingsFrom, resolveDocsFolder, type DocsSettings } from './docs-settings';

interface DocsPlace {
  settings: DocsSettings;
  folder: string;
  workspaceFolder: string;
}

function docsPlace(ctx: Ctx): DocsPlace {
  const ws = vscode.workspace.workspaceFolders?.[0];
  if (!ws) throw new UserError('open a folder first: the documentation is written into the workspace (setting schemawise.docs.folder)');
  const section = vscode.workspace.getConfiguration('schemawise.docs', ws.uri);
  const settings = docsSettingsFrom({ folder: section.get('folder'), format: section.get('format'), stats: section.get('includeStats') });
  for (const w of settings.warnings) ctx.log.warn(`settings: ${w}`);
  return { settings, folder: resolveDocsFolder(settings.folder, ws.uri.fsPath), workspaceFolder: ws.uri.fsPath };
}

async function generate(ctx: Ctx, place: DocsPlace): Promise<GenerateDocsResult> {
  const client = ctx.requireClient();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Schemawise: generating documentation…', cancellable: false },
    () => client.sendRequest(GenerateDocsRequest.type, { folder: place.folder, workspaceFolder: place.workspaceFolder, format: place.settings.format, stats: place.settings.stats }),
  );
}

async function openPage(path: string, format: 'markdown' | 'html'): Promise<void> {
  const uri = vscode.Uri.file(path);
  if (format === 'html') await vscode.env.openExternal(uri);
  else await vscode.commands.executeCommand('markdown.showPreview', uri);
}

const generateDocumentation: CommandFactory = (ctx) => async () => {
  const place = docsPlace(ctx);
  const result = await generate(ctx, place);
  for (const w of result.warnings) ctx.log.warn(`docs: ${w}`);
  await openPage(result.index, place.settings.format);
  const note = result.warnings.length ? ` ${result.warnings.length} warning(s) in the log.` : '';
  void vscode.window.showInformationMessage(`Schemawise: documented ${result.tables} tables in ${vscode.workspace.asRelativePath(place.folder)} (${result.written} file(s) written, ${result.unchanged} unchanged).${note}`);
  return result;
};

const showDocumentation: CommandFactory = (ctx) => async (arg?: unknown) => {
  const client = ctx.requireClient();
  const place = docsPlace(ctx);
  const target = (arg as { target?: NodeTarget } | undefined)?.target;
  let schema = target?.schema;
  let table = target?.table;
  if (!table) {
    const model = await server.getSchema(client);
    if (!model) throw new UserError('connect to a database (or open the sample) to see its documentation');
    const pick = await vscode.window.showQuickPick(
      model.tables.map((t) => ({ label: `${t.schema}.${t.name}`, description: t.comment, schema: t.schema, table: t.name })),
      { title: 'Schemawise: Show Documentation', placeHolder: 'Table or view', matchOnDescription: true },
    );
    if (!pick) return false;
    ({ schema, table } = pick);
  }
  const page = await client.sendRequest(DocsPageRequest.type, { folder: place.folder, schema: schema ?? '', table, format: place.settings.format });
  if (!page) throw new UserError(`the current schema has no table ${schema ? `${schema}.` : ''}${table}`);
  const exists = await vscode.workspace.fs.stat(vscode.Uri.file(page.path)).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const choice = await vscode.window.showInformationMessage(`Schemawise: there is no documentation in ${vscode.workspace.asRelativePath(place.folder)} yet.`, 'Generate Documentation');
    if (choice !== 'Generate Documentation') return false;
    await generate(ctx, place);
  }
  await openPage(page.path, place.settings.format);
  return true;
};

const checkDocumentation: CommandFactory = (ctx) => async () => {
  const client = ctx.requireClient();
  const place = docsPlace(ctx);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Schemawise: comparing the documentation with the database…' }, () =>
    client.sendRequest(CheckDocsRequest.type, { folder: place.folder, workspaceFolder: place.workspaceFolder }),
  );
  const where = vscode.workspace.asRelativePath(place.folder);
  if (result.inSync) {
    void vscode.window.showInformationMessage(`Schemawise: the documentation in ${where} matches the database.`);
    return result;
  }
  ctx.log.warn(`docs drift in ${where}:\n${result.report}`);
  const content = [`# Documentation drift: ${where}`, '', `${result.changes.length} change(s) since the docs were generated. Run "Schemawise: Generate Documentation" and commit the result.`, '', '```text', result.report, '```', ''].join('\n');
  const doc = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
  await vscode.window.showTextDocument(doc, { preview: true });
  const choice = await vscode.window.showWarningMessage(`Schemawise: the documentation is out of date (${result.changes.length} change(s)).`, 'Regenerate');
  if (choice === 'Regenerate') await vscode.commands.executeCommand('schemawise.generateDocs');
  return result;
};

/**
 * The server's refusals (bad YAML with its line, an output folder that is a file, no docs yet) are
 * for the user, not only the log: shown as an error message.
 */
function showingServerErrors(factory: CommandFactory): CommandFactory {
  return (ctx) => {
    const handler = factory(ctx);
    return async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (e) {
        if (!(e instanceof ResponseError)) throw e;
        ctx.log.warn(`docs: ${e.message}`);
        void vscode.window.showErrorMessage(`Schemawise: ${e.message}`);
        return undefined;
      }
    };
  };
}

export const DOCS_COMMANDS = {
  'schemawise.generateDocs': showingServerErrors(generateDocumentation),
  'schemawise.showDocumentation': showingServerErrors(showDocumentation),
  'schemawise.checkDocs': showingServerErrors(checkDocumentation),
} as const satisfies Record<string, CommandFactory>;
