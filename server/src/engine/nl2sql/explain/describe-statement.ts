// The offline "Explain this SQL": a deterministic, structural description of one statement in plain
// words — what it reads, how the tables are joined, which rows it keeps, how it groups, sorts and
// limits, and what a write changes — built from the parser's AST and the schema (for table comments).
// It never guesses intent: it only restates the statement's structure.
import type { DialectId } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { tablesUsed } from '../tables-used';
import { parseSql, type Node, type ParsedSql } from './sql-ast';

const JOIN_WORDS: Record<string, string> = {
  'INNER JOIN': 'inner join: only rows with a match on both sides',
  JOIN: 'inner join: only rows with a match on both sides',
  'LEFT JOIN': 'left join: keeps every row on the left, with NULLs when nothing matches',
  'LEFT OUTER JOIN': 'left join: keeps every row on the left, with NULLs when nothing matches',
  'RIGHT JOIN': 'right join: keeps every row of this table, with NULLs when nothing matches',
  'RIGHT OUTER JOIN': 'right join: keeps every row of this table, with NULLs when nothing matches',
  'FULL JOIN': 'full join: keeps unmatched rows from both sides',
  'FULL OUTER JOIN': 'full join: keeps unmatched rows from both sides',
  'CROSS JOIN': 'cross join: every combination of rows',
};

/** Markdown explaining `sql` (one or more statements) against `schema`. */
export function describeSql(sql: string, schema: SchemaIndex): string {
  const dialect: DialectId = schema.model.dialect;
  const parsed = parseSql(sql, dialect);
  if (!parsed || parsed.statements.length === 0) return fallback(sql, schema);
  const parts = parsed.statements.map((s, i) => {
    const body = describeStatement(s, parsed, schema, 0);
    return parsed.statements.length > 1 ? `### Statement ${i + 1}\n\n${body}` : body;
  });
  return parts.join('\n\n');
}

function describeStatement(s: Node, p: ParsedSql, schema: SchemaIndex, depth: number): string {
  const type = String(s.type ?? '').toLowerCase();
  const lines: string[] = [];
  for (const cte of list(s.with)) {
    const name = p.text((cte.name as Node | undefined)?.value ?? cte.name);
    const inner = (cte.stmt as Node | undefined)?.ast ?? cte.stmt;
    if (typeof inner === 'object' && inner !== null) lines.push(`**First defines \`${name}\`** (a common table expression):\n\n${indent(describeStatement(inner as Node, p, schema, depth + 1))}`);
  }
  if (type === 'select') lines.push(...describeSelect(s, p, schema, depth));
  else if (type === 'update') lines.push(...describeUpdate(s, p, schema));
  else if (type === 'delete') lines.push(...describeDelete(s, p, schema));
  else if (type === 'insert' || type === 'replace') lines.push(...describeInsert(s, p, schema, depth));
  else lines.push(`A \`${type.toUpperCase() || 'SQL'}\` statement.`);
  const union = s._next as Node | undefined;
  if (union && typeof union === 'object') lines.push(`**Combined with** (${String(s.set_op ?? 'UNION').toUpperCase()}) the rows of:\n\n${indent(describeStatement(union, p, schema, depth + 1))}`);
  return lines.join('\n\n');
}

function describeSelect(s: Node, p: ParsedSql, schema: SchemaIndex, depth: number): string[] {
  const out: string[] = [];
  const from = list(s.from);
  if (from.length > 0) {
    const [first, ...rest] = from;
    const { text, comment } = sourceParts(first!, p, schema, depth);
    out.push(text.endsWith('\n') ? `**Reads** ${text.trimEnd()}` : `**Reads** ${text}${comment}.`);
    const joins = rest.map((f) => {
      const how = JOIN_WORDS[String(f.join ?? 'JOIN').toUpperCase()] ?? String(f.join ?? 'join').toLowerCase();
      const on = f.on ? `, matched on \`${p.text(f.on)}\`` : Array.isArray(f.using) ? `, matched on equal \`${f.using.map((u) => nameOf(u)).join('`, `')}\`` : '';
      const { text, comment } = sourceParts(f, p, schema, depth);
      return `- ${text}${on} (${how})${comment}`;
    });
    if (joins.length > 0) out.push(`**Joins**:\n${joins.join('\n')}`);
  } else out.push('**Computes** values without reading a table.');
  const distinct = (s.distinct as Node | undefined)?.type ? ' distinct' : '';
  const columns = list(s.columns);
  const star = s.columns === '*' || columns.some((c) => (c.expr as Node | undefined)?.type === 'star' || (c.expr as Node | undefined)?.column === '*');
  if (star && columns.length <= 1) out.push(`**Returns**${distinct} every column${distinct ? ' (duplicate rows removed)' : ''}.`);
  else if (columns.length > 0) {
    const cols = columns.map((c) => `\`${p.text(c.expr)}\`${c.as ? ` as \`${p.text(c.as)}\`` : ''}${isAggregate(c.expr) ? ' (aggregate)' : ''}`);
    out.push(`**Returns**${distinct} ${cols.join(', ')}${distinct ? ' (duplicate rows removed)' : ''}.`);
  }
  if (s.where) out.push(conditions('**Keeps only rows** where', s.where as Node, p));
  const groupBy = list((s.groupby as Node | undefined)?.columns ?? s.groupby);
  if (groupBy.length > 0) out.push(`**Groups** rows by ${groupBy.map((g) => `\`${p.text(g)}\``).join(', ')}, one result row per group.`);
  else if (columns.some((c) => isAggregate(c.expr))) out.push('**Aggregates** all matching rows into one result row.');
  if (s.having) out.push(conditions('**Keeps only groups** where', s.having as Node, p));
  const order = list(s.orderby);
  if (order.length > 0) out.push(`**Sorts** by ${order.map((o) => `\`${p.text(o.expr)}\` ${String(o.type ?? 'ASC').toUpperCase() === 'DESC' ? 'descending' : 'ascending'}`).join(', then ')}.`);
  const limit = list((s.limit as Node | undefined)?.value);
  if (limit.length > 0) {
    const sep = String((s.limit as Node).seperator ?? '');
    const [a, b] = limit.map((v) => p.text(v.value ?? v));
    if (b !== undefined) out.push(sep === 'offset' ? `**Returns at most** ${a} rows, skipping the first ${b}.` : `**Returns at most** ${b} rows, skipping the first ${a}.`);
    else out.push(`**Returns at most** ${a} row${a === '1' ? '' : 's'}.`);
  } else if (s.top) out.push(`**Returns at most** ${p.text((s.top as Node).value ?? s.top)} rows.`);
  return out;
}

function describeUpdate(s: Node, p: ParsedSql, schema: SchemaIndex): string[] {
  const target = list(s.table).map((t) => source(t, p, schema, 0)).join(', ');
  const sets = list(s.set).map((x) => `\`${nameOf(x.column)}\` to \`${p.text(x.value)}\``);
  const out = [`**Changes data**: updates ${target}, setting ${sets.join(', ')}.`];
  out.push(s.where ? conditions('**Only rows** where', s.where as Node, p) : '**Every row** of the table is updated (there is no WHERE clause).');
  return out;
}

function describeDelete(s: Node, p: ParsedSql, schema: SchemaIndex): string[] {
  const target = list(s.from).map((t) => source(t, p, schema, 0)).join(', ');
  return [`**Changes data**: deletes rows from ${target}.`, s.where ? conditions('**Only rows** where', s.where as Node, p) : '**Every row** of the table is deleted (there is no WHERE clause).'];
}

function describeInsert(s: Node, p: ParsedSql, schema: SchemaIndex, depth: number): string[] {
  const target = list(s.table).map((t) => source(t, p, schema, 0)).join(', ');
  const columns = list(s.columns).map((c) => `\`${p.text(c)}\``);
  const values = s.values as Node | undefined;
  const rows = list(values?.values ?? s.values);
  const out = [`**Changes data**: inserts into ${target}${columns.length ? ` (${columns.join(', ')})` : ''}.`];
  if (values?.type === 'select' || (s.values as Node | undefined)?.type === 'select') out.push(`The rows come from a query:\n\n${indent(describeStatement(values as Node, p, schema, depth + 1))}`);
  else if (rows.length > 0) out.push(`${rows.length} row${rows.length === 1 ? '' : 's'} of literal values.`);
  return out;
}

/** A FROM/JOIN item: table (with its alias and comment) or derived table. */
function source(f: Node, p: ParsedSql, schema: SchemaIndex, depth: number): string {
  const { text, comment } = sourceParts(f, p, schema, depth);
  return text + comment;
}

/** The item's name (or subquery description) and, apart, " — its table comment". */
function sourceParts(f: Node, p: ParsedSql, schema: SchemaIndex, depth: number): { text: string; comment: string } {
  const alias = f.as ? ` (as \`${p.text(f.as)}\`)` : '';
  const sub = (f.expr as Node | undefined)?.ast as Node | undefined;
  if (sub) return { text: `a subquery${alias}:\n\n${indent(describeStatement(sub, p, schema, depth + 1))}\n\n`, comment: '' };
  const name = String(f.table ?? '?');
  const db = typeof f.db === 'string' && f.db ? f.db : typeof f.schema === 'string' && f.schema ? f.schema : undefined;
  // The parser drops quotes: try the folded name first, then the exact one.
  const part = (text: string, quoted: boolean) => ({ text, quoted });
  const t = schema.findTable(part(name, false), db ? part(db, false) : undefined) ?? schema.findTable(part(name, true), db ? part(db, true) : undefined);
  const label = t ? `${schema.isOnSearchPath(t) ? '' : `${t.schema}.`}${t.name}` : db ? `${db}.${name}` : name;
  return { text: `\`${label}\`${alias}`, comment: t?.comment ? ` — _${firstSentence(t.comment).replace(/\.$/, '')}_` : '' };
}

/** A WHERE/HAVING clause: top-level ANDs as a bullet list, anything else as one line. */
function conditions(lead: string, expr: Node, p: ParsedSql): string {
  const parts: Node[] = [];
  const walk = (e: Node) => {
    if (e.type === 'binary_expr' && String(e.operator).toUpperCase() === 'AND' && !e.parentheses) {
      walk(e.left as Node);
      walk(e.right as Node);
    } else parts.push(e);
  };
  walk(expr);
  if (parts.length === 1) return `${lead} \`${p.text(parts[0])}\`.`;
  return `${lead} all of:\n${parts.map((c) => `- \`${p.text(c)}\``).join('\n')}`;
}

/** A column or name as the parser gives it: a string, `{ expr: { value } }` or `{ value }`. */
function nameOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null) return String(v ?? '');
  const n = v as Node;
  if (typeof n.value === 'string') return n.value;
  return nameOf((n.expr as Node | undefined)?.value ?? n.column ?? '?');
}

function isAggregate(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Node).type === 'aggr_func';
}

function list(v: unknown): Node[] {
  return Array.isArray(v) ? v.filter((x): x is Node => typeof x === 'object' && x !== null) : [];
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
}

function firstSentence(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  const end = one.search(/[.!?](\s|$)/);
  const cut = end > 0 ? one.slice(0, end + 1) : one;
  return cut.length > 120 ? cut.slice(0, 117) + '…' : cut;
}

/** The grammar rejected the statement: say so, and name what the tokens show. */
function fallback(sql: string, schema: SchemaIndex): string {
  const tables = tablesUsed(sql, schema);
  const verb = /^\s*(\w+)/.exec(sql.replace(/^\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/)*/g, ''))?.[1]?.toUpperCase() ?? 'SQL';
  return [
    `A \`${verb}\` statement that the structural explainer could not parse completely (it may use syntax it does not know, or have an error).`,
    tables.length ? `It names the tables ${tables.map((t) => `\`${t}\``).join(', ')}.` : 'It names no table of the schema.',
  ].join('\n\n');
}
