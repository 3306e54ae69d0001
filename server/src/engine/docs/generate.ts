// The docs generator: SchemaModel + docs.yml + glossary.yml → files (Markdown or HTML, plus
// schema.json for the drift check). Pure: no file system, no clock, so output is deterministic.
import type { SchemaModel } from '../schema/model';
import type { DocsFile } from '../workspace/docs-file';
import type { GlossaryTerm } from '../workspace/glossary-file';
import { buildGlossary } from './glossary';
import { pagesToHtmlSite, type ErdBundle } from './html-writer';
import { pageToMarkdown } from './markdown-writer';
import { applyOverrides } from './overrides';
import { buildPages } from './pages';
import { canonicalModel, serializeStructure, STRUCTURE_FILE } from './structure';

export type DocsFormat = 'markdown' | 'html';

export interface DocsInput {
  model: SchemaModel;
  docsFile?: DocsFile;
  glossary?: readonly GlossaryTerm[];
}

export interface GenerateOptions {
  format?: DocsFormat;
  /** Row estimates and sizes (default true). */
  stats?: boolean;
  /** The ERD webview bundle, embedded in the HTML site for the interactive diagram. */
  erdBundle?: ErdBundle;
}

export interface GeneratedFile {
  /** Relative to the output folder, with "/" separators. */
  path: string;
  content: string;
}

export interface GeneratedDocs {
  files: GeneratedFile[];
  /** Problems in docs.yml/glossary.yml that did not stop generation (names that match nothing). */
  warnings: string[];
  /** Relative path of the entry page. */
  index: string;
  /** "schema.table" → relative path of its page. */
  tablePages: Map<string, string>;
}

export function generateDocs(input: DocsInput, options: GenerateOptions = {}): GeneratedDocs {
  const format = options.format ?? 'markdown';
  const applied = applyOverrides(input.model, input.docsFile?.tables ?? []);
  const glossary = buildGlossary(applied.model, input.glossary ?? []);
  const pages = buildPages(applied.model, glossary, { stats: options.stats ?? true });
  const warnings = [...applied.warnings];
  for (const e of glossary.entries) for (const u of e.unresolved) warnings.push(`glossary term "${e.term}": appliesTo names nothing in this database: ${u}`);
  const structure: GeneratedFile = { path: STRUCTURE_FILE, content: serializeStructure(input.model, applied.descriptions) };
  const tablePages = new Map<string, string>();
  for (const p of pages) if (p.path.startsWith('tables/')) tablePages.set(p.title, p.path + (format === 'html' ? '' : '.md'));
  if (format === 'html') {
    const html = pagesToHtmlSite(pages, canonicalModel(applied.model), options.erdBundle);
    for (const [k, v] of tablePages) tablePages.set(k, `index.html#${v}`);
    return { files: [{ path: 'index.html', content: html }, structure], warnings, index: 'index.html', tablePages };
  }
  const files = pages.map((p) => ({ path: `${p.path}.md`, content: pageToMarkdown(p) }));
  files.push(structure);
  return { files, warnings, index: 'index.md', tablePages };
}
