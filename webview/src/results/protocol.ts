// Messages between the results webview (grid and plan view) and its host (the VS Code extension or a
// test shim), declared once. Both directions are discriminated unions on `type`. The webview posts
// `ready` first; the host posts only after it. The data are the language server's own types
// (server/src/engine/execution/types.ts), imported for their types only: the client passes those
// objects through unchanged, and no engine code reaches the browser bundle.
import type { CellValue, PlanNode, PlanTree, ResultColumn, ResultSet } from '../../../server/src/engine/execution/types';

export type { CellValue };
export type GridColumn = ResultColumn;
/** One statement's result: rows, or rows affected, or its error (the grid needs no statement kind). */
export type GridResultSet = Omit<ResultSet, 'kind' | 'errorKind'>;
export type GridPlanNode = PlanNode;
export type GridPlan = PlanTree;

export type CopyFormat = 'csv' | 'json' | 'markdown';

// ---------------------------------------------------------------- host → webview

export type HostToResultsMessage =
  /** A run started: show it as running (with a Cancel button) until `results` arrives. */
  | { type: 'running'; requestId: number; title: string; connection: string }
  /** Show these result sets as tabs (replacing what was shown). `message` is the run's summary/error. */
  | { type: 'results'; requestId: number; title: string; connection: string; sets: GridResultSet[]; message?: string; cancelled?: boolean }
  /** Show a plan. `raw` is the server's own plan text (JSON or MySQL's tree), for copying. */
  | { type: 'plan'; requestId: number; title: string; connection: string; plan: GridPlan; raw: string }
  /** The run failed or was refused before producing results. */
  | { type: 'failed'; requestId: number; title: string; connection: string; message: string }
  /** Answer to `export`: where the host wrote the file, or why it could not. */
  | { type: 'saved'; requestId: number; ok: boolean; path?: string; error?: string };

// ---------------------------------------------------------------- webview → host

export type ResultsToHostMessage =
  /** The script is listening: the host may post. Sent once per page load. */
  | { type: 'ready' }
  /** A host message was drawn (tests measure and wait on this). `domRows` = grid rows in the DOM. */
  | { type: 'rendered'; requestId: number; view: 'results' | 'plan' | 'running' | 'failed'; tabs: number; domRows: number; ms: number }
  /** Put this text on the clipboard (the webview cannot reliably). */
  | { type: 'copy'; format: CopyFormat | 'plan'; rows: number; text: string }
  /** Save this text to a file the user picks; answered by `saved`. */
  | { type: 'export'; requestId: number; format: CopyFormat; fileName: string; content: string }
  /** The user pressed Cancel on a running query. */
  | { type: 'cancel' }
  | { type: 'error'; requestId?: number; message: string };

export function isHostToResultsMessage(m: unknown): m is HostToResultsMessage {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  return t === 'running' || t === 'results' || t === 'plan' || t === 'failed' || t === 'saved';
}
