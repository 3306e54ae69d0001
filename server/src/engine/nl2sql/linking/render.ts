// Compact CREATE TABLE-like rendering of the linked schema for a prompt: primary and foreign keys
// inline, comments as SQL comments (optional), enum values, and sample values only when fetched.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';

export interface RenderTableOptions {
  includeComments: boolean;
  /** Columns to show; all when undefined. Keys and foreign-key columns are always shown. */
  columns?: readonly ColumnInfo[];
  /** Sample values per column name (already filtered to what the question names). */
  samples?: ReadonlyMap<string, readonly string[]>;
}

/** Shorter spellings of common PostgreSQL type names, to save prompt tokens. */
function shortType(t: string): string {
  return t
    .replace(/^character varying/, 'varchar')
    .replace(/^character\b/, 'char')
    .replace(/^timestamp\((\d)\) without time zone$|^timestamp without time zone$/, 'timestamp')
    .replace(/^timestamp with time zone$/, 'timestamptz')
    .replace(/^time without time zone$/, 'time')
    .replace(/^double precision$/, 'float8');
}

function oneLine(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export function tableLabel(index: SchemaIndex, t: TableInfo): string {
  const name = index.dialect.quoteIfNeeded(t.name);
  return index.isOnSearchPath(t) ? name : `${index.dialect.quoteIfNeeded(t.schema)}.${name}`;
}

export function renderTable(index: SchemaIndex, t: TableInfo, options: RenderTableOptions): string {
  const q = (n: string) => index.dialect.quoteIfNeeded(n);
  const pk = t.primaryKey?.columns ?? [];
  const singleFk = new Map<string, string>();
  const multiFks: string[] = [];
  for (const fk of t.foreignKeys) {
    const ref = index.referencedTable(fk);
    const target = ref ? tableLabel(index, ref) : `${q(fk.refSchema)}.${q(fk.refTable)}`;
    if (fk.columns.length === 1) singleFk.set(fk.columns[0]!, `REFERENCES ${target}(${q(fk.refColumns[0]!)})`);
    else multiFks.push(`FOREIGN KEY (${fk.columns.map(q).join(', ')}) REFERENCES ${target}(${fk.refColumns.map(q).join(', ')})`);
  }
  const keep = options.columns ? new Set(options.columns) : undefined;
  const shown = t.columns.filter((c) => !keep || keep.has(c) || pk.includes(c.name) || singleFk.has(c.name) || multiFks.length > 0);
  const lines: { line: string; notes: string[] }[] = [];
  for (const c of shown) {
    let line = `  ${q(c.name)} ${shortType(c.dataType)}`;
    if (pk.length === 1 && pk[0] === c.name) line += ' PRIMARY KEY';
    else if (!c.nullable) line += ' NOT NULL';
    const fk = singleFk.get(c.name);
    if (fk) line += ' ' + fk;
    const notes: string[] = [];
    const en = c.enumRef ? index.findEnum(c.enumRef) : undefined;
    if (en) notes.push(`one of ${en.values.map((v) => `'${v}'`).join(', ')}`);
    const samples = options.samples?.get(c.name);
    if (samples && samples.length > 0) notes.push(`values include ${samples.map((v) => `'${oneLine(v, 60)}'`).join(', ')}`);
    if (options.includeComments && c.comment) notes.push(oneLine(c.comment, 80));
    lines.push({ line, notes });
  }
  const body = lines.map((l, i, all) => {
    const last = i === all.length - 1 && pk.length <= 1 && multiFks.length === 0;
    return `${l.line}${last ? '' : ','}${l.notes.length ? ' -- ' + l.notes.join('; ') : ''}`;
  });
  const extra = [...(pk.length > 1 ? [`  PRIMARY KEY (${pk.map(q).join(', ')})`] : []), ...multiFks.map((f) => `  ${f}`)];
  extra.forEach((e, i) => body.push(e + (i === extra.length - 1 ? '' : ',')));
  const omitted = t.columns.length - shown.length;
  if (omitted > 0) body.push(`  -- ${omitted} more column${omitted === 1 ? '' : 's'} not shown`);
  const kind = t.kind === 'view' || t.kind === 'materialized_view' ? 'VIEW' : 'TABLE';
  const comment = options.includeComments && t.comment ? ` -- ${oneLine(t.comment, 120)}` : '';
  return `CREATE ${kind} ${tableLabel(index, t)} (${comment}\n${body.join('\n')}\n);`;
}
