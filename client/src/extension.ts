// Entry point: activation only builds the Ctx, registers the command table and starts the server.
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ctx = new Ctx(context);
  registerCommands(ctx);
  await ctx.start();
  // Reconnect to the workspace's active connection only with a saved password: never prompt on startup.
  const active = ctx.activeTarget;
  if (active && ctx.serverRunning) void ctx.connect(active, { interactive: false });
}

export async function deactivate(): Promise<void> {
  const c = ctx;
  ctx = undefined;
  await c?.dispose();
}
