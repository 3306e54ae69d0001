// Derives the rows SQL Server's catalog queries (server/src/engine/drivers/mssql/queries/*.sql) WOULD
// return for the published Chinook SQL Server script, from its CREATE TABLE, ALTER TABLE … ADD
// CONSTRAINT … FOREIGN KEY, CREATE INDEX and INSERT statements, as SQL Server stores them (byte
// lengths, precision, index ids, a heap for a NONCLUSTERED primary key). No SQL Server runs on the
// development machines, so these recorded result sets are what the assembly tests run on.
//
//   npx tsx scripts/record-mssql-catalog.ts [path/to/chinook.mssql.sql] [out-dir]
//
// Writes <out-dir>/<result set>.json (default test/fixtures/mssql/chinook). Statements it does not
// understand inside CREATE TABLE make it fail loudly rather than record something wrong.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  MssqlColumnRow, MssqlForeignKeyRow, MssqlIndexRow, MssqlKeyConstraintRow, MssqlResultSets, MssqlTableRow,
} from '../server/src/engine/drivers/mssql/mssql-rows';
import { MSSQL_RESULT_SET_KEYS } from '../server/src/engine/drivers/mssql/mssql-rows';

const FIRST_OBJECT_ID = 1_000_000;
const DBO_SCHEMA_ID = 1;

interface TypeInfo { type_name: string; max_length: number; precision: number; scale: number }

/** sys.types facts of the types a script may use. */
function typeInfo(spec: string): TypeInfo {
  const m = /^(\w+)\s*(?:\(\s*(max|\d+)\s*(?:,\s*(\d+))?\s*\))?$/i.exec(spec.trim());
  if (!m) throw new Error(`unsupported type: ${spec}`);
  const name = m[1]!.toLowerCase();
  const a = m[2]?.toLowerCase();
  const b = m[3] === undefined ? undefined : Number(m[3]);
  const len = a === 'max' ? -1 : Number(a ?? 1);
  switch (name) {
    case 'int': return { type_name: 'int', max_length: 4, precision: 10, scale: 0 };
    case 'bigint': return { type_name: 'bigint', max_length: 8, precision: 19, scale: 0 };
    case 'smallint': return { type_name: 'smallint', max_length: 2, precision: 5, scale: 0 };
    case 'tinyint': return { type_name: 'tinyint', max_length: 1, precision: 3, scale: 0 };
    case 'bit': return { type_name: 'bit', max_length: 1, precision: 1, scale: 0 };
    case 'datetime': return { type_name: 'datetime', max_length: 8, precision: 23, scale: 3 };
    case 'date': return { type_name: 'date', max_length: 3, precision: 10, scale: 0 };
    case 'nvarchar': case 'nchar': return { type_name: name, max_length: len === -1 ? -1 : len * 2, precision: 0, scale: 0 };
    case 'varchar': case 'char': case 'varbinary': return { type_name: name, max_length: len, precision: 0, scale: 0 };
    case 'numeric': case 'decimal': {
      const p = Number(a ?? 18);
      return { type_name: name, max_length: p <= 9 ? 5 : p <= 19 ? 9 : p <= 28 ? 13 : 17, precision: p, scale: b ?? 0 };
    }
    default: throw new Error(`unsupported type: ${spec}`);
  }
}

const ident = (s: string) => s.replace(/^\[|\]$/g, '').replace(/]]/g, ']');
const identList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const QNAME = String.raw`\[([^\]]+)\]\.\[([^\]]+)\]`;

/** Rows the catalog queries would return after running `script` on an empty database. */
export function recordCatalog(script: string, databaseName: string): MssqlResultSets {
  const tables: MssqlTableRow[] = [];
  const columns: MssqlColumnRow[] = [];
  const keyConstraints: MssqlKeyConstraintRow[] = [];
  const foreignKeys: MssqlForeignKeyRow[] = [];
  const indexes: MssqlIndexRow[] = [];
  const ids = new Map<string, number>();
  const nextIndexId = new Map<number, number>();
  const columnsOf = (id: number) => columns.filter((c) => c.object_id === id);
  const idOf = (schema: string, table: string) => {
    const id = ids.get(`${schema}.${table}`.toLowerCase());
    if (id === undefined) throw new Error(`unknown table ${schema}.${table}`);
    return id;
  };

  for (const m of script.matchAll(new RegExp(String.raw`CREATE TABLE ${QNAME}\s*\(([\s\S]*?)\n\);`, 'g'))) {
    const [, schema, name, body] = m as unknown as [string, string, string, string];
    const object_id = FIRST_OBJECT_ID + tables.length * 16;
    ids.set(`${schema}.${name}`.toLowerCase(), object_id);
    tables.push({ object_id, schema_name: schema, table_name: name, object_type: 'U', comment: null, row_count: 0, view_definition: null });
    let clustered = false;
    for (const raw of body.split(/,\s*\n/).map((l) => l.trim()).filter(Boolean)) {
      const pk = /^CONSTRAINT \[([^\]]+)\] PRIMARY KEY (CLUSTERED|NONCLUSTERED)?\s*\(([^)]*)\)$/i.exec(raw);
      if (pk) {
        const cols = identList(pk[3]!).map(ident);
        clustered = (pk[2] ?? 'CLUSTERED').toUpperCase() === 'CLUSTERED';
        // A clustered PK is index 1; without a clustered index the table is a heap (index 0, not listed).
        const index_id = clustered ? 1 : 2;
        nextIndexId.set(object_id, Math.max(nextIndexId.get(object_id) ?? 2, index_id + 1));
        cols.forEach((column_name, i) => {
          keyConstraints.push({ object_id, constraint_name: pk[1]!, constraint_type: 'PK', column_name, key_ordinal: i + 1 });
          indexes.push({ object_id, index_id, index_name: pk[1]!, type_desc: clustered ? 'CLUSTERED' : 'NONCLUSTERED', is_unique: true, is_primary_key: true, has_filter: false, filter_definition: null, column_name, key_ordinal: i + 1, is_descending_key: false, is_included_column: false });
        });
        continue;
      }
      const col = /^\[([^\]]+)\]\s+(\w+(?:\s*\([^)]*\))?)(\s+NOT NULL|\s+NULL)?$/i.exec(raw);
      if (!col) throw new Error(`unsupported line in CREATE TABLE [${schema}].[${name}]: ${raw}`);
      const t = typeInfo(col[2]!);
      columns.push({
        object_id, column_id: columnsOf(object_id).length + 1, column_name: col[1]!, ...t, is_user_defined: false, base_type_name: null,
        is_nullable: !/NOT NULL/i.test(col[3] ?? ''), is_identity: false, is_computed: false, computed_definition: null, is_persisted: null,
        default_definition: null, identity_seed: null, identity_increment: null, comment: null,
      });
    }
  }

  for (const m of script.matchAll(new RegExp(String.raw`ALTER TABLE ${QNAME} ADD CONSTRAINT \[([^\]]+)\]\s+FOREIGN KEY \(([^)]*)\) REFERENCES ${QNAME} \(([^)]*)\)(?: ON DELETE (NO ACTION|CASCADE|SET NULL|SET DEFAULT))?(?: ON UPDATE (NO ACTION|CASCADE|SET NULL|SET DEFAULT))?`, 'g'))) {
    const [, schema, table, name, cols, refSchema, refTable, refCols, onDelete, onUpdate] = m as unknown as string[];
    const object_id = idOf(schema!, table!);
    const local = identList(cols!).map(ident);
    const ref = identList(refCols!).map(ident);
    local.forEach((column_name, i) =>
      foreignKeys.push({
        object_id, constraint_name: name!, constraint_column_id: i + 1, column_name, ref_schema_name: refSchema!, ref_table_name: refTable!, ref_column_name: ref[i]!,
        on_update: (onUpdate ?? 'NO ACTION').replace(' ', '_'), on_delete: (onDelete ?? 'NO ACTION').replace(' ', '_'),
      }),
    );
  }

  for (const m of script.matchAll(new RegExp(String.raw`CREATE (UNIQUE )?(CLUSTERED |NONCLUSTERED )?INDEX \[([^\]]+)\] ON ${QNAME} \(([^)]*)\)`, 'g'))) {
    const [, unique, kind, name, schema, table, cols] = m as unknown as (string | undefined)[];
    const object_id = idOf(schema!, table!);
    const clustered = kind?.trim().toUpperCase() === 'CLUSTERED';
    const index_id = clustered ? 1 : (nextIndexId.get(object_id) ?? 2);
    if (!clustered) nextIndexId.set(object_id, index_id + 1);
    identList(cols!).forEach((part, i) => {
      const [, column, dir] = /^\[([^\]]+)\](?:\s+(ASC|DESC))?$/i.exec(part) ?? [];
      if (!column) throw new Error(`unsupported index column in ${name}: ${part}`);
      indexes.push({ object_id, index_id, index_name: name!, type_desc: clustered ? 'CLUSTERED' : 'NONCLUSTERED', is_unique: !!unique, is_primary_key: false, has_filter: false, filter_definition: null, column_name: column, key_ordinal: i + 1, is_descending_key: dir?.toUpperCase() === 'DESC', is_included_column: false });
    });
  }

  // sys.partitions rows of the heap or clustered index: the rows the script inserts.
  for (const m of script.matchAll(new RegExp(String.raw`INSERT INTO ${QNAME} \([^)]*\) VALUES`, 'g'))) {
    const t = tables.find((x) => x.object_id === idOf(m[1]!, m[2]!))!;
    t.row_count = Number(t.row_count) + countTuples(script, m.index! + m[0].length);
  }

  indexes.sort((a, b) => a.object_id - b.object_id || a.index_id - b.index_id || a.key_ordinal - b.key_ordinal);
  return {
    server: [{ product_version: '16.0.1000.6', edition: 'Developer Edition (64-bit)', database_name: databaseName, default_schema: 'dbo' }],
    schemas: [{ schema_id: DBO_SCHEMA_ID, schema_name: 'dbo', owner_name: 'dbo', comment: null }],
    tables: tables.sort((a, b) => a.table_name.localeCompare(b.table_name)),
    columns,
    keyConstraints,
    foreignKeys: foreignKeys.sort((a, b) => a.object_id - b.object_id || a.constraint_name.localeCompare(b.constraint_name) || a.constraint_column_id - b.constraint_column_id),
    checkConstraints: [],
    indexes,
    routines: [],
    parameters: [],
    // The Chinook script creates no synonyms: recorded as the empty result set sys.synonyms gives.
    synonyms: [],
  };
}

/** Number of top-level (…) tuples from `from` up to the statement's closing semicolon. */
function countTuples(text: string, from: number): number {
  let depth = 0;
  let n = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      for (i++; i < text.length && !(text[i] === "'" && text[i + 1] !== "'"); i += text[i] === "'" ? 2 : 1);
    } else if (c === '(') {
      if (depth++ === 0) n++;
    } else if (c === ')') depth--;
    else if (c === ';' && depth === 0) break;
  }
  return n;
}

function main(): void {
  const source = process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'datasets', 'chinook', 'chinook.mssql.sql');
  const outDir = process.argv[3] ?? join(__dirname, '..', 'test', 'fixtures', 'mssql', 'chinook');
  const sets = recordCatalog(readFileSync(source, 'utf8'), 'Chinook');
  mkdirSync(outDir, { recursive: true });
  for (const key of MSSQL_RESULT_SET_KEYS) writeFileSync(join(outDir, `${key}.json`), JSON.stringify(sets[key], null, 1) + '\n');
  console.log(`wrote ${MSSQL_RESULT_SET_KEYS.length} result sets (${sets.tables.length} tables, ${sets.columns.length} columns) to ${outDir}`);
}

if (require.main === module) main();
