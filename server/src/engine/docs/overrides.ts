// Applies `.schemawise/docs.yml` to a SchemaModel: its descriptions add to or override the database's
// comments. Names that match nothing are reported (a typo must not silently hide a description).
import type { SchemaModel, TableInfo } from '../schema/model';
import type { TableDocOverride } from '../workspace/docs-file';
import { tableKey } from './paths';

export interface AppliedOverrides {
  /** The model with effective descriptions (a copy; the input is not changed). */
  model: SchemaModel;
  /** "schema.table" and "schema.table.column" → description, for what docs.yml set. */
  descriptions: Record<string, string>;
  /** Overrides that name no table or column, as "file:line: message". */
  warnings: string[];
}

export function applyOverrides(model: SchemaModel, overrides: readonly TableDocOverride[]): AppliedOverrides {
  const copy: SchemaModel = { ...model, tables: model.tables.map((t) => ({ ...t, columns: t.columns.map((c) => ({ ...c })) })) };
  const descriptions: Record<string, string> = {};
  const warnings: string[] = [];
  for (const o of overrides) {
    const t = resolveTable(copy.tables, o.table);
    if (typeof t === 'string') {
      warnings.push(`${o.source}: ${t}`);
      continue;
    }
    if (o.description !== undefined) {
      t.comment = o.description;
      descriptions[tableKey(t)] = o.description;
    }
    for (const [name, d] of Object.entries(o.columns)) {
      const c = t.columns.find((x) => x.name === name) ?? t.columns.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!c) {
        warnings.push(`${o.columnSources?.[name] ?? o.source}: ${tableKey(t)} has no column "${name}"`);
        continue;
      }
      c.comment = d;
      descriptions[`${tableKey(t)}.${c.name}`] = d;
    }
  }
  return { model: copy, descriptions, warnings };
}

/** "schema.table" exactly, else a table name unique across schemas (exact case first). */
export function resolveTable(tables: readonly TableInfo[], name: string): TableInfo | string {
  const exact = tables.find((t) => tableKey(t) === name);
  if (exact) return exact;
  const bare = tables.filter((t) => t.name === name);
  if (bare.length === 1) return bare[0]!;
  const folded = tables.filter((t) => t.name.toLowerCase() === name.toLowerCase() || tableKey(t).toLowerCase() === name.toLowerCase());
  if (bare.length === 0 && folded.length === 1) return folded[0]!;
  if (bare.length > 1 || folded.length > 1)
    return `"${name}" is ambiguous (${[...bare, ...folded].map(tableKey).filter((v, i, a) => a.indexOf(v) === i).join(', ')}); write it as schema.table`;
  return `no table or view named "${name}"`;
}
