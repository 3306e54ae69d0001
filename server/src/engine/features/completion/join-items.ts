// Join help from foreign keys. After `JOIN`: each table linked to one in scope, as a whole clause
// (`artist ar ON ar.artist_id = al.artist_id`). After `ON`: the join condition between the table
// just joined and each table before it, every column of a composite key included.
import type { ForeignKey, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import type { Source } from '../sources';
import { identifierText, type CompletionRequest } from './request';
import { RANK, type CompletionItem } from './types';

interface Link {
  /** The table holding the foreign key, and the referenced one. */
  from: { table: TableInfo; qualifier: string };
  to: { table: TableInfo; qualifier: string };
  fk: ForeignKey;
}

function condition(link: Link, q: (s: string) => string): string {
  return link.fk.columns.map((c, i) => `${q(link.from.qualifier)}.${q(c)} = ${q(link.to.qualifier)}.${q(link.fk.refColumns[i] ?? c)}`).join(' AND ');
}

/** Foreign keys between two tables, either direction. */
function linksBetween(a: { table: TableInfo; qualifier: string }, b: { table: TableInfo; qualifier: string }, index: SchemaIndex): Link[] {
  const out: Link[] = [];
  for (const fk of a.table.foreignKeys) if (index.referencedTable(fk) === b.table) out.push({ from: a, to: b, fk });
  if (a.table !== b.table) for (const fk of b.table.foreignKeys) if (index.referencedTable(fk) === a.table) out.push({ from: b, to: a, fk });
  return out;
}

/** `… JOIN t x ON |`: conditions between the last joined table and the tables before it. */
export function joinConditionItems(req: CompletionRequest, offset: number): CompletionItem[] {
  const own = req.sources.filter((s) => s.ref.level === 0 && !s.ref.pseudo && s.table && s.ref.end <= offset);
  const joined = own.filter((s) => s.ref.clause === 'join').at(-1);
  if (!joined?.table) return [];
  const q = (s: string) => req.index.dialect.quoteIfNeeded(s);
  const items: CompletionItem[] = [];
  own.forEach((other, n) => {
    if (other === joined) return;
    for (const link of linksBetween(sourceEnd(joined), sourceEnd(other), req.index)) {
      const text = condition(link, q);
      items.push({
        label: text,
        kind: 'join',
        detail: `foreign key ${link.fk.name}`,
        insertText: text,
        sortText: `${RANK.joinCondition}${String(own.length - n).padStart(3, '0')}${link.fk.name}`,
        filterText: text,
      });
    }
  });
  return items;
}

function sourceEnd(s: Source): { table: TableInfo; qualifier: string } {
  return { table: s.table!, qualifier: s.qualifier };
}

/** `FROM a JOIN |`: every table linked to a table in scope, with an alias and its ON condition. */
export function joinClauseItems(req: CompletionRequest, offset: number): CompletionItem[] {
  // The reference being typed (`JOIN cu|`) is not a table of the scope yet.
  const typed = (s: Source) => s.ref.start <= offset && offset <= s.ref.end;
  const own = req.sources.filter((s) => s.ref.level === 0 && !s.ref.pseudo && s.table && !typed(s));
  const used = new Set(req.sources.filter((s) => !typed(s)).map((s) => s.qualifier.toLowerCase()));
  const items: CompletionItem[] = [];
  const q = (s: string) => req.index.dialect.quoteIfNeeded(s);
  const inScope = new Set(own.map((s) => s.table!));
  // Ranking: tables not joined yet before tables joined again (self-joins are rarer), and among
  // them the links of the most recently joined table first (a chain of joins follows the last one).
  own.forEach((s, n) => {
    const recency = String(own.length - 1 - n).padStart(3, '0');
    const candidates = new Map<TableInfo, true>();
    for (const fk of s.table!.foreignKeys) {
      const t = req.index.referencedTable(fk);
      if (t) candidates.set(t, true);
    }
    for (const { table } of req.index.incomingForeignKeys(s.table!)) candidates.set(table, true);
    for (const t of candidates.keys()) {
      const alias = freshAlias(t.name, used);
      const name = req.index.isOnSearchPath(t) ? identifierText(req, t.name) : `${q(t.schema)}.${identifierText(req, t.name)}`;
      for (const link of linksBetween({ table: t, qualifier: alias }, sourceEnd(s), req.index)) {
        const text = `${name} ${alias} ON ${condition(link, q)}`;
        items.push({
          label: text,
          kind: 'join',
          detail: `join on foreign key ${link.fk.name}`,
          resolve: { kind: 'table', schema: t.schema, table: t.name },
          insertText: text,
          sortText: `${RANK.joinCondition}${inScope.has(t) ? 1 : 0}${recency}${t.name}`,
          filterText: t.name,
        });
      }
    }
  });
  return items;
}

/** Initials of the name's parts (invoice_line → il, InvoiceLine → il), made unique in the statement. */
export function freshAlias(name: string, used: Set<string>): string {
  const parts = name.split(/_+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
  let base = parts.map((p) => p[0]).join('').toLowerCase().replace(/[^a-z0-9_]/g, '') || 't';
  if (!/^[a-z_]/.test(base)) base = 't' + base;
  let alias = base;
  for (let n = 2; used.has(alias) || RESERVED_ALIAS.has(alias); n++) alias = `${base}${n}`;
  return alias;
}

const RESERVED_ALIAS = new Set(['as', 'at', 'by', 'do', 'if', 'in', 'is', 'no', 'of', 'on', 'or', 'to', 'all', 'and', 'any', 'asc', 'end', 'for', 'not', 'set']);
