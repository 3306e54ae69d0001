// ErdGraph → Mermaid `erDiagram` text (for Markdown docs, GitHub previews and the ERD's export).
// Mermaid accepts only word-like entity names and attribute types, so names are sanitized, made
// unique, and the real "schema.table" goes into an alias label when it differs.
import type { ErdEdge, ErdGraph, ErdNode } from './graph';

export interface MermaidOptions {
  /** Columns per entity (default: all). 0 draws bare entities, handy for big overviews. */
  maxColumns?: number;
  /** Entity alias labels (`id["schema.table"]`, Mermaid ≥ 11). Default true. */
  aliases?: boolean;
}

export function toMermaidErDiagram(graph: ErdGraph, options: MermaidOptions = {}): string {
  const names = entityNames(graph);
  const lines = ['erDiagram'];
  for (const n of graph.nodes) lines.push(...entity(n, names.get(n.id)!, options));
  for (const e of graph.edges) lines.push(relationship(e, names));
  return lines.join('\n') + '\n';
}

function entityNames(graph: ErdGraph): Map<string, string> {
  const qualify = graph.schemas.length > 1;
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const n of graph.nodes) {
    const base = word(qualify ? `${n.schema}__${n.name}` : n.name) || 'entity';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base}_${i}`;
    used.add(name.toLowerCase());
    names.set(n.id, name);
  }
  return names;
}

function entity(n: ErdNode, name: string, options: MermaidOptions): string[] {
  const label = options.aliases === false || name === n.name ? '' : `["${text(n.schema + '.' + n.name)}"]`;
  const columns = n.columns.slice(0, options.maxColumns ?? n.columns.length);
  if (columns.length === 0) return [`  ${name}${label} {`, '  }'];
  const rows = columns.map((c) => {
    const keys = [c.pk && 'PK', c.fk && 'FK', c.unique && 'UK'].filter(Boolean).join(', ');
    const note = [c.nullable ? 'nullable' : '', c.comment ?? ''].filter(Boolean).join('; ');
    return `    ${typeWord(c.type)} ${word(c.name) || 'column'}${keys ? ' ' + keys : ''}${note ? ` "${text(note)}"` : ''}`;
  });
  return [`  ${name}${label} {`, ...rows, '  }'];
}

/** Parent on the left: exactly one (or zero-or-one when optional); child: zero-or-more (or zero-or-one). */
function relationship(e: ErdEdge, names: Map<string, string>): string {
  const parent = e.optional ? '|o' : '||';
  const child = e.cardinality === 'one-to-one' ? 'o|' : 'o{';
  const line = e.identifying ? '--' : '..';
  const label = e.name || e.fromColumns.join(', ');
  return `  ${names.get(e.to)} ${parent}${line}${child} ${names.get(e.from)} : "${text(label)}"`;
}

function word(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z_]+/, (m) => (m ? '_' + m.replace(/-/g, '_') : m));
}

/**
 * Types: a word, optionally followed by a parenthesised part without commas or spaces. A schema
 * qualifier's dot becomes `_` (`public.mpaa_rating` → `public_mpaa_rating`, not `publicmpaa_rating`).
 */
function typeWord(type: string): string {
  const cleaned = type.trim().replace(/\s*([(),])\s*/g, '$1').replace(/[\s.]+/g, '_').replace(/,/g, '-').replace(/[^A-Za-z0-9_()[\]-]/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `t_${cleaned || 'unknown'}`;
}

function text(s: string): string {
  return s.replace(/"/g, "'").replace(/\s+/g, ' ').trim();
}
