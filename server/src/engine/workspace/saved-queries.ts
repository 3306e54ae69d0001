// Saved queries: `.schemawise/queries/**/*.sql`, shared in Git. The title is the first `-- ` comment
// line when there is one, else the file name.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface SavedQuery {
  /** Path relative to the queries folder, with "/" separators, e.g. "reports/top-films.sql". */
  name: string;
  title: string;
  path: string;
}

export async function listSavedQueries(queriesDir: string): Promise<SavedQuery[]> {
  const out: SavedQuery[] = [];
  await walk(queriesDir, queriesDir, out, 0);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function walk(root: string, dir: string, out: SavedQuery[], depth: number): Promise<void> {
  if (depth > 8) return;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.')) await walk(root, path, out, depth + 1);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.sql')) {
      const name = relative(root, path).split(sep).join('/');
      out.push({ name, title: queryTitle(await readFile(path, 'utf8').catch(() => ''), name), path });
    }
  }
}

export function queryTitle(text: string, fallback: string): string {
  for (const line of text.split('\n', 20)) {
    const t = line.trim();
    if (!t) continue;
    const m = /^--\s*(?!schemawise:)(.+)$/.exec(t);
    if (m) return m[1]!.trim();
    break;
  }
  return fallback.replace(/\.sql$/i, '');
}
