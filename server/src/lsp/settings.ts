// Settings the server reads: initializationOptions and the 'schemawise' section of
// workspace/configuration. Every value goes through a small from(value) helper that turns anything
// malformed into a safe default, so a bad setting can never crash the server; the connection helpers
// also note what they ignored in a `problems` list, so the server can log why a setting had no
// effect (never a password). Nothing is cached: callers read the settings when they need them.
import { isAbsolute } from 'node:path';
import type { ConnectionConfig, DriverKind } from '../engine/drivers/types';
import type { DialectId } from '../engine/schema/model';
import { chooseDocumentDialect } from '../engine/sql/dialect-directive';
import { sampleConnection } from '../engine/session';

export interface ServerSettings {
  /** Connection URL (postgres://…, mysql://…, pglite:sample) or a ConnectionConfig-like object. */
  connection?: string | ConnectionConfig;
  /** Path of a schema snapshot JSON file. */
  schemaFile?: string;
  /** Dialect of documents without a directive while no schema is loaded (`schemawise.defaultDialect`). */
  defaultDialect?: DialectId;
}

export const DialectSetting = {
  /** 'postgres' | 'mysql' | 'mssql' (or an alias such as 'mariadb', 'tsql'); anything else → undefined. */
  from(value: unknown): DialectId | undefined {
    const c = chooseDocumentDialect({ text: '', setting: value });
    return c.origin === 'setting' ? c.id : undefined;
  },
};

export const StringSetting = {
  from(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  },
};

/**
 * `initializationOptions.stateDir`: the per-user folder the client gives the server for its audit log
 * and schema cache (VS Code: the extension's global storage); only an absolute path counts.
 */
export function clientStateDir(initializationOptions: unknown): string | undefined {
  const o = typeof initializationOptions === 'object' && initializationOptions !== null ? (initializationOptions as { stateDir?: unknown }) : {};
  const dir = StringSetting.from(o.stateDir);
  return dir && isAbsolute(dir) ? dir : undefined;
}

export const NumberSetting = {
  from(value: unknown): number | undefined {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
  },
};

export const BooleanSetting = {
  from(value: unknown, fallback: boolean): boolean {
    return typeof value === 'boolean' ? value : fallback;
  },
};

const DRIVERS: readonly DriverKind[] = ['postgres', 'mysql', 'mssql', 'pglite'];
const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/** What a coercion had to ignore, one readable line each: "schemawise.connectionUrl: expected …, got the number 42; ignored". */
export type SettingProblems = string[];

export const ConnectionSetting = {
  /**
   * A URL string or a ConnectionConfig-like object (`driver` or `dialect` names the product).
   * `setting` names the value in the lines added to `problems` (e.g. `schemawise.connectionUrl`).
   */
  from(value: unknown, problems?: SettingProblems, setting = 'connection'): string | ConnectionConfig | undefined {
    const url = StringSetting.from(value);
    if (url) return url;
    if (isUnset(value)) return undefined;
    const note = (key: string, expected: string, got: unknown, outcome = 'ignored') => problems?.push(`${key}: expected ${expected}, got ${describe(got, key)}; ${outcome}`);
    if (!isRecord(value)) {
      note(setting, 'a connection URL string (postgres://…, mysql://…, mssql://…, pglite:…) or a connection object', value, 'no connection from this setting');
      return undefined;
    }
    const v = value;
    if (v.sample === true) return sampleConnection();
    const driver = [v.driver, v.dialect].find((d): d is DriverKind => DRIVERS.includes(d as DriverKind));
    if (!driver) {
      note(`${setting}.driver`, `one of ${DRIVERS.join(', ')}`, v.driver ?? v.dialect, 'no connection from this setting');
      return undefined;
    }
    const text = (key: string) => {
      const out = StringSetting.from(v[key]);
      if (out === undefined && !isUnset(v[key])) note(`${setting}.${key}`, 'a string', v[key]);
      return out;
    };
    const positive = (key: string, integerBelow?: number) => {
      const n = NumberSetting.from(v[key]);
      const ok = n !== undefined && (integerBelow === undefined || (Number.isInteger(n) && n < integerBelow));
      if (!ok && !isUnset(v[key])) note(`${setting}.${key}`, integerBelow ? `a whole number from 1 to ${integerBelow - 1}` : 'a positive number', v[key], 'using the default');
      return ok ? n : undefined;
    };
    const host = text('host');
    const database = text('database');
    const user = text('user');
    if (!isUnset(v.password) && typeof v.password !== 'string') note(`${setting}.password`, 'a string', v.password);
    if (!isUnset(v.readOnly) && typeof v.readOnly !== 'boolean') note(`${setting}.readOnly`, 'true or false', v.readOnly, 'staying read-only');
    if (!isUnset(v.ssl) && !isRecord(v.ssl)) note(`${setting}.ssl`, 'an object such as { "mode": "require" }', v.ssl);
    const ssl = isRecord(v.ssl) ? v.ssl : {};
    const mode = StringSetting.from(ssl.mode);
    if (!isUnset(ssl.mode) && !SSL_MODES.includes(mode as (typeof SSL_MODES)[number])) note(`${setting}.ssl.mode`, `one of ${SSL_MODES.join(', ')}`, ssl.mode, 'using the driver default');
    const config: ConnectionConfig = {
      name: text('name') ?? `${user ? user + '@' : ''}${host ?? 'localhost'}/${database ?? ''}`,
      driver,
      host,
      port: positive('port', 65536),
      database,
      user,
      password: typeof v.password === 'string' && v.password !== '' ? v.password : undefined,
      readOnly: BooleanSetting.from(v.readOnly, true),
      connectTimeoutMs: positive('connectTimeoutMs'),
      dataDir: text('dataDir'),
      sample: v.sample === true ? true : undefined,
    };
    // Tags (e.g. `production`) decide which writes need a confirmation.
    if (Array.isArray(v.tags)) config.tags = v.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim());
    else if (!isUnset(v.tags)) note(`${setting}.tags`, 'a list of strings', v.tags);
    if (mode === 'disable' || mode === 'require' || mode === 'verify-ca' || mode === 'verify-full')
      config.ssl = { mode, ca: StringSetting.from(ssl.ca), cert: StringSetting.from(ssl.cert), key: StringSetting.from(ssl.key) };
    return config;
  },
};

export const ServerSettings = {
  /** initializationOptions: `{ connection?, schemaFile? }`; other keys (client name, version) are ignored. */
  fromInitializationOptions(value: unknown, problems?: SettingProblems): ServerSettings {
    const v = isRecord(value) ? value : {};
    const settings = { connection: ConnectionSetting.from(v.connection, problems, 'initializationOptions.connection'), schemaFile: fileSetting(v.schemaFile, problems, 'initializationOptions.schemaFile') };
    return withDialect(settings, v.defaultDialect, problems, 'initializationOptions.defaultDialect');
  },

  /** workspace/configuration section 'schemawise': `connectionUrl` (or `connection`) and `schemaFile`. */
  fromWorkspace(value: unknown, problems?: SettingProblems): ServerSettings {
    const v = isRecord(value) ? value : {};
    const connection = ConnectionSetting.from(v.connectionUrl, problems, 'schemawise.connectionUrl') ?? ConnectionSetting.from(v.connection, problems, 'schemawise.connection');
    return withDialect({ connection, schemaFile: fileSetting(v.schemaFile, problems, 'schemawise.schemaFile') }, v.defaultDialect, problems, 'schemawise.defaultDialect');
  },
};

function fileSetting(value: unknown, problems: SettingProblems | undefined, setting: string): string | undefined {
  const path = StringSetting.from(value);
  if (path === undefined && !isUnset(value)) problems?.push(`${setting}: expected the path of a schema snapshot file, got ${describe(value, setting)}; ignored`);
  return path;
}

/** Adds `defaultDialect` only when the value names a dialect (settings objects stay minimal). */
function withDialect(settings: ServerSettings, value: unknown, problems: SettingProblems | undefined, setting: string): ServerSettings {
  const d = DialectSetting.from(value);
  if (!d && !isUnset(value)) problems?.push(`${setting}: expected postgres, mysql or mssql, got ${describe(value, setting)}; ignored`);
  return d ? { ...settings, defaultDialect: d } : settings;
}

/** Absent, null or blank: the setting is simply not set, which deserves no warning. */
function isUnset(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** A value for a warning: its type, and the value itself when short and never for a secret. */
function describe(value: unknown, setting: string): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (/password|secret|key$/i.test(setting)) return `a ${typeof value}`;
  if (typeof value === 'string') return value.length <= 40 ? `the string ${JSON.stringify(value)}` : 'a long string';
  return `the ${typeof value} ${String(value)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
