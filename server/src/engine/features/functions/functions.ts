// The functions a name can call: the dialect's built-ins and the database's own routines, in one
// shape (FunctionSignature) for completion, hover and signature help.
import type { RoutineInfo } from '../../schema/model';
import type { NamePart, SchemaIndex } from '../../schema/schema-index';
import { builtinFunctions, type FunctionKind, type FunctionSignature } from './builtin-catalog';

export type { FunctionKind, FunctionSignature };

export interface CallableFunction extends FunctionSignature {
  /** Schema of a database routine (undefined for built-ins). */
  schema?: string;
  routine?: RoutineInfo;
}

export function routineSignature(r: RoutineInfo): CallableFunction {
  const params = r.params.filter((p) => p.mode !== 'out' && p.mode !== 'table').map((p) => [p.mode === 'in' ? '' : p.mode.toUpperCase(), p.name ?? '', p.type].filter(Boolean).join(' ') + (p.hasDefault ? ' = …' : ''));
  const returns = r.returnType ?? (r.kind === 'procedure' ? 'procedure' : 'void');
  const kind: FunctionKind = r.kind === 'aggregate' ? 'aggregate' : r.kind === 'window' ? 'window' : /^(setof|table)\b/i.test(returns) ? 'set' : 'scalar';
  return { name: r.name, params, returns, kind, doc: r.comment ?? `${r.language ?? ''} ${r.kind} in ${r.schema}`.trim(), schema: r.schema, routine: r };
}

/** Overloads a call of `name` (optionally schema-qualified) can reach: routines first, then built-ins. */
export function findFunctions(index: SchemaIndex, name: NamePart, schema?: NamePart): CallableFunction[] {
  const key = index.dialect.foldIdentifier(name.text, name.quoted);
  const routines = index.findRoutines(name).filter((r) => !schema || index.dialect.catalogKey(r.schema) === index.dialect.foldIdentifier(schema.text, schema.quoted));
  const builtins = schema && !index.dialect.systemSchemas.has(schema.text.toLowerCase()) ? [] : (builtinFunctions(index.dialect.id).get(key.toLowerCase()) ?? []);
  return [...routines.map(routineSignature), ...builtins];
}

let cachedFor: SchemaIndex | undefined;
let cachedAll: CallableFunction[] = [];

/** Every function completion can offer: the database's routines (procedures excluded) and the built-ins. */
export function allFunctions(index: SchemaIndex): CallableFunction[] {
  if (cachedFor !== index) {
    const routines = index.model.routines.filter((r) => r.kind !== 'procedure' && !index.dialect.systemSchemas.has(r.schema)).map(routineSignature);
    const builtins = [...builtinFunctions(index.dialect.id).values()].map((overloads) => overloads[0]);
    cachedAll = [...routines, ...builtins];
    cachedFor = index;
  }
  return cachedAll;
}

/** `name(p1, p2) → returns` */
export function signatureLabel(f: FunctionSignature): string {
  return `${f.name}(${f.params.join(', ')}) → ${f.returns}`;
}
