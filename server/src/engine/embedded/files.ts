// The files `schemawise check` reads: paths, directories (walked) and globs (`src/**/*.ts`), expanded
// relative to a working directory into a sorted, duplicate-free list of .sql and TS/JS files.
// node_modules and dot-directories are never walked into.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { HOST_EXTENSIONS, hostKindOfPath } from './host-files';

export interface ExpandedInputs {
  /** Paths relative to cwd (as given when a plain file was named), sorted. */
  files: string[];
  /** Inputs that matched no file (a typo in CI must not pass as "no findings"). */
  unmatched: string[];
}

export function isCheckableFile(path: string): boolean {
  return /\.sql$/i.test(path) || hostKindOfPath(path) !== undefined;
}

export const CHECKABLE_EXTENSIONS: readonly string[] = ['.sql', ...HOST_EXTENSIONS];

export async function expandInputs(inputs: readonly string[], cwd: string): Promise<ExpandedInputs> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const input of inputs) {
    let matched = false;
    const add = (path: string) => {
      files.add(path);
      matched = true;
    };
    const info = await stat(resolve(cwd, input)).catch(() => undefined);
    if (info?.isFile()) {
      if (isCheckableFile(input)) add(toPosix(relative(cwd, resolve(cwd, input))) || input);
    } else if (info?.isDirectory()) for await (const f of walk(resolve(cwd, input))) add(toPosix(relative(cwd, f)));
    else {
      const { base, isGlob } = picomatch.scan(toPosix(input));
      if (isGlob) {
        const matches = picomatch(toPosix(input), { dot: false });
        for await (const f of walk(resolve(cwd, base || '.'))) {
          const rel = toPosix(relative(cwd, f));
          if (matches(rel) || matches(toPosix(f))) add(rel);
        }
      }
    }
    if (!matched) unmatched.push(input);
  }
  return { files: [...files].sort(), unmatched };
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile() && isCheckableFile(e.name)) yield path;
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}
