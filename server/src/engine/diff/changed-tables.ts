// The tables and views a diff touches, as "schema.table": what the explorer marks as changed since
// the committed snapshot.
import { tableKey } from './normalize';
import type { SchemaDiff } from './types';

export function changedTables(diff: SchemaDiff): string[] {
  const keys = new Set<string>();
  for (const { change: c } of diff.changes) {
    if ('table' in c) keys.add(tableKey(c.table));
    else if ('view' in c) keys.add(tableKey(c.view));
    else if (c.kind === 'rename_table') keys.add(tableKey(c.to));
    else if (c.kind === 'set_comment' && c.target.type !== 'schema' && c.target.type !== 'type') keys.add(`${c.target.schema}.${c.target.name}`);
  }
  return [...keys].sort();
}
