// Restricted Mode: in a workspace the user has not trusted (initializationOptions.workspaceTrusted ===
// false, sent by the VS Code client from workspace.isTrusted; other editors may send it too), the
// settings that steer security-relevant behaviour are ignored by the server itself, not only by the
// editor (package.json capabilities.untrustedWorkspaces.restrictedConfigurations):
//   - connections are read-only and a PGlite database never gets a data directory (no cluster created
//     on disk at a path the workspace chose);
//   - the audit log stays at its default place inside the workspace;
//   - schemawise.safety.allowedFunctions is empty;
//   - the AI provider gets no custom base URL (the API key and the schema never go to a host the
//     workspace chose).
import type { ConnectionConfig } from '../engine/drivers/types';
import { DEFAULT_AUDIT_LOG } from '../engine/safety/audit';
import type { ExecutionSettings } from './execution-settings';

export class WorkspaceTrust {
  private trusted = true;

  /** From initializationOptions: only an explicit `workspaceTrusted: false` restricts. */
  initialize(initializationOptions: unknown): void {
    const o = initializationOptions as { workspaceTrusted?: unknown } | undefined;
    this.trusted = !(typeof o === 'object' && o !== null && o.workspaceTrusted === false);
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  connection(config: ConnectionConfig): ConnectionConfig {
    if (this.trusted) return config;
    const { dataDir: _ignored, ...rest } = config;
    return { ...rest, readOnly: true };
  }

  execution(settings: ExecutionSettings): ExecutionSettings {
    if (this.trusted) return settings;
    return { ...settings, auditPath: DEFAULT_AUDIT_LOG, allowedFunctions: [] };
  }

  /** The raw 'schemawise.ai' section without the endpoint settings a workspace could point elsewhere. */
  ai(section: unknown): unknown {
    if (this.trusted || typeof section !== 'object' || section === null) return section;
    const { baseUrl: _b, azureDeployment: _d, azureApiVersion: _v, ...rest } = section as Record<string, unknown>;
    return rest;
  }
}
