// `.schemawise/glossary.yml`: the team's business terms, committed to Git.
//
//   terms:
//     - term: Customer
//       definition: A person or company that has bought at least once.
//       synonyms: [client, buyer]
//       appliesTo: [public.customer, public.invoice.customer_id]
import { isMap, type Node as YamlNode } from 'yaml';
import { checkKeys, mapEntries, readYamlFile, scalarText, seqItems, textList, WorkspaceFileError, type YamlSource } from './yaml-file';

export const GLOSSARY_FILE = '.schemawise/glossary.yml';

export interface GlossaryTerm {
  term: string;
  definition?: string;
  synonyms: string[];
  /** "table", "schema.table" or "schema.table.column" (or "table.column"). */
  appliesTo: string[];
  /** "file:line" where the term is defined. */
  source: string;
}

export function glossaryFromYaml(src: YamlSource): GlossaryTerm[] {
  const top = mapEntries(src, src.root, 'the glossary file');
  checkKeys(src, top, ['terms'], 'the glossary file');
  const termsNode = top.find(([k]) => k === 'terms')?.[2];
  const seen = new Map<string, string>();
  return seqItems(src, termsNode, '"terms"').map((item: YamlNode) => {
    if (!isMap(item)) throw new WorkspaceFileError(`${src.where(item)}: each term must be a mapping with "term" and "definition"`);
    const entries = mapEntries(src, item, 'a term');
    checkKeys(src, entries, ['term', 'definition', 'synonyms', 'appliesTo'], 'a term');
    const get = (k: string) => entries.find(([name]) => name === k)?.[2];
    const term = scalarText(src, get('term'), '"term"')?.trim();
    if (!term) throw new WorkspaceFileError(`${src.where(item)}: a term needs a non-empty "term"`);
    const key = term.toLowerCase();
    if (seen.has(key)) throw new WorkspaceFileError(`${src.where(item)}: the term "${term}" is already defined at ${seen.get(key)}`);
    seen.set(key, src.where(item));
    const t: GlossaryTerm = {
      term,
      synonyms: textList(src, get('synonyms'), '"synonyms"'),
      appliesTo: textList(src, get('appliesTo'), '"appliesTo"'),
      source: src.where(item),
    };
    const definition = scalarText(src, get('definition'), '"definition"')?.trim();
    if (definition) t.definition = definition;
    return t;
  });
}

/** Loads the glossary file; a missing file is an empty glossary. */
export async function loadGlossaryFile(path: string): Promise<GlossaryTerm[]> {
  const src = await readYamlFile(path);
  return src ? glossaryFromYaml(src) : [];
}
