// The glossary: the team's terms from `.schemawise/glossary.yml`, each linked to the tables and
// columns it applies to (named in `appliesTo`, or whose names contain the term or a synonym), plus
// candidate terms harvested from the schema: entity words of table names, abbreviations in any name
// (qty → quantity) and acronyms in comments (SKU, VAT), each with the places it is used.
import type { SchemaModel } from '../schema/model';
import type { GlossaryTerm } from '../workspace/glossary-file';
import { cmp, tableKey } from './paths';
import { ABBREVIATIONS, nameWords, singular, STOP_WORDS } from './words';

export interface TermUsage {
  /** "schema.table" */
  table: string;
  column?: string;
}

export interface GlossaryEntry {
  term: string;
  definition?: string;
  synonyms: string[];
  /** 'glossary' (from glossary.yml) or the reason a candidate was harvested. */
  origin: 'glossary' | 'table name' | 'abbreviation' | 'acronym in comments';
  /** For abbreviations: the expansion. */
  expansion?: string;
  usages: TermUsage[];
  /** Where glossary.yml names a table/column that does not exist. */
  unresolved: string[];
}

export interface Glossary {
  entries: GlossaryEntry[];
  /** "schema.table" → indexes into entries. */
  byTable: Map<string, number[]>;
}

export function buildGlossary(model: SchemaModel, defined: readonly GlossaryTerm[]): Glossary {
  const tables = model.tables;
  const entries: GlossaryEntry[] = [];
  // Words of every name: word → usages.
  const tableWords = new Map<string, TermUsage[]>();
  const anyWords = new Map<string, TermUsage[]>();
  const add = (map: Map<string, TermUsage[]>, w: string, u: TermUsage) => {
    const list = map.get(w);
    if (list) list.push(u);
    else map.set(w, [u]);
  };
  for (const t of tables) {
    const key = tableKey(t);
    for (const w of new Set(nameWords(t.name))) {
      add(tableWords, singular(w), { table: key });
      add(anyWords, w, { table: key });
      add(anyWords, singular(w), { table: key });
    }
    for (const c of t.columns)
      for (const w of new Set(nameWords(c.name))) {
        add(anyWords, w, { table: key, column: c.name });
        if (singular(w) !== w) add(anyWords, singular(w), { table: key, column: c.name });
      }
  }
  const claimed = new Set<string>();

  // 1. The team's terms.
  for (const g of defined) {
    const usages: TermUsage[] = [];
    const unresolved: string[] = [];
    for (const target of g.appliesTo) {
      const u = resolveTarget(model, target);
      if (u) usages.push(u);
      else unresolved.push(target);
    }
    for (const phrase of [g.term, ...g.synonyms]) {
      const words = nameWords(phrase);
      claimed.add(words.join(' '));
      if (words.length === 1) usages.push(...(anyWords.get(words[0]!) ?? []), ...(anyWords.get(singular(words[0]!)) ?? []));
      else usages.push(...phraseUsages(model, words));
    }
    const e: GlossaryEntry = { term: g.term, synonyms: g.synonyms, origin: 'glossary', usages: uniqueUsages(usages), unresolved };
    if (g.definition) e.definition = g.definition;
    entries.push(e);
  }

  // 2. Entity words of table names.
  // A word is a candidate when more than one table uses it (a shared concept) or when the table it
  // names is described; a one-off word of an undescribed table (a view called "bea") is noise.
  const described = new Set(tables.filter((t) => t.comment?.trim()).map(tableKey));
  for (const [w, usages] of tableWords) {
    if (STOP_WORDS.has(w) || w.length < 3 || claimed.has(w) || ABBREVIATIONS[w]) continue;
    const all = uniqueUsages([...usages, ...(anyWords.get(w) ?? [])]);
    if (new Set(all.map((u) => u.table)).size < 2 && !usages.some((u) => described.has(u.table))) continue;
    claimed.add(w);
    entries.push({ term: w, synonyms: [], origin: 'table name', usages: all, unresolved: [] });
  }

  // 3. Abbreviations anywhere in names.
  for (const [w, usages] of anyWords) {
    const expansion = ABBREVIATIONS[w];
    if (!expansion || w === 'id' || claimed.has(w)) continue;
    claimed.add(w);
    entries.push({ term: w, expansion, synonyms: [], origin: 'abbreviation', usages: uniqueUsages(usages), unresolved: [] });
  }

  // 4. Acronyms in comments (two to six capitals, used at least once).
  const acronyms = new Map<string, TermUsage[]>();
  for (const t of tables) {
    const scan = (text: string | undefined, u: TermUsage) => {
      for (const m of (text ?? '').matchAll(/\b[A-Z]{2,6}s?\b/g)) {
        const a = m[0].replace(/s$/, '');
        if (a.length >= 2 && !COMMON_CAPS.has(a)) add(acronyms, a, u);
      }
    };
    scan(t.comment, { table: tableKey(t) });
    for (const c of t.columns) scan(c.comment, { table: tableKey(t), column: c.name });
  }
  for (const [a, usages] of acronyms) {
    if (claimed.has(a.toLowerCase())) continue;
    claimed.add(a.toLowerCase());
    entries.push({ term: a, synonyms: [], origin: 'acronym in comments', usages: uniqueUsages(usages), unresolved: [] });
  }

  entries.sort((a, b) => (a.origin === 'glossary' ? 0 : 1) - (b.origin === 'glossary' ? 0 : 1) || cmp(a.term.toLowerCase(), b.term.toLowerCase()) || cmp(a.term, b.term));
  const byTable = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const t of new Set(e.usages.map((u) => u.table))) {
      const list = byTable.get(t);
      if (list) list.push(i);
      else byTable.set(t, [i]);
    }
  });
  return { entries, byTable };
}

const COMMON_CAPS = new Set(['ID', 'IDS', 'NULL', 'NOT', 'AND', 'OR', 'THE', 'IF', 'IS', 'IN', 'ON', 'TO', 'OF', 'A', 'AN', 'PK', 'FK', 'SQL', 'UTC', 'NO', 'YES', 'TRUE', 'FALSE']);

function resolveTarget(model: SchemaModel, target: string): TermUsage | undefined {
  const parts = target.split('.');
  const tables = model.tables;
  const tryTable = (schema: string | undefined, name: string) =>
    tables.find((t) => (schema === undefined || t.schema === schema) && t.name === name) ??
    tables.find((t) => (schema === undefined || t.schema.toLowerCase() === schema.toLowerCase()) && t.name.toLowerCase() === name.toLowerCase());
  const col = (t: { columns: { name: string }[] }, name: string) => t.columns.find((c) => c.name === name) ?? t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (parts.length === 1) {
    const t = tryTable(undefined, parts[0]!);
    return t && { table: tableKey(t) };
  }
  if (parts.length === 2) {
    const t = tryTable(parts[0], parts[1]!);
    if (t) return { table: tableKey(t) };
    const bare = tryTable(undefined, parts[0]!);
    const c = bare && col(bare, parts[1]!);
    return bare && c ? { table: tableKey(bare), column: c.name } : undefined;
  }
  const t = tryTable(parts.slice(0, -2).join('.'), parts[parts.length - 2]!);
  const c = t && col(t, parts[parts.length - 1]!);
  return t && c ? { table: tableKey(t), column: c.name } : undefined;
}

/** Names whose words contain the phrase's words in order ("unit price" matches unit_price_usd). */
function phraseUsages(model: SchemaModel, words: string[]): TermUsage[] {
  const needle = ' ' + words.join(' ') + ' ';
  const out: TermUsage[] = [];
  for (const t of model.tables) {
    if ((' ' + nameWords(t.name).join(' ') + ' ').includes(needle)) out.push({ table: tableKey(t) });
    for (const c of t.columns) if ((' ' + nameWords(c.name).join(' ') + ' ').includes(needle)) out.push({ table: tableKey(t), column: c.name });
  }
  return out;
}

function uniqueUsages(list: TermUsage[]): TermUsage[] {
  const seen = new Set<string>();
  const out: TermUsage[] = [];
  for (const u of list) {
    const k = `${u.table}\u0000${u.column ?? ''}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(u);
    }
  }
  return out.sort((a, b) => cmp(a.table, b.table) || cmp(a.column ?? '', b.column ?? ''));
}
