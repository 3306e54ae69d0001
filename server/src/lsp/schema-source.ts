// Decides where the schema comes from when the server starts or settings change, in priority order:
// command-line flags, initializationOptions, workspace settings. A password may come from the URL or
// the SCHEMAWISE_PASSWORD environment variable; it is never logged.
import { parseConnectionUrl } from '../engine/drivers/connection-url';
import type { ConnectionConfig } from '../engine/drivers/types';
import type { ServerArgs } from './cli-args';
import type { ServerSettings } from './settings';

export type SchemaSourceChoice =
  | { kind: 'none' }
  | { kind: 'snapshot'; path: string; origin: string }
  | { kind: 'database'; config: ConnectionConfig; origin: string };

export function chooseSource(layers: { origin: string; settings: ServerSettings }[], env: NodeJS.ProcessEnv = process.env): SchemaSourceChoice {
  for (const { origin, settings } of layers) {
    // A live connection beats a snapshot given at the same level.
    if (settings.connection !== undefined) return { kind: 'database', config: withPassword(toConfig(settings.connection), env), origin };
    if (settings.schemaFile !== undefined) return { kind: 'snapshot', path: settings.schemaFile, origin };
  }
  return { kind: 'none' };
}

export function argsAsSettings(args: ServerArgs): ServerSettings {
  return { connection: args.connection, schemaFile: args.schemaFile };
}

/** Throws a DriverError('config') for a malformed URL. */
function toConfig(connection: string | ConnectionConfig): ConnectionConfig {
  return typeof connection === 'string' ? parseConnectionUrl(connection) : connection;
}

export function withPassword(config: ConnectionConfig, env: NodeJS.ProcessEnv = process.env): ConnectionConfig {
  const fromEnv = env.SCHEMAWISE_PASSWORD;
  return config.password === undefined && fromEnv ? { ...config, password: fromEnv } : config;
}

/** A stable description of a choice, to notice when changed settings point somewhere else. */
export function choiceKey(choice: SchemaSourceChoice): string {
  if (choice.kind === 'snapshot') return `snapshot:${choice.path}`;
  if (choice.kind === 'database') {
    const c = choice.config;
    return `database:${c.driver}:${c.user ?? ''}@${c.host ?? ''}:${c.port ?? ''}/${c.database ?? ''}:${c.sample ? 'sample' : ''}`;
  }
  return 'none';
}
