// The schema explorer view: adapts the plain SchemaNode descriptors (schema-nodes.ts) to TreeItems.
// With nothing connected it has no children, so the view shows its welcome content instead.
import * as vscode from 'vscode';
import type { SchemaModel } from '../schema-types';
import { connectionNode, type ConnectionHeader, type SchemaNode } from './schema-nodes';

export const SCHEMA_VIEW_ID = 'schemawise.schema';

export class SchemaTreeProvider implements vscode.TreeDataProvider<SchemaNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SchemaNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private root: SchemaNode | undefined;

  /** Shows `model` under `header`, or nothing (the welcome view) when either is undefined. */
  show(header: ConnectionHeader | undefined, model: SchemaModel | undefined, changed?: ReadonlySet<string>): void {
    this.root = header && model ? connectionNode(header, model, changed) : undefined;
    this.changed.fire(undefined);
  }

  getChildren(node?: SchemaNode): SchemaNode[] {
    if (!node) return this.root ? [this.root] : [];
    return node.children?.() ?? [];
  }

  getTreeItem(node: SchemaNode): vscode.TreeItem {
    const state = !node.children
      ? vscode.TreeItemCollapsibleState.None
      : node.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    item.contextValue = node.contextValue;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
