// The type of each `${…}` of a whole-statement template, read from its context in the SQL and the
// schema: the column it is compared with (`t.album_id = ${id}`, `${id} = album_id`, `IN (${a}, ${b})`,
// `BETWEEN ${lo} AND ${hi}`, `LIKE ${p}`), assigned to (`SET total = ${t}`), or inserted into
// (`INSERT INTO t (a, b) VALUES (${x}, ${y})`), and LIMIT/OFFSET counts. Where the context says
// nothing certain, nothing is claimed.
import type { TableInfo } from '../schema/model';
import type { NamePart, SchemaIndex } from '../schema/schema-index';
import { getDialect, type Dialect } from '../sql/dialect';
import { resolveScope } from '../sql/scope';
import { tokenize } from '../sql/tokenizer';
import { isIdentifier, isPunct, keywordOf, type Token } from '../sql/tokens';
import type { EmbeddedSql } from './embedded-sql';
import type { Placeholder } from './scan';

export interface ParameterType {
  placeholder: Placeholder;
  /** 1-based position among the template's substitutions. */
  index: number;
  /** Type as the schema prints it ("integer", "character varying(40)"), or "bigint" for LIMIT/OFFSET. */
  dataType: string;
  /** "table.column" the type comes from, when it comes from a column. */
  column?: string;
}

const COMPARISON = new Set(['=', '<>', '!=', '<', '>', '<=', '>=']);
const COMPARISON_WORDS = new Set(['LIKE', 'ILIKE']);

export function parameterTypes(view: EmbeddedSql, schema: SchemaIndex): ParameterType[] {
  const dialect = getDialect(view.dialect);
  const out: ParameterType[] = [];
  for (const region of view.regions) {
    if (region.role !== 'statement' || region.placeholders.length === 0) continue;
    const text = view.text.slice(0, region.end); // host offsets: tokens keep them
    const all = tokenize(text, dialect, region.start, region.end).filter((t) => t.kind !== 'comment');
    region.placeholders.forEach((p, i) => {
      const param = all.findIndex((t) => t.kind === 'param' && t.start >= p.start && t.end <= p.end);
      if (param === -1) return;
      // The statement around the parameter (a template may hold several).
      let from = param;
      while (from > 0 && !isPunct(all[from - 1], ';')) from--;
      let to = param;
      while (to < all.length && !isPunct(all[to], ';')) to++;
      const tokens = all.slice(from, to);
      const at = param - from;
      const found = typeAt(tokens, at, schema, dialect);
      if (found) out.push({ placeholder: p, index: i + 1, ...found });
    });
  }
  return out;
}

function typeAt(tokens: Token[], at: number, schema: SchemaIndex, dialect: Dialect): Omit<ParameterType, 'placeholder' | 'index'> | undefined {
  const before = tokens[at - 1];
  const kw = keywordOf(before);
  if (kw === 'LIMIT' || kw === 'OFFSET' || kw === 'TOP' || (isPunct(before, '(') && keywordOf(tokens[at - 2]) === 'TOP')) return { dataType: 'bigint' };
  // column <op> $n (SET column = $n included: the UPDATE's table is in scope)
  if (before && (COMPARISON.has(before.text) || COMPARISON_WORDS.has(kw))) {
    const col = columnEndingAt(tokens, at - 2);
    if (col) return resolve(tokens, col, at, schema, dialect);
  }
  // $n <op> column
  const after = tokens[at + 1];
  if (after && (COMPARISON.has(after.text) || COMPARISON_WORDS.has(keywordOf(after)))) {
    const col = columnStartingAt(tokens, at + 2);
    if (col) return resolve(tokens, col, at, schema, dialect);
  }
  // column BETWEEN $n AND $m
  if (kw === 'BETWEEN') return resolveAt(tokens, columnEndingAt(tokens, at - 2), at, schema, dialect);
  if (kw === 'AND' && keywordOf(tokens[at - 3]) === 'BETWEEN') return resolveAt(tokens, columnEndingAt(tokens, at - 4), at, schema, dialect);
  // column IN (…, $n, …) and INSERT … VALUES (…, $n, …)
  const open = listOpen(tokens, at);
  if (open === undefined) return undefined;
  if (keywordOf(tokens[open.index - 1]) === 'IN') return resolveAt(tokens, columnEndingAt(tokens, open.index - 2), at, schema, dialect);
  if (keywordOf(tokens[open.index - 1]) === 'VALUES') return insertTarget(tokens, open.index - 1, open.position, schema);
  return undefined;
}

interface ColumnRef {
  qualifier?: Token;
  name: Token;
}

/** `name` or `qualifier.name` whose last token is tokens[end]. */
function columnEndingAt(tokens: Token[], end: number): ColumnRef | undefined {
  const name = tokens[end];
  if (!isIdentifier(name) || (name.kind === 'word' && isReserved(name))) return undefined;
  if (isPunct(tokens[end - 1], '.') && isIdentifier(tokens[end - 2])) return { qualifier: tokens[end - 2], name };
  return { name };
}

function columnStartingAt(tokens: Token[], start: number): ColumnRef | undefined {
  const first = tokens[start];
  if (!isIdentifier(first) || (first.kind === 'word' && isReserved(first))) return undefined;
  if (isPunct(tokens[start + 1], '.') && isIdentifier(tokens[start + 2])) return isPunct(tokens[start + 3], '.') ? undefined : { qualifier: first, name: tokens[start + 2]! };
  return isPunct(tokens[start + 1], '(') ? undefined : { name: first };
}

const RESERVED = new Set(['AND', 'OR', 'NOT', 'WHERE', 'ON', 'SET', 'SELECT', 'NULL', 'TRUE', 'FALSE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'IS', 'IN', 'BETWEEN', 'LIKE', 'ILIKE', 'HAVING', 'VALUES', 'RETURNING']);
const isReserved = (t: Token) => RESERVED.has(t.text.toUpperCase());

/** The `(` of the comma list the parameter is a direct element of, and the parameter's 0-based position. */
function listOpen(tokens: Token[], at: number): { index: number; position: number } | undefined {
  let depth = 0;
  let position = 0;
  for (let i = at - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (isPunct(t, ')')) depth++;
    else if (isPunct(t, '(')) {
      if (depth === 0) return isSimpleElement(tokens, at) ? { index: i, position } : undefined;
      depth--;
    } else if (depth === 0 && isPunct(t, ',')) position++;
    else if (depth === 0 && t.kind === 'word' && ['SELECT', 'WHERE', 'FROM'].includes(keywordOf(t))) return undefined;
  }
  return undefined;
}

/** The parameter is a whole list element (`, $1,` or `($1)`), not part of an expression (`$1 + 1`). */
function isSimpleElement(tokens: Token[], at: number): boolean {
  const prev = tokens[at - 1];
  const next = tokens[at + 1];
  return (isPunct(prev, ',') || isPunct(prev, '(')) && (isPunct(next, ',') || isPunct(next, ')'));
}

function resolveAt(tokens: Token[], col: ColumnRef | undefined, at: number, schema: SchemaIndex, dialect: Dialect) {
  return col ? resolve(tokens, col, at, schema, dialect) : undefined;
}

const namePart = (t: Token): NamePart => ({ text: t.value ?? t.text, quoted: t.kind === 'quoted' });
const sameName = (a: Token, b: Token, dialect: Dialect) => dialect.foldIdentifier(a.value ?? a.text, a.kind === 'quoted') === dialect.foldIdentifier(b.value ?? b.text, b.kind === 'quoted');

/** The column among the tables in scope at the parameter: by qualifier, or the one table that has it. */
function resolve(tokens: Token[], col: ColumnRef, at: number, schema: SchemaIndex, dialect: Dialect): Omit<ParameterType, 'placeholder' | 'index'> | undefined {
  const scope = resolveScope(tokens, tokens[at]!.start, dialect);
  const candidates: TableInfo[] = [];
  for (const ref of scope.tables) {
    if (ref.kind !== 'table' || !ref.name || ref.cte || ref.level > 0) continue;
    if (col.qualifier && !sameName(col.qualifier, ref.alias ?? ref.name, dialect)) continue;
    const table = schema.findTable(namePart(ref.name), ref.schema ? namePart(ref.schema) : undefined);
    if (table) candidates.push(table);
  }
  const hits = candidates.flatMap((table) => {
    const column = schema.findColumn(table, namePart(col.name));
    return column ? [{ table, column }] : [];
  });
  if (hits.length !== 1) return undefined;
  const { table, column } = hits[0]!;
  return { dataType: column.dataType, column: `${table.name}.${column.name}` };
}

/** INSERT INTO t (a, b, …) VALUES (…): the column at the parameter's position in the list. */
function insertTarget(tokens: Token[], values: number, position: number, schema: SchemaIndex): Omit<ParameterType, 'placeholder' | 'index'> | undefined {
  if (!isPunct(tokens[values - 1], ')')) return undefined;
  let open = values - 1;
  while (open >= 0 && !isPunct(tokens[open], '(')) open--;
  const names = tokens.slice(open + 1, values - 1).filter((t) => !isPunct(t, ','));
  if (names.some((t) => !isIdentifier(t)) || !names[position]) return undefined;
  // INTO [schema.]table (
  const name = tokens[open - 1];
  if (!isIdentifier(name)) return undefined;
  const qualified = isPunct(tokens[open - 2], '.') && isIdentifier(tokens[open - 3]);
  if (keywordOf(tokens[qualified ? open - 4 : open - 2]) !== 'INTO') return undefined;
  const table = schema.findTable(namePart(name), qualified ? namePart(tokens[open - 3]!) : undefined);
  const column = table && schema.findColumn(table, namePart(names[position]));
  return column ? { dataType: column.dataType, column: `${table.name}.${column.name}` } : undefined;
}
