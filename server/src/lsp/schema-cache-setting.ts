// `schemawise.schemaCache` (default on): whether a connection's schema is cached per user, so a new
// session completes from it at once while the live introspection runs. Read when a connection is
// made (workspace settings, else initializationOptions.schemaCache); the cache lives in the state
// folder the client names (initializationOptions.stateDir, VS Code's global storage) or the
// per-user default (engine/session/state-dir.ts), never in the workspace.
import type { Connection, InitializeParams } from 'vscode-languageserver/node';
import { defaultStateDir, SchemaCache } from '../engine/session';
import type { Logger } from './logger';
import { BooleanSetting, clientStateDir } from './settings';

export interface SchemaCacheSetting {
  initialize(params: InitializeParams): void;
  /** The cache to use for the next connection, or undefined when the setting turns it off. */
  read(canReadConfiguration: boolean): Promise<SchemaCache | undefined>;
}

export function schemaCacheSetting(connection: Connection, log: Logger): SchemaCacheSetting {
  let initEnabled: unknown;
  let stateDir = defaultStateDir();
  return {
    initialize(params) {
      initEnabled = (params.initializationOptions as { schemaCache?: unknown } | undefined)?.schemaCache;
      stateDir = clientStateDir(params.initializationOptions) ?? defaultStateDir();
    },
    async read(canReadConfiguration) {
      let value = initEnabled;
      if (canReadConfiguration) {
        const section: unknown = await connection.workspace.getConfiguration('schemawise').catch(() => undefined);
        const fromWorkspace = typeof section === 'object' && section !== null ? (section as { schemaCache?: unknown }).schemaCache : undefined;
        if (fromWorkspace !== undefined && fromWorkspace !== null) value = fromWorkspace;
      }
      if (!BooleanSetting.from(value, true)) return undefined;
      return new SchemaCache(stateDir, { log: (m) => log.warn(m) });
    },
  };
}
