// Messages between the ERD webview and its host (the VS Code extension, or a test shim), declared
// once. Both directions are discriminated unions on `type`. The webview posts `ready` first; the
// host posts `load` only after it. Requests that expect an answer carry a `requestId` that the
// answer echoes.
//
// The ERD graph is built in the webview from the SchemaModel with the engine's pure erd module
// (architecture.md: "erd/ graph model + layout, shared by the webview and the docs"), so the host
// only forwards the snapshot it already holds. Only types are imported here.
import type { SchemaModel } from '../../server/src/engine/schema/model';

export type { SchemaModel };

export interface Point {
  x: number;
  y: number;
}

/** Contents of `.schemawise/erd/<connection>.json`: pinned table positions, committed to Git. */
export interface SavedLayout {
  format: 'schemawise.erd-layout';
  version: 1;
  /** "schema.table" → top-left corner of its box. */
  positions: Record<string, Point>;
}

/** How the diagram opens: the whole schema, one schema, or the neighbourhood of a table. */
export type ErdFocus =
  | { kind: 'all' }
  | { kind: 'schema'; schema: string }
  /** `table` is "schema.table" or a bare name; `hops` defaults to 1 (clamped to 0..6). */
  | { kind: 'neighbourhood'; table: string; hops?: number };

export type ExportFormat = 'svg' | 'png' | 'mermaid';

// ---------------------------------------------------------------- host → webview

export type HostToErdMessage =
  /** Draw this schema. Re-sending `load` replaces the diagram (e.g. after a schema refresh). */
  | {
      type: 'load';
      requestId: number;
      /** Connection name: shown in the title and used as the saved layout's file name. */
      connection: string;
      schema: SchemaModel;
      /** The saved layout file's contents, when one exists (invalid entries are ignored). */
      layout?: SavedLayout;
      focus?: ErdFocus;
      /** Include views as boxes. Default false. */
      includeViews?: boolean;
    }
  /** Show the neighbourhood of a table (explorer, command, table under the cursor). */
  | { type: 'focus'; requestId: number; focus: ErdFocus }
  /** Nothing is connected any more (or a connection is being switched): clear the drawing and say so. */
  | { type: 'unload'; message: string }
  /** Answer to `savePositions` / `export`: where the host wrote the file, or why it could not. */
  | { type: 'saved'; requestId: number; ok: boolean; path?: string; error?: string };

// ---------------------------------------------------------------- webview → host

export type ErdToHostMessage =
  /** The script is running and listening: the host may post `load`. Sent once per page load. */
  | { type: 'ready' }
  /** A `load` or `focus` finished: counts and timings (shown in the status line, used by tests). */
  | {
      type: 'rendered';
      requestId: number;
      tables: number;
      edges: number;
      layoutEngine: 'elk' | 'grid';
      layoutMs: number;
      /** Drawing until painted. */
      renderMs: number;
      /** From the request's arrival in the webview (graph building, filtering, layout, drawing) to painted. */
      totalMs: number;
    }
  /** Open the DDL/docs of a table (double-click or Enter on a table). */
  | { type: 'openTable'; schema: string; table: string }
  /** Write `layout` to `.schemawise/erd/<connection>.json`; answered by `saved`. */
  | { type: 'savePositions'; requestId: number; connection: string; layout: SavedLayout }
  /**
   * Save an export. `content` is UTF-8 text for svg/mermaid and base64 for png; `fileName` is a
   * suggestion (e.g. "chinook.erd.svg"). Answered by `saved`.
   */
  | { type: 'export'; requestId: number; format: ExportFormat; fileName: string; encoding: 'utf8' | 'base64'; content: string }
  /** Something went wrong in the webview (bad snapshot, layout failure): show it to the user. */
  | { type: 'error'; requestId?: number; message: string };

export const SAVED_LAYOUT_FORMAT = 'schemawise.erd-layout';

/** Keeps only well-formed, finite positions, so a hand-edited file never breaks the diagram. */
export function sanitizeLayout(value: unknown): Record<string, Point> {
  const out: Record<string, Point> = {};
  if (typeof value !== 'object' || value === null) return out;
  const positions = (value as { positions?: unknown }).positions;
  if (typeof positions !== 'object' || positions === null) return out;
  for (const [id, p] of Object.entries(positions as Record<string, unknown>)) {
    const { x, y } = (p ?? {}) as { x?: unknown; y?: unknown };
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) out[id] = { x, y };
  }
  return out;
}

/** Narrowing guard for messages arriving at the webview. */
export function isHostToErdMessage(m: unknown): m is HostToErdMessage {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  return t === 'load' || t === 'focus' || t === 'saved' || t === 'unload';
}
