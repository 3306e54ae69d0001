// "Show ERD" (the whole schema) and "Show ERD for Table" (the neighbourhood of a table: from the
// explorer's context menu, the table under the editor's cursor, or a quick pick).
import * as vscode from 'vscode';
import type { CommandFactory } from '../commands';
import * as server from '../server-api';
import type { NodeTarget } from '../tree/schema-nodes';
import { ErdPanel } from './erd-panel';
import { tableAtCursor } from './table-at-cursor';

const showErd: CommandFactory = (ctx) => () => ErdPanel.show(ctx, { kind: 'all' });

const showErdForTable: CommandFactory = (ctx) => async (arg?: unknown) => {
  const target = (arg as { target?: NodeTarget } | undefined)?.target;
  let table = target?.table ? `${target.schema ? `${target.schema}.` : ''}${target.table}` : undefined;
  if (!table) {
    const model = await server.getSchema(ctx.requireClient());
    if (!model) {
      void vscode.window.showInformationMessage('Schemawise: connect to a database (or open the sample) to see its ERD.');
      return false;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor) table = tableAtCursor(model, editor.document.getText(), editor.document.offsetAt(editor.selection.active));
    table ??= (
      await vscode.window.showQuickPick(
        model.tables.map((t) => ({ label: `${t.schema}.${t.name}`, description: t.kind === 'table' ? undefined : t.kind.replace('_', ' ') })),
        { title: 'Schemawise: Show ERD for Table', placeHolder: 'No table at the cursor: pick one' },
      )
    )?.label;
  }
  if (!table) return false;
  await ErdPanel.show(ctx, { kind: 'neighbourhood', table, hops: 1 });
  return true;
};

export const ERD_COMMANDS = {
  'schemawise.showErd': showErd,
  'schemawise.showErdForTable': showErdForTable,
} as const satisfies Record<string, CommandFactory>;
