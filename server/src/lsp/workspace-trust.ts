// Restricted Mode: in a workspace the user has not trusted (initializationOptions.workspaceTrusted ===
// false, sent by the VS Code client from workspace.isTrusted; other editors may send it too), the
// settings that steer security-relevant behaviour are ignored by the server itself, not only by the
// editor (package.json capabilities.untrustedWorkspaces.restrictedConfigurations):
//   - connections are read-only and a PGlite database never gets a data directory (no cluster created
//     on disk at a path the workspace chose);
//   - the audit log stays at its default place (a per-user file, outside the workspace);
//   - schemawise.safety.allowedFunctions is empty;
//   - the AI provider is the offline one: the server cannot tell a base URL the workspace chose from
//     the user's own, and dropping only the URL would send the key to the default endpoint instead of
//     the user's, so neither the API key nor the schema leaves the machine.
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

  /** `defaultAuditPath`: the editor's per-user state file, when it named one. */
  execution(settings: ExecutionSettings, defaultAuditPath: string = DEFAULT_AUDIT_LOG): ExecutionSettings {
    if (this.trusted) return settings;
    return { ...settings, auditPath: defaultAuditPath, allowedFunctions: [] };
  }

  /** The raw 'schemawise.ai' section; untrusted: the offline provider, no endpoint settings at all. */
  ai(section: unknown): unknown {
    if (this.trusted) return section;
    const v = typeof section === 'object' && section !== null ? (section as Record<string, unknown>) : {};
    const { baseUrl: _b, azureDeployment: _d, azureApiVersion: _v, model: _m, ...rest } = v;
    return { ...rest, provider: 'offline' };
  }
}
