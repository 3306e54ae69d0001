// Puts two SchemaModels on the same footing before they are compared, so that the differs compare
// structure and never the accidents of introspection:
// - MySQL/MariaDB: a database *is* the schema, so comparing `shop_dev` with `shop_prod` maps the
//   `to` database onto the `from` one (tables, references, view text);
// - MySQL ENUM types are spelled per column (the column type carries the values), unique keys are
//   unique indexes, and the PRIMARY index is the primary key: each is compared once, not twice;
// - PostgreSQL indexes that back a primary key or unique constraint are compared as the constraint.
import type { SchemaModel, TableInfo } from '../schema/model';

export function normalizeForDiff(from: SchemaModel, to: SchemaModel, options: { willMutate?: boolean } = {}): { from: SchemaModel; to: SchemaModel } {
  // Deep copies only when something will rewrite names (MySQL database mapping, confirmed renames):
  // copying a 5,000-table model costs more than the whole comparison.
  const deep = from.dialect === 'mysql' || options.willMutate === true;
  const copy = (m: SchemaModel): SchemaModel => (deep ? (JSON.parse(JSON.stringify(m)) as SchemaModel) : { ...m, tables: m.tables.map((t) => ({ ...t })) });
  const a = copy(from);
  const b = copy(to);
  if (a.dialect === 'mysql') {
    if (a.database && b.database && a.database !== b.database) renameSchema(b, b.database, a.database);
    for (const m of [a, b]) mysqlShape(m);
  } else {
    for (const m of [a, b]) for (const t of m.tables) dropConstraintIndexes(t);
  }
  return { from: a, to: b };
}

function mysqlShape(m: SchemaModel): void {
  m.enums = [];
  for (const t of m.tables) {
    t.uniques = [];
    t.indexes = t.indexes.filter((i) => !i.primary);
    for (const c of t.columns) delete c.enumRef;
  }
}

function dropConstraintIndexes(t: TableInfo): void {
  const constraintNames = new Set([t.primaryKey?.name, ...t.uniques.map((u) => u.name)].filter(Boolean));
  t.indexes = t.indexes.filter((i) => !i.primary && !constraintNames.has(i.name));
}

/** Renames schema `old` to `now` everywhere in the model, including qualified names in view text. */
export function renameSchema(m: SchemaModel, old: string, now: string): void {
  const swap = (s: string) => (s === old ? now : s);
  const swapDotted = (s: string) => (s.startsWith(old + '.') ? now + s.slice(old.length) : s);
  const quotedOld = '`' + old.replace(/`/g, '``') + '`.';
  const quotedNew = '`' + now.replace(/`/g, '``') + '`.';
  m.database = now;
  m.searchPath = m.searchPath.map(swap);
  for (const s of m.schemas) s.name = swap(s.name);
  for (const t of m.tables) {
    t.schema = swap(t.schema);
    for (const fk of t.foreignKeys) fk.refSchema = swap(fk.refSchema);
    if (t.viewDependencies) t.viewDependencies = t.viewDependencies.map(swapDotted);
    if (t.viewDefinition) t.viewDefinition = t.viewDefinition.split(quotedOld).join(quotedNew);
    for (const i of t.indexes) if (i.definition) i.definition = i.definition.split(quotedOld).join(quotedNew);
    for (const c of t.columns) if (c.enumRef) c.enumRef = swapDotted(c.enumRef);
  }
  for (const e of m.enums) e.schema = swap(e.schema);
  for (const r of m.routines) {
    r.schema = swap(r.schema);
    if (r.definition) r.definition = r.definition.split(quotedOld).join(quotedNew);
  }
  for (const s of m.sequences ?? []) {
    s.schema = swap(s.schema);
    if (s.ownedBy) s.ownedBy = swapDotted(s.ownedBy);
  }
}

/** Whitespace-insensitive text for comparing SQL the database printed (view bodies, routines). */
export function sqlText(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').replace(/\s*;\s*$/, '').trim();
}

export function tableKey(t: { schema: string; name: string }): string {
  return `${t.schema}.${t.name}`;
}

export function isViewKind(t: TableInfo): boolean {
  return t.kind === 'view' || t.kind === 'materialized_view';
}
