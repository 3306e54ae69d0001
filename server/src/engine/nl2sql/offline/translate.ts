// The offline translator: a deterministic, schema-aware reading of common question shapes into a
// query plan, joined along foreign keys. One pipeline, each stage in its own place:
//   1. parse   question-tokens.ts: words, numbers, dates, quoted values, codes;
//   2. link    schema-lexicon.ts (built once per schema): words → tables and columns; values →
//              the column that holds them (enum, a column or table named before it, else candidates
//              confirmed by a value probe on the read-only session); units.ts for time units;
//   3. plan    this file: the shape (count, list, aggregate, per group, top N / superlative,
//              latest/oldest) and the filters (values, comparisons, dates, patterns, flags,
//              "who have no" anti-joins), each step marking the words it consumed;
//   4. account accounting.ts: every content word must be in the plan, or the translator declines;
//   5. render  query-plan.ts: SQL in the dialect, aliases in the schema's style (aliases.ts).
// Anything it does not understand makes it refuse with a reason instead of guessing.
import type { TableInfo } from '../../schema/model';
import type { SchemaIndex } from '../../schema/schema-index';
import { labelColumns, isTextType } from '../linking/link-schema';
import { schemaGraphOf, type JoinStep, type SchemaGraph } from '../schema-graph';
import type { ValueProbe } from '../types';
import { STOPWORDS } from '../words';
import { assertAccounted } from './accounting';
import { coerce, dateColumn, groupLabels, impliedColumn, isDateType, isNumericType, periodEnd, periodStart, valueCandidates } from './column-kinds';
import { aliasFor } from './aliases';
import { renderPlan, PlanError, type ColumnRef, type Filter, type QueryPlan, type SelectItem } from './query-plan';
import { tokenizeQuestion, type QToken } from './question-tokens';
import { columnsOf, SchemaLexicon, tablesOf, type Mention } from './schema-lexicon';
import { unitFactor, unitName, unitOfColumn, unitOfWord, type TimeUnit } from './units';
import { AGG_WORDS, COMPARATIVES, CUE_WORDS, GRAMMAR, NEGATIONS, PATTERN_CUES, SUPERLATIVES, VALUE_PREPOSITIONS, WRITE_VERBS } from './vocabulary';

export type Translation = { ok: true; sql: string; explanation: string } | { ok: false; reason: string };

class Refusal extends Error {}
const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

interface Value {
  text: string;
  start: number;
  end: number;
  kind: QToken['kind'];
}

export async function translateOffline(question: string, index: SchemaIndex, probe?: ValueProbe, signal?: AbortSignal): Promise<Translation> {
  try {
    const t = new Translator(question, index, probe, signal);
    return await t.run();
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, reason: e.message };
    if (e instanceof PlanError) return { ok: false, reason: e.message };
    throw e;
  }
}

class Translator {
  private readonly tokens: QToken[];
  private readonly mentions: Mention[];
  private readonly mentionAt = new Map<number, Mention>();
  private readonly values: Value[] = [];
  private readonly used = new Set<number>();
  private readonly graph: SchemaGraph;
  private readonly lexicon: SchemaLexicon;
  private readonly notes: string[] = [];
  /** Values that a filter other than equality took (contains / starts with / ends with). */
  private readonly patternValues = new Set<Value>();
  /** Start of the table mention after "no" / "without" (never the subject). */
  private negated = -1;

  constructor(
    question: string,
    private readonly index: SchemaIndex,
    private readonly probe: ValueProbe | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.tokens = tokenizeQuestion(question);
    this.graph = schemaGraphOf(index);
    this.lexicon = SchemaLexicon.of(index);
    // "number of", "count of": grammar, even where a column is called "number" or "count".
    this.mentions = this.lexicon
      .mentions(this.tokens)
      .filter((m) => !(m.end - m.start === 1 && /^(number|count)$/.test(this.tokens[m.start]!.lower) && this.tokens[m.end]?.lower === 'of'));
    for (const m of this.mentions) for (let i = m.start; i < m.end; i++) this.mentionAt.set(i, m);
  }

  async run(): Promise<Translation> {
    const words = this.tokens.filter((t) => t.kind === 'word');
    if (words.length === 0) refuse('the question has no words to translate');
    if (WRITE_VERBS.has(words[0]!.lower)) refuse(`"${words[0]!.raw}" asks for a change; the offline translator writes read-only queries only`);
    if (/^(why|explain|should|could)$/.test(words[0]!.lower)) refuse('only questions about the data itself can be translated offline');
    this.findValues();
    this.checkUnknownWords();
    if (!this.mentions.some((m) => tablesOf(m).length > 0 || columnsOf(m).length > 0)) refuse('no table or column of the schema matches the question');
    const plan = await this.plan();
    // Every content word must be accounted for by the plan: otherwise the SQL answers another question.
    assertAccounted({ tokens: this.tokens, mentions: this.mentions, values: this.values, consumed: this.used, plan, graph: this.graph });
    const sql = renderPlan(plan, this.index, this.graph);
    return { ok: true, sql, explanation: this.notes.join(' ') };
  }

  // ---- token roles --------------------------------------------------------------------------

  private findValues(): void {
    const tk = this.tokens;
    for (let i = 0; i < tk.length; i++) {
      const t = tk[i]!;
      if (this.mentionAt.has(i) && !t.capitalized) continue;
      const prev = tk[i - 1];
      const afterPreposition = prev !== undefined && VALUE_PREPOSITIONS.has(prev.lower) && !this.mentionAt.has(i);
      const known = this.isGrammar(t);
      const enumWord = t.kind === 'word' && !this.mentionAt.has(i) && this.lexicon.enumValues.has(t.lower);
      const isValue =
        t.kind === 'quoted' || t.kind === 'code' || t.kind === 'date' || enumWord || (t.kind === 'word' && t.capitalized && !this.mentionAt.has(i)) || (t.kind === 'word' && afterPreposition && !known);
      if (!isValue) continue;
      let end = i + 1;
      // "New York", "Iron Maiden": consecutive capitalized (or, after a preposition, unknown) words.
      while (end < tk.length && tk[end]!.kind === 'word' && !this.mentionAt.has(end) && (tk[end]!.capitalized || (t.kind === 'word' && !t.capitalized && !this.isGrammar(tk[end]!)))) end++;
      if (t.kind !== 'word' || enumWord) end = i + 1;
      this.values.push({ text: tk.slice(i, end).map((x) => x.raw).join(' '), start: i, end, kind: t.kind });
      i = end - 1;
    }
  }

  private isGrammar(t: QToken): boolean {
    return GRAMMAR.has(t.lower) || STOPWORDS.has(t.lower) || CUE_WORDS.has(t.lower) || GRAMMAR.has(t.stem);
  }

  private checkUnknownWords(): void {
    const inValue = (i: number) => this.values.some((v) => i >= v.start && i < v.end);
    const unknown = this.tokens.filter((t, i) => t.kind === 'word' && !this.mentionAt.has(i) && !inValue(i) && !this.isGrammar(t));
    if (unknown.length > 0) refuse(`${unknown.map((t) => `"${t.raw}"`).join(', ')} ${unknown.length === 1 ? 'matches' : 'match'} no table or column of the schema`);
  }

  /** Marks tokens as consumed by a step of the plan and returns `result`. */
  private took<T>(result: T, ...at: number[]): T {
    for (const i of at) this.used.add(i);
    return result;
  }

  private word(i: number): string {
    const t = this.tokens[i];
    return t && t.kind === 'word' && !this.mentionAt.has(i) ? t.lower : '';
  }

  private nextMention(from: number, maxGap = 2): Mention | undefined {
    return this.mentions.find((m) => m.start >= from && m.start - from <= maxGap);
  }

  // ---- planning -----------------------------------------------------------------------------

  private async plan(): Promise<QueryPlan> {
    const tk = this.tokens;
    const limit = this.findLimit();
    const superlative = this.findSuperlative();
    const agg = this.findAggregate();
    const count = this.findCount();
    const group = this.findGroup(limit !== undefined || superlative !== undefined);
    const measure = this.findMeasure(superlative);

    this.negated = this.negatedMention();
    // "the most recent invoice date": the latest value of a date column, not a row.
    const dated = superlative?.by === 'date' && !agg && count === undefined && limit === undefined ? this.dateColumnAfter(superlative.at + 1) : undefined;
    if (dated) {
      const fn = superlative!.dir === 'DESC' ? 'max' : 'min';
      const plan: QueryPlan = { root: dated.table, select: [{ kind: 'agg', fn, ref: dated, alias: aliasFor(this.index, fn, dated.column.name) }], filters: [], groupBy: [], orderBy: [] };
      plan.filters = await this.findFilters(dated.table);
      this.notes.push(`The ${fn === 'max' ? 'latest' : 'earliest'} ${dated.table.name}.${dated.column.name}.`);
      return plan;
    }

    const subject = this.pickSubject({ count, agg, group, measure });
    if (!subject) refuse('no table to answer about could be found in the question');
    const root = subject!;
    const filters = await this.findFilters(root);
    const label = (t: TableInfo) => groupLabels(t).map((c) => ({ table: t, column: c }));
    const pk = (t: TableInfo): ColumnRef[] => (t.primaryKey?.columns ?? []).map((n) => ({ table: t, column: t.columns.find((c) => c.name === n)! })).filter((r) => r.column);
    const plan: QueryPlan = { root, select: [], filters, groupBy: [], orderBy: [] };

    const groupRefs = (): { select: ColumnRef[]; by: ColumnRef[] } | undefined => {
      if (!group) return undefined;
      if (group.kind === 'column') return { select: [group.ref], by: [group.ref] };
      const shown = label(group.table);
      const keys = pk(group.table);
      if (shown.length === 0 && keys.length === 0) refuse(`cannot group by ${group.table.name}: it has neither a key nor a name column`);
      return { select: shown.length ? shown : keys, by: [...keys, ...shown.filter((s) => !keys.some((k) => k.column === s.column))] };
    };

    if (measure && (measure.kind === 'count' || measure.kind === 'agg')) {
      // top N <root> by number of <table> / by total <column>
      const g = label(root);
      const keys = pk(root);
      const alias = measure.kind === 'count' ? aliasFor(this.index, measure.table.name, 'count') : aliasFor(this.index, measure.fn, measure.ref.column.name);
      plan.select.push(...(g.length ? g : keys).map((ref) => ({ kind: 'column' as const, ref })));
      plan.select.push(measure.kind === 'count' ? { kind: 'agg', fn: 'count', ref: pk(measure.table)[0] ?? undefined, alias } : { kind: 'agg', fn: measure.fn, ref: measure.ref, alias });
      if (measure.kind === 'count' && !pk(measure.table)[0]) refuse(`cannot count ${measure.table.name}: it has no single-column primary key`);
      if (measure.kind === 'count' && measure.table === root) refuse(`counting ${root.name} per ${root.name} makes no sense`);
      plan.groupBy.push(...keys, ...g.filter((x) => !keys.some((k) => k.column === x.column)));
      plan.orderBy.push({ alias, dir: measure.dir }, ...(g.length ? g : keys).map((ref) => ({ ref, dir: 'ASC' as const })));
      plan.limit = limit ?? 1;
      this.notes.push(`Ranks ${root.name} by ${measure.kind === 'count' ? `the number of ${measure.table.name} rows` : `${measure.fn.toUpperCase()}(${measure.ref.column.name})`}.`);
      return plan;
    }
    if (count) {
      const g = groupRefs();
      const countAlias = aliasFor(this.index, root.name, 'count');
      if (g) {
        plan.select.push(...g.select.map((ref) => ({ kind: 'column' as const, ref })), { kind: 'agg', fn: 'count', alias: countAlias });
        plan.groupBy.push(...g.by);
        plan.orderBy.push({ alias: countAlias, dir: 'DESC' }, ...g.select.map((ref) => ({ ref, dir: 'ASC' as const })));
        if (limit !== undefined) plan.limit = limit;
      } else plan.select.push({ kind: 'agg', fn: 'count', alias: countAlias });
      this.notes.push(`Counts ${root.name} rows${g ? ' per group' : ''}${filters.length ? ' that match the filter' : ''}.`);
      return plan;
    }
    if (agg) {
      // "average seats per subscription": per row of the aggregated table itself is the plain average.
      const perOwnRow = group?.kind === 'table' && group.table === agg.ref.table;
      if (perOwnRow && agg.fn !== 'avg') refuse(`"${agg.fn} per ${group.table.name}" of a column of ${group.table.name} is the column itself; ask for the column`);
      const g = perOwnRow ? undefined : groupRefs();
      const display = this.displayUnit();
      let divisor: number | undefined;
      if (display) {
        const own = unitOfColumn(agg.ref.column);
        if (!own) refuse(`${agg.ref.table.name}.${agg.ref.column.name} does not say its unit (in its name or comment), so it cannot be shown in ${unitName(display)}`);
        divisor = unitFactor(display, own!);
      }
      // avg_minutes for milliseconds shown in minutes; avg_duration_in_minutes for a named duration.
      const shownAs = display ? (unitOfWord(agg.ref.column.name) ? [unitName(display)] : [agg.ref.column.name, 'in', unitName(display)]) : [agg.ref.column.name];
      const alias = aliasFor(this.index, agg.fn, ...shownAs);
      const item: SelectItem = { kind: 'agg', fn: agg.fn, ref: agg.ref, alias, ...(divisor ? { divisor } : {}) };
      if (g) {
        plan.select.push(...g.select.map((ref) => ({ kind: 'column' as const, ref })), item);
        plan.groupBy.push(...g.by);
        plan.orderBy.push(...g.select.map((ref) => ({ ref, dir: 'ASC' as const })));
      } else plan.select.push(item);
      this.notes.push(`${agg.fn.toUpperCase()} of ${agg.ref.table.name}.${agg.ref.column.name}${g ? ' per group' : ''}.`);
      return plan;
    }
    if (group) refuse('grouping needs something to count or aggregate (e.g. "how many … per …" or "average … per …")');
    // A list, maybe ordered by a superlative: the columns asked for, or all of them.
    const asked = this.askedColumns(root, plan);
    plan.select.push(...(asked.length > 0 ? asked.map((ref) => ({ kind: 'column' as const, ref })) : [{ kind: 'star' as const, table: root }]));
    if (superlative || (limit !== undefined && tk.some((t) => t.lower === 'top'))) {
      const by = this.orderColumn(root, superlative?.by ?? 'measure', measure?.kind === 'column' ? measure.ref : undefined);
      plan.orderBy.push({ ref: by, dir: superlative?.dir ?? 'DESC' }, ...pk(root).map((ref) => ({ ref, dir: superlative?.dir ?? ('DESC' as const) })));
      plan.limit = limit ?? 1;
      this.notes.push(`Orders ${root.name} by ${by.column.name} ${superlative?.dir ?? 'DESC'}.`);
    } else if (limit !== undefined) {
      plan.limit = limit;
      plan.orderBy.push(...pk(root).map((ref) => ({ ref, dir: 'ASC' as const })));
    }
    this.notes.unshift(`Lists ${root.name} rows${filters.length ? ' that match the filter' : ''}.`);
    return plan;
  }

  private findLimit(): number | undefined {
    const tk = this.tokens;
    for (let i = 0; i < tk.length; i++) {
      const t = tk[i]!;
      if (t.kind !== 'number' || !/^\d+$/.test(t.raw) || this.mentionAt.has(i)) continue;
      const prev = this.word(i - 1);
      const next = tk[i + 1];
      const nextWord = this.word(i + 1);
      const limitWord = /^(top|first|last|latest|newest|oldest|earliest|bottom|recent)$/;
      if (limitWord.test(prev) || (nextWord && (nextWord in SUPERLATIVES || nextWord === 'most')) || (next && this.mentionAt.get(i + 1) && tablesOf(this.mentionAt.get(i + 1)!).length > 0 && !/^(than|over|under|above|below|least|most)$/.test(prev))) {
        this.used.add(i);
        return Math.min(Number(t.raw), 10000);
      }
    }
    return undefined;
  }

  private findSuperlative(): { dir: 'ASC' | 'DESC'; by: 'date' | 'length' | 'price' | 'count' | 'measure'; at: number } | undefined {
    for (let i = 0; i < this.tokens.length; i++) {
      const w = this.word(i);
      if (!w || !(w in SUPERLATIVES)) continue;
      const prev = this.word(i - 1);
      if (prev === 'at') continue; // "at least 3", "at most 3" are comparisons
      const next = this.word(i + 1);
      if ((w === 'most' || w === 'least') && next === 'expensive') return this.took({ dir: w === 'most' ? 'DESC' : 'ASC', by: 'price', at: i + 1 }, i, i + 1);
      if (w === 'most' && next === 'recent') return this.took({ dir: 'DESC', by: 'date', at: i + 1 }, i, i + 1);
      if (w === 'first' && this.mentionAt.has(i)) continue;
      return this.took({ ...SUPERLATIVES[w]!, at: i }, i);
    }
    return undefined;
  }

  private findCount(): number | undefined {
    const tk = this.tokens;
    for (let i = 0; i < tk.length; i++) {
      const w = this.word(i);
      if (w === 'how' && /^(many)$/.test(this.word(i + 1))) return i + 2;
      if (w === 'number' && this.word(i + 1) === 'of' && !/^(by)$/.test(this.word(i - 1))) return i + 2;
      if (w === 'count' && !/^(by)$/.test(this.word(i - 1))) return this.word(i + 1) === 'of' ? i + 2 : i + 1;
    }
    return undefined;
  }

  private findAggregate(): { fn: 'avg' | 'sum' | 'min' | 'max'; ref: ColumnRef; at: number } | undefined {
    for (let i = 0; i < this.tokens.length; i++) {
      const m = this.mentionAt.get(i);
      let fn = AGG_WORDS[this.word(i)];
      // "total" may be a column ("invoice.total"): an aggregate only when a numeric column follows.
      if (!fn && m && this.tokens[i]!.lower === 'total') fn = 'sum';
      if (!fn) continue;
      if (this.word(i - 1) === 'by' || this.word(i - 2) === 'by') continue; // part of a measure
      const ref = this.numericColumnAfter(m ? m.end : i + 1) ?? this.lengthAfter(i + 1);
      if (ref) return this.took({ fn, ref, at: i }, i);
      if (m) {
        // "the total of all invoices": the column called total, summed.
        const own = columnsOf(m).filter((c) => isNumericType(c.column.dataType));
        const context = this.mentionedTables(i);
        const pick = own.find((c) => context.includes(c.table));
        if (pick && fn === 'sum' && this.tokens[m.end]?.lower === 'of' && !this.numericColumnAfter(m.end, false)) return this.took({ fn, ref: { table: pick.table, column: pick.column }, at: i }, i);
        continue; // "total" as a column, not an aggregate word
      }
      refuse(`"${this.tokens[i]!.raw}" needs a numeric column after it`);
    }
    return undefined;
  }

  /** First numeric column mentioned within a few tokens after `from` (skipping table mentions). */
  private numericColumnAfter(from: number, consume = true): ColumnRef | undefined {
    for (const m of this.mentions) {
      if (m.start < from || m.start > from + 4 || this.used.has(m.start)) continue;
      const cols = columnsOf(m).filter((c) => isNumericType(c.column.dataType));
      if (cols.length === 0) continue;
      const context = this.mentionedTables(m.start);
      // "track length" where only film has a length column: not film's, try the implied column.
      if (context.length > 0 && !cols.some((c) => context.includes(c.table)) && /^(length|duration)$/.test(this.tokens[m.start]!.lower)) continue;
      const pick = cols.find((c) => context.includes(c.table) && !c.partial) ?? cols.find((c) => context.includes(c.table)) ?? this.onlyTable(cols, m);
      if (consume) this.used.add(m.start);
      return { table: pick.table, column: pick.column };
    }
    return undefined;
  }

  /**
   * A column named without its table: only when one table has it (exact names before partial ones).
   * "amount" on a schema where many tables have an amount names none of them: decline.
   */
  private onlyTable<C extends { table: TableInfo; partial: boolean }>(cols: C[], m: Mention): C {
    const exact = cols.filter((c) => !c.partial);
    let pool = exact.length > 0 ? exact : cols;
    // Views that repeat a table's column (sakila's film_list.rating) defer to the one base table.
    const base = pool.filter((c) => c.table.kind === 'table' || c.table.kind === 'partitioned_table');
    if (new Set(base.map((c) => c.table)).size === 1) pool = base;
    const tables = new Set(pool.map((c) => c.table));
    if (tables.size > 1) {
      const names = [...tables].slice(0, 3).map((t) => t.name).join(', ');
      refuse(`"${this.tokens.slice(m.start, m.end).map((t) => t.raw).join(' ')}" is a column of ${tables.size} tables (${names}${tables.size > 3 ? ', …' : ''}); name the table`);
    }
    return pool[0]!;
  }

  /** "track length", "length of films": the length column of the nearest table named, if any. */
  private lengthAfter(from: number): ColumnRef | undefined {
    for (let i = from; i < Math.min(this.tokens.length, from + 4); i++) {
      if (!/^(length|duration)$/.test(this.tokens[i]!.lower) || this.used.has(i)) continue;
      const t = this.mentionedTables(i)[0];
      const c = t && impliedColumn(t, 'length');
      if (t && c) return this.took({ table: t, column: c }, i);
    }
    return undefined;
  }

  /** Tables named in the question (table mentions), nearest to `near` first. */
  private mentionedTables(near = 0): TableInfo[] {
    return this.mentions
      .filter((m) => tablesOf(m).length > 0)
      .sort((a, b) => Math.abs(a.start - near) - Math.abs(b.start - near))
      .flatMap((m) => tablesOf(m));
  }

  private findGroup(ranking: boolean): { kind: 'table'; table: TableInfo; at: number } | { kind: 'column'; ref: ColumnRef; at: number } | undefined {
    const tk = this.tokens;
    for (let i = 0; i < tk.length; i++) {
      const w = this.word(i);
      const isCue = w === 'per' || w === 'each' || (w === 'by' && (this.word(i - 1) === 'grouped' || !ranking));
      if (!isCue) continue;
      const m = this.nextMention(i + 1, w === 'each' ? 0 : 1);
      if (!m) continue;
      if (w === 'by' && this.values.some((v) => v.start === i + 1 || v.start === m.end)) continue;
      this.used.add(m.start).add(i);
      const cols = columnsOf(m);
      const tables = tablesOf(m);
      const earlier = this.mentions.filter((x) => x.start < m.start).flatMap((x) => tablesOf(x));
      const colInContext = cols.find((c) => earlier.includes(c.table) && !c.partial) ?? cols.find((c) => earlier.includes(c.table));
      if (colInContext) return { kind: 'column', ref: { table: colInContext.table, column: colInContext.column }, at: m.start };
      if (tables.length > 0) return { kind: 'table', table: tables[0]!, at: m.start };
      const anyCol = cols.length > 0 ? this.onlyTable(cols, m) : undefined;
      if (anyCol) return { kind: 'column', ref: { table: anyCol.table, column: anyCol.column }, at: m.start };
    }
    return undefined;
  }

  private findMeasure(superlative: ReturnType<Translator['findSuperlative']>):
    | { kind: 'count'; table: TableInfo; dir: 'ASC' | 'DESC' }
    | { kind: 'agg'; fn: 'avg' | 'sum' | 'min' | 'max'; ref: ColumnRef; dir: 'ASC' | 'DESC' }
    | { kind: 'column'; ref: ColumnRef }
    | undefined {
    const tk = this.tokens;
    const dir = superlative?.dir ?? 'DESC';
    // "… with the most albums", "… has the fewest tracks"
    if (superlative && superlative.by === 'count') {
      const m = this.nextMention(superlative.at + 1, 0);
      const t = m && tablesOf(m)[0];
      if (t) {
        this.used.add(m.start);
        return { kind: 'count', table: t, dir };
      }
    }
    for (let i = 0; i < tk.length; i++) {
      if (this.word(i) !== 'by') continue;
      if (!superlative && !tk.some((x) => x.lower === 'top')) return undefined;
      let j = i + 1;
      if (this.word(j) === 'the') j++;
      if ((this.word(j) === 'number' || this.word(j) === 'count') && this.word(j + 1) === 'of') {
        const m = this.nextMention(j + 2, 0);
        const t = m && tablesOf(m)[0];
        if (!t) refuse('"by number of" must name a table');
        this.used.add(m!.start);
        return { kind: 'count', table: t!, dir };
      }
      const fn = AGG_WORDS[this.word(j)] ?? (this.mentionAt.get(j) && tk[j]!.lower === 'total' && this.numericColumnAfter(j + 1, false) ? 'sum' : undefined);
      const ref = this.numericColumnAfter(fn ? j + 1 : j);
      if (ref) {
        this.used.add(i);
        if (fn) this.used.add(j);
        const tables = this.mentionedTables();
        const root = tables.find((t) => t !== ref.table && this.mentions.some((m) => m.start < i && tablesOf(m).includes(t)));
        if (fn || (root && root !== ref.table)) return { kind: 'agg', fn: fn ?? 'sum', ref, dir };
        return { kind: 'column', ref };
      }
    }
    // "highest rental rate", "largest total"
    if (superlative && superlative.by === 'measure') {
      const ref = this.numericColumnAfter(superlative.at + 1);
      if (ref) return { kind: 'column', ref };
    }
    return undefined;
  }

  private pickSubject(cues: { count?: number; agg?: { ref: ColumnRef; at: number }; group?: { at: number }; measure?: { kind: string; table?: TableInfo } }): TableInfo | undefined {
    const candidates = this.mentions.filter((m) => tablesOf(m).length > 0 && m.start !== this.negated && !(cues.group && m.start === cues.group.at) && !(cues.measure?.kind === 'count' && this.used.has(m.start) && tablesOf(m).includes(cues.measure.table!)));
    if (cues.count !== undefined) {
      const m = candidates.find((x) => x.start >= cues.count!) ?? candidates[0];
      return m ? tablesOf(m)[0] : undefined;
    }
    if (cues.agg && !(cues.measure && cues.measure.kind !== 'column')) return cues.agg.ref.table;
    const m = candidates[0];
    if (m) return tablesOf(m)[0];
    // Only columns named: their table, if they agree.
    const cols = this.mentions.flatMap((x) => columnsOf(x).filter((c) => !c.partial));
    const tables = [...new Set(cols.map((c) => c.table))];
    return tables.length === 1 ? tables[0] : undefined;
  }

  private orderColumn(root: TableInfo, by: 'date' | 'length' | 'price' | 'count' | 'measure', explicit?: ColumnRef): ColumnRef {
    if (explicit) return explicit;
    if (by === 'date') {
      const c = dateColumn(root);
      if (!c) refuse(`${root.name} has no date or timestamp column to order by`);
      return { table: root, column: c! };
    }
    if (by === 'length' || by === 'price') {
      const c = impliedColumn(root, by);
      if (!c) refuse(`${root.name} has no ${by} column`);
      return { table: root, column: c! };
    }
    return refuse(`say what to rank ${root.name} by (e.g. "top 5 ${root.name} by <column>")`);
  }

  // ---- filters ------------------------------------------------------------------------------

  private async findFilters(root: TableInfo): Promise<Filter[]> {
    const filters: Filter[] = [];
    const tk = this.tokens;
    // between <date|year> and <date|year>
    for (let i = 0; i < tk.length; i++) {
      const w = this.word(i);
      if (w === 'between' && tk[i + 2]?.lower === 'and') {
        const a = periodStart(tk[i + 1]!);
        const b = periodEnd(tk[i + 3]);
        if (a && b) {
          filters.push({ kind: 'range', ref: this.dateRef(root, i), from: a, toExclusive: b });
          for (const k of [i + 1, i + 3]) this.used.add(k);
          continue;
        }
        // numeric between: "films between 60 and 90 minutes long"
        const lo = Number(tk[i + 1]?.raw);
        const hi = Number(tk[i + 3]?.raw);
        if (tk[i + 1]?.kind === 'number' && tk[i + 3]?.kind === 'number') {
          const ref = this.comparisonColumn(root, i, i + 4);
          filters.push({ kind: 'cmp', ref, op: '>=', value: lo }, { kind: 'cmp', ref, op: '<=', value: hi });
          for (const k of [i + 1, i + 3]) this.used.add(k);
        }
      } else if ((w === 'in' || w === 'during') && tk[i + 1]?.kind === 'number' && /^(19|20)\d\d$/.test(tk[i + 1]!.raw)) {
        const y = Number(tk[i + 1]!.raw);
        filters.push({ kind: 'range', ref: this.dateRef(root, i), from: `${y}-01-01`, toExclusive: `${y + 1}-01-01` });
        this.used.add(i + 1);
      } else if ((w === 'before' || w === 'after' || w === 'since') && tk[i + 1] && periodStart(tk[i + 1]!)) {
        const ref = this.dateRef(root, i);
        const at = w === 'after' ? periodEnd(tk[i + 1]) : periodStart(tk[i + 1]!);
        filters.push(w === 'before' ? { kind: 'range', ref, from: '0001-01-01', toExclusive: at! } : { kind: 'range', ref, from: at!, toExclusive: '9999-12-31' });
        this.used.add(i + 1);
      }
    }
    // comparisons: longer than 180, more than 10, at least 3, over 5
    for (let i = 0; i < tk.length; i++) {
      const w = this.word(i);
      if (!w) continue;
      let op: '>' | '<' | '>=' | '<=' | undefined;
      let implies: 'length' | 'price' | undefined;
      let numAt = i + 1;
      if (w === 'at' && (this.word(i + 1) === 'least' || this.word(i + 1) === 'most')) {
        op = this.word(i + 1) === 'least' ? '>=' : '<=';
        numAt = i + 2;
      } else if (w in COMPARATIVES) {
        ({ op, implies } = COMPARATIVES[w]!);
        if (this.word(i + 1) === 'than') numAt = i + 2;
        if (w === 'more' && this.word(i + 1) === 'expensive') {
          implies = 'price';
          numAt = this.word(i + 2) === 'than' ? i + 3 : i + 2;
        }
      } else continue;
      const n = tk[numAt];
      if (!n || n.kind !== 'number' || this.used.has(numAt) || this.mentionAt.has(numAt)) continue;
      for (let k = i; k <= numAt; k++) this.used.add(k);
      // A unit after the number ("5 minutes") converts into the column's own unit.
      const unitWord = tk[numAt + 1]?.kind === 'word' ? tk[numAt + 1]!.lower : '';
      const unit = unitOfWord(unitWord);
      const ref = this.comparisonColumn(root, i, numAt + 1, unit ? 'length' : implies, unit !== undefined);
      let value = Number(n.raw);
      if (unit) {
        value = value * this.unitConversion(ref, unit);
        this.used.add(numAt + 1);
      }
      filters.push({ kind: 'cmp', ref, op: op!, value: Number(value.toPrecision(12)) });
    }
    // patterns: whose title contains 'x', a name starting with 'A'
    for (let i = 0; i < tk.length; i++) {
      const match = PATTERN_CUES[this.word(i)];
      if (!match) continue;
      const at = this.word(i + 1) === 'with' ? i + 2 : i + 1;
      const v = this.values.find((x) => x.start === at);
      if (!v) continue;
      const col = this.mentions.filter((m) => m.end <= i && i - m.end <= 1 && columnsOf(m).length > 0).pop();
      const refs = col ? columnsOf(col).filter((c) => isTextType(c.column.dataType)) : [];
      const near = this.graph.distancesFrom(root, 3);
      const pick = refs.filter((c) => near.has(c.table)).sort((a, b) => near.get(a.table)! - near.get(b.table)!)[0];
      if (!pick) refuse(`say which text column "${tk[i]!.raw} ${v.text}" is about (e.g. "whose name ${tk[i]!.lower} '${v.text}'")`);
      for (let k = col!.start; k < v.end; k++) this.used.add(k);
      this.patternValues.add(v);
      filters.push({ kind: 'like', ref: { table: pick!.table, column: pick!.column }, value: v.text, match });
    }
    // anti-joins: customers who have no invoices
    const none = this.findNegation(root);
    if (none) filters.push(none);
    // flags: "returns were refunded", "products that are not active"
    filters.push(...this.findFlags(root));
    // named values: in Canada, rated PG-13, by Queen, named 'X'
    for (const v of this.values) {
      if (v.kind === 'date' || this.patternValues.has(v)) continue;
      for (let k = v.start; k < v.end; k++) this.used.add(k);
      filters.push({ kind: 'eq', ...(await this.valueFilter(root, v)) });
    }
    return filters;
  }

  /** A boolean column named after is/are/was/were (optionally "not"): a filter on it. */
  private findFlags(root: TableInfo): Filter[] {
    const out: Filter[] = [];
    for (const m of this.mentions) {
      if (this.used.has(m.start)) continue;
      const not = this.word(m.start - 1) === 'not';
      const verb = this.word(m.start - (not ? 2 : 1));
      if (!/^(is|are|was|were)$/.test(verb)) continue;
      const flag = columnsOf(m).find((c) => c.table === root && /^(bool|boolean|bit|tinyint\(1\))$/i.test(c.column.dataType));
      if (!flag) continue;
      this.took(undefined, m.start, ...(not ? [m.start - 1] : []));
      out.push({ kind: 'flag', ref: { table: root, column: flag.column }, value: !not });
    }
    return out;
  }

  private negatedMention(): number {
    for (let i = 0; i < this.tokens.length; i++) if (NEGATIONS.has(this.word(i))) return this.nextMention(i + 1, 0)?.start ?? -1;
    return -1;
  }

  /** A date column named within `maxGap` tokens after `from` ("the most recent | invoice date"). */
  private dateColumnAfter(from: number): ColumnRef | undefined {
    const m = this.nextMention(from, 1);
    if (!m) return undefined;
    // "the most recent order date" where the date column is not called order_date.
    const table = tablesOf(m)[0];
    if (table) {
      const c = /^(date|time|day)$/.test(this.word(m.end)) ? dateColumn(table) : undefined;
      return c ? this.took({ table, column: c }, m.start, m.end) : undefined;
    }
    const context = this.mentionedTables(m.start);
    const cols = columnsOf(m).filter((c) => isDateType(c.column.dataType));
    const pick = cols.find((c) => !c.partial && context.includes(c.table)) ?? cols.find((c) => !c.partial) ?? (cols.length === 1 ? cols[0] : undefined);
    return pick ? this.took({ table: pick.table, column: pick.column }, m.start) : undefined;
  }

  /** "in minutes", "in hours": the unit an aggregate of a duration is shown in. */
  private displayUnit(): TimeUnit | undefined {
    for (let i = 1; i < this.tokens.length; i++) {
      const u = this.tokens[i - 1]!.lower === 'in' && !this.used.has(i) ? unitOfWord(this.word(i)) : undefined;
      if (u) return this.took(u, i);
    }
    return undefined;
  }

  /** Columns of the root the question names that no filter or order took: what to show. */
  private askedColumns(root: TableInfo, plan: QueryPlan): ColumnRef[] {
    const taken = new Set(plan.filters.flatMap((f) => (f.kind === 'none' ? [] : [f.ref.column])));
    const out: ColumnRef[] = [];
    // "the email of customers", "first name and last name of employees": named before the table.
    const rootAt = this.mentions.find((m) => tablesOf(m).includes(root))?.start ?? this.tokens.length;
    for (const m of this.mentions) {
      if (this.used.has(m.start) || tablesOf(m).length > 0 || m.start > rootAt) continue;
      const own = columnsOf(m).filter((c) => c.table === root);
      const pick = own.find((c) => !c.partial) ?? own[0];
      if (!pick || taken.has(pick.column)) continue;
      this.used.add(m.start);
      if (!out.some((r) => r.column === pick.column)) out.push({ table: root, column: pick.column });
    }
    return out;
  }

  /** Factor from a question unit to the unit `ref` holds; declines when the column's unit is unknown. */
  private unitConversion(ref: ColumnRef, unit: TimeUnit): number {
    const own = unitOfColumn(ref.column);
    if (!own) refuse(`${ref.table.name}.${ref.column.name} does not say its unit (in its name or comment), so "${unitName(unit)}" cannot be converted`);
    return unitFactor(unit, own!);
  }

  /** "who have no invoices": the table after the negation refers to the root (directly or through a link table). */
  private findNegation(root: TableInfo): Filter | undefined {
    for (let i = 0; i < this.tokens.length; i++) {
      if (!NEGATIONS.has(this.word(i))) continue;
      const m = this.nextMention(i + 1, 0);
      const other = m && tablesOf(m)[0];
      if (!other) refuse(`"${this.tokens[i]!.raw}" must be followed by a table name (e.g. "customers who have no invoices")`);
      const step = this.antiJoinStep(root, other!);
      if (!step) refuse(`${other!.name} does not refer to ${root.name} through a foreign key, so "${this.tokens[i]!.raw} ${this.tokens[m!.start]!.raw}" cannot be answered`);
      for (let k = i; k < m!.end; k++) this.used.add(k);
      return { kind: 'none', step: step! };
    }
    return undefined;
  }

  private antiJoinStep(root: TableInfo, other: TableInfo): JoinStep | undefined {
    if (other === root) return undefined;
    const refersToRoot = (s: JoinStep) => s.owner === s.to && s.to !== root;
    const direct = this.graph.neighbours(root).filter((s) => s.to === other && refersToRoot(s));
    if (direct.length === 1) return direct[0];
    if (direct.length > 1) return undefined; // two foreign keys: which one is meant is unclear
    // root ← link → other, where every link row has an `other` (NOT NULL foreign key).
    const links = this.graph.neighbours(root).filter((s) => refersToRoot(s) && this.graph.neighbours(s.to).some((n) => n.to === other && n.owner === s.to && n.fk.columns.every((c) => s.to.columns.find((x) => x.name === c)?.nullable === false)));
    return links.length === 1 ? links[0] : undefined;
  }

  private dateRef(root: TableInfo, near: number): ColumnRef {
    const explicit = this.mentions
      .filter((m) => m.end <= near && near - m.end <= 2)
      .flatMap((m) => columnsOf(m).map((c) => ({ ...c, m })))
      .find((c) => isDateType(c.column.dataType));
    if (explicit) return this.took({ table: explicit.table, column: explicit.column }, explicit.m.start);
    const c = dateColumn(root);
    if (!c) refuse(`${root.name} has no date column for a date range`);
    return { table: root, column: c! };
  }

  private comparisonColumn(root: TableInfo, cueAt: number, after: number, implies?: 'length' | 'price', timed = false): ColumnRef {
    // A numeric column named right after the number ("300000 milliseconds") or before the cue;
    // with a unit in the question ("5 minutes"), only a column that holds a time unit.
    const near = this.mentions.filter((m) => (m.start >= after && m.start - after <= 1) || (m.end <= cueAt && cueAt - m.end <= 2));
    const cols = near
      .flatMap((m) => columnsOf(m).map((c) => ({ ...c, m })))
      .filter((c) => isNumericType(c.column.dataType) && (!timed || unitOfColumn(c.column) !== undefined || /length|duration/i.test(c.column.name)));
    const pick = cols.find((c) => c.table === root) ?? cols[0];
    if (pick) return this.took({ table: pick.table, column: pick.column }, pick.m.start);
    // "more than 1000 employees" on a table with an employee_count column.
    const counted = near.find((m) => m.start >= after && tablesOf(m).length > 0);
    if (counted) {
      const word = this.tokens[counted.end - 1]!.stem;
      const c = root.columns.find((x) => isNumericType(x.dataType) && new RegExp(`^(${word}s?_?count|num_?${word}s?|${word}s?_?number)$`, 'i').test(x.name));
      if (c) return this.took({ table: root, column: c }, counted.start);
    }
    if (implies) {
      const c = impliedColumn(root, implies);
      if (c) return { table: root, column: c };
    }
    return refuse(`cannot tell which column "${this.tokens[cueAt]!.raw} … ${this.tokens[after - 1]?.raw ?? ''}" compares`);
  }

  private async valueFilter(root: TableInfo, v: Value): Promise<{ ref: ColumnRef; value: string | number }> {
    const text = v.text;
    // 1. Enum columns whose values include it (schema metadata: certain).
    const reach = this.graph.distancesFrom(root, 3);
    const reachable = [...reach.keys()].sort((a, b) => reach.get(a)! - reach.get(b)!);
    for (const t of reachable) {
      for (const c of t.columns) {
        const en = c.enumRef ? this.index.findEnum(c.enumRef) : undefined;
        const hit = en?.values.find((x) => x.toLowerCase() === text.toLowerCase());
        if (hit) return { ref: { table: t, column: c }, value: hit };
      }
    }
    // 2. A column named right before the value ("country 'Canada'", "whose city is Paris").
    const before = this.mentions.filter((m) => m.end <= v.start && v.start - m.end <= 2 && !this.used.has(m.start)).pop();
    const named = before ? columnsOf(before).filter((c) => reach.has(c.table)) : [];
    if (named.length > 0) {
      const c = named.sort((a, b) => reach.get(a.table)! - reach.get(b.table)!)[0]!;
      this.used.add(before!.start);
      return { ref: { table: c.table, column: c.column }, value: coerce(text, c.column) };
    }
    // 2b. A table named right before the value ("the album 'Let There Be Rock'"): one of its label columns.
    const adjacent = before !== undefined && this.tokens.slice(before.end, v.start).every((t) => /^(the|a|an)$/.test(t.lower));
    const owner = before && adjacent ? tablesOf(before).find((t) => reach.has(t)) : undefined;
    if (owner) {
      const labels = labelColumns(owner).filter((c) => isTextType(c.dataType));
      this.used.add(before!.start);
      if (!this.probe && labels.length === 1) return { ref: { table: owner, column: labels[0]! }, value: text };
      for (const c of this.probe ? labels : []) {
        this.signal?.throwIfAborted();
        if (await this.probe!(owner.schema, owner.name, c.name, text, this.signal).catch(() => false)) return { ref: { table: owner, column: c }, value: text };
      }
      return refuse(`"${text}" is not a ${labels.map((c) => c.name).join(' or ') || 'name'} of ${owner.name}`);
    }
    // 3. Text columns of nearby tables that could hold such a value; the probe confirms.
    const prep = this.word(v.start - 1);
    const candidates = valueCandidates(root, reachable, (t) => reach.get(t)!, prep);
    if (prep === 'named' || prep === 'called' || prep === 'titled') {
      const own = labelColumns(root)[0];
      if (own) return { ref: { table: root, column: own }, value: text };
    }
    if (this.probe) {
      for (const ref of candidates.slice(0, 24)) {
        this.signal?.throwIfAborted();
        if (await this.probe(ref.table.schema, ref.table.name, ref.column.name, text, this.signal).catch(() => false)) return { ref, value: text };
      }
      return refuse(`"${text}" was not found in any text column near ${root.name}`);
    }
    const guess = candidates[0];
    if (!guess) return refuse(`cannot tell which column holds "${text}"`);
    this.notes.push(`Assumed "${text}" is a value of ${guess.table.name}.${guess.column.name}.`);
    return { ref: guess, value: text };
  }
}
