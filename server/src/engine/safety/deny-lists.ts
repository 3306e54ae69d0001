// Functions with side effects that a read-only transaction does not stop (signals to other
// sessions, files on the server, locks, sequences, configuration, other databases, sleeping),
// per dialect, each with the reason shown to the user. Exact names plus prefixes for families.
import type { DialectId } from '../schema/model';

interface DenyList {
  exact: ReadonlyMap<string, string>;
  prefixes: ReadonlyArray<readonly [prefix: string, reason: string]>;
}

const POSTGRES: DenyList = {
  exact: new Map([
    ['pg_terminate_backend', 'ends another session'],
    ['pg_cancel_backend', 'cancels another session’s query'],
    ['pg_reload_conf', 'reloads the server configuration'],
    ['pg_rotate_logfile', 'rotates the server log'],
    ['pg_promote', 'promotes a standby server'],
    ['pg_switch_wal', 'forces a WAL switch'],
    ['pg_create_restore_point', 'writes a WAL restore point'],
    ['pg_log_backend_memory_contexts', 'writes to the server log'],
    ['set_config', 'changes a server setting'],
    ['nextval', 'advances a sequence (not rolled back)'],
    ['setval', 'changes a sequence (not rolled back)'],
    ['txid_current', 'assigns a transaction id'],
    ['pg_current_xact_id', 'assigns a transaction id'],
    ['pg_notify', 'sends a notification to other sessions'],
    ['pg_read_file', 'reads a file on the database server'],
    ['pg_read_binary_file', 'reads a file on the database server'],
    ['pg_stat_file', 'inspects a file on the database server'],
    ['pg_file_write', 'writes a file on the database server'],
    ['pg_file_rename', 'renames a file on the database server'],
    ['pg_file_unlink', 'deletes a file on the database server'],
    ['pg_file_sync', 'syncs a file on the database server'],
    ['pg_import_system_collations', 'creates collations'],
    ['pg_logical_emit_message', 'writes to the WAL'],
    ['pg_prewarm', 'loads relations into memory (resource use)'],
    // These run SQL given as a string, which no parser can see into.
    ['query_to_xml', 'runs SQL given as a string, which the firewall cannot check'],
    ['query_to_xmlschema', 'runs SQL given as a string, which the firewall cannot check'],
    ['query_to_xml_and_xmlschema', 'runs SQL given as a string, which the firewall cannot check'],
    ['cursor_to_xml', 'reads from a cursor the firewall cannot check'],
    ['cursor_to_xmlschema', 'reads from a cursor the firewall cannot check'],
    ['cursor_to_xml_and_xmlschema', 'reads from a cursor the firewall cannot check'],
    ['ts_stat', 'runs SQL given as a string, which the firewall cannot check'],
    ['ts_rewrite', 'runs SQL given as a string (its two-argument form), which the firewall cannot check'],
    ['connectby', 'runs SQL given as a string (tablefunc), which the firewall cannot check'],
    ['normal_rand', 'is a tablefunc set-returning function the firewall does not vouch for'],
  ]),
  prefixes: [
    ['dblink', 'runs SQL on another connection, outside the read-only transaction'],
    ['crosstab', 'runs SQL given as a string (tablefunc), which the firewall cannot check'],
    ['table_to_xml', 'reads the relation named in its argument (a view runs its functions), which the firewall cannot check'],
    ['schema_to_xml', 'reads every relation of a schema (views run their functions), which the firewall cannot check'],
    ['database_to_xml', 'reads every relation of the database (views run their functions), which the firewall cannot check'],
    ['lo_', 'reads or changes large objects / server files'],
    ['lowrite', 'writes a large object'],
    ['pg_ls_', 'lists a directory on the database server'],
    ['pg_advisory_', 'takes or releases an advisory lock'],
    ['pg_try_advisory_', 'takes an advisory lock'],
    ['pg_stat_reset', 'resets statistics'],
    ['pg_stat_statements_reset', 'resets statistics'],
    ['pg_backup_', 'controls a backup'],
    ['pg_start_backup', 'controls a backup'],
    ['pg_stop_backup', 'controls a backup'],
    ['pg_wal_replay_', 'controls WAL replay'],
    ['pg_create_', 'creates a replication slot'],
    ['pg_drop_replication_slot', 'drops a replication slot'],
    ['pg_copy_', 'copies a replication slot'],
    ['pg_replication_', 'changes replication state'],
    ['pg_logical_slot_get_', 'consumes changes from a replication slot'],
  ],
};

const MYSQL: DenyList = {
  exact: new Map([
    ['get_lock', 'takes a named lock held by the session'],
    ['release_lock', 'releases a named lock'],
    ['release_all_locks', 'releases named locks'],
    ['load_file', 'reads a file on the database server'],
    ['sleep', 'ties up the connection (resource abuse)'],
    ['benchmark', 'burns server CPU (resource abuse)'],
    ['master_pos_wait', 'waits on replication'],
    ['source_pos_wait', 'waits on replication'],
    ['master_gtid_wait', 'waits on replication'],
    ['wait_for_executed_gtid_set', 'waits on replication'],
    ['wait_until_sql_thread_after_gtids', 'waits on replication'],
    ['nextval', 'advances a sequence (not rolled back)'],
    ['setval', 'changes a sequence (not rolled back)'],
    ['sys_exec', 'runs an operating-system command'],
    ['sys_eval', 'runs an operating-system command'],
  ]),
  prefixes: [],
};

const MSSQL: DenyList = {
  exact: new Map([
    ['openrowset', 'reads from another data source or a server file'],
    ['openquery', 'runs SQL on a linked server'],
    ['opendatasource', 'connects to another data source'],
  ]),
  prefixes: [
    ['xp_', 'extended stored procedure (operating-system access)'],
    ['sp_', 'system stored procedure'],
  ],
};

const LISTS: Record<DialectId, DenyList> = { postgres: POSTGRES, mysql: MYSQL, mssql: MSSQL };

/**
 * Functions that only wait. PostgreSQL's statement_timeout bounds them (so the list above allows
 * them), but a connection that cannot bound or interrupt a statement (PGlite, which runs inside the
 * language server's process) would hang the whole server until they return. MySQL's SLEEP is denied
 * everywhere already.
 */
const WAITS: Record<DialectId, ReadonlySet<string>> = {
  postgres: new Set(['pg_sleep', 'pg_sleep_for', 'pg_sleep_until']),
  mysql: new Set(),
  mssql: new Set(),
};

/** Whether `name` (lower case, unqualified) only waits, and so needs a server-side timeout to be safe. */
export function isWaitFunction(dialect: DialectId, name: string): boolean {
  return WAITS[dialect].has(name);
}

/** Why calling `name` (lower case, unqualified) is refused in read-only mode, or undefined. */
export function deniedFunction(dialect: DialectId, name: string): string | undefined {
  const list = LISTS[dialect];
  const exact = list.exact.get(name);
  if (exact) return exact;
  return list.prefixes.find(([p]) => name.startsWith(p))?.[1];
}
