// Which functions, views and operators a read-only statement may use, computed from the database's
// own catalog (DatabaseDriver.routineCatalog) in one pass, not per object:
//   - built-ins (and C functions an extension installed) are read-only when IMMUTABLE or STABLE, or on
//     a short allow-list of VOLATILE ones that only read (random(), pg_relation_size(), …); the
//     deny-list (deny-lists.ts) wins over both;
//   - a user function is read-only when it is IMMUTABLE or STABLE, written in SQL or PL/pgSQL without
//     dynamic SQL, and everything its body calls or reads is read-only (transitively);
//   - MySQL/MariaDB stored functions: their DETERMINISTIC / READS SQL DATA flags are declarations, not
//     guarantees, so only the body counts: no statement that writes, no side-effect call;
//   - a view (or a table with row-level security policies) is read-only when everything it uses is.
// Anything else is "not known to be read-only" and refused in read-only mode unless the user listed it
// in schemawise.safety.allowedFunctions (`--allow-function` on the CLI). A refusal names the function
// and the path that reaches it ("view public.v → function public.f()").
import type { CatalogRelation, CatalogRoutine, RoutineCatalog } from '../drivers/types';
import type { DialectId } from '../schema/model';
import { deniedFunction } from './deny-lists';
import { calledNames, scanSql, type Token } from './lexer';

/**
 * VOLATILE PostgreSQL built-ins that only read or compute (randomness, clocks, sizes, status, lock
 * and replication views, waits that statement_timeout bounds). Every other VOLATILE built-in is refused.
 */
const VOLATILE_READS: ReadonlySet<string> = new Set([
  'random', 'clock_timestamp', 'timeofday', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4',
  'currval', 'lastval', 'current_query',
  'pg_relation_size', 'pg_total_relation_size', 'pg_table_size', 'pg_indexes_size', 'pg_database_size', 'pg_tablespace_size',
  'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids', 'pg_lock_status', 'pg_prepared_xact', 'pg_notification_queue_usage',
  'pg_is_in_recovery', 'pg_is_wal_replay_paused', 'pg_get_wal_replay_pause_state', 'pg_jit_available',
  'pg_current_wal_lsn', 'pg_current_wal_insert_lsn', 'pg_current_wal_flush_lsn', 'pg_last_wal_receive_lsn', 'pg_last_wal_replay_lsn',
  'pg_last_xact_replay_timestamp', 'pg_last_committed_xact', 'pg_xact_commit_timestamp', 'pg_xact_commit_timestamp_origin',
  'pg_xact_status', 'txid_status', 'pg_partition_tree', 'pg_partition_ancestors', 'pg_sequence_last_value',
  'pg_collation_actual_version', 'pg_database_collation_actual_version', 'pg_get_multixact_members',
  'pg_control_checkpoint', 'pg_control_init', 'pg_control_recovery', 'pg_control_system', 'pg_stat_have_stats', 'pg_stat_clear_snapshot',
  'pg_stat_get_xact_blocks_fetched', 'pg_stat_get_xact_blocks_hit', 'pg_stat_get_xact_function_calls', 'pg_stat_get_xact_function_self_time',
  'pg_stat_get_xact_function_total_time', 'pg_stat_get_xact_numscans', 'pg_stat_get_xact_tuples_deleted', 'pg_stat_get_xact_tuples_fetched',
  'pg_stat_get_xact_tuples_hot_updated', 'pg_stat_get_xact_tuples_inserted', 'pg_stat_get_xact_tuples_returned', 'pg_stat_get_xact_tuples_updated',
  'pg_stat_get_recovery_prefetch', 'pg_get_backend_memory_contexts', 'pg_get_shmem_allocations', 'pg_get_wal_resource_managers',
  'pg_sleep', 'pg_sleep_for', 'pg_sleep_until', 'random_normal',
]);

/** Languages whose body this module can read. */
const CHECKABLE_LANGUAGES = new Set(['sql', 'plpgsql']);

/** MySQL words that, anywhere in a stored function's body, mean it may write or change session state. */
const MYSQL_BODY_WRITES = new Set([
  'insert', 'update', 'delete', 'create', 'drop', 'alter', 'truncate', 'rename', 'grant', 'revoke', 'call', 'prepare', 'execute',
  'load', 'lock', 'unlock', 'flush', 'kill', 'handler', 'outfile', 'dumpfile', 'shutdown', 'install', 'uninstall', 'purge', 'reset',
  'xa', 'savepoint', 'commit', 'rollback', 'binlog', 'cache', 'optimize', 'repair', 'analyze', 'checksum',
]);

export interface UnsafeUse {
  /** The name as the statement used it. */
  name: string;
  /** "view public.v → function public.f()", from what the statement uses to what is unsafe. */
  path: string;
  /** Why the last element of the path is not known to be read-only. */
  reason: string;
}

interface GraphNode {
  label: string;
  deps: string[];
  /** Why this node itself is unsafe (before looking at what it uses). */
  reason?: string;
  /** Known safe whatever it uses (an allowed or safe built-in function). */
  terminal?: boolean;
  unsafeVia?: string;
}

export class FunctionSafety {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly routinesByName = new Map<string, string[]>();
  private readonly relationsByName = new Map<string, string[]>();
  private readonly operatorsByName = new Map<string, string[]>();

  constructor(
    private readonly catalog: RoutineCatalog,
    allowedFunctions: readonly string[] = [],
  ) {
    const allowed = new Set(allowedFunctions.map((f) => f.trim().toLowerCase()).filter(Boolean));
    for (const r of catalog.routines) push(this.routinesByName, r.name.toLowerCase(), routineKey(r.id));
    for (const r of catalog.relations) push(this.relationsByName, r.name.toLowerCase(), relationKey(r.id));
    for (const o of catalog.operators) push(this.operatorsByName, o.name, routineKey(o.routineId));
    for (const r of catalog.routines) this.nodes.set(routineKey(r.id), this.routineNode(r, allowed));
    for (const r of catalog.relations) this.nodes.set(relationKey(r.id), this.relationNode(r));
    for (const e of catalog.edges) {
      const from = this.nodes.get(e.fromKind === 'routine' ? routineKey(e.fromId) : relationKey(e.fromId));
      const to = e.toKind === 'routine' ? routineKey(e.toId) : relationKey(e.toId);
      if (from && this.nodes.has(to) && !from.deps.includes(to)) from.deps.push(to);
    }
    this.propagate();
  }

  get dialect(): DialectId {
    return this.catalog.dialect;
  }

  /** Whether the catalog has a function of this name (lower case, unqualified). */
  knowsFunction(name: string): boolean {
    return this.routinesByName.has(name);
  }

  /** The first overload of `name` not known to be read-only (any unsafe overload makes the name unsafe). */
  functionUse(name: string): UnsafeUse | undefined {
    return this.firstUnsafe(name, this.routinesByName.get(name), `${name}()`);
  }

  /** A relation named `name` (in any schema) that runs something unsafe when read. */
  relationUse(name: string): UnsafeUse | undefined {
    return this.firstUnsafe(name, this.relationsByName.get(name), name);
  }

  operatorUse(symbol: string): UnsafeUse | undefined {
    return this.firstUnsafe(symbol, this.operatorsByName.get(symbol), `operator ${symbol}`);
  }

  private firstUnsafe(name: string, keys: string[] | undefined, _shown: string): UnsafeUse | undefined {
    for (const key of keys ?? []) {
      const node = this.nodes.get(key)!;
      if (!node.reason && !node.unsafeVia) continue;
      const chain: GraphNode[] = [node];
      let at = node;
      while (at.unsafeVia && chain.length < 20) {
        at = this.nodes.get(at.unsafeVia)!;
        chain.push(at);
      }
      return { name, path: chain.map((n) => n.label).join(' → '), reason: at.reason ?? 'not known to be read-only' };
    }
    return undefined;
  }

  private routineNode(r: CatalogRoutine, allowed: ReadonlySet<string>): GraphNode {
    const name = r.name.toLowerCase();
    const label = `function ${r.schema}.${r.name}()`;
    const node: GraphNode = { label, deps: [] };
    const denied = deniedFunction(this.catalog.dialect, name);
    if (denied) return { ...node, reason: denied };
    if (allowed.has(name) || allowed.has(`${r.schema.toLowerCase()}.${name}`)) return { ...node, terminal: true };
    if (this.catalog.dialect === 'mysql') return this.mysqlRoutine(node, r);
    const compiled = r.language === 'c' || r.language === 'internal';
    if (r.builtin || (r.extension && compiled)) {
      if (r.volatility !== 'v' || VOLATILE_READS.has(name)) return { ...node, terminal: true };
      return { ...node, reason: `${r.name}() is a VOLATILE ${r.builtin ? 'built-in' : 'extension'} function that is not on the list of those known to only read` };
    }
    if (r.kind === 'a') return { ...node, deps: r.support.map(routineKey) };
    if (r.volatility === 'v')
      return { ...node, reason: `${r.name}() is declared VOLATILE, so PostgreSQL lets it write or have side effects (only IMMUTABLE or STABLE functions with a checkable body are known to be read-only)` };
    if (!CHECKABLE_LANGUAGES.has(r.language)) return { ...node, reason: `${r.name}() is written in ${r.language}, whose body cannot be checked` };
    const tokens = scanSql(r.body ?? '', 'postgres').tokens;
    if (r.language === 'plpgsql' && tokens.some((t) => t.type === 'word' && t.text.toLowerCase() === 'execute'))
      return { ...node, reason: `${r.name}() runs dynamic SQL (EXECUTE), which cannot be checked` };
    return { ...node, ...this.bodyDeps(tokens) };
  }

  /** A stored function: only its body counts, since the server does not enforce its declared flags. */
  private mysqlRoutine(node: GraphNode, r: CatalogRoutine): GraphNode {
    if (r.kind !== 'f') return { ...node, reason: `${r.name} is a stored procedure` };
    if (r.bodyHidden) return { ...node, reason: `the body of ${r.name}() is hidden from this user, so nothing shows it to be read-only` };
    const tokens = scanSql(r.body ?? '', 'mysql').tokens;
    const words = tokens.map((t) => (t.type === 'word' ? t.text.toLowerCase() : ''));
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      const next = tokens[k + 1];
      const isCall = next?.text === '(' && next.start === tokens[k]!.end;
      if (MYSQL_BODY_WRITES.has(w) && !isCall) return { ...node, reason: `${r.name}() contains ${w.toUpperCase()}, so it may write or change the session (its DETERMINISTIC / READS SQL DATA flags are not enforced by the server)` };
      if (w === 'replace' && !isCall) return { ...node, reason: `${r.name}() contains REPLACE, so it may write` };
      if (w === 'set' && next && (next.text.startsWith('@') || ['global', 'session', 'persist', 'persist_only'].includes(next.text.toLowerCase())))
        return { ...node, reason: `${r.name}() sets a session or global variable, which outlives the statement` };
    }
    if (tokens.some((t) => t.type === 'punct' && t.text === ':')) return { ...node, reason: `${r.name}() assigns variables (:=)` };
    return { ...node, ...this.bodyDeps(tokens) };
  }

  private relationNode(r: CatalogRelation): GraphNode {
    const kind = r.kind === 'v' ? 'view' : r.kind === 'm' ? 'materialized view' : 'table';
    const node: GraphNode = { label: `${kind} ${r.schema}.${r.name}`, deps: [] };
    if (r.bodyHidden) return { ...node, reason: `the definition of ${r.name} is hidden from this user (SHOW VIEW privilege), so nothing shows it to be read-only` };
    if (r.body === undefined) return node;
    return { ...node, ...this.bodyDeps(scanSql(r.body, this.catalog.dialect).tokens) };
  }

  /** Functions a body calls (by name, every overload) and relations it names; a denied call is unsafe at once. */
  private bodyDeps(tokens: Token[]): Pick<GraphNode, 'deps' | 'reason'> {
    const deps = new Set<string>();
    for (const called of calledNames(tokens)) {
      const denied = deniedFunction(this.catalog.dialect, called);
      if (denied) return { deps: [], reason: `it calls ${called}(), which ${denied}` };
      for (const k of this.routinesByName.get(called) ?? []) deps.add(k);
    }
    for (const t of tokens) {
      if (t.type !== 'word' && t.type !== 'quoted') continue;
      for (const k of this.relationsByName.get(t.text.toLowerCase()) ?? []) deps.add(k);
    }
    return { deps: [...deps] };
  }

  /** Marks everything that uses an unsafe node as unsafe, remembering through which node. */
  private propagate(): void {
    const users = new Map<string, string[]>();
    for (const [key, node] of this.nodes) for (const d of node.deps) push(users, d, key);
    const queue = [...this.nodes].filter(([, n]) => n.reason).map(([k]) => k);
    while (queue.length > 0) {
      const bad = queue.pop()!;
      for (const user of users.get(bad) ?? []) {
        const node = this.nodes.get(user)!;
        if (node.reason || node.unsafeVia || node.terminal) continue;
        node.unsafeVia = bad;
        queue.push(user);
      }
    }
  }
}

const routineKey = (id: string) => `f:${id}`;
const relationKey = (id: string) => `r:${id}`;

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const cache = new WeakMap<RoutineCatalog, Map<string, FunctionSafety>>();

/** One analysis per catalog and allow-list (the driver keeps the catalog until it changes). */
export function functionSafetyFor(catalog: RoutineCatalog, allowedFunctions: readonly string[] = []): FunctionSafety {
  const key = [...allowedFunctions].map((f) => f.toLowerCase()).sort().join(',');
  let byKey = cache.get(catalog);
  if (!byKey) cache.set(catalog, (byKey = new Map()));
  let safety = byKey.get(key);
  if (!safety) byKey.set(key, (safety = new FunctionSafety(catalog, allowedFunctions)));
  return safety;
}
