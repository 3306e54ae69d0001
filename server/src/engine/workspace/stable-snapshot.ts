// Snapshots meant for Git: the schema and nothing else. Volatile fields (capture time, server
// version, row estimates, sizes) are left out and every list is in a fixed order, so two snapshots
// of the same schema are byte-identical and a commit shows only real schema changes.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SchemaModel, TableInfo } from '../schema/model';

const byName = <T extends { name: string }>(a: T, b: T) => cmp(a.name, b.name);
const byQualified = <T extends { schema: string; name: string }>(a: T, b: T) => cmp(a.schema, b.schema) || cmp(a.name, b.name);

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of the model without volatile fields, lists sorted, keys in a fixed (alphabetical) order. */
export function stableModel(model: SchemaModel): Omit<SchemaModel, 'capturedAt' | 'serverVersion'> {
  const m = structuredClone(model) as Partial<SchemaModel>;
  delete m.capturedAt;
  delete m.serverVersion;
  m.schemas?.sort(byName);
  m.tables = (m.tables ?? []).map(stableTable).sort(byQualified);
  m.enums?.sort(byQualified);
  m.routines?.sort((a, b) => byQualified(a, b) || cmp(JSON.stringify(a.params), JSON.stringify(b.params)));
  m.sequences?.sort(byQualified);
  m.domains?.sort(byQualified);
  return sortKeys(m) as Omit<SchemaModel, 'capturedAt' | 'serverVersion'>;
}

function stableTable(t: TableInfo): TableInfo {
  delete t.rowEstimate;
  delete t.sizeBytes;
  t.columns.sort((a, b) => a.ordinal - b.ordinal);
  t.foreignKeys.sort(byName);
  t.uniques.sort(byName);
  t.checks.sort(byName);
  t.indexes.sort(byName);
  t.triggers?.sort(byName);
  t.viewDependencies?.sort();
  return t;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

export function serializeStableSnapshot(model: SchemaModel): string {
  return JSON.stringify(stableModel(model), null, 2) + '\n';
}

export async function writeStableSnapshot(path: string, model: SchemaModel): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, serializeStableSnapshot(model), 'utf8');
}
