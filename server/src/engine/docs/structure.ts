// The machine-readable schema written next to the docs (schema.json): the SchemaModel without its
// volatile fields (capture time, server version, row estimates, sizes), in a canonical order, so
// the same structure always gives the same bytes and the drift check compares structure, not text.
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type SchemaModel, type TableInfo } from '../schema/model';
import { parseSnapshot } from '../schema/snapshot';
import { cmp, compareTables } from './paths';

export const STRUCTURE_FILE = 'schema.json';

export interface DocsStructure {
  model: SchemaModel;
  /** Descriptions that came from docs.yml ("schema.table" / "schema.table.column" → text). */
  descriptions: Record<string, string>;
}

export function canonicalModel(model: SchemaModel): SchemaModel {
  const byName = <T extends { name: string }>(a: T, b: T) => cmp(a.name, b.name);
  const bySchemaName = <T extends { schema: string; name: string }>(a: T, b: T) => cmp(a.schema, b.schema) || cmp(a.name, b.name);
  const tables = [...model.tables].sort(compareTables).map((t): TableInfo => {
    const copy: TableInfo = {
      ...t,
      columns: [...t.columns].sort((a, b) => a.ordinal - b.ordinal),
      foreignKeys: [...t.foreignKeys].sort(byName),
      uniques: [...t.uniques].sort(byName),
      checks: [...t.checks].sort(byName),
      indexes: [...t.indexes].sort(byName),
    };
    delete copy.rowEstimate;
    delete copy.sizeBytes;
    if (t.triggers) copy.triggers = [...t.triggers].sort(byName);
    if (t.viewDependencies) copy.viewDependencies = [...t.viewDependencies].sort(cmp);
    return copy;
  });
  const out: SchemaModel = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    dialect: model.dialect,
    database: model.database,
    searchPath: model.searchPath,
    capturedAt: '',
    schemas: [...model.schemas].sort(byName),
    tables,
    enums: [...model.enums].sort(bySchemaName),
    routines: [...model.routines].sort((a, b) => bySchemaName(a, b) || cmp(JSON.stringify(a.params), JSON.stringify(b.params))),
  };
  if (model.caseSensitiveTables !== undefined) out.caseSensitiveTables = model.caseSensitiveTables;
  if (model.domains) out.domains = [...model.domains].sort(bySchemaName);
  if (model.sequences) out.sequences = [...model.sequences].sort(bySchemaName);
  return out;
}

export function serializeStructure(model: SchemaModel, descriptions: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(descriptions).sort(([a], [b]) => cmp(a, b)));
  const { capturedAt: _drop, ...rest } = canonicalModel(model);
  return JSON.stringify({ ...rest, docsDescriptions: sorted }, null, 2) + '\n';
}

/** Reads a schema.json written by serializeStructure (it is also a valid schema snapshot). */
export function parseStructure(text: string, source: string): DocsStructure {
  const data = parseSnapshot(text, source) as SchemaModel & { docsDescriptions?: Record<string, string> };
  const descriptions = data.docsDescriptions ?? {};
  delete data.docsDescriptions;
  data.capturedAt ??= '';
  return { model: data, descriptions };
}
