// Asking PostgreSQL's planner, in the advisor's own read-only session: EXPLAIN costs (queries with
// $n parameters, as pg_stat_statements prints them, are planned generically through PREPARE with
// plan_cache_mode = force_generic_plan, never executed) and HypoPG's hypothetical indexes, which
// exist only in this session's memory.
import type { AdvisorSqlSession } from '../drivers/postgres/advisor-session';

export interface PlanInfo {
  cost: number;
  /** Scan nodes: "Seq Scan on rental", "Index Scan using idx on rental". */
  scans: string[];
  /** Index names the plan uses. */
  indexes: string[];
  root: unknown;
}

export class Planner {
  explains = 0;
  private prepared = 0;

  constructor(private readonly session: AdvisorSqlSession) {}

  async explain(sql: string): Promise<PlanInfo> {
    const text = sql.replace(/[\s;]+$/, '');
    this.explains++;
    if (!/\$\d/.test(stripLiterals(text))) return planInfo(await this.session.query(`EXPLAIN (FORMAT JSON) ${text}`));
    const name = `sw_advisor_${++this.prepared}`;
    await this.session.query(`PREPARE ${name} AS ${text}`);
    try {
      const types = await this.session.query(`SELECT cardinality(parameter_types) AS n FROM pg_prepared_statements WHERE name = '${name}'`);
      const n = Number(types[0]?.n ?? 0);
      await this.session.query('SET plan_cache_mode = force_generic_plan');
      const args = n > 0 ? `(${Array.from({ length: n }, () => 'NULL').join(', ')})` : '';
      return planInfo(await this.session.query(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${args}`));
    } finally {
      await this.session.query(`DEALLOCATE ${name}`).catch(() => undefined);
    }
  }

  /** Schema HypoPG's functions live in (quoted), so they are found whatever the search_path. */
  private hypo = 'public';

  /** Version of HypoPG installed in the database, or undefined. */
  async hypopgVersion(): Promise<string | undefined> {
    const r = await this.session.query(`SELECT e.extversion, n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'hypopg'`);
    if (!r[0]) return undefined;
    this.hypo = `"${String(r[0].nspname).replace(/"/g, '""')}"`;
    return String(r[0].extversion);
  }

  /** Whether the server has HypoPG's files (so CREATE EXTENSION would work). */
  async hypopgAvailable(): Promise<boolean> {
    const r = await this.session.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg'`);
    return r.length > 0;
  }

  /** Creates a hypothetical index (session memory only); resolves its oid and name. */
  async createHypothetical(createIndexSql: string): Promise<{ oid: number; name: string }> {
    const r = await this.session.query(`SELECT indexrelid, indexname FROM ${this.hypo}.hypopg_create_index(${literal(createIndexSql)})`);
    if (!r[0]) throw new Error('HypoPG did not create the hypothetical index');
    return { oid: Number(r[0].indexrelid), name: String(r[0].indexname) };
  }

  async dropHypothetical(oid: number): Promise<void> {
    await this.session.query(`SELECT ${this.hypo}.hypopg_drop_index(${Math.floor(oid)})`);
  }

  async hypotheticalSize(oid: number): Promise<number | undefined> {
    try {
      const r = await this.session.query(`SELECT ${this.hypo}.hypopg_relation_size(${Math.floor(oid)})::float8 AS bytes`);
      return r[0] ? Number(r[0].bytes) : undefined;
    } catch {
      return undefined;
    }
  }

  async resetHypothetical(): Promise<void> {
    await this.session.query(`SELECT ${this.hypo}.hypopg_reset()`).catch(() => undefined);
  }

  query(sql: string): Promise<Record<string, unknown>[]> {
    return this.session.query(sql);
  }
}

function planInfo(rows: Record<string, unknown>[]): PlanInfo {
  const cell = Object.values(rows[0] ?? {})[0];
  const json = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan?: Record<string, unknown> }[];
  const root = json?.[0]?.Plan ?? {};
  const scans: string[] = [];
  const indexes: string[] = [];
  const visit = (n: Record<string, unknown>) => {
    const rel = n['Relation Name'];
    const idx = n['Index Name'];
    if (typeof idx === 'string') indexes.push(idx);
    if (typeof rel === 'string') scans.push(`${String(n['Node Type'])}${typeof idx === 'string' ? ` using ${idx}` : ''} on ${rel}`);
    else if (typeof idx === 'string') scans.push(`${String(n['Node Type'])} using ${idx}`);
    for (const child of (n.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit(root);
  return { cost: Number(root['Total Cost'] ?? NaN), scans, indexes, root };
}

export function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The text with string literals and comments blanked, to look for $n parameters. */
function stripLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}
