// Turns the SQL Server catalog result sets (./mssql-rows.ts) into a SchemaModel. A pure function of
// its input, so it is tested on recorded result sets without a server (test/unit/mssql-*.test.ts).
import { referentialAction } from '../referential-action';
import type { ColumnInfo, IndexInfo, RoutineInfo, RoutineKind, SchemaModel, TableInfo } from '../../schema/model';
import { emptyModel } from '../../schema/model';
import type { MssqlColumnRow, MssqlIndexRow, MssqlResultSets, MssqlSynonymRow } from './mssql-rows';
import { mssqlTypeName } from './mssql-type-name';

export interface MssqlAssembleOptions {
  /** Keep only these schemas (default: every user schema). */
  schemas?: string[];
}

const truthy = (b: boolean | 0 | 1 | null | undefined) => b === true || b === 1;

export function assembleMssqlModel(rs: MssqlResultSets, options: MssqlAssembleOptions = {}): SchemaModel {
  const server = rs.server[0];
  const database = server?.database_name ?? '';
  const model = emptyModel('mssql', database, [server?.default_schema || 'dbo']);
  if (server) model.serverVersion = `Microsoft SQL Server ${server.product_version}${server.edition ? ` (${server.edition})` : ''}`;
  const keep = options.schemas ? new Set(options.schemas.map((s) => s.toLowerCase())) : undefined;
  const kept = (schema: string) => !keep || keep.has(schema.toLowerCase());

  model.schemas = rs.schemas.filter((s) => kept(s.schema_name)).map((s) => ({ name: s.schema_name, ...(s.owner_name ? { owner: s.owner_name } : {}), ...(s.comment ? { comment: s.comment } : {}) }));

  const tables = new Map<number, TableInfo>();
  for (const r of rs.tables) {
    if (!kept(r.schema_name)) continue;
    const t: TableInfo = { schema: r.schema_name, name: r.table_name, kind: r.object_type === 'V' ? 'view' : 'table', columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [] };
    if (r.comment) t.comment = r.comment;
    if (r.object_type === 'U' && r.row_count !== null && r.row_count !== undefined) t.rowEstimate = Number(r.row_count);
    if (r.view_definition) t.viewDefinition = r.view_definition;
    tables.set(r.object_id, t);
    model.tables.push(t);
  }

  for (const r of [...rs.columns].sort((a, b) => a.object_id - b.object_id || a.column_id - b.column_id)) tables.get(r.object_id)?.columns.push(column(r));

  for (const r of rs.keyConstraints) {
    const t = tables.get(r.object_id);
    if (!t) continue;
    if (r.constraint_type === 'PK') {
      t.primaryKey ??= { name: r.constraint_name, columns: [] };
      t.primaryKey.columns.push(r.column_name);
    } else {
      let u = t.uniques.find((x) => x.name === r.constraint_name);
      if (!u) t.uniques.push((u = { name: r.constraint_name, columns: [] }));
      u.columns.push(r.column_name);
    }
  }

  for (const r of [...rs.foreignKeys].sort((a, b) => a.constraint_column_id - b.constraint_column_id)) {
    const t = tables.get(r.object_id);
    if (!t) continue;
    let fk = t.foreignKeys.find((x) => x.name === r.constraint_name);
    if (!fk) t.foreignKeys.push((fk = { name: r.constraint_name, columns: [], refSchema: r.ref_schema_name, refTable: r.ref_table_name, refColumns: [], onUpdate: referentialAction(r.on_update), onDelete: referentialAction(r.on_delete) }));
    fk.columns.push(r.column_name);
    fk.refColumns.push(r.ref_column_name);
  }

  for (const r of rs.checkConstraints) tables.get(r.object_id)?.checks.push({ name: r.constraint_name, expression: stripOuterParens(r.definition) });

  const byIndex = new Map<string, MssqlIndexRow[]>();
  for (const r of rs.indexes) {
    const k = `${r.object_id}:${r.index_id}`;
    byIndex.set(k, [...(byIndex.get(k) ?? []), r]);
  }
  for (const rows of byIndex.values()) {
    const t = tables.get(rows[0]!.object_id);
    if (t) t.indexes.push(indexInfo(t, rows));
  }

  model.tables.push(...synonyms(rs.synonyms, model, kept));
  model.routines = routines(rs, kept);
  return model;
}

/**
 * Synonyms whose base object is a table or view of this snapshot, each as a view named like the
 * synonym with the base object's columns. Why a view: a synonym is only another name for the object,
 * with no storage, keys or indexes of its own, and every consumer of the model (name resolution,
 * completion, hover, ERD) already understands a column-bearing relation without constraints as a
 * view; a new model kind would need teaching to all of them. Synonyms of other databases, of linked
 * servers, of routines and of objects outside the kept schemas stay out, as unknown as before.
 */
function synonyms(rows: MssqlSynonymRow[], model: SchemaModel, kept: (schema: string) => boolean): TableInfo[] {
  const byName = new Map(model.tables.map((t) => [`${t.schema}.${t.name}`.toLowerCase(), t]));
  const out: TableInfo[] = [];
  for (const r of rows) {
    if (!kept(r.schema_name)) continue;
    const parts = nameParts(r.base_object_name);
    if (!parts || parts.length > 3) continue; // unreadable, or on a linked server
    if (parts.length === 3 && parts[0]!.toLowerCase() !== model.database.toLowerCase()) continue;
    // A one-part base name is resolved in the caller's default schema, as SQL Server does.
    const [schema, name] = parts.length === 1 ? [model.searchPath[0] ?? 'dbo', parts[0]!] : parts.slice(-2);
    const base = byName.get(`${schema}.${name}`.toLowerCase());
    if (!base) continue;
    out.push({
      schema: r.schema_name, name: r.synonym_name, kind: 'view', comment: `synonym for ${base.schema}.${base.name}`,
      columns: base.columns.map((c) => ({ ...c })), foreignKeys: [], uniques: [], checks: [], indexes: [],
    });
  }
  return out;
}

/** Parts of a multi-part name such as "[dbo].[Album]", "dbo.Album" or "[a]]b]"; undefined if malformed. */
export function nameParts(text: string): string[] | undefined {
  const parts: string[] = [];
  const re = /\s*(?:\[((?:[^\]]|\]\])*)\]|"((?:[^"]|"")*)"|([^.[\]"\s]+))\s*(\.|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    parts.push(m[1] !== undefined ? m[1].replace(/\]\]/g, ']') : m[2] !== undefined ? m[2].replace(/""/g, '"') : m[3]!);
    if (m[4] !== '.') return re.lastIndex === text.length ? parts : undefined;
  }
  return undefined;
}

function column(r: MssqlColumnRow): ColumnInfo {
  const c: ColumnInfo = { name: r.column_name, ordinal: r.column_id, dataType: truthy(r.is_user_defined) ? r.type_name : mssqlTypeName(r), nullable: truthy(r.is_nullable) };
  // SQL Server refuses explicit values for an IDENTITY column unless IDENTITY_INSERT is on: like ALWAYS.
  if (truthy(r.is_identity)) c.identity = 'always';
  if (truthy(r.is_computed) && r.computed_definition) c.generated = stripOuterParens(r.computed_definition);
  if (r.default_definition) c.default = stripOuterParens(r.default_definition);
  if (r.comment) c.comment = r.comment;
  return c;
}

/** SQL Server stores defaults and checks wrapped in parentheses, e.g. "((0))" or "(getdate())". */
export function stripOuterParens(text: string): string {
  let s = text.trim();
  while (s.startsWith('(') && s.endsWith(')') && closingOf(s, 0) === s.length - 1) s = s.slice(1, -1).trim();
  return s;
}

function closingOf(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '[' || c === '"') quote = c === '[' ? ']' : c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function indexInfo(t: TableInfo, rows: MssqlIndexRow[]): IndexInfo {
  const first = rows[0]!;
  const q = (s: string) => `[${s.replace(/]/g, ']]')}]`;
  const keys = rows.filter((r) => !truthy(r.is_included_column)).sort((a, b) => a.key_ordinal - b.key_ordinal);
  const included = rows.filter((r) => truthy(r.is_included_column));
  const unique = truthy(first.is_unique);
  const method = first.type_desc.toLowerCase().replace(/_/g, ' ');
  const info: IndexInfo = { name: first.index_name, columns: keys.map((r) => r.column_name), unique, primary: truthy(first.is_primary_key), method };
  if (truthy(first.has_filter) && first.filter_definition) info.predicate = stripOuterParens(first.filter_definition);
  const kind = first.type_desc.startsWith('CLUSTERED') ? 'CLUSTERED' : 'NONCLUSTERED';
  info.definition =
    `CREATE ${unique ? 'UNIQUE ' : ''}${kind} INDEX ${q(first.index_name)} ON ${q(t.schema)}.${q(t.name)} (` +
    keys.map((r) => q(r.column_name) + (truthy(r.is_descending_key) ? ' DESC' : '')).join(', ') +
    ')' +
    (included.length ? ` INCLUDE (${included.map((r) => q(r.column_name)).join(', ')})` : '') +
    (info.predicate ? ` WHERE ${info.predicate}` : '');
  return info;
}

const ROUTINE_KINDS: Record<string, RoutineKind> = { P: 'procedure', PC: 'procedure', FN: 'function', FS: 'function', IF: 'function', TF: 'function', FT: 'function', AF: 'aggregate' };
const TABLE_VALUED = new Set(['IF', 'TF', 'FT']);

function routines(rs: MssqlResultSets, kept: (schema: string) => boolean): RoutineInfo[] {
  const byRoutine = new Map<number, MssqlResultSets['parameters']>();
  for (const p of rs.parameters) byRoutine.set(p.object_id, [...(byRoutine.get(p.object_id) ?? []), p]);
  return rs.routines
    .filter((r) => kept(r.schema_name))
    .map((r) => {
      const params = (byRoutine.get(r.object_id) ?? []).sort((a, b) => a.parameter_id - b.parameter_id);
      const ret = params.find((p) => p.parameter_id === 0);
      const info: RoutineInfo = {
        schema: r.schema_name,
        name: r.routine_name,
        kind: ROUTINE_KINDS[r.object_type] ?? 'function',
        params: params
          .filter((p) => p.parameter_id > 0)
          .map((p) => ({ name: p.parameter_name, type: mssqlTypeName(p), mode: truthy(p.is_output) ? 'inout' : 'in', hasDefault: truthy(p.has_default_value) })),
        language: r.object_type === 'PC' || r.object_type === 'FS' || r.object_type === 'FT' || r.object_type === 'AF' ? 'clr' : 'tsql',
      };
      if (TABLE_VALUED.has(r.object_type)) info.returnType = 'TABLE';
      else if (ret) info.returnType = mssqlTypeName(ret);
      if (r.comment) info.comment = r.comment;
      return info;
    });
}
