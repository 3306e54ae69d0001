// Orders changes into a migration that can run statement by statement, and attaches hazards:
// 1. views that read a changed column (or a recreated view) are dropped first and recreated last;
// 2. phases: create types/sequences → drop views → drop constraints → renames → tables and columns →
//    routines → keys, checks, indexes → foreign keys → views → drops of objects → comments;
// 3. within a phase, dependency order where it matters (views by what they read, dropped tables
//    referencing ones first), otherwise the differs' stable order.
import type { DialectId, SchemaModel, TableInfo } from '../schema/model';
import { isViewKind, tableKey } from './normalize';
import { isMetadataOnly, isWidening } from './type-widening';
import type { Change, ChangeKind, Hazard, PlannedChange } from './types';
import { describeChange } from './describe';

const PHASES: ChangeKind[][] = [
  ['create_schema'],
  ['create_enum', 'add_enum_value', 'change_enum'],
  ['create_sequence', 'alter_sequence'],
  ['drop_view'],
  ['drop_foreign_key'],
  ['drop_check', 'drop_unique', 'drop_primary_key', 'drop_index'],
  ['rename_table', 'rename_column'],
  ['create_table'],
  ['add_column', 'alter_column'],
  ['set_sequence_owner'],
  ['create_routine', 'replace_routine'],
  ['add_primary_key', 'add_unique', 'add_check', 'create_index'],
  ['add_foreign_key'],
  ['create_view'],
  ['drop_column', 'drop_table', 'drop_routine', 'drop_sequence', 'drop_enum', 'drop_schema'],
  ['set_comment'],
];
// Phase + position within the phase: drops of columns before tables, of tables before the
// sequences and types they use.
const PHASE_OF = new Map<ChangeKind, number>(PHASES.flatMap((kinds, i) => kinds.map((k, j) => [k, i + j / 100] as const)));
const VIEW_PHASE = PHASE_OF.get('create_view')!;

export function planChanges(changes: Change[], from: SchemaModel, to: SchemaModel): PlannedChange[] {
  const all = [...changes];
  const because = recreateDependentViews(all, from, to);
  const createdTables = new Set(all.flatMap((c) => (c.kind === 'create_table' ? [tableKey(c.table)] : [])));
  const replaced = replacedObjects(all);
  const phaseOf = (c: Change) => (c.kind === 'create_index' && isViewKind(c.table) ? VIEW_PHASE + 0.5 : PHASE_OF.get(c.kind)!);
  const indexed = all.map((change, i) => ({ change, i, phase: phaseOf(change) }));
  indexed.sort((a, b) => a.phase - b.phase || a.i - b.i);
  const ordered = orderWithinPhases(indexed.map((x) => x.change), from, to);
  return ordered.map((change) => {
    const table = 'table' in change ? change.table : undefined;
    const onNewTable = !!table && createdTables.has(tableKey(table)) && change.kind !== 'create_table';
    const planned: PlannedChange = { change, summary: describeChange(change), hazards: hazardsOf(change, from.dialect, onNewTable, replaced) };
    if (onNewTable) planned.onNewTable = true;
    const why = change.kind === 'drop_view' || change.kind === 'create_view' ? because.get(tableKey(change.view)) : undefined;
    if (why) {
      planned.because = why;
      planned.hazards.push({ kind: 'dependency', message: `recreated because ${why}` });
    }
    return planned;
  });
}

/**
 * Adds drop + create for every view that reads (directly or through other views) a column whose type
 * changes, a dropped or renamed column, or a view that is itself recreated. Returns the reason per view.
 */
function recreateDependentViews(changes: Change[], from: SchemaModel, to: SchemaModel): Map<string, string> {
  const reasons = new Map<string, string>();
  const touched = new Map<string, string>();
  for (const c of changes) {
    if (c.kind === 'alter_column' && (c.fields.includes('type') || c.fields.includes('collation'))) touched.set(tableKey(c.table), `the type of ${tableKey(c.table)}.${c.to.name} changes`);
    if (c.kind === 'drop_column') touched.set(tableKey(c.table), `${tableKey(c.table)}.${c.column.name} is dropped`);
    if (c.kind === 'rename_column') touched.set(tableKey(c.table), `${tableKey(c.table)}.${c.from} is renamed`);
    if (c.kind === 'rename_table') touched.set(tableKey(c.from), `${tableKey(c.from)} is renamed`);
  }
  const dropped = new Set(changes.flatMap((c) => (c.kind === 'drop_view' ? [tableKey(c.view)] : [])));
  for (const v of dropped) touched.set(v, `${v} is recreated`);
  const views = from.tables.filter(isViewKind);
  const toByKey = new Map(to.tables.map((t) => [tableKey(t), t]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of views) {
      const k = tableKey(v);
      if (dropped.has(k)) continue;
      const dep = dependenciesOf(v, from).find((d) => touched.has(d));
      if (!dep) continue;
      dropped.add(k);
      touched.set(k, `${k} is recreated`);
      reasons.set(k, touched.get(dep)!);
      changes.push({ kind: 'drop_view', view: v });
      const target = toByKey.get(k);
      if (target && isViewKind(target)) {
        changes.push({ kind: 'create_view', view: target });
        if (target.comment) changes.push({ kind: 'set_comment', target: { type: target.kind === 'view' ? 'view' : 'materialized_view', schema: target.schema, name: target.name }, comment: target.comment });
        for (const index of target.indexes) if (!changes.some((c) => c.kind === 'create_index' && c.index.name === index.name && tableKey(c.table) === k)) changes.push({ kind: 'create_index', table: target, index });
      }
      grew = true;
    }
  }
  return reasons;
}

/** What a view reads: the catalog's dependencies, else (older snapshots) names found in its text. */
function dependenciesOf(view: TableInfo, model: SchemaModel): string[] {
  if (view.viewDependencies) return view.viewDependencies;
  const text = (view.viewDefinition ?? '').toLowerCase();
  return model.tables.filter((t) => t !== view && new RegExp(`\\b${t.name.toLowerCase().replace(/[^\w]/g, '.')}\\b`).test(text)).map(tableKey);
}

/** Names of objects dropped and added again in this migration (a changed definition, not a loss). */
function replacedObjects(changes: Change[]): Set<string> {
  const adds = new Set<string>();
  for (const c of changes) {
    if (c.kind === 'create_view') adds.add(`view:${tableKey(c.view)}`);
    if (c.kind === 'create_index') adds.add(`index:${tableKey(c.table)}.${c.index.name}`);
    if (c.kind === 'add_check') adds.add(`check:${tableKey(c.table)}.${c.check.name}`);
    if (c.kind === 'add_unique') adds.add(`unique:${tableKey(c.table)}.${c.key.name}`);
    if (c.kind === 'add_primary_key') adds.add(`pk:${tableKey(c.table)}`);
    if (c.kind === 'add_foreign_key') adds.add(`fk:${tableKey(c.table)}.${c.fk.name}`);
    if (c.kind === 'create_table') adds.add(`table:${tableKey(c.table)}`);
  }
  return adds;
}

function hazardsOf(c: Change, dialect: DialectId, onNewTable: boolean, replaced: Set<string>): Hazard[] {
  const h: Hazard[] = [];
  const destructive = (message: string) => h.push({ kind: 'destructive', message });
  const lose = (what: string, key: string) => {
    if (!replaced.has(key)) destructive(`drops ${what}`);
  };
  switch (c.kind) {
    case 'drop_table':
      destructive(`drops table ${tableKey(c.table)} and its data`);
      break;
    case 'drop_column':
      destructive(`drops column ${tableKey(c.table)}.${c.column.name} and its data`);
      break;
    case 'drop_view':
      lose(`${c.view.kind === 'materialized_view' ? 'materialized view' : 'view'} ${tableKey(c.view)}`, `view:${tableKey(c.view)}`);
      break;
    case 'drop_index':
      lose(`index ${c.index.name}`, `index:${tableKey(c.table)}.${c.index.name}`);
      break;
    case 'drop_check':
      lose(`check ${c.check.name}`, `check:${tableKey(c.table)}.${c.check.name}`);
      break;
    case 'drop_unique':
      lose(`unique key ${c.key.name}`, `unique:${tableKey(c.table)}.${c.key.name}`);
      break;
    case 'drop_primary_key':
      lose(`primary key ${c.key.name}`, `pk:${tableKey(c.table)}`);
      break;
    case 'drop_foreign_key':
      lose(`foreign key ${c.fk.name}`, `fk:${tableKey(c.table)}.${c.fk.name}`);
      break;
    case 'drop_sequence':
      destructive(`drops sequence ${c.sequence.schema}.${c.sequence.name} and its current value`);
      break;
    case 'drop_routine':
      destructive(`drops ${c.routine.kind} ${c.routine.schema}.${c.routine.name}`);
      break;
    case 'drop_enum':
      destructive(`drops type ${c.enum.schema}.${c.enum.name}`);
      break;
    case 'drop_schema':
      destructive(`drops schema ${c.schema}`);
      break;
    case 'change_enum':
      h.push({ kind: 'unsupported', message: `values of ${c.from.schema}.${c.from.name} are removed or reordered (${c.from.values.join(', ')} → ${c.to.values.join(', ')}): recreate the type by hand` });
      break;
    case 'alter_column':
      if (c.fields.includes('type')) {
        if (!isWidening(c.from.dataType, c.to.dataType, dialect)) destructive(`narrows or converts ${c.from.dataType} → ${c.to.dataType}: values may be lost or the change may fail`);
        else if (dialect !== 'postgres' || !isMetadataOnly(c.from.dataType, c.to.dataType)) h.push({ kind: 'locking', message: 'rewrites the table under an exclusive lock' });
      }
      if (c.fields.includes('nullable') && !c.to.nullable) h.push({ kind: 'may_fail', message: `fails if ${c.to.name} holds NULLs` });
      if (c.fields.includes('generated') || c.fields.includes('identity')) h.push({ kind: 'locking', message: 'changes how values are generated' });
      break;
    case 'add_column':
      if (!c.column.nullable && c.column.default === undefined && !c.column.identity && !c.column.generated && !onNewTable)
        h.push({ kind: 'may_fail', message: 'NOT NULL without a default fails on a table with rows' });
      break;
    case 'add_primary_key':
    case 'add_unique':
      if (!onNewTable) h.push({ kind: 'may_fail', message: 'fails if existing rows hold duplicates' });
      break;
    case 'add_check':
    case 'add_foreign_key':
      if (!onNewTable) h.push({ kind: 'may_fail', message: 'validation fails if existing rows violate it' });
      break;
    case 'replace_routine':
      if ((c.from.returnType ?? '') !== (c.to.returnType ?? '')) h.push({ kind: 'dependency', message: 'the result type changes: dropped and created again' });
      break;
    default:
      break;
  }
  return h;
}

/** Views in dependency order (created: what they read first; dropped: dependents first), dropped tables referencing-first. */
function orderWithinPhases(changes: Change[], from: SchemaModel, to: SchemaModel): Change[] {
  const creates = changes.filter((c): c is Extract<Change, { kind: 'create_view' }> => c.kind === 'create_view');
  const drops = changes.filter((c): c is Extract<Change, { kind: 'drop_view' }> => c.kind === 'drop_view');
  const droppedTables = changes.filter((c): c is Extract<Change, { kind: 'drop_table' }> => c.kind === 'drop_table');
  const createOrder = topo(creates, (c) => tableKey(c.view), (c) => dependenciesOf(c.view, to));
  const dropOrder = topo(drops, (c) => tableKey(c.view), (c) => dependenciesOf(c.view, from)).reverse();
  const tableDropOrder = topo(droppedTables, (c) => tableKey(c.table), (c) => c.table.foreignKeys.map((f) => `${f.refSchema}.${f.refTable}`)).reverse();
  const queues = new Map<string, Change[]>([
    ['create_view', createOrder],
    ['drop_view', dropOrder],
    ['drop_table', tableDropOrder],
  ]);
  return changes.map((c) => queues.get(c.kind)?.shift() ?? c);
}

/** Items ordered so that each comes after the items it depends on (cycles: input order). */
function topo<T>(items: T[], keyOf: (t: T) => string, deps: (t: T) => string[]): T[] {
  const byKey = new Map(items.map((t) => [keyOf(t), t]));
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: T) => {
    const k = keyOf(t);
    if (state.get(k)) return;
    state.set(k, 'visiting');
    for (const d of deps(t)) {
      const dep = byKey.get(d);
      if (dep && d !== k) visit(dep);
    }
    state.set(k, 'done');
    out.push(t);
  };
  items.forEach(visit);
  return out;
}
