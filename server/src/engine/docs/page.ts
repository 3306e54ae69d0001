// A small document model for generated pages, serialized to Markdown (docs in Git) and to HTML (the
// static site) by two writers, so both formats carry the same content and the same escaping rules.

export type Inline =
  | { t: 'text'; s: string }
  | { t: 'code'; s: string }
  | { t: 'strong'; s: string }
  | { t: 'em'; s: string }
  /** Link to another generated page (path relative to the docs folder, without extension) and anchor. */
  | { t: 'link'; s: string; page: string; anchor?: string; code?: boolean };

export type Cell = Inline[];

export type Block =
  | { b: 'h'; level: number; content: Inline[]; id?: string }
  | { b: 'p'; content: Inline[] }
  | { b: 'table'; head: string[]; rows: Cell[][] }
  | { b: 'list'; items: Inline[][] }
  | { b: 'code'; text: string; lang: string }
  | { b: 'erd'; mermaid: string; tables: string[] };

export interface Page {
  /** Path relative to the docs folder, without extension ("index", "tables/public.customer"). */
  path: string;
  title: string;
  blocks: Block[];
}

export const text = (s: string): Inline => ({ t: 'text', s });
export const code = (s: string): Inline => ({ t: 'code', s });
export const strong = (s: string): Inline => ({ t: 'strong', s });
export const em = (s: string): Inline => ({ t: 'em', s });
export const link = (s: string, page: string, anchor?: string, asCode = false): Inline => ({ t: 'link', s, page, ...(anchor ? { anchor } : {}), ...(asCode ? { code: true } : {}) });

/** Inlines separated by a text separator. */
export function joined(parts: Inline[][], sep = ', '): Inline[] {
  const out: Inline[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(text(sep));
    out.push(...p);
  });
  return out;
}
