// What running and explaining SQL from an editor returns: plain JSON (the LSP sends it as is, see
// server/src/protocol.ts). One ResultSet per statement; refusals and confirmation requests say why.
import type { DriverErrorKind } from '../drivers/errors';
import type { Confirmation, FirewallMode, Refusal, StatementKind } from '../safety/types';
import type { CellValue } from './json-values';
import type { PlanTree } from './plan-tree';

export type { CellValue, PlanTree };
export type { PlanNode } from './plan-tree';

export interface ResultColumn {
  name: string;
  /** Database type name, when the driver knows it ("integer", "varchar"). */
  type?: string;
}

export interface ResultSet {
  /** 1-based position of the statement in the submitted SQL. */
  statement: number;
  /** First words of the statement, one line, secrets masked (tab titles). */
  preview: string;
  kind: StatementKind;
  status: 'ok' | 'error' | 'skipped';
  columns: ResultColumn[];
  rows: CellValue[][];
  /** Rows returned, or rows affected by a statement that returns none. */
  rowCount: number;
  /** More rows existed than the row limit allowed to fetch. */
  truncated: boolean;
  durationMs: number;
  notices: string[];
  /** Masked error message (status 'error'). */
  error?: string;
  errorKind?: DriverErrorKind;
}

/** The connection a run went to, as the user knows it. */
export interface RunConnection {
  name: string;
  mode: FirewallMode;
  /** The connection's `production` tag: every write asks for confirmation. */
  production: boolean;
}

export interface NeedsConfirmation {
  status: 'needs-confirmation';
  connection: RunConnection;
  /** What to confirm, one item per statement. */
  items: Confirmation[];
  /** Send it back as `confirmToken` to run exactly this SQL on this connection. */
  token: string;
}

export interface Refused {
  status: 'refused';
  connection: RunConnection;
  refusals: Refusal[];
  /** All reasons, one line per refusal. */
  message: string;
}

export type RunOutcome =
  | {
      /** completed: every statement ran; failed: one failed (the rest skipped); cancelled: the user cancelled. */
      status: 'completed' | 'failed' | 'cancelled';
      connection: RunConnection;
      results: ResultSet[];
      message?: string;
    }
  | Refused
  | NeedsConfirmation;

export type ExplainOutcome =
  | {
      status: 'ok';
      connection: RunConnection;
      preview: string;
      analyzed: boolean;
      /** The neutral tree for the plan view. */
      plan: PlanTree;
      /** The server's own output (JSON or MySQL's text), for "copy raw plan". */
      raw: unknown;
      format: 'postgres-json' | 'mysql-json' | 'mysql-text';
      durationMs: number;
    }
  | Refused
  | NeedsConfirmation
  | { status: 'failed'; connection: RunConnection; message: string; errorKind?: DriverErrorKind }
  /** The user cancelled it (cancelQuery or $/cancelRequest) while it ran. */
  | { status: 'cancelled'; connection: RunConnection; message: string };
