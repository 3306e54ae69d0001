// Validation and serialization behind the "Add Connection" input boxes. Pure (no `vscode` import):
// each validator returns the message an InputBox shows, or undefined when the text is acceptable.
import { DEFAULT_PORTS, portFrom, type ConnectionSetting, type Dialect, type SslMode } from './settings';

export function validateConnectionName(text: string, existing: readonly string[]): string | undefined {
  const name = text.trim();
  if (name === '') return 'Enter a name, e.g. "local-pagila".';
  if (name.length > 64) return 'Keep the name under 64 characters.';
  if (existing.includes(name)) return `A connection named "${name}" already exists.`;
  return undefined;
}

export function validatePort(text: string): string | undefined {
  return text.trim() === '' || portFrom(text) !== undefined ? undefined : 'Enter a port number from 1 to 65535.';
}

export function validateHost(text: string): string | undefined {
  return /\s/.test(text.trim()) ? 'A host name has no spaces.' : undefined;
}

export interface ConnectionAnswers {
  name: string;
  dialect: Dialect;
  host: string;
  port: string;
  database: string;
  user: string;
  sslMode: SslMode;
  readOnly: boolean;
}

/**
 * The settings entry for `schemawise.connections`: only what the person typed plus the required keys,
 * so settings.json stays short. There is deliberately no password field.
 */
export function connectionEntry(a: ConnectionAnswers): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: a.name.trim(), dialect: a.dialect, host: a.host.trim() || 'localhost' };
  const port = portFrom(a.port);
  entry.port = port ?? DEFAULT_PORTS[a.dialect];
  if (a.database.trim()) entry.database = a.database.trim();
  if (a.user.trim()) entry.user = a.user.trim();
  entry.ssl = { mode: a.sslMode };
  entry.readOnly = a.readOnly;
  return entry;
}

/** Appends `entry` to the raw settings value of one scope, keeping whatever else is there untouched. */
export function appendConnection(raw: unknown, entry: Record<string, unknown>): unknown[] {
  return [...(Array.isArray(raw) ? raw : []), entry];
}

/** One quick-pick line per configured connection. */
export function connectionPickLabel(c: ConnectionSetting): { label: string; description: string; detail: string } {
  const where = `${c.user ? c.user + '@' : ''}${c.host}:${c.port}${c.database ? '/' + c.database : ''}`;
  const tags = c.tags.length ? ` · ${c.tags.join(', ')}` : '';
  return { label: c.name, description: `${c.dialect} · ${c.readOnly ? 'read-only' : 'writable'}${tags}`, detail: where };
}
