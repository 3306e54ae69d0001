// The run: plan → for each table in order, rows from its TableGenerator in batches into the sink →
// back-fill cyclic foreign keys once their parent is loaded → sequences → finish. Memory is bounded
// by the batch size plus the key pools children draw from. Cancellable between batches; on any
// failure the sink rolls back (databases: the whole run is one transaction, see sinks/).
import { qualifiedName, type SchemaModel, type TableInfo } from '../schema/model';
import { parseColumnType } from './column-type';
import { loadPgExpressionParser } from './expr-pg';
import type { Row, Value } from './expr';
import { PARENT_SAMPLE_LIMIT, planMock, type MockPlan } from './plan';
import { Pools } from './pools';
import { seedFor } from './random';
import { TableGenerator, tableOverride } from './table-generator';
import type { ExistingKeyTuples, Finding, MockProgress, MockReport, MockRequest, MockSink, ParentKeySample, ParentKeySource, SampledParent, SinkColumn, TableResult } from './types';

export const BATCH_ROWS = 2000;
const BACKFILL_BATCH = 5000;

export class MockCancelled extends Error {
  override readonly name = 'MockCancelled';
  constructor() {
    super('mock data generation was cancelled; nothing was committed');
  }
}

export interface GenerateOptions {
  signal?: AbortSignal;
  onProgress?: (p: MockProgress) => void;
  /** Preview: at most this many rows per table, no back-fill. */
  limitPerTable?: number;
  /**
   * Live runs: reads existing keys of parents that are not generated, so foreign keys to them draw
   * from rows already in the database. Without it they are NULL or the table is skipped.
   */
  parents?: ParentKeySource;
  /** Distinct key tuples read per parent (default PARENT_SAMPLE_LIMIT). */
  parentSampleLimit?: number;
}

/**
 * Plans, reading the parent samples the plan asks for until it asks for none (each round reads at
 * least one new sample, so this ends). Without a source the first plan is final.
 */
export async function planWithParents(model: SchemaModel, request: MockRequest, options: GenerateOptions = {}): Promise<{ plan: MockPlan; sampledParents: SampledParent[] }> {
  const source = options.parents;
  if (!source) return { plan: planMock(model, request), sampledParents: [] };
  const samples = new Map<string, ParentKeySample>();
  const read = new Map<string, Promise<ParentKeySample>>();
  const sampledParents: SampledParent[] = [];
  const limit = options.parentSampleLimit ?? PARENT_SAMPLE_LIMIT;
  const keyOf = (child: string, fkName: string) => `${child}\u0000${fkName}`;
  for (;;) {
    const plan = planMock(model, request, { get: (child, fk) => samples.get(keyOf(child, fk.name)) });
    if (plan.toSample.length === 0) return { plan, sampledParents };
    for (const w of plan.toSample) {
      if (options.signal?.aborted) throw new MockCancelled();
      const child = qualifiedName(w.child);
      // The same parent key read once per run, unless a 1:1 child needs the parents it does not reference yet.
      const cacheKey = [qualifiedName(w.parent), ...w.fk.refColumns, w.unreferencedOnly ? `unreferenced by ${child}(${w.fk.columns.join(',')})` : ''].join('\u0000');
      let p = read.get(cacheKey);
      if (!p) {
        p = source.sampleKeys({ parent: w.parent, columns: w.fk.refColumns, limit, seed: seedFor(request.seed, qualifiedName(w.parent), 'parent sample'), unreferencedBy: w.unreferencedOnly ? { table: w.child, columns: w.fk.columns } : undefined });
        read.set(cacheKey, p);
      }
      const sample = await p;
      samples.set(keyOf(child, w.fk.name), sample);
      sampledParents.push({ table: qualifiedName(w.parent), columns: w.fk.refColumns, child, foreignKey: w.fk.name, keys: sample.tuples.length, bounded: sample.bounded, estimatedRows: sample.estimatedRows, method: sample.method, ...(w.unreferencedOnly ? { unreferencedOnly: true } : {}) });
    }
  }
}

/** Row counts from mock.yml apply unless the request names the table itself. */
export function withConfigRows(model: SchemaModel, request: MockRequest): MockRequest {
  if (!request.config) return request;
  const rowsPerTable = { ...request.rowsPerTable };
  for (const t of model.tables) {
    const o = tableOverride(request.config, t);
    const named = Object.keys(rowsPerTable).some((k) => k === t.name || k === qualifiedName(t));
    if (o?.rows !== undefined && !named) rowsPerTable[qualifiedName(t)] = o.rows;
  }
  return { ...request, rowsPerTable };
}

export async function generateMock(model: SchemaModel, request: MockRequest, sink: MockSink, options: GenerateOptions = {}): Promise<MockReport> {
  const started = performance.now();
  if (model.dialect === 'postgres') await loadPgExpressionParser();
  const req = withConfigRows(model, request);
  const { plan, sampledParents: sampled } = await planWithParents(model, req, options);
  // Only the samples the final plan uses (a parent added to the run later is generated, not sampled).
  const sampledParents = sampled.filter((s) => plan.tables.some((t) => t.key === s.child && t.sampledFks?.some((x) => x.fk.name === s.foreignKey)));
  const findings: Finding[] = [...plan.findings];
  const pools = registerPools(plan);
  const results: TableResult[] = [];
  const generators = new Map<string, TableGenerator>();
  const predictions = new Map<string, { column: string; start: number; rows: number }>();
  const throwIfCancelled = () => {
    if (options.signal?.aborted) throw new MockCancelled();
  };
  try {
    throwIfCancelled();
    await sink.begin();
    const inspections = new Map<string, { existingRows: number; maxKeys: Record<string, number> } | undefined>();
    const inspect = async (t: (typeof plan.tables)[number]) => {
      if (!inspections.has(t.key)) {
        const intKeys = [t.table.primaryKey, ...t.table.uniques].filter((k) => k?.columns.length === 1).map((k) => k!.columns[0]!);
        inspections.set(t.key, sink.inspectTable ? await sink.inspectTable(t.table, intKeys) : undefined);
      }
      return inspections.get(t.key);
    };
    for (const [ti, tp] of plan.tables.entries()) {
      throwIfCancelled();
      const groupMembers = tp.group === undefined ? [] : plan.tables.filter((t) => t.group === tp.group);
      const firstOfGroup = groupMembers[0] === tp;
      const lastOfGroup = groupMembers[groupMembers.length - 1] === tp;
      if (firstOfGroup) {
        // Predict the integer keys of the group's later tables, so earlier rows can reference them.
        for (const m of groupMembers)
          for (const fk of m.predictedFks ?? []) {
            const parent = plan.tables.find((t) => t.key === `${fk.refSchema}.${fk.refTable}`)!;
            const start = ((await inspect(parent))?.maxKeys[fk.refColumns[0]!] ?? 0) + 1;
            const keyType = parseColumnType(parent.table.columns.find((c) => c.name === fk.refColumns[0])?.dataType ?? 'integer', model.dialect);
            const rows = Math.max(0, Math.min(limited(parent.rows, options.limitPerTable), (keyType.max ?? Number.MAX_SAFE_INTEGER) - start + 1));
            pools.predict(parent.key, fk.refColumns, Array.from({ length: rows }, (_, i) => [start + i]));
            predictions.set(parent.key, { column: fk.refColumns[0]!, start, rows });
          }
        if (sink.beginGroup) await sink.beginGroup(groupMembers.map((m) => m.table));
      }
      const inspected = await inspect(tp);
      const existingKeys = options.parents && inspected?.existingRows !== 0 ? await existingKeysOf(tp, options.parents, findings) : undefined;
      const gen = new TableGenerator({ model, plan: { ...tp, rows: limited(tp.rows, options.limitPerTable) }, seed: req.seed, config: req.config, pools, findings, maxKeys: inspected?.maxKeys, existingKeys });
      generators.set(tp.key, gen);
      const result: TableResult = { table: tp.key, requested: tp.rows, written: 0, rejected: 0, backfilled: 0 };
      if (inspected?.existingRows) result.existingBefore = inspected.existingRows;
      results.push(result);
      if (gen.target > 0) {
        await sink.beginTable(tp.table, gen.sinkColumns);
        let batch: Value[][] = [];
        for (let row = gen.next(); row; row = gen.next()) {
          batch.push(toArray(row, gen.sinkColumns));
          if (batch.length >= BATCH_ROWS) {
            await sink.writeRows(batch);
            batch = [];
            options.onProgress?.({ table: tp.key, done: gen.produced, total: gen.target, tableIndex: ti, tableCount: plan.tables.length });
            throwIfCancelled();
          }
        }
        if (batch.length) await sink.writeRows(batch);
        await sink.endTable();
        if (gen.sequenceColumns.length && sink.syncSequences && tp.group === undefined) await sink.syncSequences(tp.table, gen.sequenceColumns);
      }
      result.written = gen.produced;
      result.rejected = gen.rejected;
      if (gen.produced < gen.target) findings.push({ level: 'warning', table: tp.key, message: `wrote ${gen.produced} of ${gen.target} rows: the rejection bound was reached (${gen.rejectionReasons().join('; ') || 'no value satisfied the constraints'})` });
      else if (gen.rejected > 0) findings.push({ level: 'info', table: tp.key, message: `${gen.rejected} draws rejected and redrawn (${gen.rejectionReasons().join('; ')})` });
      options.onProgress?.({ table: tp.key, done: gen.produced, total: gen.target, tableIndex: ti, tableCount: plan.tables.length });
      const predicted = predictions.get(tp.key);
      if (predicted && (gen.produced !== predicted.rows || gen.sequenceStartOf(predicted.column) !== predicted.start))
        throw new Error(`${tp.key}: the foreign-key cycle needs ${predicted.rows} rows numbered from ${predicted.start}, but ${gen.produced} rows were generated; nothing was written`);
      if (tp.group !== undefined && !lastOfGroup) continue;
      if (lastOfGroup) {
        if (sink.endGroup) await sink.endGroup();
        for (const m of groupMembers) {
          const g = generators.get(m.key)!;
          if (g.sequenceColumns.length && g.produced > 0 && sink.syncSequences) await sink.syncSequences(m.table, g.sequenceColumns);
        }
      }
      if (options.limitPerTable === undefined) for (const m of lastOfGroup ? groupMembers : [tp]) await backfillInto(m.key, plan, generators, pools, sink, results, findings);
    }
    throwIfCancelled();
    await sink.finish();
  } catch (e) {
    await sink.abort(e);
    throw e;
  }
  const report: MockReport = { seed: req.seed, tables: results, findings, totalRows: results.reduce((s, r) => s + r.written, 0), durationMs: performance.now() - started };
  if (sampledParents.length) report.sampledParents = sampledParents;
  return report;
}

/** At most this many existing tuples of a child's unique key are read (see existingKeysOf). */
export const EXISTING_KEY_LIMIT = 200_000;

/**
 * A table that draws existing parents and already has rows: the tuples of its unique keys that
 * contain sampled foreign-key columns (order_line (order_id, product_id)), so new rows avoid them.
 * A key that is exactly a 1:1 foreign key needs none: its sample left out the parents in use.
 */
async function existingKeysOf(tp: MockPlan['tables'][number], source: ParentKeySource, findings: Finding[]): Promise<ExistingKeyTuples[] | undefined> {
  if (!tp.sampledFks?.length || !source.existingKeys) return undefined;
  const t = tp.table;
  const sampledColumns = new Set(tp.sampledFks.flatMap((s) => s.fk.columns));
  const keys = [t.primaryKey?.columns, ...t.uniques.map((u) => u.columns), ...t.indexes.filter((i) => i.unique && !i.predicate).map((i) => i.columns)].filter((k): k is string[] => !!k && k.every((c) => t.columns.some((x) => x.name === c)));
  const out: ExistingKeyTuples[] = [];
  for (const columns of keys) {
    if (!columns.some((c) => sampledColumns.has(c))) continue;
    if (tp.sampledFks.some((s) => s.fk.columns.length === columns.length && s.fk.columns.every((c) => columns.includes(c)))) continue;
    if (out.some((k) => k.columns.length === columns.length && k.columns.every((c) => columns.includes(c)))) continue;
    const { tuples, bounded } = await source.existingKeys({ table: t, columns, limit: EXISTING_KEY_LIMIT });
    if (bounded) findings.push({ level: 'warning', table: tp.key, message: `unique key (${columns.join(', ')}): only the first ${EXISTING_KEY_LIMIT.toLocaleString('en-US')} existing tuples are avoided; a new row may still collide with an older one (the database would refuse the run)` });
    out.push({ columns, tuples, bounded });
  }
  return out.length ? out : undefined;
}

/** "all of them", or how a bounded sample was taken, for the report. */
export function describeSample(s: SampledParent): string {
  const rows = s.estimatedRows !== undefined && s.estimatedRows >= 0 ? ` of about ${Math.round(s.estimatedRows).toLocaleString('en-US')} rows` : '';
  return s.bounded ? `a sample bounded at ${s.keys.toLocaleString('en-US')} keys${rows}, read with ${s.method}` : `every key, read with ${s.method}`;
}

function limited(rows: number, limit: number | undefined): number {
  return limit === undefined ? rows : Math.min(rows, limit);
}

function registerPools(plan: MockPlan): Pools {
  const pools = new Pools();
  for (const tp of plan.tables) {
    for (const fk of [...tp.directFks, ...tp.backfillFks]) if (!tp.sampledFks?.some((s) => s.fk === fk)) pools.want(`${fk.refSchema}.${fk.refTable}`, fk.refColumns);
    if (tp.backfillFks.length) {
      const id = identityColumns(tp.table);
      if (id) pools.want(tp.key, id);
    }
  }
  return pools;
}

/** After `parentKey` is loaded: UPDATE the tables whose cyclic foreign keys point at it. */
async function backfillInto(parentKey: string, plan: MockPlan, generators: Map<string, TableGenerator>, pools: Pools, sink: MockSink, results: TableResult[], findings: Finding[]): Promise<void> {
  for (const tp of plan.tables) {
    const child = generators.get(tp.key);
    if (!child) continue;
    for (const fk of tp.backfillFks) {
      if (`${fk.refSchema}.${fk.refTable}` !== parentKey) continue;
      const idCols = identityColumns(tp.table);
      const ids = idCols ? pools.get(tp.key, idCols) : undefined;
      const parents = pools.get(parentKey, fk.refColumns) ?? [];
      if (!idCols || !ids) {
        findings.push({ level: 'warning', table: tp.key, message: `${fk.name} left NULL: the table has no primary or unique key to back-fill it by` });
        continue;
      }
      if (ids.length === 0 || parents.length === 0) continue;
      const values = child.backfillValues(fk, parents, ids.length);
      const col = (name: string): SinkColumn => child.sinkColumns.find((c) => c.name === name)!;
      const keyColumns = idCols.map(col);
      const setColumns = fk.columns.map(col);
      let batch: Value[][] = [];
      let count = 0;
      for (let i = 0; i < ids.length; i++) {
        const v = values[i];
        if (!v) continue;
        batch.push([...ids[i]!, ...v]);
        count++;
        if (batch.length >= BACKFILL_BATCH) {
          await sink.backfill({ table: tp.table, keyColumns, setColumns, fk, rows: batch });
          batch = [];
        }
      }
      if (batch.length) await sink.backfill({ table: tp.table, keyColumns, setColumns, fk, rows: batch });
      const r = results.find((x) => x.table === tp.key);
      if (r) r.backfilled += count;
      if (count < ids.length) findings.push({ level: 'info', table: tp.key, message: `${fk.name}: ${count} of ${ids.length} rows back-filled (unique: only ${parents.length} parents)` });
    }
  }
}

/** Columns that identify a row for back-fill UPDATEs: the primary key, else a NOT NULL unique key. */
function identityColumns(t: TableInfo): string[] | undefined {
  if (t.primaryKey) return t.primaryKey.columns;
  return t.uniques.find((u) => u.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable === false))?.columns;
}

function toArray(row: Row, cols: SinkColumn[]): Value[] {
  const out = new Array<Value>(cols.length);
  for (let i = 0; i < cols.length; i++) out[i] = row[cols[i]!.name] ?? null;
  return out;
}
