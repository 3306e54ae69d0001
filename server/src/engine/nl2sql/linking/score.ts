// Lexical relevance of tables and columns to a question: stems of the question's content words
// against the words of table names, column names and comments (synonyms count a little less).
// Words that occur in many tables weigh less (an IDF-like factor), so "id" or "name" cannot pull
// every table in.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { nl2sqlWork } from '../work-counters';
import { contentStems, splitWords, stem, stemsOfName, synonymsOf } from '../words';

export interface TableScore {
  table: TableInfo;
  score: number;
  /** Columns whose name or comment shares a word with the question. */
  matchedColumns: ColumnInfo[];
}

/** Column words too generic to make a column relevant on their own. */
const GENERIC = new Set(['id', 'name', 'code', 'type', 'date', 'time', 'last', 'update', 'desc', 'description', 'value', 'no', 'num']);

interface TableWords {
  name: Set<string>;
  comment: Set<string>;
  columns: { column: ColumnInfo; words: Set<string>; nameWords: Set<string> }[];
  all: Set<string>;
}

function stems(text: string | undefined): Set<string> {
  return new Set(text ? splitWords(text).map(stem) : []);
}

interface SchemaWords {
  words: Map<TableInfo, TableWords>;
  /** Inverted index: the tables a word occurs in (anywhere), in schema order. */
  tablesWith: Map<string, TableInfo[]>;
  /** In how many tables a word occurs anywhere / in the table name. */
  df: Map<string, number>;
  nameDf: Map<string, number>;
}

/** Word sets per table, computed once per SchemaIndex (a snapshot never changes). */
const cache = new WeakMap<SchemaIndex, SchemaWords>();

function schemaWords(index: SchemaIndex): SchemaWords {
  let sw = cache.get(index);
  if (sw) return sw;
  nl2sqlWork.wordIndexBuilds++;
  const words = new Map<TableInfo, TableWords>();
  const df = new Map<string, number>();
  const nameDf = new Map<string, number>();
  const tablesWith = new Map<string, TableInfo[]>();
  for (const t of index.model.tables) {
    const columns = t.columns.map((c) => {
      const nameWords = new Set(stemsOfName(c.name));
      return { column: c, nameWords, words: c.comment ? new Set([...nameWords, ...stems(c.comment)]) : nameWords };
    });
    const name = new Set(stemsOfName(t.name));
    const comment = stems(t.comment);
    const all = new Set([...name, ...comment, ...columns.flatMap((c) => [...c.words])]);
    words.set(t, { name, comment, columns, all });
    for (const w of all) {
      df.set(w, (df.get(w) ?? 0) + 1);
      const list = tablesWith.get(w);
      if (list) list.push(t);
      else tablesWith.set(w, [t]);
    }
    for (const w of name) nameDf.set(w, (nameDf.get(w) ?? 0) + 1);
  }
  sw = { words, df, nameDf, tablesWith };
  cache.set(index, sw);
  return sw;
}

/**
 * Scores of the tables that share at least one word (or synonym) with the question, in schema
 * order; every other table scores 0. Work per question is proportional to the tables that match,
 * found through the inverted index built once per schema.
 */
export function scoreTables(index: SchemaIndex, question: string): TableScore[] {
  const { words, df, nameDf, tablesWith } = schemaWords(index);
  const idf = (w: string) => 1 / (1 + Math.log(1 + (df.get(w) ?? 0)));
  const nameIdf = (w: string) => 1 / (1 + Math.log(1 + (nameDf.get(w) ?? 0)));
  // The question's stems, each with its synonyms at a lower weight.
  const query = new Map<string, number>();
  for (const q of contentStems(question)) {
    query.set(q, 1);
    for (const s of synonymsOf(q)) if (!query.has(s)) query.set(s, 0.7);
  }
  const hit = new Set<TableInfo>();
  for (const q of query.keys()) for (const t of tablesWith.get(q) ?? []) hit.add(t);
  const order = schemaOrder(index);
  const tables = [...hit].sort((a, b) => order.get(a)! - order.get(b)!);
  nl2sqlWork.tablesScored += tables.length;
  return tables.map((table) => {
    const tw = words.get(table)!;
    let score = 0;
    const byName = new Set<ColumnInfo>();
    const byComment = new Set<ColumnInfo>();
    for (const [q, weight] of query) {
      if (!tw.all.has(q)) continue;
      const w = weight * idf(q);
      if (tw.name.has(q)) score += 3 * weight * nameIdf(q);
      if (tw.comment.has(q)) score += 1 * w;
      const cols = tw.columns.filter((c) => c.words.has(q));
      if (cols.length > 0) score += (GENERIC.has(q) ? 0.3 : 1.2) * w;
      if (GENERIC.has(q) && cols.length > 2) continue;
      for (const c of cols) (c.nameWords.has(q) ? byName : byComment).add(c.column);
    }
    // Columns matched by name first; comment matches only a few, or short forms stop being short.
    const comment = [...byComment].filter((c) => !byName.has(c)).slice(0, 2);
    const matched = new Set([...[...byName].slice(0, 6), ...comment]);
    // All words of a multi-word table name present ("invoice line") beats a single shared word.
    if (tw.name.size > 1 && [...tw.name].every((n) => query.has(n))) score += 1;
    return { table, score, matchedColumns: table.columns.filter((c) => matched.has(c)) };
  });
}

const orders = new WeakMap<SchemaIndex, Map<TableInfo, number>>();

/** Position of each table in the schema (computed once per schema). */
export function schemaOrder(index: SchemaIndex): Map<TableInfo, number> {
  let o = orders.get(index);
  if (!o) orders.set(index, (o = new Map(index.model.tables.map((t, i) => [t, i]))));
  return o;
}
