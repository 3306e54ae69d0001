// Settings of running SQL, read per document from workspace/configuration ('schemawise.query' and
// 'schemawise.audit') or, for editors without it, from initializationOptions { query, audit }.
// Every value goes through a from(value) helper: a bad setting becomes the default, never a crash.
import { DEFAULT_AUDIT_LOG } from '../engine/safety/audit';
import { BooleanSetting, NumberSetting, StringSetting } from './settings';

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Upper bounds that keep a typo from asking for a billion rows or a day-long statement. */
const MAX_ROWS_LIMIT = 1_000_000;
const MAX_TIMEOUT_MS = 24 * 3600_000;

export interface ExecutionSettings {
  maxRows: number;
  timeoutMs: number;
  /** Audit log file; relative paths resolve against the workspace folder. Unset: a per-user file. */
  auditPath: string;
  /** Statement text in the audit log (the hash is always there). */
  auditIncludeText: boolean;
  /** schemawise.safety.allowedFunctions: functions read-only mode may call although not known to be read-only. */
  allowedFunctions: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const ExecutionSettings = {
  /** `query` = { maxRows, timeoutMs }, `audit` = { path, includeText }, each possibly malformed. */
  /** `defaultAuditPath`: where the log goes when the setting is empty (the editor's state folder). */
  from(query: unknown, audit: unknown, safety?: unknown, defaultAuditPath: string = DEFAULT_AUDIT_LOG): ExecutionSettings {
    const q = isRecord(query) ? query : {};
    const a = isRecord(audit) ? audit : {};
    const maxRows = NumberSetting.from(q.maxRows);
    const timeoutMs = NumberSetting.from(q.timeoutMs);
    return {
      maxRows: maxRows === undefined ? DEFAULT_MAX_ROWS : Math.min(MAX_ROWS_LIMIT, Math.floor(maxRows)),
      timeoutMs: timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : Math.min(MAX_TIMEOUT_MS, Math.floor(timeoutMs)),
      auditPath: StringSetting.from(a.path) ?? defaultAuditPath,
      auditIncludeText: BooleanSetting.from(a.includeText, true),
      allowedFunctions: allowedFunctionsFrom(isRecord(safety) ? safety.allowedFunctions : undefined),
    };
  },
};

/** A list of function names; anything else (a string, numbers, blanks) is dropped, never a crash. */
export function allowedFunctionsFrom(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && /^[^\s(),;]+$/.test(v.trim())).map((v) => v.trim());
}
