// The PostgreSQL index advisor: candidates → hypothetical indexes (HypoPG) → planner costs →
// workload-wide greedy selection. Each round adds the candidate that saves the most weighted cost
// over the whole workload, counting only queries whose cost it cuts by at least minSavingsPercent
// and whose plan actually uses it; an index serving several queries therefore beats several narrow
// ones. Without HypoPG the advice is rule-based and says so (verified: false, costAfter: null).
import type { SchemaModel, TableInfo } from '../schema/model';
import { qualifiedName } from '../schema/model';
import type { SchemaIndex } from '../schema/schema-index';
import { candidateKey, candidatesFor, coveringIndex, createIndexSql, mergeCandidates } from './candidates';
import { dropCandidates, INDEX_USAGE_SQL, indexUsageFrom, TABLE_WRITES_SQL, tableWritesFrom, writeNote } from './existing-indexes';
import type { Planner, PlanInfo } from './planner';
import { queryFacts, type QueryFacts } from './query-facts';
import type { AdviceReport, AdvisorOptions, CandidateIndex, IndexSuggestion, QueryReport, WorkloadQuery } from './types';

interface Costed {
  q: WorkloadQuery;
  base: PlanInfo;
  current: number;
  facts?: QueryFacts;
  tables: Set<string>;
}

interface Evaluation {
  gain: number;
  helped: Map<string, PlanInfo>;
}

export async function advisePostgres(planner: Planner, schema: SchemaIndex, workload: WorkloadQuery[], options: AdvisorOptions): Promise<AdviceReport> {
  const started = performance.now();
  const notices: string[] = [];
  const queries: QueryReport[] = [];
  const costed: Costed[] = [];

  const hypopg = await planner.hypopgVersion().catch(() => undefined);
  if (!hypopg) notices.push(await hypopgMissingMessage(planner, schema.model));

  for (const q of workload) {
    const report: QueryReport = { id: q.id, sql: q.sql, weight: q.weight };
    queries.push(report);
    const facts = queryFacts(q.sql, schema);
    if (!facts) {
      report.note = 'not parsed by the PostgreSQL parser: skipped';
      continue;
    }
    if (facts.kind === 'insert' && facts.usages.length === 0) {
      report.note = 'INSERT … VALUES: an index cannot make it faster (each index makes it slower)';
      continue;
    }
    try {
      const base = await planner.explain(q.sql);
      report.costBefore = base.cost;
      costed.push({ q, base, current: base.cost, facts, tables: new Set(facts.usages.map((u) => qualifiedName(u.table))) });
    } catch (e) {
      report.note = `EXPLAIN failed: ${(e as Error).message}`;
    }
  }

  const tables = new Map(schema.model.tables.map((t) => [qualifiedName(t), t]));
  let candidates = mergeCandidates(costed.flatMap((c) => (c.facts ? candidatesFor(c.q.id, c.facts, options.maxColumns) : [])));
  const covered = new Map<string, string>();
  candidates = candidates.filter((c) => {
    const t = tables.get(c.table);
    const by = t ? coveringIndex(c, t) : undefined;
    if (by) covered.set(candidateKey(c), by);
    return t && !by;
  });

  const chosen = hypopg ? await greedy(planner, candidates, costed, options) : ruleBased(candidates, costed, tables, options);
  if (hypopg) await finalCosts(planner, chosen, costed, queries);

  const stats = await planner.query(TABLE_WRITES_SQL).then(tableWritesFrom, () => undefined);
  for (const s of chosen) {
    const note = writeNote(stats?.get(s.table));
    if (note) s.writeNote = note;
  }
  const usage = await planner.query(INDEX_USAGE_SQL).then(indexUsageFrom, () => undefined);
  if (hypopg) await planner.resetHypothetical();
  if (!hypopg) for (const s of chosen) s.reasons.push('unverified: rule-based (HypoPG is not enabled)');
  return {
    dialect: 'postgres',
    verified: Boolean(hypopg),
    notices,
    indexes: chosen,
    drop: dropCandidates(schema.model, usage),
    queries,
    options,
    durationMs: Math.round(performance.now() - started),
    explains: planner.explains,
  };
}

async function hypopgMissingMessage(planner: Planner, model: SchemaModel): Promise<string> {
  const available = await planner.hypopgAvailable().catch(() => false);
  const how = available
    ? `HypoPG is installed on the server but not enabled in database "${model.database}": a database owner or superuser can run CREATE EXTENSION hypopg; there (Schemawise never runs it for you).`
    : `HypoPG is not installed on the server: install it (Debian/Ubuntu: apt-get install postgresql-${major(model.serverVersion)}-hypopg; RDS, Cloud SQL and Azure offer it as an extension), then run CREATE EXTENSION hypopg; in database "${model.database}".`;
  return `${how} Without it the advice below is rule-based and UNVERIFIED: no planner cost was compared.`;
}

function major(version: string | undefined): string {
  return /(\d+)/.exec(version ?? '')?.[1] ?? '<version>';
}

async function greedy(planner: Planner, candidates: CandidateIndex[], costed: Costed[], options: AdvisorOptions): Promise<IndexSuggestion[]> {
  const factor = 1 - options.minSavingsPercent / 100;
  const chosen: { c: CandidateIndex; oid: number; name: string; bytes?: number }[] = [];
  const cache = new Map<string, Evaluation>();
  let remaining = candidates.filter((c) => costed.some((q) => q.tables.has(c.table)));
  let dirty: Set<string> | undefined; // tables whose queries changed since the last round
  while (chosen.length < options.maxIndexes && remaining.length) {
    let best: { c: CandidateIndex; ev: Evaluation } | undefined;
    for (const c of remaining) {
      const key = candidateKey(c);
      let ev = cache.get(key);
      if (!ev || !dirty || dirty.has(c.table)) {
        ev = await evaluate(planner, c, costed, factor).catch(() => ({ gain: 0, helped: new Map() }));
        cache.set(key, ev);
      }
      if (ev.helped.size === 0) continue;
      if (!best || ev.gain > best.ev.gain || (ev.gain === best.ev.gain && c.columns.length < best.c.columns.length)) best = { c, ev };
    }
    if (!best) break;
    const hypo = await planner.createHypothetical(createIndexSql(best.c, false));
    chosen.push({ c: best.c, ...hypo, bytes: await planner.hypotheticalSize(hypo.oid) });
    dirty = new Set();
    for (const q of costed) {
      const plan = best.ev.helped.get(q.q.id);
      if (plan) {
        q.current = plan.cost;
        for (const t of q.tables) dirty.add(t);
      }
    }
    const picked = best.c;
    remaining = remaining.filter((c) => c !== picked);
  }
  return chosen.map(({ c, name, bytes }) => ({
    table: c.table,
    columns: c.columns,
    ...(c.where ? { where: c.where } : {}),
    sql: createIndexSql(c),
    costBefore: 0,
    costAfter: 0,
    queries: [],
    verified: true,
    reasons: c.reasons,
    planChanges: [name],
    ...(bytes !== undefined ? { estimatedBytes: bytes } : {}),
  }));
}

/** Cost of each query on the candidate's table with the candidate added to the chosen set. */
async function evaluate(planner: Planner, c: CandidateIndex, costed: Costed[], factor: number): Promise<Evaluation> {
  const hypo = await planner.createHypothetical(createIndexSql(c, false));
  const helped = new Map<string, PlanInfo>();
  let gain = 0;
  try {
    for (const q of costed) {
      if (!q.tables.has(c.table)) continue;
      const plan = await planner.explain(q.q.sql).catch(() => undefined);
      if (!plan || !plan.indexes.includes(hypo.name)) continue;
      if (plan.cost <= q.current * factor) {
        helped.set(q.q.id, plan);
        gain += (q.current - plan.cost) * q.q.weight;
      }
    }
  } finally {
    await planner.dropHypothetical(hypo.oid);
  }
  return { gain, helped };
}

/** With every chosen index in place: cost per query, the indexes each plan uses, the plan change. */
async function finalCosts(planner: Planner, chosen: IndexSuggestion[], costed: Costed[], queries: QueryReport[]): Promise<void> {
  const hypoName = new Map(chosen.map((s) => [s.planChanges[0], s]));
  for (const s of chosen) s.planChanges = [];
  for (const q of costed) {
    const plan = await planner.explain(q.q.sql).catch(() => undefined);
    if (!plan) continue;
    const report = queries.find((r) => r.id === q.q.id);
    if (report) report.costAfter = plan.cost;
    for (const name of new Set(plan.indexes)) {
      const s = hypoName.get(name);
      if (!s) continue;
      s.queries.push(q.q.id);
      s.costBefore += q.base.cost;
      s.costAfter = (s.costAfter ?? 0) + plan.cost;
      const table = s.table.split('.').pop()!;
      const before = q.base.scans.filter((x) => x.endsWith(` on ${table}`)).join(', ') || q.base.scans.join(', ');
      const after = plan.scans.filter((x) => x.includes(name)).map((x) => x.replace(name, '(suggested index)')).join(', ');
      s.planChanges.push(`${q.q.id}: ${before} → ${after} (cost ${round(q.base.cost)} → ${round(plan.cost)})`);
    }
  }
  for (const s of chosen) {
    s.costBefore = round(s.costBefore);
    s.costAfter = round(s.costAfter ?? 0);
  }
  // An index no final plan uses (a later pick serves its queries better) is not worth suggesting.
  for (let i = chosen.length - 1; i >= 0; i--) if (chosen[i].queries.length === 0) chosen.splice(i, 1);
}

/**
 * Without a planner to ask: per query, the widest candidate on a large table; a candidate whose key
 * is the leading part of another chosen one's key is folded into it. Unverified.
 */
function ruleBased(candidates: CandidateIndex[], costed: Costed[], tables: Map<string, TableInfo>, options: AdvisorOptions): IndexSuggestion[] {
  const large = (c: CandidateIndex) => (tables.get(c.table)?.rowEstimate ?? 0) >= options.minTableRows;
  const picked: CandidateIndex[] = [];
  for (const q of costed) {
    const mine = candidates.filter((c) => c.from.includes(q.q.id) && large(c));
    mine.sort((a, b) => b.columns.length - a.columns.length || Number(Boolean(a.where)) - Number(Boolean(b.where)));
    const best = mine[0];
    if (best && !picked.includes(best)) picked.push(best);
  }
  const kept = picked.filter((a) => !picked.some((b) => b !== a && b.table === a.table && !b.where && !a.where && b.columns.length > a.columns.length && a.columns.every((c, i) => b.columns[i] === c)));
  return kept.slice(0, options.maxIndexes).map((c) => {
    const served = picked.filter((p) => p.table === c.table && p.columns.every((x, i) => c.columns[i] === x)).flatMap((p) => p.from);
    const ids = [...new Set([...c.from, ...served])];
    return {
      table: c.table,
      columns: c.columns,
      ...(c.where ? { where: c.where } : {}),
      sql: createIndexSql(c),
      costBefore: round(costed.filter((q) => ids.includes(q.q.id)).reduce((s, q) => s + q.base.cost, 0)),
      costAfter: null,
      queries: ids,
      verified: false,
      reasons: [...c.reasons],
      planChanges: [],
    };
  });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
