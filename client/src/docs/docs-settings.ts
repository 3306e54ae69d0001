// The `schemawise.docs.*` settings, coerced (a bad value becomes the default, with a warning) and
// resolved against the workspace folder. No vscode import: unit-tested as is.
import { isAbsolute, join, normalize } from 'node:path';

export const DEFAULT_DOCS_FOLDER = 'docs/db';

export interface DocsSettings {
  /** Relative to the workspace folder (or absolute). */
  folder: string;
  format: 'markdown' | 'html';
  stats: boolean;
  warnings: string[];
}

export function docsSettingsFrom(raw: { folder?: unknown; format?: unknown; stats?: unknown }): DocsSettings {
  const warnings: string[] = [];
  let folder = DEFAULT_DOCS_FOLDER;
  if (typeof raw.folder === 'string' && raw.folder.trim()) folder = raw.folder.trim();
  else if (raw.folder !== undefined && raw.folder !== null) warnings.push(`schemawise.docs.folder must be a folder path; using "${DEFAULT_DOCS_FOLDER}"`);
  let format: DocsSettings['format'] = 'markdown';
  if (raw.format === 'markdown' || raw.format === 'html') format = raw.format;
  else if (raw.format !== undefined && raw.format !== null) warnings.push('schemawise.docs.format must be "markdown" or "html"; using "markdown"');
  const stats = typeof raw.stats === 'boolean' ? raw.stats : true;
  if (raw.stats !== undefined && raw.stats !== null && typeof raw.stats !== 'boolean') warnings.push('schemawise.docs.includeStats must be true or false; using true');
  return { folder, format, stats, warnings };
}

/** The docs folder as an absolute path: relative settings resolve against the workspace folder. */
export function resolveDocsFolder(folder: string, workspaceFolder: string): string {
  return normalize(isAbsolute(folder) ? folder : join(workspaceFolder, folder));
}
