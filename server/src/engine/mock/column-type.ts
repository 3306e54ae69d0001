// What a column's type lets the generator write: the type text as the database prints it
// ("character varying(120)", "numeric(10,2)", "int(10) unsigned", "enum('G','PG')", "integer[]")
// parsed once into a TypeSpec. Unknown types are `unsupported` and reported, never guessed.
import type { DialectId } from '../schema/model';

export type TypeKind =
  | 'int'
  | 'decimal'
  | 'float'
  | 'bool'
  | 'text'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'time'
  | 'interval'
  | 'year'
  | 'uuid'
  | 'json'
  | 'bytes'
  | 'inet'
  | 'enum'
  | 'tsvector'
  | 'xml'
  | 'bit'
  | 'geometry'
  | 'money'
  | 'unsupported';

export interface TypeSpec {
  kind: TypeKind;
  /** The type text as given. */
  text: string;
  /** Smallest / largest value (int, decimal, float, year). */
  min?: number;
  max?: number;
  /** Character length limit (varchar(n), char(n)). */
  length?: number;
  /** Fixed-width char(n): values are padded by the database. */
  fixed?: boolean;
  precision?: number;
  scale?: number;
  /** enum/set labels (MySQL inline enum). */
  values?: string[];
  /** PostgreSQL array of this element type. */
  element?: TypeSpec;
  /** MySQL SET: any subset of `values`. */
  set?: boolean;
}

const INT_RANGES: Record<string, [number, number]> = {
  smallint: [-32768, 32767],
  int2: [-32768, 32767],
  smallserial: [1, 32767],
  integer: [-2147483648, 2147483647],
  int: [-2147483648, 2147483647],
  int4: [-2147483648, 2147483647],
  serial: [1, 2147483647],
  mediumint: [-8388608, 8388607],
  // bigint values are kept inside JavaScript's exact integer range.
  bigint: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int8: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  bigserial: [1, Number.MAX_SAFE_INTEGER],
  tinyint: [-128, 127],
};

const UNSIGNED_MAX: Record<string, number> = { tinyint: 255, smallint: 65535, mediumint: 16777215, int: 4294967295, integer: 4294967295, bigint: Number.MAX_SAFE_INTEGER };

export function parseColumnType(raw: string, dialect: DialectId): TypeSpec {
  const text = raw.trim();
  let t = text.toLowerCase();
  if (t.endsWith('[]')) {
    const element = parseColumnType(text.replace(/(\[\])+$/, ''), dialect);
    return { kind: element.kind === 'unsupported' ? 'unsupported' : element.kind, text, element };
  }
  if (/^enum\s*\(/.test(t) || /^set\s*\(/.test(t)) {
    const values = [...text.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
    return { kind: 'enum', text, values, set: /^set/.test(t) };
  }
  const unsigned = /\bunsigned\b/.test(t);
  t = t.replace(/\b(unsigned|signed|zerofill)\b/g, '').replace(/\s+/g, ' ').trim();
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?\))?(?:\s+(with|without) time zone)?$/.exec(t);
  if (!m) return { kind: 'unsupported', text };
  const base = m[1]!.trim();
  const a = m[2] === undefined ? undefined : Number(m[2]);
  const b = m[3] === undefined ? undefined : Number(m[3]);
  const tz = m[4] === 'with';
  if (dialect === 'mysql' && base === 'tinyint' && a === 1) return { kind: 'bool', text };
  if (base in INT_RANGES) {
    const [min, max] = INT_RANGES[base]!;
    return unsigned ? { kind: 'int', text, min: 0, max: UNSIGNED_MAX[base] ?? max } : { kind: 'int', text, min, max };
  }
  switch (base) {
    case 'numeric':
    case 'decimal': {
      const precision = a ?? (dialect === 'mysql' ? 10 : 12);
      const scale = b ?? (a === undefined && dialect !== 'mysql' ? 2 : 0);
      const limit = Math.min(10 ** Math.min(precision - scale, 15) - 10 ** -scale, Number.MAX_SAFE_INTEGER);
      return { kind: 'decimal', text, precision, scale, min: unsigned ? 0 : -limit, max: limit };
    }
    case 'real':
    case 'float4':
    case 'float':
    case 'double':
    case 'double precision':
    case 'float8':
      return { kind: 'float', text, min: unsigned ? 0 : -1e9, max: 1e9 };
    case 'money':
    case 'smallmoney':
      return { kind: 'money', text, min: 0, max: 1e9, scale: 2 };
    case 'boolean':
    case 'bool':
      return { kind: 'bool', text };
    case 'bit':
      return a === undefined || a === 1 ? { kind: dialect === 'postgres' ? 'bit' : 'bool', text, length: 1 } : { kind: 'bit', text, length: a };
    case 'bit varying':
    case 'varbit':
      return { kind: 'bit', text, length: a ?? 8 };
    case 'character varying':
    case 'varchar':
    case 'nvarchar':
    case 'varchar2':
      return { kind: 'text', text, length: a };
    case 'character':
    case 'char':
    case 'nchar':
    case 'bpchar':
      return { kind: 'text', text, length: a ?? 1, fixed: true };
    case 'text':
    case 'tinytext':
    case 'mediumtext':
    case 'longtext':
    case 'citext':
    case 'name':
    case 'ntext':
    case 'clob':
      return { kind: 'text', text, length: base === 'tinytext' ? 255 : base === 'name' ? 63 : undefined };
    case 'date':
      return { kind: 'date', text };
    case 'timestamp':
      return { kind: tz ? 'timestamptz' : 'timestamp', text };
    case 'timestamptz':
    case 'datetimeoffset':
      return { kind: 'timestamptz', text };
    case 'datetime':
    case 'datetime2':
    case 'smalldatetime':
      return { kind: 'timestamp', text };
    case 'time':
    case 'timetz':
      return { kind: 'time', text };
    case 'interval':
      return { kind: 'interval', text };
    case 'year':
      return { kind: 'year', text, min: 1901, max: 2155 };
    case 'uuid':
    case 'uniqueidentifier':
      return { kind: 'uuid', text };
    case 'json':
    case 'jsonb':
      return { kind: 'json', text };
    case 'bytea':
    case 'blob':
    case 'tinyblob':
    case 'mediumblob':
    case 'longblob':
    case 'binary':
    case 'varbinary':
      return { kind: 'bytes', text, length: a };
    case 'inet':
    case 'cidr':
      return { kind: 'inet', text };
    case 'tsvector':
      return { kind: 'tsvector', text };
    case 'xml':
      return { kind: 'xml', text };
    case 'geometry':
    case 'point':
      return dialect === 'mysql' ? { kind: 'geometry', text } : { kind: 'unsupported', text };
    default:
      return { kind: 'unsupported', text };
  }
}
