// Where the team's shared workspace lives: `.schemawise/` at the root of the repository.
import { join } from 'node:path';

export const WORKSPACE_DIR = '.schemawise';

export const workspacePaths = (root: string) => ({
  dir: join(root, WORKSPACE_DIR),
  schemaDir: join(root, WORKSPACE_DIR, 'schema'),
  queriesDir: join(root, WORKSPACE_DIR, 'queries'),
  connections: join(root, WORKSPACE_DIR, 'connections.json'),
});

/** A file-name-safe snapshot name: letters, digits, `-`, `_`, `.` (no path separators, no leading dot). */
export function snapshotName(name: string): string {
  const safe = name.trim().replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '');
  if (!safe) throw new Error(`"${name}" cannot name a snapshot: use letters, digits, "-", "_" or "."`);
  return safe;
}

export function snapshotPath(root: string, name: string): string {
  return join(workspacePaths(root).schemaDir, `${snapshotName(name)}.json`);
}
