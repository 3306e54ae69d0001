// One YAML loader for the team's `.schemawise/*.yml` files: parse errors and shape errors both name
// the file and the line, so a typo in a committed file is found without guessing.
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export class WorkspaceFileError extends Error {
  override readonly name = 'WorkspaceFileError';
}

/** A parsed YAML file with a way to turn any node into "file:line". */
export interface YamlSource {
  file: string;
  root: YamlNode | null;
  /** "file:line" of a node (or just the file when the node has no position). */
  where(node: YamlNode | null | undefined): string;
}

export function parseYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lines.linePos(first.pos[0]).line;
    // The yaml package's message quotes the offending text on later lines; keep its first line only.
    throw new WorkspaceFileError(`${file}:${line}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const where = (node: YamlNode | null | undefined) => (node?.range ? `${file}:${lines.linePos(node.range[0]).line}` : file);
  return { file, root: (doc.contents as YamlNode | null) ?? null, where };
}

/** Reads and parses a YAML file; a missing file is `undefined` (these files are optional). */
export async function readYamlFile(path: string): Promise<YamlSource | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new WorkspaceFileError(`cannot read ${path}: ${code ?? (e as Error).message}`);
  }
  return parseYaml(text, path);
}

/** Entries of a mapping node as [key text, key node, value node]. */
export function mapEntries(src: YamlSource, node: YamlNode | null | undefined, what: string): [string, YamlNode, YamlNode | null][] {
  if (node == null) return [];
  if (!isMap(node)) throw new WorkspaceFileError(`${src.where(node)}: ${what} must be a mapping (key: value)`);
  return node.items.map((pair) => {
    const key = pair.key as YamlNode | null;
    if (!isScalar(key) || key.value == null || typeof key.value === 'object')
      throw new WorkspaceFileError(`${src.where(key ?? node)}: keys of ${what} must be plain names`);
    return [String(key.value), key, (pair.value as YamlNode | null) ?? null];
  });
}

export function seqItems(src: YamlSource, node: YamlNode | null | undefined, what: string): YamlNode[] {
  if (node == null) return [];
  if (!isSeq(node)) throw new WorkspaceFileError(`${src.where(node)}: ${what} must be a list`);
  return node.items as YamlNode[];
}

/** A scalar as text (numbers and booleans too); anything else is an error naming the line. */
export function scalarText(src: YamlSource, node: YamlNode | null | undefined, what: string): string | undefined {
  if (node == null) return undefined;
  if (!isScalar(node)) throw new WorkspaceFileError(`${src.where(node)}: ${what} must be text, not a ${isSeq(node) ? 'list' : 'mapping'}`);
  return node.value == null ? undefined : String(node.value as string | number | boolean);
}

/** A list of texts; a single text is accepted as a one-item list. */
export function textList(src: YamlSource, node: YamlNode | null | undefined, what: string): string[] {
  if (node == null) return [];
  if (isScalar(node)) return node.value == null ? [] : [String(node.value as string)];
  return seqItems(src, node, what).map((n) => scalarText(src, n, `each item of ${what}`) ?? '').filter(Boolean);
}

export function checkKeys(src: YamlSource, entries: [string, YamlNode, YamlNode | null][], allowed: readonly string[], what: string): void {
  for (const [k, keyNode] of entries)
    if (!allowed.includes(k)) throw new WorkspaceFileError(`${src.where(keyNode)}: unknown key "${k}" in ${what} (expected ${allowed.join(', ')})`);
}
