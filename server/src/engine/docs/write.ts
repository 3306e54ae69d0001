// Writing generated docs to a folder and reading back the recorded schema. Writes are idempotent:
// a file whose bytes are unchanged is not rewritten (its mtime stays), and pages the generator no
// longer produces (a dropped table) are removed from the folders the generator owns.
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { GeneratedFile } from './generate';
import { parseStructure, STRUCTURE_FILE, type DocsStructure } from './structure';

export class DocsOutputError extends Error {
  override readonly name = 'DocsOutputError';
}

/** Folders whose every .md/.html file is generated (stale ones are deleted). */
const OWNED_FOLDERS = ['tables', 'erd'];

/** How every generated table and ERD page begins (pages.ts). */
const GENERATED_PAGE = /^# (Table|View|Materialized view|Partitioned table|Foreign table|ERD of schema) `[^\n]*\n\n\[\u2190 Index\]\(\.\.\/index\.md\)/;

export interface WriteResult {
  written: number;
  unchanged: number;
  removed: number;
}

export async function writeDocs(outDir: string, files: readonly GeneratedFile[]): Promise<WriteResult> {
  await ensureFolder(outDir);
  // Stale pages are removed only from a folder Schemawise generated before (it has schema.json),
  // and only files that are recognisably generated pages: a user's own files are never deleted.
  const ours = await stat(join(outDir, STRUCTURE_FILE)).then(
    (s) => s.isFile(),
    () => false,
  );
  const result: WriteResult = { written: 0, unchanged: 0, removed: 0 };
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    const target = join(outDir, ...f.path.split('/'));
    await ensureFolder(dirname(target));
    const old = await readFile(target, 'utf8').catch(() => undefined);
    if (old === f.content) {
      result.unchanged++;
      continue;
    }
    try {
      await writeFile(target, f.content, 'utf8');
    } catch (e) {
      throw new DocsOutputError(`cannot write ${target}: ${code(e)}`);
    }
    result.written++;
  }
  for (const folder of ours ? OWNED_FOLDERS : []) {
    const names = await readdir(join(outDir, folder)).catch(() => [] as string[]);
    for (const n of names) {
      const rel = `${folder}/${n}`;
      if (!/\.md$/.test(n) || wanted.has(rel)) continue;
      const head = await readFile(join(outDir, folder, n), 'utf8').then((t) => t.slice(0, 400), () => '');
      if (!GENERATED_PAGE.test(head)) continue;
      await rm(join(outDir, folder, n), { force: true });
      result.removed++;
    }
  }
  return result;
}

async function ensureFolder(dir: string): Promise<void> {
  const s = await stat(dir).catch(() => undefined);
  if (s && !s.isDirectory()) throw new DocsOutputError(`the output folder ${dir} is a file, not a folder`);
  if (s) return;
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new DocsOutputError(`cannot create the output folder ${dir}: ${code(e)}`);
  }
}

/** The schema recorded with committed docs (<outDir>/schema.json). */
export async function readRecordedStructure(outDir: string): Promise<DocsStructure> {
  const path = join(outDir, STRUCTURE_FILE);
  const s = await stat(outDir).catch(() => undefined);
  if (s && !s.isDirectory()) throw new DocsOutputError(`the docs folder ${outDir} is a file, not a folder`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new DocsOutputError(`no recorded schema at ${path} (${code(e)}): generate the docs first with \`schemawise docs --out ${outDir}\``);
  }
  return parseStructure(text, path);
}

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}
