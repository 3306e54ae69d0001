// The audit log: one JSON line per executed (or refused) statement, appended to a per-user file
// (never the working directory or the repository: `.schemawise/` is for what a team shares on
// purpose, and statement text must not get committed by accident) unless configured otherwise. Statement text is masked (mask.ts) and may be
// left out entirely; the sha256 is of the masked text, so not even the hash can confirm a guessed
// password. Lines are written in order, one append per line.
import { createHash } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { defaultStateDir } from '../session/state-dir';
import { maskSecrets } from './mask';
import type { FirewallMode } from './types';

/**
 * The per-user audit log: `$XDG_STATE_HOME/schemawise/audit.log` (default `~/.local/state/…`) on
 * Linux and other Unix systems, `~/Library/Logs/schemawise/audit.log` on macOS,
 * `%LOCALAPPDATA%\\schemawise\\audit.log` on Windows. The VS Code extension passes its global storage
 * folder instead (see `auditLogIn`).
 */
export function defaultAuditLogPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  return join(defaultStateDir(env, platform, home), 'audit.log');
}

/** The audit log inside a state folder the host application owns (VS Code's global storage). */
export function auditLogIn(stateDir: string): string {
  return join(stateDir, 'audit.log');
}

/** Where the audit log goes when nothing says otherwise. */
export const DEFAULT_AUDIT_LOG = defaultAuditLogPath();

/** unknown: a write lost its connection after it was sent and may have been applied; cancelled: stopped before it ran. */
export type AuditOutcome = 'ok' | 'error' | 'refused' | 'unknown' | 'cancelled';

export interface AuditEntry {
  time: string;
  connection: string;
  /** The database user, when the connection knows it. */
  user?: string;
  mode: FirewallMode;
  dialect: string;
  /** 1-based position of the statement in the submitted SQL. */
  statement: number;
  /** Masked statement text; absent when text logging is off. */
  sql?: string;
  sha256: string;
  rows?: number;
  durationMs?: number;
  outcome: AuditOutcome;
  /** Refusal reason or error message (masked). */
  reason?: string;
  rule?: string;
}

export interface AuditRecord {
  connection: string;
  user?: string;
  mode: FirewallMode;
  dialect: string;
  statement: number;
  text: string;
  rows?: number;
  durationMs?: number;
  outcome: AuditOutcome;
  reason?: string;
  rule?: string;
}

export interface AuditLogOptions {
  /** File to append to; relative paths resolve against `cwd`. */
  path?: string;
  cwd?: string;
  /** Log the (masked) statement text; the hash is always logged. Default true. */
  includeText?: boolean;
  now?: () => Date;
}

export class AuditLog {
  readonly path: string;
  private readonly includeText: boolean;
  private readonly now: () => Date;
  private queue: Promise<void> = Promise.resolve();
  private dirReady = false;

  constructor(options: AuditLogOptions = {}) {
    this.path = resolve(options.cwd ?? process.cwd(), options.path ?? DEFAULT_AUDIT_LOG);
    this.includeText = options.includeText ?? true;
    this.now = options.now ?? (() => new Date());
  }

  /** Appends one line; resolves when it is on disk. Writes are serialized to keep lines in order. */
  record(record: AuditRecord): Promise<void> {
    const line = JSON.stringify(toEntry(record, this.now(), this.includeText)) + '\n';
    const write = this.queue.then(async () => {
      if (!this.dirReady) {
        await mkdir(dirname(this.path), { recursive: true });
        this.dirReady = true;
      }
      await appendFile(this.path, line, 'utf8');
    });
    // A failed write must not block the lines after it; the caller of this write still sees it.
    this.queue = write.catch(() => undefined);
    return write;
  }
}

export function toEntry(r: AuditRecord, time: Date, includeText: boolean): AuditEntry {
  const masked = maskSecrets(r.text);
  const entry: AuditEntry = {
    time: time.toISOString(),
    connection: maskSecrets(r.connection),
    user: r.user,
    mode: r.mode,
    dialect: r.dialect,
    statement: r.statement,
    sql: includeText ? masked : undefined,
    sha256: sha256(masked),
    rows: r.rows,
    durationMs: r.durationMs === undefined ? undefined : Math.round(r.durationMs * 10) / 10,
    outcome: r.outcome,
    rule: r.rule,
    reason: r.reason === undefined ? undefined : maskSecrets(r.reason),
  };
  return entry;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
