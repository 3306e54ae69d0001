// Which application source files can hold SQL templates: by file extension (CLI, globs) and by the
// editor's language id (LSP), each mapped to how the TypeScript parser must read it (JSX or not).

export type HostKind = 'ts' | 'tsx' | 'js' | 'jsx';

const BY_EXTENSION: Record<string, HostKind> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
};

const BY_LANGUAGE_ID: Record<string, HostKind> = {
  typescript: 'ts',
  typescriptreact: 'tsx',
  javascript: 'js',
  javascriptreact: 'jsx',
};

/** Language ids of the editor documents whose templates the language server serves. */
export const HOST_LANGUAGE_IDS: readonly string[] = Object.keys(BY_LANGUAGE_ID);

/** File extensions (with the dot) that `schemawise check` scans for templates. */
export const HOST_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

export function hostKindOfPath(path: string): HostKind | undefined {
  const m = /(\.[A-Za-z]+)$/.exec(path);
  return m ? BY_EXTENSION[m[1]!.toLowerCase()] : undefined;
}

/** The host kind of an editor document: by language id, else by the extension of its uri. */
export function hostKindOfDocument(languageId: string, uri: string): HostKind | undefined {
  if (languageId === 'sql') return undefined;
  return BY_LANGUAGE_ID[languageId] ?? hostKindOfPath(uri.replace(/[?#].*$/, ''));
}
