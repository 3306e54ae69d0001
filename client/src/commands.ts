// The command table: each entry builds its handler from the Ctx (rust-analyzer style). Handlers that
// need the server call ctx.requireClient(); the wrapper in registerCommands turns "server not running"
// and any other failure into a message with a way forward, so no command fails silently.
import * as vscode from 'vscode';
import { UserError } from './user-error';
import type { CommandId } from './command-ids';
import { addConnection, pickConfiguredConnection, pickConnection } from './connections';
import { ServerNotRunningError, type Ctx, type Target } from './ctx';
import { DOCS_COMMANDS } from './docs/docs-commands';
import { ERD_COMMANDS } from './erd/erd-commands';
import { DIFF_COMMANDS } from './diff/compare-command';
import { NL2SQL_COMMANDS } from './nl2sql/nl2sql-commands';
import { MOCK_COMMANDS } from './mock/mock-commands';
import { RUN_COMMANDS } from './run/run-commands';
import * as server from './server-api';
import { ADVISOR_COMMANDS } from './advisor/advisor-commands';

type Handler = (...args: unknown[]) => unknown;
export type CommandFactory = (ctx: Ctx) => Handler;

/** Connects to a configured connection by name (argument or quick pick), the sample, or a new one. */
const connect: CommandFactory = (ctx) => async (name?: unknown) => {
  ctx.requireClient();
  if (typeof name === 'string') {
    const c = ctx.config.connection(name);
    if (!c) throw new Error(`no connection named "${name}" in schemawise.connections`);
    return ctx.connect({ kind: 'configured', connection: c }, { interactive: true });
  }
  const active = ctx.activeTarget?.kind === 'configured' ? ctx.activeTarget.connection.name : undefined;
  const choice = await pickConnection(ctx.config, active);
  if (!choice) return false;
  if (choice.kind === 'add') return addAndConnect(ctx);
  const target: Target = choice.kind === 'sample' ? { kind: 'sample' } : { kind: 'configured', connection: choice.connection };
  return ctx.connect(target, { interactive: true });
};

async function addAndConnect(ctx: Ctx): Promise<boolean> {
  const client = ctx.requireClient();
  const name = await addConnection({ config: ctx.config, passwords: ctx.passwords, test: (params) => server.testConnection(client, params) });
  const c = name ? ctx.config.connection(name) : undefined;
  return c ? ctx.connect({ kind: 'configured', connection: c }, { interactive: true }) : false;
}

export const COMMANDS: Record<CommandId, CommandFactory> = {
  'schemawise.connect': connect,
  'schemawise.disconnect': (ctx) => () => ctx.disconnect(),
  'schemawise.refreshSchema': (ctx) => () => ctx.refreshSchema(),
  'schemawise.openSample': (ctx) => () => {
    ctx.requireClient();
    return ctx.connect({ kind: 'sample' }, { interactive: true });
  },
  'schemawise.addConnection': (ctx) => () => addAndConnect(ctx),
  'schemawise.forgetPassword': (ctx) => async (name?: unknown) => {
    const c = typeof name === 'string' ? ctx.config.connection(name) : await pickConfiguredConnection(ctx.config, 'Schemawise: Forget Saved Password');
    if (!c) return false;
    const had = await ctx.passwords.forget(c);
    void vscode.window.showInformationMessage(had ? `Schemawise: forgot the saved password for "${c.name}".` : `Schemawise: no password was saved for "${c.name}".`);
    return had;
  },
  'schemawise.showLog': (ctx) => () => ctx.log.show(),
  'schemawise.restartServer': (ctx) => () => ctx.restart(),
  ...ERD_COMMANDS,
  ...NL2SQL_COMMANDS,
  ...RUN_COMMANDS,
  ...DOCS_COMMANDS,
  ...ADVISOR_COMMANDS,
  ...DIFF_COMMANDS,
  ...MOCK_COMMANDS,
};

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    const handler = factory(ctx);
    ctx.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (e) {
        void reportFailure(ctx, id, e);
        return undefined;
      }
    });
  }
}

async function reportFailure(ctx: Ctx, id: string, e: unknown): Promise<void> {
  if (e instanceof UserError) {
    void vscode.window.showInformationMessage(`Schemawise: ${e.message}.`);
    return;
  }
  if (e instanceof ServerNotRunningError) {
    ctx.log.warn(`${id}: ${e.message}`);
    const choice = await vscode.window.showErrorMessage(`Schemawise: ${e.message}.`, 'Restart Server', 'Show Log');
    if (choice === 'Restart Server') await ctx.restart();
    else if (choice === 'Show Log') ctx.log.show();
    return;
  }
  ctx.log.error(`${id} failed:`, e);
}
