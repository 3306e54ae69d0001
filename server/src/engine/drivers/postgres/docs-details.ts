// The docs' details of a PostgreSQL/PGlite model: table sizes, triggers, and routine volatility,
// SECURITY DEFINER and definition, from three catalog queries of their own (queries/table-sizes.sql,
// triggers.sql, routine-details.sql).
import type { SchemaModel, TriggerInfo } from '../../schema/model';
import { bool, json, num, str, text, type Row } from './row-values';

export interface PostgresDocsRows {
  tableSizes: Row[];
  triggers: Row[];
  /** Absent: routines.sql already carries these fields. */
  routineDetails?: Row[];
}

const VOLATILITY = { i: 'immutable', s: 'stable', v: 'volatile' } as const;

export function addPostgresDocsDetails(model: SchemaModel, rows: PostgresDocsRows): void {
  const tables = new Map(model.tables.map((t) => [`${t.schema}\u0000${t.name}`, t]));
  const key = (r: Row) => `${String(r.schema)}\u0000${String(r.table_name)}`;
  for (const r of rows.tableSizes) {
    const t = tables.get(key(r));
    const n = num(r.size_bytes);
    if (t && n !== undefined) t.sizeBytes = n;
  }
  for (const t of model.tables) if (t.kind !== 'materialized_view' && t.kind !== 'foreign_table') t.triggers = [];
  for (const r of rows.triggers) {
    const t = tables.get(key(r));
    if (!t) continue;
    const type = num(r.tgtype) ?? 0;
    const events = [type & 4 && 'insert', type & 16 && 'update', type & 8 && 'delete', type & 32 && 'truncate'].filter((e): e is string => Boolean(e));
    const trigger: TriggerInfo = { name: String(r.name), timing: type & 64 ? 'instead_of' : type & 2 ? 'before' : 'after', events, level: type & 1 ? 'row' : 'statement' };
    const definition = text(r.definition);
    if (definition) trigger.definition = definition;
    const comment = text(r.comment);
    if (comment) trigger.comment = comment;
    (t.triggers ??= []).push(trigger);
  }
  const details = new Map<string, Row>();
  for (const r of rows.routineDetails ?? []) details.set(`${String(r.schema)}\u0000${String(r.name)}\u0000${JSON.stringify(json<string[]>(r.arg_types) ?? [])}`, r);
  for (const routine of model.routines) {
    const d = details.get(`${routine.schema}\u0000${routine.name}\u0000${JSON.stringify(routine.params.map((p) => p.type))}`);
    if (!d) continue;
    const v = VOLATILITY[str(d.volatility) as keyof typeof VOLATILITY];
    if (v) routine.volatility = v;
    routine.securityDefiner = bool(d.security_definer);
    const definition = text(d.definition);
    if (definition) routine.definition = definition.trim();
  }
}
