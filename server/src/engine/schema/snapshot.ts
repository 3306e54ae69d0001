// Save and load SchemaModel snapshots. Loading validates the shape so that a hand-edited or foreign
// JSON file gives a clear message instead of a crash deep inside a feature.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isDialectId } from '../sql/dialect';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaModel } from './model';
import { MAX_SNAPSHOT_DEPTH, shapeProblem, tooDeep } from './snapshot-shape';

export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

export function serializeSnapshot(model: SchemaModel): string {
  return JSON.stringify(model, null, 2) + '\n';
}

export function parseSnapshot(text: string, source = 'snapshot'): SchemaModel {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Say where, not what: V8's message quotes the file's text, which may be anything (a wrong path
    // can point at a file of secrets), and this message reaches logs and the user's screen.
    throw new SnapshotError(`${source} is not valid JSON${jsonErrorPlace(text, (e as Error).message)}`);
  }
  return checkSnapshot(data, source);
}

/** The shape checks of parseSnapshot on an already parsed value (throws SnapshotError). */
export function checkSnapshot(data: unknown, source = 'snapshot'): SchemaModel {
  if (!isRecord(data)) throw new SnapshotError(`${source} must hold a JSON object, not ${typeName(data)}`);
  const deep = tooDeep(data);
  if (deep) throw new SnapshotError(`${source}: ${deep} is nested more than ${MAX_SNAPSHOT_DEPTH} levels deep; a schema snapshot never is`);
  if (data.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(`${source} is not a Schemawise schema snapshot (expected "format": "${SNAPSHOT_FORMAT}")`);
  if (data.version !== SNAPSHOT_VERSION)
    throw new SnapshotError(`${source} has snapshot version ${String(data.version)}; this Schemawise reads version ${SNAPSHOT_VERSION}`);
  if (!isDialectId(data.dialect)) throw new SnapshotError(`${source} names an unknown dialect: ${JSON.stringify(data.dialect)}`);
  for (const field of ['schemas', 'tables', 'enums', 'routines', 'searchPath'] as const) {
    if (!Array.isArray(data[field])) throw new SnapshotError(`${source}: "${field}" must be an array`);
  }
  const problem = shapeProblem(data);
  if (problem) throw new SnapshotError(`${source}: ${problem}`);
  return data as unknown as SchemaModel;
}

export async function loadSnapshot(path: string): Promise<SchemaModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SnapshotError(`cannot read schema snapshot ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseSnapshot(text, path);
}

/** Writes the snapshot, creating missing parent directories (`--out snapshots/prod.json`). */
export async function saveSnapshot(path: string, model: SchemaModel): Promise<void> {
  const dir = dirname(resolve(path));
  const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new SnapshotError(`cannot create the directory ${dir} for the schema snapshot ${path}: ${code(e)}`);
  }
  try {
    await writeFile(path, serializeSnapshot(model), 'utf8');
  } catch (e) {
    throw new SnapshotError(`cannot write the schema snapshot to ${path}: ${code(e)}`);
  }
}

/** " (line L, column C)" from a JSON.parse message that carries a position, else "". */
function jsonErrorPlace(text: string, message: string): string {
  const at = /position (\d+)/.exec(message);
  if (!at) return /end of JSON input/i.test(message) ? ' (it ends too early)' : '';
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}
