// Schema linking: choose the tables and columns a prompt shows, under a token budget. Tables that
// share words with the question come first (with the tables that connect them along foreign keys),
// in a short form (keys, matched columns, a label column); then they grow to all their columns;
// then the remaining tables fill what budget is left, most connected first.
import type { ColumnInfo, TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { schemaGraphOf } from '../schema-graph';
import { textValueHints } from '../values';
import { nl2sqlWork } from '../work-counters';
import { estimateTokens } from '../words';
import { renderTable } from './render';
import { schemaOrder, scoreTables } from './score';

/**
 * Distinct values of one column that equal (case-insensitively) one of `hints`, from the database.
 * Off unless the caller passes one: sample values are data, not metadata.
 */
export type SampleValueSource = (table: TableInfo, column: ColumnInfo, hints: readonly string[], signal?: AbortSignal) => Promise<string[]>;

export interface LinkingOptions {
  /** Token budget of the rendered schema (default 2000; estimate: characters / 4). */
  budgetTokens?: number;
  /** Render table and column comments (default true). */
  includeComments?: boolean;
  /** Fetch matching sample values of short text columns when the question names a value. */
  sampleValues?: SampleValueSource;
  /** Columns probed for sample values at most (default 12). */
  maxSampleColumns?: number;
  signal?: AbortSignal;
}

export interface LinkedTable {
  table: TableInfo;
  score: number;
  /** Columns shown; every column when `full`. */
  columns: ColumnInfo[];
  full: boolean;
  matchedColumns: ColumnInfo[];
}

export interface LinkedSchema {
  tables: LinkedTable[];
  /** The rendered schema text that goes into the prompt. */
  text: string;
  tokens: number;
  tokenEstimate: 'chars/4';
  budgetTokens: number;
  /** Tables of the schema left out. */
  omittedTables: number;
  /** Sample values that were included, per "table.column". */
  samples: Map<string, string[]>;
}

export const DEFAULT_BUDGET_TOKENS = 2000;
/** No table renders in fewer tokens than this: stop trying to add when less is left. */
const MIN_TABLE_TOKENS = 8;

const graphOf = schemaGraphOf;

/**
 * Tables in a row that did not fit the budget before a loop gives up: the budget is nearly spent
 * then, and on a 50,000-table schema the rest of the list would cost time for nothing.
 */
export const MAX_MISSES = 64;

const degreeOrders = new WeakMap<SchemaIndex, TableInfo[]>();

/** The schema's tables, most connected first (ties in schema order), computed once per schema. */
function byDegree(index: SchemaIndex): TableInfo[] {
  let list = degreeOrders.get(index);
  if (!list) {
    const graph = graphOf(index);
    list = [...index.model.tables].sort((a, b) => graph.degree(b) - graph.degree(a));
    degreeOrders.set(index, list);
  }
  return list;
}

const renderCosts = new WeakMap<SchemaIndex, Map<string, Map<TableInfo, { full?: number; short?: number }>>>();
function costCache(index: SchemaIndex, comments: boolean): Map<TableInfo, { full?: number; short?: number }> {
  let byMode = renderCosts.get(index);
  if (!byMode) renderCosts.set(index, (byMode = new Map()));
  const mode = comments ? 'comments' : 'plain';
  let m = byMode.get(mode);
  if (!m) byMode.set(mode, (m = new Map()));
  return m;
}

interface Entry {
  table: TableInfo;
  score: number;
  matched: ColumnInfo[];
  full: boolean;
  cost: number;
}

/** Synchronous selection without sample values (what benchmarks measure). */
export function selectSchema(index: SchemaIndex, question: string, options: Omit<LinkingOptions, 'sampleValues' | 'signal'> = {}): LinkedSchema {
  const budget = options.budgetTokens ?? DEFAULT_BUDGET_TOKENS;
  const includeComments = options.includeComments ?? true;
  const graph = graphOf(index);
  const scores = scoreTables(index, question);
  const byTable = new Map(scores.map((s) => [s.table, s]));
  const order = schemaOrder(index);
  const relevant = scores.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || graph.degree(b.table) - graph.degree(a.table) || order.get(a.table)! - order.get(b.table)!);
  // The others, most connected first: one list per schema, skipped past the relevant ones lazily.
  const rest = (function* () {
    for (const table of byDegree(index)) if (!(byTable.get(table)?.score ?? 0)) yield { table };
  })();

  const chosen = new Map<TableInfo, Entry>();
  let used = 0;
  const shortColumns = (t: TableInfo, matched: ColumnInfo[]) => [...new Set([...matched, ...labelColumns(t)])];
  const costs = costCache(index, includeComments);
  const cost = (t: TableInfo, full: boolean, matched: ColumnInfo[]) => {
    const cacheable = full || matched.length === 0;
    const k = full ? 'full' : 'short';
    const hit = cacheable ? costs.get(t)?.[k] : undefined;
    if (hit !== undefined) return hit;
    nl2sqlWork.tablesRendered++;
    const n = estimateTokens(renderTable(index, t, { includeComments, columns: full ? undefined : shortColumns(t, matched) })) + 1;
    if (cacheable) costs.set(t, { ...costs.get(t), [k]: n });
    return n;
  };

  // Adds `t` (with the tables that connect it to those already chosen), short form, if all fit.
  const addConnected = (t: TableInfo, connect: boolean): void => {
    if (chosen.has(t) || budget - used < MIN_TABLE_TOKENS) return;
    // Cheap test first: a table that does not fit alone needs no path search.
    if (used + cost(t, false, byTable.get(t)?.matchedColumns ?? []) > budget) return;
    if (connect && chosen.size > 0) nl2sqlWork.pathSearches++;
    const path = connect && chosen.size > 0 ? (graph.pathFrom(chosen.keys(), t, 3) ?? []) : [];
    const needed = [...new Set([...path.map((s) => s.to), t])].filter((x) => !chosen.has(x));
    const entries = needed.map((x) => {
      const matched = byTable.get(x)?.matchedColumns ?? [];
      return { table: x, score: byTable.get(x)?.score ?? 0, matched, full: false, cost: cost(x, false, matched) };
    });
    const total = entries.reduce((n, e) => n + e.cost, 0);
    if (used + total > budget) return;
    for (const e of entries) chosen.set(e.table, e);
    used += total;
  };
  const grow = (t: TableInfo): void => {
    const e = chosen.get(t);
    if (!e || e.full) return;
    const fullCost = cost(t, true, e.matched);
    if (used - e.cost + fullCost > budget) return;
    used += fullCost - e.cost;
    e.cost = fullCost;
    e.full = true;
  };

  // Each loop stops once the budget is spent, so a huge schema costs no more than the budget allows.
  const full = () => budget - used < MIN_TABLE_TOKENS;
  let misses = 0;
  for (const s of relevant) {
    if (full() || misses >= MAX_MISSES) break;
    const before = chosen.size;
    addConnected(s.table, true);
    misses = chosen.size > before ? 0 : misses + 1;
  }
  // Growing touches only chosen tables (a bounded number), so these loops need no early stop.
  for (const s of relevant) if (chosen.has(s.table)) grow(s.table);
  for (const e of [...chosen.values()]) grow(e.table);
  // Unmatched tables fill the rest on their own: bridges only matter for what the question names.
  const filled: TableInfo[] = [];
  misses = 0;
  for (const s of rest) {
    if (full() || misses >= MAX_MISSES) break;
    const before = chosen.size;
    addConnected(s.table, false);
    if (chosen.size > before) {
      filled.push(s.table);
      misses = 0;
    } else misses++;
  }
  for (const t of filled) grow(t);

  // Render in schema order so the prompt is stable for the same selection.
  const entries = [...chosen.values()].sort((a, b) => order.get(a.table)! - order.get(b.table)!);
  const tables: LinkedTable[] = entries.map((e) => ({
    table: e.table,
    score: e.score,
    full: e.full,
    matchedColumns: e.matched,
    columns: e.full ? [...e.table.columns] : e.table.columns.filter((c) => shortColumns(e.table, e.matched).includes(c) || isKey(e.table, c)),
  }));
  const text = renderSelection(index, tables, includeComments, new Map());
  return { tables, text, tokens: estimateTokens(text), tokenEstimate: 'chars/4', budgetTokens: budget, omittedTables: index.model.tables.length - tables.length, samples: new Map() };
}

/** Schema linking with optional sample values (fetched only when the question names a value). */
export async function linkSchema(index: SchemaIndex, question: string, options: LinkingOptions = {}): Promise<LinkedSchema> {
  const linked = selectSchema(index, question, options);
  const hints = textValueHints(question);
  if (!options.sampleValues || hints.length === 0) return linked;
  const candidates = linked.tables
    .flatMap((lt) => lt.columns.filter((c) => isShortText(c)).map((c) => ({ lt, c })))
    .slice(0, options.maxSampleColumns ?? 12);
  const samples = new Map<string, string[]>();
  for (const { lt, c } of candidates) {
    options.signal?.throwIfAborted();
    const values = await options.sampleValues(lt.table, c, hints, options.signal).catch(() => []);
    if (values.length > 0) samples.set(`${lt.table.schema}.${lt.table.name}.${c.name}`, values.slice(0, 5));
  }
  if (samples.size === 0) return linked;
  const text = renderSelection(index, linked.tables, options.includeComments ?? true, samples);
  return { ...linked, text, tokens: estimateTokens(text), samples };
}

function renderSelection(index: SchemaIndex, tables: LinkedTable[], includeComments: boolean, samples: Map<string, string[]>): string {
  return tables
    .map((lt) => {
      const own = new Map<string, string[]>();
      for (const c of lt.table.columns) {
        const v = samples.get(`${lt.table.schema}.${lt.table.name}.${c.name}`);
        if (v) own.set(c.name, v);
      }
      return renderTable(index, lt.table, { includeComments, columns: lt.full ? undefined : lt.columns, samples: own });
    })
    .join('\n');
}

function isKey(t: TableInfo, c: ColumnInfo): boolean {
  return (t.primaryKey?.columns.includes(c.name) ?? false) || t.foreignKeys.some((fk) => fk.columns.includes(c.name));
}

/** Columns that name a row for people: name, title, first/last name. */
export function labelColumns(t: TableInfo): ColumnInfo[] {
  const named = t.columns.filter((c) => /^(name|title|.*_name|first_?name|last_?name|[a-z]*name)$/i.test(c.name) && isTextType(c.dataType));
  if (named.length > 0) return named.slice(0, 2);
  const text = t.columns.find((c) => isTextType(c.dataType) && !isKey(t, c));
  return text ? [text] : [];
}

export function isTextType(dataType: string): boolean {
  return /char|text|string|citext|nvarchar|name/i.test(dataType);
}

/** Text columns short enough to hold labels or codes (where a named value is likely to live). */
export function isShortText(c: ColumnInfo): boolean {
  if (c.enumRef) return false;
  const m = /^(?:character varying|varchar|nvarchar|character|char|nchar)\s*\((\d+)\)/i.exec(c.dataType);
  if (m) return Number(m[1]) <= 120;
  return /^(text|citext|string)$/i.test(c.dataType) && !/desc|comment|note|body|text|content|html|json|xml|password/i.test(c.name);
}
