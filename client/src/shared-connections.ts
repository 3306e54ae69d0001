// Parsing and merging `.schemawise/connections.json` (no `vscode` import: unit-tested). The file
// holds the same entries as the schemawise.connections setting; secret-like keys are dropped.
import { connectionsFrom, type ConnectionSetting } from './settings';

const SECRET_KEYS = /^(password|passwd|pwd|secret|token|apikey|api_key|url|connectionstring)$/i;

/** The entries of the file, secrets dropped (with a warning), validated like the setting. */
export function parseShared(text: string): { value: ConnectionSetting[]; warnings: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { value: [], warnings: ['not valid JSON; its connections are ignored.'] };
  }
  const list = Array.isArray(data) ? data : (data as { connections?: unknown })?.connections;
  if (!Array.isArray(list)) return { value: [], warnings: ['must hold {"connections": [...]}; ignoring it.'] };
  const warnings: string[] = [];
  const entries = list.map((e: unknown) => {
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return e;
    const clean: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) {
      if (SECRET_KEYS.test(k)) warnings.push(`"${k}" is ignored: secrets do not belong in a shared file.`);
      else clean[k] = v;
    }
    return clean;
  });
  const coerced = connectionsFrom(entries);
  return { value: coerced.value, warnings: [...warnings, ...coerced.warnings] };
}

/** Personal connections first; shared ones only where no personal connection has the name. */
export function mergeShared(personal: ConnectionSetting[], shared: ConnectionSetting[]): ConnectionSetting[] {
  const names = new Set(personal.map((c) => c.name));
  return [...personal, ...shared.filter((c) => !names.has(c.name))];
}
