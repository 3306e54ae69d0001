// Pure coercion of the `schemawise.*` settings (no `vscode` import, so it is unit-tested directly).
// Every reader is a small `from(value)` helper in the vscode-eslint style: any bad value becomes a safe
// default plus a warning a person can act on; nothing here throws. The JSON schema of these settings
// lives in package.json `contributes.configuration`, the single source of truth.

export type Dialect = 'postgres' | 'mysql' | 'mssql';
export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';
export type TraceServer = 'off' | 'messages' | 'verbose';

export interface SslSetting {
  mode: SslMode;
  /** PEM text or a file path of the CA certificate(s). */
  ca?: string;
}

/** One entry of `schemawise.connections`. The password is never part of it (SecretStorage holds it). */
export interface ConnectionSetting {
  name: string;
  dialect: Dialect;
  host: string;
  port: number;
  database?: string;
  user?: string;
  ssl: SslSetting;
  readOnly: boolean;
  tags: string[];
}

/** A coerced value and what was wrong with the input, one sentence per problem. */
export interface Coerced<T> {
  value: T;
  warnings: string[];
}

export const DIALECTS: readonly Dialect[] = ['postgres', 'mysql', 'mssql'];
export const SSL_MODES: readonly SslMode[] = ['disable', 'require', 'verify-ca', 'verify-full'];
export const DEFAULT_PORTS: Readonly<Record<Dialect, number>> = { postgres: 5432, mysql: 3306, mssql: 1433 };
export const DEFAULT_HOST = 'localhost';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function isDialect(v: unknown): v is Dialect {
  return typeof v === 'string' && (DIALECTS as readonly string[]).includes(v);
}

export function isSslMode(v: unknown): v is SslMode {
  return typeof v === 'string' && (SSL_MODES as readonly string[]).includes(v);
}

/** A TCP port, or undefined when `v` is not an integer in 1..65535 (numeric strings are accepted). */
export function portFrom(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

/**
 * Absent ssl means `disable` (the schema default); an unreadable one fails closed to `verify-full`, so a
 * typo never silently turns certificate checks off.
 */
export function sslFrom(v: unknown, where: string): Coerced<SslSetting> {
  if (v === undefined || v === null) return { value: { mode: 'disable' }, warnings: [] };
  if (!isRecord(v) || !isSslMode(v.mode))
    return { value: { mode: 'verify-full' }, warnings: [`${where}: ssl.mode must be one of ${SSL_MODES.join(', ')}; using verify-full.`] };
  const ca = nonEmptyString(v.ca);
  return { value: ca ? { mode: v.mode, ca } : { mode: v.mode }, warnings: [] };
}

/** Read-only unless explicitly `false`: anything else is the safe default `true`. */
export function readOnlyFrom(v: unknown, where: string): Coerced<boolean> {
  if (v === undefined || v === true) return { value: true, warnings: [] };
  if (v === false) return { value: false, warnings: [] };
  return { value: true, warnings: [`${where}: readOnly must be true or false; treating the connection as read-only.`] };
}

export function tagsFrom(v: unknown, where: string): Coerced<string[]> {
  if (v === undefined) return { value: [], warnings: [] };
  if (!Array.isArray(v)) return { value: [], warnings: [`${where}: tags must be an array of strings; ignoring them.`] };
  const tags = v.map(nonEmptyString).filter((t): t is string => t !== undefined);
  return { value: tags, warnings: tags.length === v.length ? [] : [`${where}: ignoring tags that are not non-empty strings.`] };
}

/** One connection entry, or undefined (with a warning) when it cannot be used at all. */
export function connectionFrom(v: unknown, index: number): Coerced<ConnectionSetting | undefined> {
  const at = `schemawise.connections[${index}]`;
  if (!isRecord(v)) return { value: undefined, warnings: [`${at} is not an object; ignoring it.`] };
  const name = nonEmptyString(v.name);
  if (!name) return { value: undefined, warnings: [`${at} has no name; ignoring it.`] };
  const where = `connection "${name}"`;
  if (!isDialect(v.dialect))
    return { value: undefined, warnings: [`${where}: dialect must be one of ${DIALECTS.join(', ')}; ignoring the connection.`] };
  const warnings: string[] = [];
  // Only the presence of the key is reported: its value is a secret and never echoed.
  if ('password' in v) warnings.push(`${where}: passwords in settings are ignored; Schemawise asks for it and keeps it in the secret store.`);
  let port = DEFAULT_PORTS[v.dialect];
  if (v.port !== undefined) {
    const p = portFrom(v.port);
    if (p === undefined) warnings.push(`${where}: port must be an integer from 1 to 65535; using ${port}.`);
    else port = p;
  }
  const ssl = sslFrom(v.ssl, where);
  const readOnly = readOnlyFrom(v.readOnly, where);
  const tags = tagsFrom(v.tags, where);
  warnings.push(...ssl.warnings, ...readOnly.warnings, ...tags.warnings);
  const setting: ConnectionSetting = {
    name,
    dialect: v.dialect,
    host: nonEmptyString(v.host) ?? DEFAULT_HOST,
    port,
    ssl: ssl.value,
    readOnly: readOnly.value,
    tags: tags.value,
  };
  const database = nonEmptyString(v.database);
  if (database) setting.database = database;
  const user = nonEmptyString(v.user);
  if (user) setting.user = user;
  return { value: setting, warnings };
}

/** The whole `schemawise.connections` array: unusable entries are dropped, duplicate names keep the first. */
export function connectionsFrom(v: unknown): Coerced<ConnectionSetting[]> {
  if (v === undefined || v === null) return { value: [], warnings: [] };
  if (!Array.isArray(v)) return { value: [], warnings: ['schemawise.connections must be an array; ignoring it.'] };
  const value: ConnectionSetting[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  v.forEach((entry, i) => {
    const c = connectionFrom(entry, i);
    warnings.push(...c.warnings);
    if (!c.value) return;
    if (seen.has(c.value.name)) {
      warnings.push(`connection "${c.value.name}" is defined more than once; using the first definition.`);
      return;
    }
    seen.add(c.value.name);
    value.push(c.value);
  });
  return { value, warnings };
}

export function activeConnectionFrom(v: unknown): string | undefined {
  return nonEmptyString(v);
}

export function traceServerFrom(v: unknown): TraceServer {
  return v === 'messages' || v === 'verbose' ? v : 'off';
}

/** A `production` tag (any case) marks a connection whose status bar item is painted as an error. */
export function isProduction(c: Pick<ConnectionSetting, 'tags'>): boolean {
  return c.tags.some((t) => t.toLowerCase() === 'production');
}

/**
 * The SecretStorage key of a connection's password. It binds the password to where it is sent
 * (dialect, user, host, port), not just to the name: a workspace that redefines a connection with the
 * same name but another host gets asked afresh instead of receiving the saved password.
 */
export function passwordKey(c: Pick<ConnectionSetting, 'name' | 'dialect' | 'user' | 'host' | 'port'>): string {
  return `schemawise.password:${c.name}:${c.dialect}://${encodeURIComponent(c.user ?? '')}@${c.host.toLowerCase()}:${c.port}`;
}
