// Finds the built ERD webview bundle (dist/webview/erd.js + erd.css) for the HTML site. The callers
// (CLI, language server) pass the folders where their build puts it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErdBundle } from './html-writer';

export async function loadErdBundle(folders: readonly string[]): Promise<ErdBundle | undefined> {
  for (const dir of folders) {
    try {
      const [js, css] = await Promise.all([readFile(join(dir, 'erd.js'), 'utf8'), readFile(join(dir, 'erd.css'), 'utf8')]);
      return { js, css };
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
