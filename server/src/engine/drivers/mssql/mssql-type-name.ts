// SQL Server type text as people write it, from sys.types name + sys.columns/sys.parameters sizes:
// max_length is in bytes (-1 = MAX), so nvarchar/nchar lengths are halved.
export interface TypeShape {
  type_name: string;
  max_length: number;
  precision: number;
  scale: number;
}

const CHAR_TYPES = new Set(['varchar', 'char', 'varbinary', 'binary']);
const WIDE_CHAR_TYPES = new Set(['nvarchar', 'nchar']);
const PRECISION_SCALE = new Set(['decimal', 'numeric']);
const SCALE_ONLY = new Set(['datetime2', 'time', 'datetimeoffset']);

export function mssqlTypeName(t: TypeShape): string {
  const name = t.type_name.toLowerCase();
  if (CHAR_TYPES.has(name)) return `${name}(${t.max_length === -1 ? 'max' : t.max_length})`;
  if (WIDE_CHAR_TYPES.has(name)) return `${name}(${t.max_length === -1 ? 'max' : t.max_length / 2})`;
  if (PRECISION_SCALE.has(name)) return `${name}(${t.precision},${t.scale})`;
  if (SCALE_ONLY.has(name)) return t.scale === 7 ? name : `${name}(${t.scale})`;
  return t.type_name;
}
