// Rows for one table: keys, foreign keys, values from each column's domain, CHECK repair, uniqueness,
// with a bounded number of attempts per row. Deterministic: one seeded stream per table.
import { qualifiedName, type ColumnInfo, type ForeignKey, type SchemaModel, type TableInfo } from '../schema/model';
import { parseColumnType, type TypeSpec } from './column-type';
import { narrowDomains, force, type RepairContext } from './constraints';
import { drawValue, enumerateDomain, withUniqueSuffix, type ValueDomain } from './domain';
import { checkPasses, columnsOf, foldConstants, hasUnknown, parseTime, type Expr, type Row, type Value } from './expr';
import { parseMysqlExpression } from './expr-mysql';
import { parsePgExpression } from './expr-pg';
import type { TablePlan } from './plan';
import { Random, seedFor, skewedIndex } from './random';
import { fakerPathPool, semanticFor, SEMANTICS, textPool, wordPool, type Semantic } from './semantic';
import type { ColumnOverride, MockConfig, TableOverride } from './config';
import type { ExistingKeyTuples, Finding, SinkColumn } from './types';
import { Pools } from './pools';

const DEFAULT_NULL_RATIO = 0.1;
const ATTEMPTS_PER_ROW = 40;
const CONSECUTIVE_FAILURES = 60;
const ENUMERATION_LIMIT = 5_000_000;

interface ColumnSpec {
  info: ColumnInfo;
  type: TypeSpec;
  domain: ValueDomain;
  nullable: boolean;
  nullRatio: number;
  /** Integer key filled with start, start + 1, … */
  sequenceStart?: number;
}

interface UniqueKey {
  name: string;
  columns: string[];
  predicate?: Expr;
  seen: Set<string>;
  /** Unique by construction (sequence or enumeration): no bookkeeping needed. */
  byConstruction?: boolean;
  /** Tuples already in the table (keys that draw existing parents): never generated again. */
  existing?: Set<string>;
}

interface CheckSpec {
  name: string;
  expr: Expr;
  columns: string[];
  failures: number;
}

/** A key whose every combination is listed and drawn without replacement. */
interface Enumeration {
  key: UniqueKey;
  factors: { columns: string[]; size: number; tuple: (i: number) => Value[] }[];
  size: number;
  taken: Map<number, number>;
  next: number;
}

export interface PrepareContext {
  model: SchemaModel;
  plan: TablePlan;
  seed: string | number;
  config?: MockConfig;
  pools: Pools;
  findings: Finding[];
  /** Current maximum of integer key columns in the target (0 for empty tables). */
  maxKeys?: Record<string, number>;
  /** Unique-key tuples already in the table, for keys made with existing parents' keys. */
  existingKeys?: ExistingKeyTuples[];
}

export class TableGenerator {
  readonly table: TableInfo;
  readonly key: string;
  readonly target: number;
  readonly columns: ColumnSpec[];
  readonly sinkColumns: SinkColumn[];
  readonly blocked: string | undefined;
  /** Columns with a serial/identity default: their sequences follow the keys written. */
  readonly sequenceColumns: string[] = [];
  produced = 0;
  rejected = 0;
  private readonly rng: Random;
  private readonly checks: CheckSpec[] = [];
  private readonly keys: UniqueKey[] = [];
  private readonly enumeration: Enumeration | undefined;
  private readonly nullable: Set<string>;
  private readonly frozenBase = new Set<string>();
  private readonly domains = new Map<string, ValueDomain>();
  private consecutive = 0;
  private readonly repair: RepairContext;
  private readonly keyFailures = new Map<string, number>();
  private readonly outsideFks: ForeignKey[];

  constructor(private readonly ctx: PrepareContext) {
    const { plan, model } = ctx;
    this.table = plan.table;
    this.key = plan.key;
    this.rng = new Random(seedFor(ctx.seed, plan.key));
    const override = tableOverride(ctx.config, plan.table);
    const findings = ctx.findings;
    const note = (level: Finding['level'], message: string, column?: string) => findings.push({ level, table: plan.key, column, message });
    let blocked = plan.blocked;

    // Columns and their domains.
    this.columns = [];
    const extraChecks: { name: string; text: string; expr: Expr }[] = [];
    for (const col of plan.table.columns) {
      if (col.generated) continue;
      const domainInfo = col.domainRef ? model.domains?.find((d) => `${d.schema}.${d.name}` === col.domainRef) : undefined;
      const enumValues = col.enumRef ? model.enums.find((e) => `${e.schema}.${e.name}` === col.enumRef)?.values : undefined;
      const type: TypeSpec = enumValues ? { kind: 'enum', text: col.dataType, values: enumValues } : parseColumnType(domainInfo?.baseType ?? col.dataType, model.dialect);
      const nullable = col.nullable && (domainInfo ? domainInfo.nullable : true);
      const o = override?.columns[col.name];
      if (type.kind === 'unsupported' && !o?.values) {
        if (nullable) note('warning', `unsupported type "${col.dataType}": written as NULL`, col.name);
        else if (col.default !== undefined) note('warning', `unsupported type "${col.dataType}": left to its default (${col.default})`, col.name);
        else blocked ??= `column ${col.name} has the unsupported type "${col.dataType}", is NOT NULL and has no default: the table is skipped (give it a fixed list in mock.yml)`;
        if (nullable) this.columns.push({ info: col, type, domain: { column: col.name, type, words: [] }, nullable: true, nullRatio: 1 });
        continue;
      }
      const domain = this.buildDomain(col, type, o);
      for (const c of domainInfo?.checks ?? []) extraChecks.push({ name: `${domainInfo!.name}.${c.name}`, text: c.expression, expr: renameValue(parseCheck(c.expression, model.dialect), col.name) });
      this.domains.set(col.name, domain);
      this.columns.push({ info: col, type, domain, nullable, nullRatio: nullable ? (o?.nullRatio ?? DEFAULT_NULL_RATIO) : 0 });
      if (col.identity || /nextval\(|auto_increment/i.test(col.default ?? '')) this.sequenceColumns.push(col.name);
    }
    this.nullable = new Set(this.columns.filter((c) => c.nullable).map((c) => c.info.name));
    this.repair = { domains: this.domains, frozen: this.frozenBase, nullable: this.nullable, nullableFrozen: new Set(), rng: this.rng, index: 0 };
    const resolve = columnResolver(this.columns.map((c) => c.info.name), plan.table.columns.map((c) => c.name));

    // CHECKs: narrow the domains, keep the trees for verification and repair.
    for (const c of [...plan.table.checks.map((c) => ({ name: c.name, text: c.expression, expr: parseCheck(c.expression, model.dialect) })), ...extraChecks]) {
      const expr = foldConstants(resolve(c.expr));
      const cols = [...columnsOf(expr)];
      if (hasUnknown(expr) || cols.some((x) => !this.domains.has(x) && !this.nullable.has(x))) {
        note('warning', `CHECK ${c.name} (${short(c.text)}) cannot be evaluated here: rows are not verified against it before the database sees them`);
        continue;
      }
      if (model.dialect === 'mysql' && expr.k === 'func' && expr.name === 'json_valid') {
        const d = this.domains.get(cols[0]!);
        if (d) d.type = { ...d.type, kind: 'json' };
      }
      narrowDomains(expr, this.domains);
      this.checks.push({ name: c.name, expr, columns: cols, failures: 0 });
    }

    // Unique keys: primary key, unique constraints, unique indexes (partial ones with their predicate).
    const addKey = (name: string, indexColumns: string[], predicate?: string) => {
      // lower(email) / upper(code) / btrim(x): tracked on the column (keys compare case-insensitively,
      // which is stricter than the index). Other expressions are reported below.
      const columns = indexColumns.map((c) => (this.domains.has(c) || this.nullable.has(c) ? c : (caseFoldedColumn(parseCheck(c, model.dialect)) ?? c)));
      if (columns.some((c) => !this.domains.has(c) && !this.nullable.has(c))) {
        if (columns.some((c) => !plan.table.columns.some((x) => x.name === c))) note('warning', `unique index ${name} on an expression is not tracked: rows may collide on it`);
        return;
      }
      const pred = predicate ? resolve(parseCheck(predicate, model.dialect)) : undefined;
      if (this.keys.some((k) => !k.predicate && !pred && sameSet(k.columns, columns))) return;
      this.keys.push({ name, columns, predicate: pred, seen: new Set() });
    };
    if (plan.table.primaryKey) addKey(plan.table.primaryKey.name, plan.table.primaryKey.columns);
    for (const u of plan.table.uniques) addKey(u.name, u.columns);
    for (const i of plan.table.indexes) if (i.unique && !i.primary) addKey(i.name, i.columns, i.predicate);
    for (const e of ctx.existingKeys ?? []) {
      const k = this.keys.find((x) => !x.predicate && sameSet(x.columns, e.columns));
      if (k) k.existing = new Set(e.tuples.map((t) => tupleId(k.columns.map((c) => t[e.columns.indexOf(c)]!))));
    }

    // Foreign-key columns are chosen from the parents' keys; back-filled ones start NULL.
    const fkColumns = new Set([...plan.directFks, ...plan.backfillFks].flatMap((f) => f.columns));
    for (const c of fkColumns) this.frozenBase.add(c);
    // A CHECK may still empty a nullable foreign key that is not part of a key ("exactly one of").
    const keyColumns = new Set(this.keys.flatMap((k) => k.columns));
    for (const fk of plan.directFks) if (fk.columns.every((c) => this.nullable.has(c) && !keyColumns.has(c))) fk.columns.forEach((c) => this.repair.nullableFrozen!.add(c));

    // Integer single-column keys that are not foreign keys: a sequence.
    let cap = plan.rows;
    const reasons: string[] = [];
    for (const k of this.keys) {
      if (k.columns.length !== 1 || k.predicate) continue;
      const col = this.columns.find((c) => c.info.name === k.columns[0]);
      if (!col || fkColumns.has(col.info.name) || col.sequenceStart !== undefined) continue;
      if (col.type.kind !== 'int' || col.type.element || col.domain.values) continue;
      const lo = Math.max(col.domain.min ?? 1, (ctx.maxKeys?.[col.info.name] ?? 0) + 1);
      const hi = Math.min(col.domain.max ?? col.type.max ?? Number.MAX_SAFE_INTEGER, col.type.max ?? Number.MAX_SAFE_INTEGER);
      col.sequenceStart = Math.ceil(lo);
      k.byConstruction = true;
      this.frozenBase.add(col.info.name);
      const room = Math.max(0, Math.floor(hi) - Math.ceil(lo) + 1);
      if (room < cap) {
        cap = room;
        reasons.push(`${col.info.name} (${col.type.text}) has room for ${room} more values`);
      }
    }

    // A key whose combinations can all be listed (foreign keys, enums, small ranges) is drawn
    // without replacement; its size caps the row count.
    for (const k of this.keys) {
      if (k.byConstruction) continue;
      const e = this.enumerationFor(k, plan.directFks);
      if (!e) continue;
      const taken = k.existing ? existingInside(e, k.existing) : 0;
      if (e.size - taken < cap) {
        cap = e.size - taken;
        const sampled = (plan.sampledFks ?? []).filter((s) => s.fk.columns.every((c) => k.columns.includes(c)));
        const from = sampled.map((s) => `${s.sample.tuples.length} ${s.sample.bounded ? 'sampled' : 'existing'} ${s.fk.refSchema}.${s.fk.refTable} keys${s.sample.bounded ? ` (the sample bound)` : ''}${uniqueTo(s.fk.columns, k.columns) ? ' not yet referenced by this table' : ''}`);
        reasons.push(`key ${k.name} (${k.columns.join(', ')}) has only ${e.size} distinct combinations${from.length ? `: ${from.join(' × ')}` : ''}${taken ? `, ${taken} of them already in the table` : ''}`);
      }
      if (!this.enumeration && e.size <= ENUMERATION_LIMIT && e.size > 0) {
        this.enumeration = e;
        k.byConstruction = true;
        for (const f of e.factors) for (const c of f.columns) this.frozenBase.add(c);
      }
    }
    // Foreign keys to tables outside this run (and not sampled): NULL where allowed, otherwise the table cannot be filled.
    this.outsideFks = plan.table.foreignKeys.filter((fk) => !plan.directFks.includes(fk) && !plan.backfillFks.includes(fk));
    const why = plan.readsDatabase ? '' : ' (this run does not read the database: an SQL script, CSV files, a snapshot or SQL Server cannot draw from existing parent rows; preview or --write against a PostgreSQL or MySQL/MariaDB connection does)';
    for (const fk of this.outsideFks) {
      if (fk.columns.every((c) => this.nullable.has(c))) {
        note('info', `${fk.name} left NULL: ${fk.refSchema}.${fk.refTable} is not part of this run${why}`);
        for (const c of fk.columns) this.frozenBase.add(c);
      } else blocked ??= `foreign key ${fk.name} needs rows in ${fk.refSchema}.${fk.refTable}, which is not part of this run${why}: the table is skipped`;
    }
    // Parents without rows: a NOT NULL foreign key cannot be filled; a nullable one stays NULL.
    for (const fk of plan.directFks) {
      const parentKey = `${fk.refSchema}.${fk.refTable}`;
      if (parentKey === plan.key) continue;
      const pool = this.poolOf(fk);
      const allNullable = fk.columns.every((c) => this.nullable.has(c));
      const sampled = plan.sampledFks?.find((s) => s.fk === fk)?.sample;
      if (pool && pool.length > 0) continue;
      if (sampled) {
        const none = sampled.parentEmpty ? 'has no rows in the database' : `has no row that ${plan.key} does not reference already (${fk.columns.join(', ')} is unique)`;
        if (allNullable) note('info', `${fk.name} left NULL: ${parentKey} is not part of this run and ${none}`);
        else blocked ??= `foreign key ${fk.name} needs rows in ${parentKey}, which is not part of this run and ${none}: the table is skipped (add ${parentKey} to --tables to generate parents)`;
      } else if (!allNullable) blocked ??= `foreign key ${fk.name} needs rows in ${parentKey}, which has none`;
    }
    if (cap < plan.rows) note('warning', `domain too small: ${cap} of ${plan.rows} rows (${reasons.join('; ')})`);
    this.blocked = blocked;
    if (blocked) note('error', blocked);
    this.target = blocked ? 0 : cap;
    this.sinkColumns = this.columns.map((c) => ({
      name: c.info.name,
      dataType: c.info.dataType,
      kind: (c.type.element ?? c.type).kind,
      scale: (c.type.element ?? c.type).scale,
      array: Boolean(c.type.element),
      identityAlways: c.info.identity === 'always',
    }));
  }

  private buildDomain(col: ColumnInfo, type: TypeSpec, o: ColumnOverride | undefined): ValueDomain {
    const { seed, plan } = this.ctx;
    const kind = (type.element ?? type).kind;
    const d: ValueDomain = { column: col.name, type, words: wordPool(seed, plan.key, col.name) };
    let semantic: Semantic | undefined = semanticFor(col.name, kind, plan.table.name);
    if (o?.generator) {
      if ((SEMANTICS as readonly string[]).includes(o.generator)) semantic = o.generator as Semantic;
      else {
        const pool = fakerPathPool(o.generator, seed, plan.key, col.name);
        if (pool) d.pool = pool;
        else this.ctx.findings.push({ level: 'warning', table: plan.key, column: col.name, message: `mock.yml: unknown generator "${o.generator}" (use one of ${SEMANTICS.join(', ')} or a faker path such as person.jobTitle)` });
      }
    }
    d.semantic = semantic;
    if (!d.pool && kind === 'text' && semantic && !['price', 'quantity', 'age', 'latitude', 'longitude', 'percent', 'birth_date', 'past_time'].includes(semantic)) d.pool = textPool(semantic, seed, plan.key, col.name);
    if (o?.values) d.values = o.values;
    if (o?.min !== undefined) d.min = typeof o.min === 'string' ? parseTime(o.min) : o.min;
    if (o?.max !== undefined) d.max = typeof o.max === 'string' ? parseTime(o.max) : o.max;
    if (o?.distribution) d.distribution = o.distribution;
    return d;
  }

  /** The keys a foreign key draws from: rows generated in this run, or the sample of an existing parent. */
  private poolOf(fk: ForeignKey): Value[][] | undefined {
    const sampled = this.ctx.plan.sampledFks?.find((s) => s.fk === fk);
    return sampled ? sampled.sample.tuples : this.ctx.pools.get(`${fk.refSchema}.${fk.refTable}`, fk.refColumns);
  }

  private enumerationFor(k: UniqueKey, fks: ForeignKey[]): Enumeration | undefined {
    if (k.predicate) return undefined;
    const factors: Enumeration['factors'] = [];
    const covered = new Set<string>();
    for (const fk of fks) {
      if (!fk.columns.every((c) => k.columns.includes(c))) continue;
      if (fk.columns.some((c) => covered.has(c))) return undefined;
      if (`${fk.refSchema}.${fk.refTable}` === this.key) return undefined;
      const pool = this.poolOf(fk);
      if (!pool) return undefined;
      factors.push({ columns: fk.columns, size: pool.length, tuple: (i) => pool[i]! });
      fk.columns.forEach((c) => covered.add(c));
    }
    for (const c of k.columns) {
      if (covered.has(c)) continue;
      if (this.frozenBase.has(c)) return undefined;
      const d = this.domains.get(c);
      const list = d ? enumerateDomain(d, ENUMERATION_LIMIT) : undefined;
      if (!list) return undefined;
      factors.push({ columns: [c], size: list.length, tuple: (i) => [list[i]!] });
    }
    const size = factors.reduce((p, f) => p * f.size, 1);
    return { key: k, factors, size, taken: new Map(), next: 0 };
  }

  /** The next row, or undefined when the table is done (target reached or the rejection bound hit). */
  next(): Row | undefined {
    while (this.produced < this.target) {
      if (this.enumeration && this.enumeration.next >= this.enumeration.size) break;
      let row: Row | undefined;
      for (let attempt = 0; attempt < ATTEMPTS_PER_ROW && !row; attempt++) row = this.attempt();
      if (row) {
        this.consecutive = 0;
        this.accept(row);
        return row;
      }
      this.rejected++;
      if (++this.consecutive >= CONSECUTIVE_FAILURES) break;
    }
    return undefined;
  }

  /** Why rows were rejected, for the report. */
  rejectionReasons(): string[] {
    const out = this.checks.filter((c) => c.failures > 0).map((c) => `CHECK ${c.name} failed ${c.failures} draws`);
    for (const [k, n] of this.keyFailures) out.push(`key ${k} collided ${n} times`);
    return out;
  }

  private attempt(): Row | undefined {
    const row: Row = {};
    const index = this.produced;
    const rng = this.rng;
    const frozen = this.frozenBase;
    if (this.enumeration) {
      const e = this.enumeration;
      if (e.next >= e.size) return undefined;
      let i = drawWithoutReplacement(e, rng);
      for (const f of e.factors) {
        const j = i % f.size;
        i = Math.floor(i / f.size);
        const t = f.tuple(j);
        f.columns.forEach((c, n) => (row[c] = t[n]!));
      }
    }
    for (const c of this.columns) if (c.sequenceStart !== undefined) row[c.info.name] = c.sequenceStart + index;
    if (!this.fillForeignKeys(row)) return undefined;
    for (const c of this.columns) {
      const name = c.info.name;
      if (name in row) continue;
      if (c.nullRatio > 0 && (c.nullRatio >= 1 || rng.next() < c.nullRatio)) row[name] = null;
      else row[name] = drawValue(c.domain, rng, index);
    }
    // CHECKs: repair what fails, then verify.
    const repair: RepairContext = this.repair;
    repair.index = index;
    // Evaluate; repair what fails; re-evaluate. A row that passes on the first round costs one pass.
    let clean = false;
    for (let round = 0; round < 5 && !clean; round++) {
      clean = true;
      for (const c of this.checks)
        if (checkPasses(c.expr, row) === false) {
          clean = false;
          if (round === 4) {
            c.failures++;
            return undefined;
          }
          force(c.expr, true, row, repair);
        }
    }
    if (!clean) return undefined;
    // Uniqueness.
    for (const k of this.keys) {
      if (k.byConstruction) {
        if (k.existing?.size && k.existing.has(keyOf(k, row) ?? '')) {
          this.keyFailures.set(`${k.name} (already in the table)`, (this.keyFailures.get(`${k.name} (already in the table)`) ?? 0) + 1);
          return undefined;
        }
        continue;
      }
      let id = keyOf(k, row);
      if (id !== undefined && k.seen.has(id) && k.columns.length === 1) {
        const col = this.columns.find((c) => c.info.name === k.columns[0]);
        if (col && col.type.kind === 'text' && !col.domain.like && !col.domain.regex && !col.domain.values && !frozen.has(col.info.name)) {
          row[col.info.name] = withUniqueSuffix(col.domain, String(row[col.info.name]), index);
          if (this.checks.some((c) => checkPasses(c.expr, row) === false)) return undefined;
          id = keyOf(k, row);
        }
      }
      if (id !== undefined && (k.seen.has(id) || k.existing?.has(id))) {
        this.keyFailures.set(k.name, (this.keyFailures.get(k.name) ?? 0) + 1);
        return undefined;
      }
    }
    // Keys of several unique constraints must all be free before any is taken.
    for (const k of this.keys) {
      if (k.byConstruction) continue;
      const id = keyOf(k, row);
      if (id !== undefined) k.seen.add(id);
    }
    return row;
  }

  private fillForeignKeys(row: Row): boolean {
    const rng = this.rng;
    for (const fk of this.ctx.plan.directFks) {
      if (fk.columns.every((c) => c in row)) continue;
      const allNullable = fk.columns.every((c) => this.nullable.has(c));
      const self = `${fk.refSchema}.${fk.refTable}` === this.key;
      const pool = this.poolOf(fk);
      if (!pool || pool.length === 0 || (allNullable && rng.next() < this.nullRatioOf(fk))) {
        if (allNullable) {
          for (const c of fk.columns) if (!(c in row)) row[c] = null;
          continue;
        }
        // A NOT NULL self-reference on the first row: the row points at itself.
        if (self && fk.refColumns.every((c) => c in row)) {
          fk.columns.forEach((c, i) => (row[c] = row[fk.refColumns[i]!]!));
          continue;
        }
        return false;
      }
      const assigned = fk.columns.map((c) => (c in row ? row[c] : undefined));
      const tuple = assigned.some((v) => v !== undefined) ? findConsistent(pool, assigned, rng) : pool[skewedIndex(rng, pool.length)];
      if (!tuple) return false;
      fk.columns.forEach((c, i) => (row[c] = tuple[i]!));
    }
    for (const fk of [...this.ctx.plan.backfillFks, ...this.outsideFks]) for (const c of fk.columns) if (!(c in row)) row[c] = null;
    return true;
  }

  private nullRatioOf(fk: ForeignKey): number {
    return this.columns.find((c) => c.info.name === fk.columns[0])?.nullRatio ?? DEFAULT_NULL_RATIO;
  }

  private accept(row: Row): void {
    this.ctx.pools.add(this.key, row);
    this.produced++;
  }

  /** Values for a back-filled foreign key: a parent per row, distinct when the columns are unique. */
  backfillValues(fk: ForeignKey, pool: Value[][], count: number): (Value[] | undefined)[] {
    const rng = new Random(seedFor(this.ctx.seed, this.key, fk.name, 'backfill'));
    const unique = this.keys.some((k) => sameSet(k.columns, fk.columns));
    const out: (Value[] | undefined)[] = [];
    if (unique) {
      const order = rng.sample(pool.map((_, i) => i), pool.length);
      for (let i = 0; i < count; i++) out.push(i < order.length ? pool[order[i]!] : undefined);
    } else for (let i = 0; i < count; i++) out.push(pool.length ? pool[skewedIndex(rng, pool.length)] : undefined);
    return out;
  }

  sequenceStartOf(column: string): number | undefined {
    return this.columns.find((c) => c.info.name === column)?.sequenceStart;
  }

}

function drawWithoutReplacement(e: Enumeration, rng: Random): number {
  // Lazy Fisher-Yates over [0, size): O(rows) memory, not O(size).
  const i = e.next++;
  const j = i + Math.floor(rng.next() * (e.size - i));
  const vi = e.taken.get(i) ?? i;
  const vj = e.taken.get(j) ?? j;
  e.taken.set(j, vi);
  e.taken.delete(i);
  return vj;
}

function findConsistent(pool: Value[][], assigned: (Value | undefined)[], rng: Random): Value[] | undefined {
  const fits = (t: Value[]) => assigned.every((v, i) => v === undefined || String(v) === String(t[i]));
  for (let i = 0; i < 30; i++) {
    const t = pool[Math.floor(rng.next() * pool.length)]!;
    if (fits(t)) return t;
  }
  const start = Math.floor(rng.next() * pool.length);
  for (let i = 0; i < pool.length; i++) {
    const t = pool[(start + i) % pool.length]!;
    if (fits(t)) return t;
  }
  return undefined;
}

/** The column of `col`, `lower(col)`, `upper(col)`, `btrim(col)` (through casts), else undefined. */
function caseFoldedColumn(e: Expr): string | undefined {
  if (e.k === 'col') return e.name;
  if (e.k === 'cast') return caseFoldedColumn(e.e);
  if (e.k === 'func' && ['lower', 'upper', 'btrim', 'trim'].includes(e.name) && e.args.length === 1) return caseFoldedColumn(e.args[0]!);
  return undefined;
}

function keyOf(k: UniqueKey, row: Row): string | undefined {
  if (k.predicate && checkPasses(k.predicate, row) !== true) return undefined;
  const values = k.columns.map((c) => row[c]);
  if (values.some((v) => v === null || v === undefined)) return undefined;
  return tupleId(values as Value[]);
}

function tupleId(values: Value[]): string {
  let id = '';
  for (const v of values) id += (typeof v === 'string' ? v.toLowerCase() : String(v)) + '\u0001';
  return id;
}

/** How many of the table's existing tuples the enumeration could draw again. */
function existingInside(e: Enumeration, existing: Set<string>): number {
  // Listing a huge factor costs more than the estimate is worth: then the rejections bound the run.
  if (e.factors.some((f) => f.size > 1_000_000)) return 0;
  const factorIds = e.factors.map((f) => new Set(Array.from({ length: f.size }, (_, i) => tupleId(f.tuple(i)))));
  const positions = e.factors.map((f) => f.columns.map((c) => e.key.columns.indexOf(c)));
  let n = 0;
  for (const id of existing) {
    const parts = id.split('\u0001');
    if (positions.every((pos, i) => factorIds[i]!.has(tupleId(pos.map((p) => parts[p]!))))) n++;
  }
  return n;
}

/** The foreign-key columns are the whole key (so each parent can be used once). */
function uniqueTo(fkColumns: string[], keyColumns: string[]): boolean {
  return sameSet(fkColumns, keyColumns);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function short(s: string): string {
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

export function parseCheck(text: string, dialect: SchemaModel['dialect']): Expr {
  return dialect === 'postgres' ? parsePgExpression(text) : dialect === 'mysql' ? parseMysqlExpression(text) : { k: 'unknown', text };
}

function renameValue(e: Expr, column: string): Expr {
  return mapColumns(e, (n) => (n.toLowerCase() === 'value' ? column : n));
}

/** Column names as the table spells them (MySQL compares them case-insensitively). */
function columnResolver(written: string[], all: string[]): (e: Expr) => Expr {
  const byLower = new Map(all.map((c) => [c.toLowerCase(), c]));
  void written;
  return (e) => mapColumns(e, (n) => (all.includes(n) ? n : (byLower.get(n.toLowerCase()) ?? n)));
}

function mapColumns(e: Expr, f: (name: string) => string): Expr {
  const m = (x: Expr) => mapColumns(x, f);
  switch (e.k) {
    case 'col':
      return { k: 'col', name: f(e.name) };
    case 'cmp':
      return { ...e, l: m(e.l), r: m(e.r) };
    case 'arith':
      return { ...e, l: m(e.l), r: m(e.r) };
    case 'and':
    case 'or':
      return { ...e, args: e.args.map(m) };
    case 'not':
      return { ...e, arg: m(e.arg) };
    case 'in':
      return { ...e, e: m(e.e), list: e.list.map(m) };
    case 'between':
      return { ...e, e: m(e.e), lo: m(e.lo), hi: m(e.hi) };
    case 'like':
    case 'regex':
      return { ...e, e: m(e.e), pattern: m(e.pattern) };
    case 'isnull':
    case 'istrue':
    case 'cast':
      return { ...e, e: m(e.e) } as Expr;
    case 'func':
      return { ...e, args: e.args.map(m) };
    default:
      return e;
  }
}

export function tableOverride(config: MockConfig | undefined, t: TableInfo): TableOverride | undefined {
  if (!config) return undefined;
  return config.tables[qualifiedName(t)] ?? config.tables[t.name] ?? Object.entries(config.tables).find(([k]) => k.toLowerCase() === qualifiedName(t).toLowerCase() || k.toLowerCase() === t.name.toLowerCase())?.[1];
}

