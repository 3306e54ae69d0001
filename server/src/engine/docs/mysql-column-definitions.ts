// MySQL/MariaDB can only set a column comment by restating the whole column (MODIFY COLUMN). The
// SchemaModel does not carry every attribute (ON UPDATE, CHARACTER SET, INVISIBLE …), so restating
// from it could silently change a column. The definitions come from SHOW CREATE TABLE instead,
// read on a read-only session; without them the emitter skips MySQL column comments.

export type ReadOnlyQuery = (sql: string) => Promise<{ rows: unknown[][] }>;

/** Column name → its definition in SHOW CREATE TABLE, without a COMMENT clause. */
export function parseShowCreateTable(ddl: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of ddl.split('\n')) {
    const m = /^\s+`((?:[^`]|``)+)`\s+(.*?),?$/.exec(raw);
    if (!m) continue;
    const name = m[1]!.replace(/``/g, '`');
    const definition = m[2]!.replace(/\s+COMMENT\s+'(?:[^'\\]|''|\\.)*'\s*$/i, '').trim();
    out.set(name, definition);
  }
  return out;
}

/** "schema.table.column" → definition, for the given tables (one SHOW CREATE TABLE each). */
export async function readMysqlColumnDefinitions(query: ReadOnlyQuery, tables: readonly { schema: string; name: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const q = (s: string) => '`' + s.replace(/`/g, '``') + '`';
  for (const t of tables) {
    const r = await query(`SHOW CREATE TABLE ${q(t.schema)}.${q(t.name)}`);
    const ddl = r.rows[0]?.[1];
    if (typeof ddl !== 'string') continue;
    for (const [c, d] of parseShowCreateTable(ddl)) out.set(`${t.schema}.${t.name}.${c}`, d);
  }
  return out;
}
