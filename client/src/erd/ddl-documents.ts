// Read-only `schemawise-ddl:/<schema>/<table>.sql` documents (the URIs go-to-definition returns and
// the ERD opens on a double-click): their text is the server's generated DDL (schemawise/tableDdl).
// Registered once per extension, on first use.
import * as vscode from 'vscode';
import { DDL_URI_SCHEME, TableDdlRequest } from '../../../server/src/protocol';
import type { Ctx } from '../ctx';

const registered = new WeakSet<Ctx>();

export function ddlUri(schema: string, table: string): vscode.Uri {
  return vscode.Uri.from({ scheme: DDL_URI_SCHEME, path: `/${schema}/${table}.sql` });
}

export function ensureDdlDocuments(ctx: Ctx): void {
  if (registered.has(ctx)) return;
  registered.add(ctx);
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      // uri.path is decoded: "/<schema>/<table>.sql"; a schema or table name may itself hold dots but not slashes.
      const m = /^\/([^/]+)\/(.+)\.sql$/.exec(uri.path);
      if (!m) return `-- not a Schemawise DDL address: ${uri.toString()}`;
      const r = await ctx.requireClient().sendRequest(TableDdlRequest.type, { schema: m[1], table: m[2] });
      return r?.text ?? `-- ${m[1]}.${m[2]} is not in the current schema (refresh the schema?)`;
    },
  };
  ctx.extension.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DDL_URI_SCHEME, provider));
}

export async function openTableDdl(ctx: Ctx, schema: string, table: string): Promise<void> {
  ensureDdlDocuments(ctx);
  let doc = await vscode.workspace.openTextDocument(ddlUri(schema, table));
  if (doc.languageId !== 'sql') doc = await vscode.languages.setTextDocumentLanguage(doc, 'sql');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
}
