// Schemas, enums, sequences and routines: objects outside tables, matched by qualified name (routines
// by name and input argument types, since PostgreSQL overloads them).
import type { EnumInfo, RoutineInfo, SchemaModel, SequenceInfo } from '../../schema/model';
import { sqlText } from '../normalize';
import type { Change } from '../types';

export function diffSchemas(from: SchemaModel, to: SchemaModel): Change[] {
  const a = new Set(from.schemas.map((s) => s.name));
  const b = new Set(to.schemas.map((s) => s.name));
  const changes: Change[] = [];
  for (const s of to.schemas) if (!a.has(s.name)) changes.push({ kind: 'create_schema', schema: s.name });
  for (const s of from.schemas) if (!b.has(s.name)) changes.push({ kind: 'drop_schema', schema: s.name });
  for (const s of to.schemas) {
    const old = from.schemas.find((x) => x.name === s.name);
    if ((old?.comment ?? '') !== (s.comment ?? '') && (old || s.comment)) changes.push({ kind: 'set_comment', target: { type: 'schema', name: s.name }, comment: s.comment });
  }
  return changes;
}

export function diffEnums(from: EnumInfo[], to: EnumInfo[]): Change[] {
  const changes: Change[] = [];
  const key = (e: EnumInfo) => `${e.schema}.${e.name}`;
  const before = new Map(from.map((e) => [key(e), e]));
  const after = new Map(to.map((e) => [key(e), e]));
  for (const e of to) {
    const old = before.get(key(e));
    if (!old) {
      changes.push({ kind: 'create_enum', enum: e });
      if (e.comment) changes.push({ kind: 'set_comment', target: { type: 'type', schema: e.schema, name: e.name }, comment: e.comment });
      continue;
    }
    if (old.values.join('\u0000') !== e.values.join('\u0000')) {
      const added = addedValues(old.values, e.values);
      if (!added) changes.push({ kind: 'change_enum', from: old, to: e });
      else for (const a of added) changes.push({ kind: 'add_enum_value', enum: e, ...a });
    }
    if ((old.comment ?? '') !== (e.comment ?? '')) changes.push({ kind: 'set_comment', target: { type: 'type', schema: e.schema, name: e.name }, comment: e.comment });
  }
  for (const e of from) if (!after.has(key(e))) changes.push({ kind: 'drop_enum', enum: e });
  return changes;
}

/** When `to` is `from` with values inserted (order kept), the insertions with an anchor; else undefined. */
function addedValues(from: string[], to: string[]): { value: string; before?: string; after?: string }[] | undefined {
  let i = 0;
  for (const v of to) if (i < from.length && v === from[i]) i++;
  if (i < from.length) return undefined;
  const old = new Set(from);
  const out: { value: string; before?: string; after?: string }[] = [];
  to.forEach((v, idx) => {
    if (old.has(v)) return;
    const next = to.slice(idx + 1).find((x) => old.has(x));
    if (next !== undefined) out.push({ value: v, before: next });
    else out.push(idx > 0 ? { value: v, after: to[idx - 1] } : { value: v });
  });
  return out;
}

export function diffSequences(from: SequenceInfo[], to: SequenceInfo[]): Change[] {
  const changes: Change[] = [];
  const key = (s: SequenceInfo) => `${s.schema}.${s.name}`;
  const before = new Map(from.map((s) => [key(s), s]));
  const after = new Map(to.map((s) => [key(s), s]));
  for (const s of to) {
    const old = before.get(key(s));
    if (!old) {
      changes.push({ kind: 'create_sequence', sequence: s });
      if (s.ownedBy) changes.push({ kind: 'set_sequence_owner', sequence: s });
      continue;
    }
    const shape = (x: SequenceInfo) => [x.dataType, x.start, x.increment, x.minValue, x.maxValue, !!x.cycle].join('|');
    if (shape(old) !== shape(s)) changes.push({ kind: 'alter_sequence', from: old, to: s });
    if ((old.ownedBy ?? '') !== (s.ownedBy ?? '')) changes.push({ kind: 'set_sequence_owner', sequence: s });
  }
  for (const s of from) if (!after.has(key(s))) changes.push({ kind: 'drop_sequence', sequence: s });
  return changes;
}

export function routineKey(r: RoutineInfo): string {
  const inputs = r.params.filter((p) => p.mode !== 'out' && p.mode !== 'table').map((p) => p.type);
  return `${r.schema}.${r.name}(${inputs.join(', ')})`;
}

export function diffRoutines(from: RoutineInfo[], to: RoutineInfo[]): Change[] {
  const changes: Change[] = [];
  const before = new Map(from.map((r) => [routineKey(r), r]));
  const after = new Map(to.map((r) => [routineKey(r), r]));
  for (const r of to) {
    const old = before.get(routineKey(r));
    if (!old) changes.push({ kind: 'create_routine', routine: r });
    else if (!sameRoutine(old, r)) changes.push({ kind: 'replace_routine', from: old, to: r });
  }
  for (const r of from) if (!after.has(routineKey(r))) changes.push({ kind: 'drop_routine', routine: r });
  return changes;
}

function sameRoutine(a: RoutineInfo, b: RoutineInfo): boolean {
  if (a.definition !== undefined && b.definition !== undefined) {
    if (sqlText(a.definition) !== sqlText(b.definition)) return false;
  } else if (a.definition !== b.definition) return false;
  return (a.returnType ?? '') === (b.returnType ?? '') && (a.comment ?? '') === (b.comment ?? '') && (a.volatility ?? '') === (b.volatility ?? '');
}
