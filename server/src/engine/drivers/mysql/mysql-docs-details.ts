// The docs' details of a MySQL/MariaDB model: table sizes, triggers, and routine determinism,
// security and body. Kept apart from mysql-assemble.ts; the rows are optional so recorded catalogs
// without them still assemble.
import type { RoutineInfo, SchemaModel, TriggerInfo } from '../../schema/model';

export interface MysqlTableSizeRow {
  table_schema: string;
  table_name: string;
  size_bytes: number | string | null;
}

export interface MysqlTriggerRow {
  table_schema: string;
  table_name: string;
  trigger_name: string;
  timing: string;
  event: string;
  orientation: string | null;
  action_statement: string | null;
}

export interface MysqlRoutineDetailRow {
  routine_schema: string;
  routine_name: string;
  routine_type: string;
  is_deterministic: string | null;
  sql_data_access: string | null;
  security_type: string | null;
  routine_definition: string | null;
}

export interface MysqlDocsCatalog {
  tableSizes?: MysqlTableSizeRow[];
  triggers?: MysqlTriggerRow[];
  routineDetails?: MysqlRoutineDetailRow[];
}

export function addMysqlDocsDetails(model: SchemaModel, catalog: MysqlDocsCatalog): void {
  const tables = new Map(model.tables.map((t) => [`${t.schema}\u0000${t.name}`, t]));
  for (const r of catalog.tableSizes ?? []) {
    const t = tables.get(`${r.table_schema}\u0000${r.table_name}`);
    const n = Number(r.size_bytes);
    if (t && r.size_bytes !== null && Number.isFinite(n)) t.sizeBytes = n;
  }
  if (catalog.triggers) {
    for (const t of model.tables) if (t.kind === 'table') t.triggers = [];
    for (const r of catalog.triggers) {
      const t = tables.get(`${r.table_schema}\u0000${r.table_name}`);
      if (!t) continue;
      const trigger: TriggerInfo = {
        name: r.trigger_name,
        timing: r.timing.toLowerCase(),
        events: [r.event.toLowerCase()],
        level: (r.orientation ?? 'ROW').toLowerCase(),
      };
      if (r.action_statement) trigger.definition = r.action_statement;
      (t.triggers ??= []).push(trigger);
    }
  }
  const routines = new Map<string, RoutineInfo>(model.routines.map((r) => [`${r.schema}\u0000${r.name}\u0000${r.kind}`, r]));
  for (const r of catalog.routineDetails ?? []) {
    const routine = routines.get(`${r.routine_schema}\u0000${r.routine_name}\u0000${r.routine_type === 'PROCEDURE' ? 'procedure' : 'function'}`);
    if (!routine) continue;
    // DETERMINISTIC is a declaration (model.ts: it maps to 'immutable' only as such); NO SQL or
    // READS SQL DATA without it is at most stable; anything that modifies data is volatile.
    const access = (r.sql_data_access ?? '').toUpperCase();
    routine.volatility = r.is_deterministic === 'YES' ? 'immutable' : access === 'MODIFIES SQL DATA' || access === 'CONTAINS SQL' ? 'volatile' : 'stable';
    if (r.security_type) routine.securityDefiner = r.security_type.toUpperCase() === 'DEFINER';
    if (r.routine_definition) routine.definition = r.routine_definition;
  }
}
