// The workspace inputs of the docs: `.schemawise/docs.yml` and `.schemawise/glossary.yml` under a
// workspace folder (or explicit paths), loaded with line-numbered errors.
import { join } from 'node:path';
import { DOCS_FILE, loadDocsFile, type DocsFile } from '../workspace/docs-file';
import { GLOSSARY_FILE, loadGlossaryFile, type GlossaryTerm } from '../workspace/glossary-file';

export interface DocsWorkspaceInputs {
  docsFile: DocsFile;
  glossary: GlossaryTerm[];
}

export async function loadDocsInputs(workspace: string, paths: { docsFile?: string; glossary?: string } = {}): Promise<DocsWorkspaceInputs> {
  const [docsFile, glossary] = await Promise.all([
    loadDocsFile(paths.docsFile ?? join(workspace, DOCS_FILE)),
    loadGlossaryFile(paths.glossary ?? join(workspace, GLOSSARY_FILE)),
  ]);
  return { docsFile, glossary };
}
