// `.schemawise/connections.json`: connections the team shares in Git, merged with the personal ones
// from settings. The file never holds secrets: a password-like key is dropped with a warning (and
// the loader says which entry), and a personal connection of the same name wins.
export interface SharedConnection {
  name: string;
  dialect: 'postgres' | 'mysql' | 'mssql';
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  ssl?: { mode: string; ca?: string };
  readOnly?: boolean;
  tags?: string[];
}

export interface ConnectionsFile {
  connections: SharedConnection[];
  warnings: string[];
}

const SECRET_KEYS = /^(password|passwd|pwd|secret|token|apikey|api_key|url|connectionstring)$/i;
const KNOWN = new Set(['name', 'dialect', 'host', 'port', 'database', 'user', 'ssl', 'readOnly', 'tags']);
const DIALECTS = new Set(['postgres', 'mysql', 'mssql']);

export function parseConnectionsFile(text: string, source = '.schemawise/connections.json'): ConnectionsFile {
  const warnings: string[] = [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { connections: [], warnings: [`${source} is not valid JSON; its connections are ignored`] };
  }
  const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data.connections) ? data.connections : undefined;
  if (!list) return { connections: [], warnings: [`${source} must hold {"connections": [...]}`] };
  const connections: SharedConnection[] = [];
  const seen = new Set<string>();
  list.forEach((raw: unknown, i: number) => {
    const where = `${source}: connections[${i}]`;
    if (!isRecord(raw) || typeof raw.name !== 'string' || !raw.name.trim()) return warnings.push(`${where} needs a "name"`);
    if (!DIALECTS.has(String(raw.dialect))) return warnings.push(`${where} ("${raw.name}") needs "dialect": postgres, mysql or mssql`);
    if (seen.has(raw.name)) return warnings.push(`${where}: "${raw.name}" is defined twice; the first one is used`);
    seen.add(raw.name);
    const c: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (SECRET_KEYS.test(k)) warnings.push(`${where} ("${raw.name}"): "${k}" is ignored: secrets do not belong in a shared file (use the keychain or SCHEMAWISE_PASSWORD)`);
      else if (!KNOWN.has(k)) warnings.push(`${where} ("${raw.name}"): unknown key "${k}" ignored`);
      else c[k] = v;
    }
    if (c.port !== undefined && (!Number.isInteger(c.port) || (c.port as number) < 1 || (c.port as number) > 65535)) {
      warnings.push(`${where} ("${raw.name}"): "port" must be an integer 1–65535; ignored`);
      delete c.port;
    }
    connections.push(c as unknown as SharedConnection);
  });
  return { connections, warnings };
}

export function serializeConnectionsFile(connections: SharedConnection[]): string {
  const clean = connections.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => KNOWN.has(k))));
  return JSON.stringify({ connections: clean }, null, 2) + '\n';
}

/** Personal connections first and winning on a name clash; shared ones are marked with their origin. */
export function mergeConnections<T extends { name: string }>(personal: T[], shared: T[]): (T & { origin: 'settings' | 'workspace' })[] {
  const names = new Set(personal.map((c) => c.name));
  return [...personal.map((c) => ({ ...c, origin: 'settings' as const })), ...shared.filter((c) => !names.has(c.name)).map((c) => ({ ...c, origin: 'workspace' as const }))];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
