// Settings the server reads: initializationOptions and the 'schemawise' section of
// workspace/configuration. Every value goes through a small from(value) helper that turns anything
// malformed into a safe default, so a bad setting can never crash the server. Nothing is cached:
// callers read the settings when they need them.
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

export const ConnectionSetting = {
  /** A URL string or a ConnectionConfig-like object (`driver` or `dialect` names the product). */
  from(value: unknown): string | ConnectionConfig | undefined {
    const url = StringSetting.from(value);
    if (url) return url;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const v = value as Record<string, unknown>;
    if (v.sample === true) return sampleConnection();
    const driver = [v.driver, v.dialect].find((d): d is DriverKind => DRIVERS.includes(d as DriverKind));
    if (!driver) return undefined;
    const host = StringSetting.from(v.host);
    const database = StringSetting.from(v.database);
    const user = StringSetting.from(v.user);
    const ssl = isRecord(v.ssl) ? v.ssl : {};
    const mode = StringSetting.from(ssl.mode);
    const config: ConnectionConfig = {
      name: StringSetting.from(v.name) ?? `${user ? user + '@' : ''}${host ?? 'localhost'}/${database ?? ''}`,
      driver,
      host,
      port: NumberSetting.from(v.port),
      database,
      user,
      password: typeof v.password === 'string' && v.password !== '' ? v.password : undefined,
      readOnly: BooleanSetting.from(v.readOnly, true),
      connectTimeoutMs: NumberSetting.from(v.connectTimeoutMs),
      dataDir: StringSetting.from(v.dataDir),
      sample: v.sample === true ? true : undefined,
    };
    // Tags (e.g. `production`) decide which writes need a confirmation.
    if (Array.isArray(v.tags)) config.tags = v.tags.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim());
    if (mode === 'disable' || mode === 'require' || mode === 'verify-ca' || mode === 'verify-full')
      config.ssl = { mode, ca: StringSetting.from(ssl.ca), cert: StringSetting.from(ssl.cert), key: StringSetting.from(ssl.key) };
    return config;
  },
};

export const ServerSettings = {
  /** initializationOptions: `{ connection?, schemaFile? }`; other keys (client name, version) are ignored. */
  fromInitializationOptions(value: unknown): ServerSettings {
    const v = isRecord(value) ? value : {};
    return withDialect({ connection: ConnectionSetting.from(v.connection), schemaFile: StringSetting.from(v.schemaFile) }, v.defaultDialect);
  },

  /** workspace/configuration section 'schemawise': `connectionUrl` (or `connection`) and `schemaFile`. */
  fromWorkspace(value: unknown): ServerSettings {
    const v = isRecord(value) ? value : {};
    return withDialect({ connection: ConnectionSetting.from(v.connectionUrl) ?? ConnectionSetting.from(v.connection), schemaFile: StringSetting.from(v.schemaFile) }, v.defaultDialect);
  },
};

/** Adds `defaultDialect` only when the value names a dialect (settings objects stay minimal). */
function withDialect(settings: ServerSettings, value: unknown): ServerSettings {
  const d = DialectSetting.from(value);
  return d ? { ...settings, defaultDialect: d } : settings;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
