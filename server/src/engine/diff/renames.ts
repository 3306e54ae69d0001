// Renames: confirmed ones (`--rename old=new`) are applied to the `from` model before comparing, so
// the differs see one table (or column) instead of a drop and an add; likely ones (a dropped and an
// added object with the same definition) are only reported, because guessing wrong loses data.
import type { SchemaModel, TableInfo } from '../schema/model';
import { isViewKind, tableKey } from './normalize';
import { DiffError, type Change, type PossibleRename } from './types';

export interface AppliedRenames {
  changes: Change[];
}

/** Applies confirmed renames to `from` (a normalized copy) and returns the rename changes. */
export function applyRenames(from: SchemaModel, to: SchemaModel, specs: string[]): AppliedRenames {
  const changes: Change[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) throw new DiffError(`--rename needs old=new, got "${spec}"`);
    const oldName = spec.slice(0, eq).trim();
    const newName = spec.slice(eq + 1).trim();
    const table = findTable(from, oldName);
    if (table) {
      const target = findTable(to, newName, table.schema);
      if (!target) throw new DiffError(`--rename ${spec}: the target has no table "${newName}"`);
      const before = structuredClone(table);
      renameTable(from, table, target.schema, target.name);
      changes.push({ kind: 'rename_table', from: before, to: target });
      continue;
    }
    const dot = oldName.lastIndexOf('.');
    const owner = dot > 0 ? findTable(from, oldName.slice(0, dot)) : undefined;
    if (!owner) throw new DiffError(`--rename ${spec}: "${oldName}" is neither a table nor a [schema.]table.column of the source`);
    const oldColumn = oldName.slice(dot + 1);
    const newColumn = newName.includes('.') ? newName.slice(newName.lastIndexOf('.') + 1) : newName;
    const column = owner.columns.find((c) => c.name === oldColumn);
    if (!column) throw new DiffError(`--rename ${spec}: table ${tableKey(owner)} has no column "${oldColumn}"`);
    const target = to.tables.find((t) => tableKey(t) === tableKey(owner));
    if (!target?.columns.some((c) => c.name === newColumn))
      throw new DiffError(`--rename ${spec}: the target table ${tableKey(owner)} has no column "${newColumn}"`);
    renameColumn(from, owner, oldColumn, newColumn);
    changes.push({ kind: 'rename_column', table: owner, from: oldColumn, to: newColumn });
  }
  return { changes };
}

function findTable(m: SchemaModel, name: string, preferSchema?: string): TableInfo | undefined {
  const exact = m.tables.find((t) => tableKey(t) === name);
  if (exact) return exact;
  const bare = m.tables.filter((t) => t.name === name);
  return bare.find((t) => t.schema === preferSchema) ?? bare.find((t) => m.searchPath.includes(t.schema)) ?? bare[0];
}

function renameTable(m: SchemaModel, t: TableInfo, schema: string, name: string): void {
  const old = tableKey(t);
  const now = `${schema}.${name}`;
  for (const other of m.tables) {
    for (const fk of other.foreignKeys) {
      if (`${fk.refSchema}.${fk.refTable}` !== old) continue;
      fk.refSchema = schema;
      fk.refTable = name;
    }
    if (other.viewDependencies) other.viewDependencies = other.viewDependencies.map((d) => (d === old ? now : d));
  }
  for (const s of m.sequences ?? []) if (s.ownedBy?.startsWith(old + '.')) s.ownedBy = now + s.ownedBy.slice(old.length);
  t.schema = schema;
  t.name = name;
}

function renameColumn(m: SchemaModel, t: TableInfo, old: string, now: string): void {
  const swap = (c: string) => (c === old ? now : c);
  const word = new RegExp(`(^|[^\\w"$\`])(${escapeRegExp(old)})(?![\\w$])`, 'g');
  const swapText = (s: string) => s.replace(word, `$1${now}`);
  for (const c of t.columns) if (c.name === old) c.name = now;
  if (t.primaryKey) t.primaryKey.columns = t.primaryKey.columns.map(swap);
  for (const u of t.uniques) u.columns = u.columns.map(swap);
  for (const fk of t.foreignKeys) fk.columns = fk.columns.map(swap);
  for (const ch of t.checks) ch.expression = swapText(ch.expression);
  for (const i of t.indexes) {
    i.columns = i.columns.map(swap);
    if (i.definition) i.definition = swapText(i.definition);
    if (i.predicate) i.predicate = swapText(i.predicate);
  }
  for (const other of m.tables)
    for (const fk of other.foreignKeys) if (fk.refSchema === t.schema && fk.refTable === t.name) fk.refColumns = fk.refColumns.map(swap);
  const owned = `${tableKey(t)}.${old}`;
  for (const s of m.sequences ?? []) if (s.ownedBy === owned) s.ownedBy = `${tableKey(t)}.${now}`;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Column shape that a rename keeps: type, nullability, default. */
function columnShape(c: { dataType: string; nullable: boolean; default?: string }): string {
  return `${c.dataType}|${c.nullable}|${c.default ?? ''}`;
}

/** Dropped + added tables (and columns) with the same definition: reported, never applied. */
export function findPossibleRenames(changes: Change[]): PossibleRename[] {
  const out: PossibleRename[] = [];
  const dropped = changes.flatMap((c) => (c.kind === 'drop_table' && !isViewKind(c.table) ? [c.table] : []));
  const created = changes.flatMap((c) => (c.kind === 'create_table' ? [c.table] : []));
  const tableShape = (t: TableInfo) => t.columns.map((c) => `${c.name}:${columnShape(c)}`).join(',');
  const usedTables = new Set<TableInfo>();
  for (const d of dropped) {
    const match = created.find((c) => !usedTables.has(c) && tableShape(c) === tableShape(d));
    if (!match) continue;
    usedTables.add(match);
    out.push({ kind: 'table', from: tableKey(d), to: tableKey(match), confirm: `--rename ${tableKey(d)}=${tableKey(match)}` });
  }
  const byTable = new Map<string, { drops: string[]; adds: string[]; shapes: Map<string, string> }>();
  for (const c of changes) {
    if (c.kind !== 'drop_column' && c.kind !== 'add_column') continue;
    const k = tableKey(c.table);
    let entry = byTable.get(k);
    if (!entry) byTable.set(k, (entry = { drops: [], adds: [], shapes: new Map() }));
    (c.kind === 'drop_column' ? entry.drops : entry.adds).push(c.column.name);
    entry.shapes.set(`${c.kind}:${c.column.name}`, columnShape(c.column));
  }
  for (const [table, { drops, adds, shapes }] of byTable) {
    const used = new Set<string>();
    for (const d of drops) {
      const a = adds.find((x) => !used.has(x) && shapes.get(`add_column:${x}`) === shapes.get(`drop_column:${d}`));
      if (!a) continue;
      used.add(a);
      out.push({ kind: 'column', from: `${table}.${d}`, to: `${table}.${a}`, confirm: `--rename ${table}.${d}=${a}` });
    }
  }
  return out;
}
