// SchemaModel → ErdGraph: tables become nodes with their columns, foreign keys become edges attached
// to their columns, with cardinality read from keys and optionality from nullability.
import type { SchemaModel, TableInfo } from '../schema/model';
import { SchemaIndex } from '../schema/schema-index';
import { nodeId, type ErdColumn, type ErdEdge, type ErdGraph, type ErdNode } from './graph';

export interface BuildErdOptions {
  /** Include views and materialized views as nodes (they have no FKs). Default false. */
  includeViews?: boolean;
}

export function buildErdGraph(model: SchemaModel, options: BuildErdOptions = {}): ErdGraph {
  const index = new SchemaIndex(model);
  const shown = model.tables.filter((t) => options.includeViews || (t.kind !== 'view' && t.kind !== 'materialized_view'));
  const shownSet = new Set(shown);
  const nodes = shown.map(toNode);
  const edges: ErdEdge[] = [];
  const unresolved: string[] = [];
  for (const t of shown) {
    t.foreignKeys.forEach((fk, i) => {
      const target = index.referencedTable(fk);
      if (!target || !shownSet.has(target)) {
        unresolved.push(`${nodeId(t.schema, t.name)} -> ${fk.refSchema}.${fk.refTable}`);
        return;
      }
      const byName = new Map(t.columns.map((c) => [c.name, c]));
      edges.push({
        id: `${nodeId(t.schema, t.name)}#${i}`,
        name: fk.name,
        from: nodeId(t.schema, t.name),
        fromColumns: [...fk.columns],
        to: nodeId(target.schema, target.name),
        toColumns: [...fk.refColumns],
        cardinality: isUniqueSet(t, fk.columns) ? 'one-to-one' : 'many-to-one',
        optional: fk.columns.some((c) => byName.get(c)?.nullable ?? true),
        identifying: fk.columns.every((c) => t.primaryKey?.columns.includes(c) ?? false),
      });
    });
  }
  const schemas = [...new Set(nodes.map((n) => n.schema))];
  return { database: model.database, dialect: model.dialect, schemas, nodes, edges, unresolved };
}

function toNode(t: TableInfo): ErdNode {
  const pk = new Set(t.primaryKey?.columns ?? []);
  const fk = new Set(t.foreignKeys.flatMap((f) => f.columns));
  const columns: ErdColumn[] = [...t.columns]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((c) => ({
      name: c.name,
      type: c.dataType,
      nullable: c.nullable,
      pk: pk.has(c.name),
      fk: fk.has(c.name),
      unique: isUniqueSet(t, [c.name]) && !(pk.size === 1 && pk.has(c.name)),
      ...(c.comment ? { comment: c.comment } : {}),
    }));
  return { id: nodeId(t.schema, t.name), schema: t.schema, name: t.name, kind: t.kind, ...(t.comment ? { comment: t.comment } : {}), columns };
}

/** True when the columns are exactly a key of the table (PK, unique constraint or full unique index). */
function isUniqueSet(t: TableInfo, columns: string[]): boolean {
  const same = (key: string[]) => key.length === columns.length && key.every((c) => columns.includes(c));
  if (t.primaryKey && same(t.primaryKey.columns)) return true;
  if (t.uniques.some((u) => same(u.columns))) return true;
  return t.indexes.some((ix) => (ix.unique || ix.primary) && !ix.predicate && same(ix.columns));
}
