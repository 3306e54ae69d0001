// The ERD's saved layout on disk: `.schemawise/erd/<connection>.json` in the workspace folder, meant
// to be committed so a team shares one stable diagram. Reading never fails the diagram: a missing
// file is "no layout", a broken one is reported and ignored. Writing is stable (sorted keys, rounded
// coordinates, trailing newline) so the Git diff shows only tables that really moved. No `vscode`.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SAVED_LAYOUT_FORMAT, sanitizeLayout, type SavedLayout } from '../../../webview/src/protocol';

export const LAYOUT_DIR = join('.schemawise', 'erd');

/** A file name from a connection name: safe on every OS, recognisably the same name. */
export function layoutFileName(connection: string): string {
  const base = connection
    .normalize('NFKC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 100);
  return `${base || 'connection'}.json`;
}

export function layoutPath(workspaceFolder: string, connection: string): string {
  return join(workspaceFolder, LAYOUT_DIR, layoutFileName(connection));
}

export type LayoutRead = { kind: 'none' } | { kind: 'ok'; layout: SavedLayout; dropped: number } | { kind: 'invalid'; reason: string };

/** Validates parsed JSON as a saved layout; malformed positions are dropped (and counted). */
export function validateLayout(value: unknown): LayoutRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'invalid', reason: 'not a JSON object' };
  const v = value as { format?: unknown; version?: unknown; positions?: unknown };
  if (v.format !== SAVED_LAYOUT_FORMAT) return { kind: 'invalid', reason: `"format" is not "${SAVED_LAYOUT_FORMAT}"` };
  if (v.version !== 1) return { kind: 'invalid', reason: `unsupported version ${JSON.stringify(v.version)} (this Schemawise reads version 1)` };
  if (typeof v.positions !== 'object' || v.positions === null || Array.isArray(v.positions)) return { kind: 'invalid', reason: '"positions" is not an object' };
  const positions = sanitizeLayout(v);
  return { kind: 'ok', layout: { format: SAVED_LAYOUT_FORMAT, version: 1, positions }, dropped: Object.keys(v.positions).length - Object.keys(positions).length };
}

export async function readLayout(path: string): Promise<LayoutRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'invalid', reason: `cannot read it (${(e as Error).message})` };
  }
  try {
    return validateLayout(JSON.parse(text));
  } catch (e) {
    return { kind: 'invalid', reason: `not valid JSON (${(e as Error).message})` };
  }
}

/** Stable text: keys sorted, coordinates rounded to 0.1 px, two-space indent, trailing newline. */
export function serializeLayout(layout: SavedLayout): string {
  const positions = sanitizeLayout(layout);
  const sorted = Object.fromEntries(
    Object.keys(positions)
      .sort()
      .map((k) => [k, { x: Math.round(positions[k]!.x * 10) / 10, y: Math.round(positions[k]!.y * 10) / 10 }]),
  );
  return `${JSON.stringify({ format: SAVED_LAYOUT_FORMAT, version: 1, positions: sorted }, null, 2)}\n`;
}

/** Writes atomically (temp file + rename), creating `.schemawise/erd` when needed. */
export async function writeLayout(path: string, layout: SavedLayout): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, serializeLayout(layout), 'utf8');
  await rename(tmp, path);
}
